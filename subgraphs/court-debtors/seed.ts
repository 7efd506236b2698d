import { tableRows, tableSeeder, type DemoRowOf, type Seeder, type TableRows } from '../kit/index.js';
import type { DebtorRecordInput, PendingCaseInput } from './inputs.js';
import { readCourtRow, readPendingCaseRow } from './record.rows.js';
import { CreditRepair } from './entities/credit-repair.js';
import { DebtorRecord } from './entities/debtor-record.js';
import type { DebtorStatus, ExitReason, ObjectionStatus, PendingCaseStatus, PushKind, RepairStatus } from './entities/enums.js';
import { DebtorObjection } from './entities/objection.js';
import { PendingCase } from './entities/pending-case.js';
import { PushAction } from './entities/push-action.js';
import { parseAmountFen } from '../kit/money.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');

/** The court lists' part of the demo world, as the seeder's caller hands it over. */
export interface CourtSeedRows {
  /** The day the courts' rows were read on (their listing terms run from it). */
  asOf: string;
  records: Array<DemoRowOf<DebtorRecord, 'exitedAt' | 'repairedAt'> & {
    row: DebtorRecordInput;
    status: string;
    exitReason: string | null;
    history: Array<{ status: string; reason: string | null; at: string; by: string; note: string | null }>;
    corrected: { unperformPart: string } | null;
  }>;
  pendingCases: Array<PendingCaseInput & DemoRowOf<PendingCase, 'reportedAt' | 'status' | 'closedAt', 'status'>>;
  pushActions: Array<DemoRowOf<PushAction, 'id' | 'caseNumber' | 'kind' | 'unit' | 'actedAt' | 'note' | 'feedback' | 'feedbackAt', 'kind'>>;
  objections: Array<DemoRowOf<DebtorObjection,
    'id' | 'caseNumber' | 'filedByRole' | 'filerUscc' | 'reason' | 'filedAt' | 'status' | 'decidedAt' | 'decisionNote', 'status'>>;
  repairs: Array<DemoRowOf<CreditRepair, 'id' | 'caseNumber' | 'measures' | 'evidence' | 'appliedAt' | 'status' | 'decidedAt' | 'decisionNote', 'status'>>;
}

/**
 * Seeds the court lists from the rows it is handed: the demo, or the province city by city.
 * Each record's columns come from its court row exactly as an import would derive them; the
 * states the courts decided since are laid over them.
 */
export const seed: Seeder<CourtSeedRows> = tableSeeder(courtTables);

function courtTables(demo: CourtSeedRows): TableRows[] {
  const records = demo.records.map((demoRecord) => {
    const { data } = readCourtRow(demoRecord.row, demo.asOf);
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
  const pending = demo.pendingCases.map((p) => ({
    ...readPendingCaseRow(p).data,
    reportedAt: p.reportedAt,
    status: p.status as PendingCaseStatus,
    closedAt: p.closedAt,
    updatedAt: EPOCH,
  }));
  const actions = demo.pushActions.map((a) => ({ ...a, kind: a.kind as PushKind, recordedBy: 'auditor-demo', createdAt: EPOCH }));
  const objections = demo.objections.map((o) => ({ ...o, status: o.status as ObjectionStatus, filedBy: 'org-demo', decidedBy: o.decidedAt ? 'court-demo' : null }));
  const repairs = demo.repairs.map((r) => ({ ...r, status: r.status as RepairStatus, appliedBy: 'org-demo', decidedBy: r.decidedAt ? 'court-demo' : null }));
  return [
    tableRows(DebtorRecord, 'court-debtors: records', records),
    tableRows(PendingCase, 'court-debtors: about to be listed', pending),
    tableRows(PushAction, 'court-debtors: push measures', actions),
    tableRows(DebtorObjection, 'court-debtors: objections', objections),
    tableRows(CreditRepair, 'court-debtors: credit repairs', repairs),
  ];
}
