import { randomUUID } from 'node:crypto';
import { badInput, Caller, errors, requireCaseNumber, requireDate, requireText, today, type EntityManager } from '../kit/index.js';
import { DebtorRecord } from './entities/debtor-record.js';
import { DebtorStatus, PendingCaseStatus } from './entities/enums.js';
import { PendingCase } from './entities/pending-case.js';
import { PushAction } from './entities/push-action.js';
import type { PushActionInput } from './inputs.js';
import { effectiveStatus, illegalTransition } from './record.rules.js';

/** The debtor of a case that may still be pushed: on the list, or about to be listed. */
async function pushableDebtor(em: EntityManager, caseNumber: string): Promise<string> {
  const record = await em.findOne(DebtorRecord, { caseNumber });
  if (record) {
    const { status } = effectiveStatus(record);
    if (status !== DebtorStatus.ACTIVE && status !== DebtorStatus.UNDER_OBJECTION) throw illegalTransition(status, '再督促履行', 'pushed any more');
    return record.debtorUscc;
  }
  const pending = await em.findOne(PendingCase, { caseNumber });
  if (!pending) throw errors.notFound(`未找到案号为 ${caseNumber} 的在列或即将列入案件`, `no listed or about-to-be-listed case ${caseNumber}`);
  if (pending.status !== PendingCaseStatus.PENDING) {
    throw errors.conflict(`该案件已不在预警中（${pending.status}）`, `the case is no longer about to be listed (${pending.status})`);
  }
  return pending.debtorUscc;
}

/** 督促履行: 约谈、函告、通报、督办、现场督导 on a listed or about-to-be-listed case. */
export async function recordPushAction(em: EntityManager, input: PushActionInput, caller: Caller): Promise<PushAction> {
  const caseNumber = requireCaseNumber(input.caseNumber);
  await pushableDebtor(em, caseNumber);
  const on = today();
  const actedAt = input.actedAt ? requireDate(input.actedAt, 'actedAt') : on;
  if (actedAt > on) throw badInput('actedAt 不能晚于今天 (actedAt cannot be in the future)', { field: 'actedAt', rule: 'DATE_IN_FUTURE' });
  const action = em.create(PushAction, {
    id: randomUUID(),
    caseNumber,
    kind: input.kind,
    unit: requireText(input.unit, 'unit', 100),
    actedAt,
    note: input.note?.trim() ? requireText(input.note, 'note', 5000) : null,
    recordedBy: caller.id,
  });
  await em.flush();
  return action;
}

/** The pushed body's feedback (反馈), given once: by the body itself or by the supervisors. */
export async function recordPushFeedback(em: EntityManager, actionId: string, feedback: string, feedbackAt: string | null | undefined, caller: Caller): Promise<PushAction> {
  const action = await em.findOne(PushAction, { id: actionId });
  if (!action) throw errors.notFound(`未找到督促措施 ${actionId}`, `no push action ${actionId}`);
  const record = await em.findOne(DebtorRecord, { caseNumber: action.caseNumber }, { fields: ['debtorUscc'], disableIdentityMap: true });
  const debtorUscc = record?.debtorUscc ?? (await em.findOneOrFail(PendingCase, { caseNumber: action.caseNumber }, { fields: ['debtorUscc'], disableIdentityMap: true })).debtorUscc;
  caller.requireOwnUnit(debtorUscc, 'AUDITOR', 'COURT', 'ADMIN');
  if (action.feedback !== null) throw errors.conflict('该措施已有反馈', 'the measure has feedback already');
  const on = today();
  const at = feedbackAt ? requireDate(feedbackAt, 'feedbackAt') : on;
  if (at < action.actedAt || at > on) {
    throw badInput('反馈日期应在措施日期与今天之间 (feedbackAt must lie between the measure\'s date and today)', { field: 'feedbackAt', rule: 'DATE_RANGE' });
  }
  action.feedback = requireText(feedback, 'feedback', 5000);
  action.feedbackAt = at;
  await em.flush();
  return action;
}
