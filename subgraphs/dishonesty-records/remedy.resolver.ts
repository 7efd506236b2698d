import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../kit/index.js';
import { DishonestyRepair } from './entities/credit-repair.js';
import { DishonestyObjectionDecision } from './entities/enums.js';
import { DishonestyObjection } from './entities/objection.js';
import { DishonestyCorrectionInput } from './inputs.js';
import type { DishonestyLoaders } from './loaders.js';
import { REMEDY_DECIDER_ROLES } from './record.rules.js';
import { applyForRepair, decideObjection, decideRepair, fileObjection, pendingFor } from './remedy.repository.js';

type Context = SubgraphContext<DishonestyLoaders>;

@Resolver(() => DishonestyObjection)
export class DishonestyObjectionResolver {
  @Authorized('ORGANIZATION', 'AUDITOR', 'PERSONNEL')
  @Mutation(() => DishonestyObjection, {
    description: '对有效的政务失信记录提出异议：所涉单位（本单位代码）或审计角色；公职人员的记录由审计或组织人事角色代为提出；审查期间记录为 UNDER_OBJECTION，惩戒措施暂停（黄石方案§四(九)） (object to an ACTIVE dishonesty record: the unit itself or AUDITOR; for an official\'s record AUDITOR or PERSONNEL on the official\'s behalf; meanwhile it is UNDER_OBJECTION and its sanctions suspended, seed 004 §四(九))',
  })
  fileDishonestyObjection(
    @Arg('recordId', () => ID) recordId: string,
    @Arg('reason', () => String, { description: '异议理由（最多5000字） (grounds, up to 5000 characters)' }) reason: string,
    @Ctx() { em, caller }: Context,
  ): Promise<DishonestyObjection> {
    return fileObjection(em, recordId, reason, caller);
  }

  @Authorized(...REMEDY_DECIDER_ROLES)
  @Mutation(() => DishonestyObjection, {
    description: '异议审查决定，由作出记录的机关作出（谁认定、谁修复）：更正（重新确定惩戒措施）、删除（惩戒撤销）或驳回（恢复惩戒） (decide an objection, by the authority that decided the record: correct and re-derive the sanctions, remove and undo them, or reject and restore them)',
  })
  decideDishonestyObjection(
    @Arg('objectionId', () => ID) objectionId: string,
    @Arg('decision', () => DishonestyObjectionDecision) decision: DishonestyObjectionDecision,
    @Arg('note', () => String, { description: '审查意见 (reasons)' }) note: string,
    @Arg('correction', () => DishonestyCorrectionInput, { nullable: true, description: '更正内容，仅用于 CORRECT (the correction, for CORRECT only)' }) correction: DishonestyCorrectionInput | null,
    @Ctx() { em, caller }: Context,
  ): Promise<DishonestyObjection> {
    return decideObjection(em, objectionId, decision, note, correction, caller);
  }

  @Authorized(...REMEDY_DECIDER_ROLES)
  @Query(() => [DishonestyObjection], { description: '待本机关审查的异议，先提出的在前 (the pending objections the caller decides, oldest first)' })
  async pendingDishonestyObjections(@Ctx() { em, caller }: Context): Promise<DishonestyObjection[]> {
    return (await pendingFor(em, caller)).objections;
  }
}

@Resolver(() => DishonestyRepair)
export class DishonestyRepairResolver {
  @Authorized('ORGANIZATION', 'ADMIN', 'PERSONNEL')
  @Mutation(() => DishonestyRepair, {
    description: '申请信用修复：所涉单位（或管理角色代录）；公职人员的记录由组织人事或管理角色代为申请；须先报告整改完成（黄石方案§四(八)(九)） (apply for credit repair: the unit itself or ADMIN; for an official\'s record PERSONNEL or ADMIN; the rectification asked must be reported done first, seed 004 §四(八)(九))',
  })
  applyForDishonestyRepair(
    @Arg('recordId', () => ID) recordId: string,
    @Arg('measures', () => String, { description: '已纠正失信行为、消除不良影响的情况 (what was done to correct it)' }) measures: string,
    @Arg('evidence', () => String, { nullable: true, description: '佐证材料说明 (evidence)' }) evidence: string | null,
    @Ctx() { em, caller }: Context,
  ): Promise<DishonestyRepair> {
    return applyForRepair(em, recordId, measures, evidence, caller);
  }

  @Authorized(...REMEDY_DECIDER_ROLES)
  @Mutation(() => DishonestyRepair, { description: '审核信用修复申请，由作出记录的机关作出；通过后记录为 REPAIRED，惩戒措施解除 (decide a repair application, by the authority that decided the record; approved, the record is REPAIRED and its sanctions LIFTED)' })
  decideDishonestyRepair(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { description: '审核意见 (reasons)' }) note: string,
    @Ctx() { em, caller }: Context,
  ): Promise<DishonestyRepair> {
    return decideRepair(em, applicationId, approve, note, caller);
  }

  @Authorized(...REMEDY_DECIDER_ROLES)
  @Query(() => [DishonestyRepair], { description: '待本机关审核的信用修复申请，先申请的在前 (the pending repair applications the caller decides, oldest first)' })
  async pendingDishonestyRepairs(@Ctx() { em, caller }: Context): Promise<DishonestyRepair[]> {
    return (await pendingFor(em, caller)).repairs;
  }
}
