import { randomUUID } from 'node:crypto';
import { badInput, Caller, errors, requireText, today, type EntityManager } from '../kit/index.js';
import { CreditRepair } from './entities/credit-repair.js';
import { DebtorRecord } from './entities/debtor-record.js';
import { DebtorStatus, ExitReason, ObjectionDecision, ObjectionStatus, Performance, RepairStatus } from './entities/enums.js';
import { DebtorObjection } from './entities/objection.js';
import type { DebtorCorrectionInput } from './inputs.js';
import { parseAmountFen } from '../kit/money.js';
import { effectiveStatus, illegalTransition } from './record.rules.js';

/**
 * The debtor's remedies (seed 004 §四(九)): an objection suspends punishment while it is
 * examined; credit repair takes a record out of the count for good.
 */

async function recordOf(em: EntityManager, caseNumber: string): Promise<DebtorRecord> {
  return em.getRepository(DebtorRecord).getOrFail(caseNumber);
}

/** 异议: by the debtor unit itself (ORGANIZATION with its own USCC) or an AUDITOR. */
export async function fileObjection(em: EntityManager, caseNumber: string, reason: string, caller: Caller): Promise<DebtorObjection> {
  const record = await recordOf(em, caseNumber);
  caller.requireOwnUnit(record.debtorUscc, 'AUDITOR');
  const on = today();
  const { status } = effectiveStatus(record, on);
  if (status !== DebtorStatus.ACTIVE) throw illegalTransition(status, '提出异议（只对在列记录）', 'objected to (only a record on the list is)');
  const objection = em.create(DebtorObjection, {
    id: randomUUID(),
    caseNumber: record.caseNumber,
    filedByRole: caller.has('AUDITOR') ? 'AUDITOR' : 'ORGANIZATION',
    filerUscc: caller.has('AUDITOR') ? null : caller.uscc,
    filedBy: caller.id,
    reason: requireText(reason, 'reason', 5000),
    filedAt: on,
  });
  record.status = DebtorStatus.UNDER_OBJECTION;
  record.history = [...record.history, { status: DebtorStatus.UNDER_OBJECTION, reason: null, at: on, by: caller.id, note: '异议审查期间暂停惩戒 (punishment suspended while the objection is examined)' }];
  await em.flush();
  return objection;
}

function hasCorrection(correction: DebtorCorrectionInput | null | undefined): correction is DebtorCorrectionInput {
  return !!correction && Object.values(correction).some((value) => value !== null && value !== undefined);
}

/**
 * The court decides: CORRECT amends the record (it stays listed unless now fully performed),
 * REMOVE revokes the listing, REJECT puts the record back on the list.
 */
