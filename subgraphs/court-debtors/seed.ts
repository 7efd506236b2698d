import { buildDemoCourtDebtors, DEMO_AS_OF } from '../../scripts/demo-data/court-debtors.js';
import { insertInChunks, type Seeder } from '../kit/index.js';
import { readCourtRow, readPendingCaseRow } from './court-row.js';
import { CreditRepair } from './entities/credit-repair.js';
import { DebtorRecord } from './entities/debtor-record.js';
import type { DebtorStatus, ExitReason, ObjectionStatus, PendingCaseStatus, PushKind, RepairStatus } from './entities/enums.js';
import { DebtorObjection } from './entities/objection.js';
import { PendingCase } from './entities/pending-case.js';
import { PushAction } from './entities/push-action.js';
import { parseAmountFen } from './money.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');

/**
 * Seeds the demo court lists. Each record's columns come from its court row exactly as an
 * import would derive them; the states the courts decided since are laid over them.
 */
export const seed: Seeder = async (em, { progress }) => {
  const demo = buildDemoCourtDebtors();

  const records = demo.records.map((demoRecord) => {
    const { data } = readCourtRow(demoRecord.row, DEMO_AS_OF);
    const corrected = demoRecord.corrected ? { unperformedPart: demoRecord.corrected.unperformPart, unperformedFen: parseAmountFen(demoRecord.corrected.unperformPart) } : {};
    return {
      ...data,
      ...corrected,
      status: demoRecord.status as DebtorStatus,
      exitReason: demoRecord.exitReason as ExitReason | null,
      exitedAt: demoRecord.exitedAt,
      repairedAt: demoRecord.repairedAt,
      history: demoRecord.history.map((e) => ({ ...e, status: e.status as DebtorStatus, reason: e.reason as ExitReason | null })),
      updatedAt: EPOCH,
    };
  });
  await insertInChunks(em, DebtorRecord, records, progress.stage('court-debtors: records', records.length), 500);

  const pending = demo.pendingCases.map((p) => ({
    ...readPendingCaseRow(p).data,
    reportedAt: p.reportedAt,
    status: p.status as PendingCaseStatus,
    closedAt: p.closedAt,
    updatedAt: EPOCH,
  }));
  await insertInChunks(em, PendingCase, pending, progress.stage('court-debtors: about to be listed', pending.length));

  const actions = demo.pushActions.map((a) => ({ ...a, kind: a.kind as PushKind, recordedBy: 'auditor-demo', createdAt: EPOCH }));
  await insertInChunks(em, PushAction, actions, progress.stage('court-debtors: push measures', actions.length));

  const objections = demo.objections.map((o) => ({ ...o, status: o.status as ObjectionStatus, filedBy: 'org-demo', decidedBy: o.decidedAt ? 'court-demo' : null }));
  await insertInChunks(em, DebtorObjection, objections, progress.stage('court-debtors: objections', objections.length));

  const repairs = demo.repairs.map((r) => ({ ...r, status: r.status as RepairStatus, appliedBy: 'org-demo', decidedBy: r.decidedAt ? 'court-demo' : null }));
  await insertInChunks(em, CreditRepair, repairs, progress.stage('court-debtors: credit repairs', repairs.length));
};
