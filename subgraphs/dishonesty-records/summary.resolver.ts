import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { today, type SubgraphContext } from '../kit/index.js';
import { Organization } from './entities/federated.js';
import type { DishonestyLoaders } from './loaders.js';
import { overdueRectificationIds, summarizeDishonesty } from './summary.rules.js';

type Context = SubgraphContext<DishonestyLoaders>;

/** 单位政务失信记录概况: what the evaluation scores from (summary.rules.ts). Counts and ids only, the same for every caller. */
@ObjectType('DishonestySummary', {
  description: '单位自身政务失信记录概况：计入扣分的记录（已公开、在惩戒期内、未撤回；公职人员的记录不计入单位），对任何调用者都相同，评价子图据此扣分（赣州方案§四(二)3"按比例进行扣分"） (a body\'s own dishonesty records that count against its score: published, in term, not withdrawn; officials\' records are not the unit\'s; the same for every caller; the evaluation subgraph scores from it, seed 002 §四(二)3)',
})
export class DishonestySummary {
  @Field(() => String, { description: '统计日期 (the date the figures are as of)' })
  asOf!: string;

  @Field(() => Int, { description: '计入扣分的记录数 (records that count against the score)' })
  inForceRecords!: number;

  @Field(() => [String], { description: '计入扣分的记录标识，按标识排序 (their ids, in id order)' })
  inForceRecordIds!: string[];

  @Field(() => [String], { description: '其中严重失信的 (of them, serious)' })
  seriousRecordIds!: string[];

  @Field(() => [String], { description: '其中一般失信的 (of them, general)' })
  generalRecordIds!: string[];

  @Field(() => [String], { description: '其中轻微失信的 (of them, minor)' })
  minorRecordIds!: string[];

  @Field(() => [String], { description: '其中逾期未整改的：要求书面说明原因并限期整改而逾期未报告完成（黄石方案§四(八)） (of them, those with a rectification overdue: asked to explain in writing and rectify by a deadline, not reported done in time; seed 004 §四(八))' })
  overdueRectificationRecordIds!: string[];
}

@Resolver(() => Organization)
export class OrganizationDishonestySummaryResolver {
  // Nullable like every field a subgraph adds to another's entity: if this subgraph is down, the
  // organization still comes back (and the evaluation's read model refuses the partial inputs).
  @FieldResolver(() => DishonestySummary, {
    nullable: true,
    description: '单位自身政务失信记录概况（无参数，供评价子图使用；对任何调用者都相同，只有数目与标识） (the body\'s own dishonesty records that count against its score; argument-less, for the evaluation subgraph; the same for every caller, counts and ids only)',
  })
  async dishonestySummary(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<DishonestySummary> {
    const on = today();
    const records = await loaders.scoredRecordsByOrganization.load(organization.uscc);
    const figures = summarizeDishonesty(records, on);
    // The counted records' sanctions: one statement for every organization of the request.
    const sanctions = new Map(await Promise.all(figures.inForceRecordIds.map(async (id) => [id, await loaders.sanctionsByRecord.load(id)] as const)));
    const overdue = overdueRectificationIds(records, (id) => sanctions.get(id) ?? [], on);
    return { ...figures, inForceRecords: figures.inForceRecordIds.length, overdueRectificationRecordIds: overdue };
  }
}