export async function decideObjection(
  em: EntityManager,
  objectionId: string,
  decision: ObjectionDecision,
  note: string,
  correction: DebtorCorrectionInput | null | undefined,
  caller: Caller,
): Promise<DebtorObjection> {
  const objection = await em.findOne(DebtorObjection, { id: objectionId });
  if (!objection) throw errors.notFound(`未找到异议 ${objectionId}`, `no objection ${objectionId}`);
  if (objection.status !== ObjectionStatus.PENDING) {
    throw errors.conflict(`该异议已处理（${objection.status}）`, `the objection has been settled already (${objection.status})`);
  }
  const decisionNote = requireText(note, 'note', 5000);
  if (decision === ObjectionDecision.CORRECT && !hasCorrection(correction)) {
    throw badInput('更正决定须给出更正内容 (a CORRECT decision needs the correction)', { field: 'correction', rule: 'REQUIRED' });
  }
  if (decision !== ObjectionDecision.CORRECT && hasCorrection(correction)) {
    throw badInput('只有更正决定可以附带更正内容 (only a CORRECT decision takes a correction)', { field: 'correction', rule: 'UNEXPECTED' });
  }
  const record = await recordOf(em, objection.caseNumber);
  if (record.status !== DebtorStatus.UNDER_OBJECTION) throw illegalTransition(record.status, '作异议决定', 'decided on');
  const on = today();
  let status = DebtorStatus.ACTIVE;
  let exitReason: ExitReason | null = null;
  if (decision === ObjectionDecision.CORRECT) {
    applyCorrection(record, correction!);
    if (record.performance === Performance.FULLY_PERFORMED) [status, exitReason] = [DebtorStatus.EXITED, ExitReason.PERFORMED];
  } else if (decision === ObjectionDecision.REMOVE) {
    [status, exitReason] = [DebtorStatus.EXITED, ExitReason.REVOKED];
  }
  record.status = status;
  record.exitReason = exitReason;
  record.exitedAt = exitReason ? on : null;
  record.history = [...record.history, { status, reason: exitReason, at: on, by: caller.id, note: decisionNote }];
  objection.status = { CORRECT: ObjectionStatus.CORRECTED, REMOVE: ObjectionStatus.REMOVED, REJECT: ObjectionStatus.REJECTED }[decision];
  objection.decidedAt = on;
  objection.decidedBy = caller.id;
  objection.decisionNote = decisionNote;
  await em.flush();
  return objection;
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

/** 信用修复申请: by the debtor unit, for a record on the list or already off it. */
export async function applyForRepair(em: EntityManager, caseNumber: string, measures: string, evidence: string | null | undefined, caller: Caller): Promise<CreditRepair> {
  const record = await recordOf(em, caseNumber);
  caller.requireOwnUnit(record.debtorUscc, 'ADMIN');
  const { status } = effectiveStatus(record);
  if (status !== DebtorStatus.ACTIVE && status !== DebtorStatus.EXITED) throw illegalTransition(status, '申请信用修复', 'repaired');
  const pending = await em.count(CreditRepair, { caseNumber: record.caseNumber, status: RepairStatus.PENDING });
  if (pending > 0) throw errors.conflict('该记录已有待审核的修复申请', 'the record already has a repair application under review');
  const application = em.create(CreditRepair, {
    id: randomUUID(),
    caseNumber: record.caseNumber,
    appliedBy: caller.id,
    measures: requireText(measures, 'measures', 5000),
    evidence: evidence?.trim() ? requireText(evidence, 'evidence', 5000) : null,
    appliedAt: today(),
  });
  await em.flush();
  return application;
}

/** The court (谁认定、谁修复) approves or rejects; approved, the record is REPAIRED. */
export async function decideRepair(em: EntityManager, applicationId: string, approve: boolean, note: string, caller: Caller): Promise<CreditRepair> {
  const application = await em.findOne(CreditRepair, { id: applicationId });
  if (!application) throw errors.notFound(`未找到修复申请 ${applicationId}`, `no repair application ${applicationId}`);
  if (application.status !== RepairStatus.PENDING) {
    throw errors.conflict(`该申请已处理（${application.status}）`, `the application has been decided already (${application.status})`);
  }
  const decisionNote = requireText(note, 'note', 5000);
  const on = today();
  if (approve) {
    const record = await recordOf(em, application.caseNumber);
    const current = effectiveStatus(record, on);
    if (current.status !== DebtorStatus.ACTIVE && current.status !== DebtorStatus.EXITED) throw illegalTransition(current.status, '修复', 'repaired');
    // Keep how it had left the list (a term that ran out is written down now).
    record.exitReason = current.exitReason;
    record.exitedAt = current.exitedAt;
    record.status = DebtorStatus.REPAIRED;
    record.repairedAt = on;
    record.history = [...record.history, { status: DebtorStatus.REPAIRED, reason: null, at: on, by: caller.id, note: decisionNote }];
  }
  application.status = approve ? RepairStatus.APPROVED : RepairStatus.REJECTED;
  application.decidedAt = on;
  application.decidedBy = caller.id;
  application.decisionNote = decisionNote;
  await em.flush();
  return application;
}
