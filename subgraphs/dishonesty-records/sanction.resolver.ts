import { Arg, Authorized, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { today, type SubgraphContext } from '../kit/index.js';
import { AppliedSanction } from './entities/applied-sanction.js';
import { AppliedSanctionReason, AppliedSanctionState } from './entities/enums.js';
import type { DishonestyLoaders } from './loaders.js';
import { effectiveSanction, readsRectification, type EffectiveSanction } from './record.rules.js';
import { reportRectification } from './sanction.repository.js';
import { appliedMeasure, rectificationOverdue } from './sanction.rules.js';

type Context = SubgraphContext<DishonestyLoaders>;

/** A sanction's state today, its record's term read lazily (record.rules.ts effectiveSanction). */
async function effectiveToday(sanction: AppliedSanction, { loaders }: Context): Promise<EffectiveSanction> {
  const record = await loaders.record.load(sanction.recordId);
  return effectiveSanction(sanction, record, today());
}

/** An applied sanction's fields that depend on the day: reached only through its record (record.resolver.ts `sanctions`), whose visibility it has. */
@Resolver(() => AppliedSanction)
export class AppliedSanctionResolver {
  // The measure's wording, from the catalogue version it was applied under (entities/applied-sanction.ts).
  @FieldResolver(() => String, { description: '措施 (the measure, in Chinese)' })
  measureZh(@Root() sanction: AppliedSanction): string {
    return appliedMeasure(sanction).zh;
  }

  @FieldResolver(() => String, { description: '措施（英文） (the measure, in English)' })
  measureEn(@Root() sanction: AppliedSanction): string {
    return appliedMeasure(sanction).en;
  }

  @FieldResolver(() => String, { description: '依据 (basis: seed and paragraph)' })
  basis(@Root() sanction: AppliedSanction): string {
    return appliedMeasure(sanction).basis;
  }

  @FieldResolver(() => String, { description: '实施单位 (who applies it)' })
  appliedBy(@Root() sanction: AppliedSanction): string {
    return appliedMeasure(sanction).appliedBy;
  }

  @FieldResolver(() => AppliedSanctionState, { description: '今天的状态；惩戒期满的自期满次日起为 LIFTED（TERM_ENDED） (the state today; LIFTED with TERM_ENDED from the day after the term ends)' })
  async state(@Root() sanction: AppliedSanction, @Ctx() context: Context): Promise<AppliedSanctionState> {
    return (await effectiveToday(sanction, context)).state as AppliedSanctionState;
  }

  @FieldResolver(() => AppliedSanctionReason, { description: '处于该状态的原因 (why it is in that state)' })
  async reason(@Root() sanction: AppliedSanction, @Ctx() context: Context): Promise<AppliedSanctionReason> {
    return (await effectiveToday(sanction, context)).reason as AppliedSanctionReason;
  }

  @FieldResolver(() => DishonestyRectification, { nullable: true, description: '书面说明原因并限期整改；措施不要求整改的为 null (the rectification it asks for; null when none)' })
  async rectification(@Root() sanction: AppliedSanction, @Ctx() context: Context): Promise<DishonestyRectification | null> {
    if (sanction.rectificationDueDate === null) return null;
    const record = await context.loaders.record.load(sanction.recordId);
    const on = today();
    const { state } = effectiveSanction(sanction, record, on);
    return {
      dueDate: sanction.rectificationDueDate,
      explanation: readsRectification(context.caller, record) ? sanction.rectificationExplanation : null,
      reportedAt: sanction.rectificationReportedAt,
      overdue: rectificationOverdue({ dueDate: sanction.rectificationDueDate, completedAt: sanction.rectificationReportedAt }, state, on),
    };
  }

  @FieldResolver(() => String, { description: '处于该状态的起始日 YYYY-MM-DD (in that state since)' })
  async since(@Root() sanction: AppliedSanction, @Ctx() context: Context): Promise<string> {
    return (await effectiveToday(sanction, context)).since;
  }

  @Authorized('ORGANIZATION', 'AUDITOR')
  @Mutation(() => AppliedSanction, {
    description: '所涉单位书面说明失信原因并报告整改完成（黄石方案§四(八)"对具体失信情况书面说明原因并限期加以整改"）；审计角色可代为登记；只对执行中、要求整改且尚未报告的措施 (the unit explains the breach in writing and reports the rectification done, seed 004 §四(八); AUDITOR may record it on the unit\'s behalf; only for a measure in force that asks for rectification and has none reported)',
  })
  reportDishonestyRectification(
    @Arg('sanctionId', () => ID) sanctionId: string,
    @Arg('explanation', () => String, { description: '书面说明原因及整改情况（最多5000字） (the written explanation and what was done, up to 5000 characters)' }) explanation: string,
    @Ctx() { em, caller }: Context,
  ): Promise<AppliedSanction> {
    return reportRectification(em, sanctionId, explanation, caller);
  }
}

/** Seed 004 §四(八) "对具体失信情况书面说明原因并限期加以整改": what a measure asking for rectification asks, and what the unit reported. */
@ObjectType('DishonestyRectification', { description: '书面说明原因并限期整改（黄石方案§四(八)） (written explanation and rectification by a deadline; seed 004 §四(八))' })
export class DishonestyRectification {
  @Field(() => String, { description: '整改期限 YYYY-MM-DD（实施之日起算） (due date, counted from the day the measure was applied)' })
  dueDate!: string;

  @Field(() => String, { nullable: true, description: '书面说明及整改情况；仅所涉单位、作出机关与审计、管理、组织人事角色可见 (the written explanation and rectification report: the unit, the deciding authority, AUDITOR, ADMIN and PERSONNEL only)' })
  explanation!: string | null;

  @Field(() => String, { nullable: true, description: '报告整改完成的日期 (the day the rectification was reported done)' })
  reportedAt!: string | null;

  @Field(() => Boolean, { description: '逾期未整改：已过期限、未报告完成，且措施在执行中 (overdue: past due, not reported, and the measure binds)' })
  overdue!: boolean;
}
