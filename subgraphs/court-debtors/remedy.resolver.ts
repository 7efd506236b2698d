import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireCaseNumber, type SubgraphContext } from '../kit/index.js';
import { CreditRepair } from './entities/credit-repair.js';
import { ObjectionDecision } from './entities/enums.js';
import { DebtorObjection } from './entities/objection.js';
import { DebtorCorrectionInput } from './inputs.js';
import type { CourtDebtorLoaders } from './loaders.js';
import { applyForRepair, decideObjection, decideRepair, fileObjection } from './remedy.repository.js';

type Context = SubgraphContext<CourtDebtorLoaders>;

@Resolver(() => DebtorObjection)
export class DebtorObjectionResolver {
  @Authorized('ORGANIZATION', 'AUDITOR')
  @Mutation(() => DebtorObjection, { description: '对在列记录提出异议：被执行单位（本单位代码）或审计角色；审查期间记录为 UNDER_OBJECTION，暂停惩戒 (object to a record on the list: the debtor unit itself or an AUDITOR; meanwhile it is UNDER_OBJECTION and costs nothing)' })
  fileDebtorObjection(
    @Arg('caseNumber', () => String) caseNumber: string,
    @Arg('reason', () => String, { description: '异议理由 (grounds)' }) reason: string,
    @Ctx() { em, caller }: Context,
  ): Promise<DebtorObjection> {
    return fileObjection(em, requireCaseNumber(caseNumber), reason, caller);
  }

  @Authorized('COURT', 'ADMIN')
  @Mutation(() => DebtorObjection, { description: '异议审查决定（法院）：更正、删除（撤销纳入）或驳回（恢复在列） (decide an objection: correct, revoke the listing, or reject; COURT)' })
  decideDebtorObjection(
    @Arg('objectionId', () => ID) objectionId: string,
    @Arg('decision', () => ObjectionDecision) decision: ObjectionDecision,
    @Arg('note', () => String, { description: '审查意见 (reasons)' }) note: string,
    @Arg('correction', () => DebtorCorrectionInput, { nullable: true, description: '更正内容，仅用于 CORRECT (the correction, for CORRECT only)' }) correction: DebtorCorrectionInput | null,
    @Ctx() { em, caller }: Context,
  ): Promise<DebtorObjection> {
    return decideObjection(em, objectionId, decision, note, correction, caller);
  }
}

@Resolver(() => CreditRepair)
export class CreditRepairResolver {
  @Authorized('ORGANIZATION', 'ADMIN')
  @Mutation(() => CreditRepair, { description: '被执行单位申请信用修复（在列或已退出的记录） (the debtor unit applies for credit repair of a record on or off the list)' })
  applyForCreditRepair(
    @Arg('caseNumber', () => String) caseNumber: string,
    @Arg('measures', () => String, { description: '已纠正失信行为、消除不良影响的情况 (what was done to correct it)' }) measures: string,
    @Arg('evidence', () => String, { nullable: true, description: '佐证材料说明 (evidence)' }) evidence: string | null,
    @Ctx() { em, caller }: Context,
  ): Promise<CreditRepair> {
    return applyForRepair(em, requireCaseNumber(caseNumber), measures, evidence, caller);
  }

  @Authorized('COURT', 'ADMIN')
  @Mutation(() => CreditRepair, { description: '审核信用修复申请（法院）；通过后记录为 REPAIRED，不再计入 (decide a repair application; approved, the record is REPAIRED and stops counting)' })
  decideCreditRepair(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('note', () => String, { description: '审核意见 (reasons)' }) note: string,
    @Ctx() { em, caller }: Context,
  ): Promise<CreditRepair> {
    return decideRepair(em, applicationId, approve, note, caller);
  }
}
