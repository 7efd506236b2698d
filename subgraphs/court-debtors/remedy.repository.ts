import { badInput, Caller, requireText, type EntityManager, type ObjectionVerdict, type RemedyTarget } from '../kit/index.js';
import * as remedies from '../kit/remedies.js';
import { CreditRepair } from './entities/credit-repair.js';
import { DebtorRecord } from './entities/debtor-record.js';
import { DebtorStatus, ExitReason, ObjectionDecision, Performance } from './entities/enums.js';
import { DebtorObjection } from './entities/objection.js';
import type { DebtorCorrectionInput } from './inputs.js';
import { parseAmountFen } from '../kit/money.js';
import { effectiveStatus, illegalTransition } from './record.rules.js';

/**
 * The debtor's remedies (seed 004 §四(九)) in the kit's model shared by every government credit
 * record (`subgraphs/kit/remedies.ts`): an objection suspends punishment while it is examined;
 * credit repair takes a record out of the count for good. Here: what each step does to a court
 * record.
 */

async function recordOf(em: EntityManager, caseNumber: string): Promise<DebtorRecord> {
  return em.getRepository(DebtorRecord).getOrFail(caseNumber);
}

function hasCorrection(correction: DebtorCorrectionInput | null | undefined): correction is DebtorCorrectionInput {
  return !!correction && Object.values(correction).some((value) => value !== null && value !== undefined);
}

/** A court record as the kit's remedies see it; `correction` is the court's amendment for CORRECT. */
function debtorTarget(record: DebtorRecord, correction?: DebtorCorrectionInput | null): RemedyTarget {
  const note = (status: DebtorStatus, reason: ExitReason | null, on: string, by: string, text: string | null) => {
    record.history = [...record.history, { status, reason, at: on, by, note: text }];
  };
  return {
    ownerUscc: record.debtorUscc,
    objectionRefused(on) {
      const { status } = effectiveStatus(record, on);
      return status === DebtorStatus.ACTIVE ? null : illegalTransition(status, '提出异议（只对在列记录）', 'objected to (only a record on the list is)');
    },
    suspend(on, by) {
      record.status = DebtorStatus.UNDER_OBJECTION;
      note(DebtorStatus.UNDER_OBJECTION, null, on, by, '异议审查期间暂停惩戒 (punishment suspended while the objection is examined)');
    },
    // CORRECT amends the record (it stays listed unless now fully performed), REMOVE revokes the
    // listing, REJECT puts the record back on the list.
    settle(verdict: ObjectionVerdict, on, by, decisionNote) {
      if (verdict === 'CORRECT' && !hasCorrection(correction)) {
        throw badInput('更正决定须给出更正内容 (a CORRECT decision needs the correction)', { field: 'correction', rule: 'REQUIRED' });
      }
      if (verdict !== 'CORRECT' && hasCorrection(correction)) {
        throw badInput('只有更正决定可以附带更正内容 (only a CORRECT decision takes a correction)', { field: 'correction', rule: 'UNEXPECTED' });
      }
      if (record.status !== DebtorStatus.UNDER_OBJECTION) throw illegalTransition(record.status, '作异议决定', 'decided on');
      let status = DebtorStatus.ACTIVE;
      let exitReason: ExitReason | null = null;
      if (verdict === 'CORRECT') {
        applyCorrection(record, correction!);
        if (record.performance === Performance.FULLY_PERFORMED) [status, exitReason] = [DebtorStatus.EXITED, ExitReason.PERFORMED];
      } else if (verdict === 'REMOVE') {
        [status, exitReason] = [DebtorStatus.EXITED, ExitReason.REVOKED];
      }
      record.status = status;
      record.exitReason = exitReason;
      record.exitedAt = exitReason ? on : null;
      note(status, exitReason, on, by, decisionNote);
    },
    repairRefused(on) {
      const { status } = effectiveStatus(record, on);
      return status === DebtorStatus.ACTIVE || status === DebtorStatus.EXITED ? null : illegalTransition(status, '修复', 'repaired');
    },
    repair(on, by, decisionNote) {
      // Keep how it had left the list (a term that ran out is written down now).
      const current = effectiveStatus(record, on);
      record.exitReason = current.exitReason;
      record.exitedAt = current.exitedAt;
      record.status = DebtorStatus.REPAIRED;
      record.repairedAt = on;
      note(DebtorStatus.REPAIRED, null, on, by, decisionNote);
    },
  };
}

function applyCorrection(record: DebtorRecord, correction: DebtorCorrectionInput): void {
  if (correction.debtorName != null) record.debtorName = requireText(correction.debtorName, 'correction.debtorName', 200);
  if (correction.obligation != null) record.obligation = requireText(correction.obligation, 'correction.obligation', 5000);
  if (correction.performance != null) record.performance = correction.performance;
  if (correction.performedPart != null) {
    record.performedPart = requireText(correction.performedPart, 'correction.performedPart', 2000);
    record.performedFen = parseAmountFen(record.performedPart);
  }
  if (correction.unperformedPart != null) {
    record.unperformedPart = requireText(correction.unperformedPart, 'correction.unperformedPart', 2000);
    record.unperformedFen = parseAmountFen(record.unperformedPart);
  }
}

/** 异议: by the debtor unit itself (ORGANIZATION with its own USCC) or an AUDITOR; only a record on the list. */
export async function fileObjection(em: EntityManager, caseNumber: string, reason: string, caller: Caller): Promise<DebtorObjection> {
  const record = await recordOf(em, caseNumber);
  return remedies.fileObjection(em, DebtorObjection, { caseNumber: record.caseNumber }, debtorTarget(record), reason, caller);
}

/** The court decides: correct, remove (revoke the listing) or reject. */
export async function decideObjection(
  em: EntityManager,
  objectionId: string,
  decision: ObjectionDecision,
  note: string,
  correction: DebtorCorrectionInput | null | undefined,
  caller: Caller,
): Promise<DebtorObjection> {
  return remedies.decideObjection(em, DebtorObjection, objectionId, decision, note, caller, async (objection) =>
    debtorTarget(await recordOf(em, objection.caseNumber), correction),
  );
}

/** 信用修复申请: by the debtor unit, for a record on the list or already off it. */
export async function applyForRepair(em: EntityManager, caseNumber: string, measures: string, evidence: string | null | undefined, caller: Caller): Promise<CreditRepair> {
  const record = await recordOf(em, caseNumber);
  return remedies.applyForRepair(em, CreditRepair, { caseNumber: record.caseNumber }, debtorTarget(record), measures, evidence, caller);
}

/** The court (谁认定、谁修复) approves or rejects; approved, the record is REPAIRED. */
export async function decideRepair(em: EntityManager, applicationId: string, approve: boolean, note: string, caller: Caller): Promise<CreditRepair> {
  return remedies.decideRepair(em, CreditRepair, applicationId, approve, note, caller, async (application) => debtorTarget(await recordOf(em, application.caseNumber)));
}
