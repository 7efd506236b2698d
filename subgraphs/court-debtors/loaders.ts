import { DataLoader } from '../kit/dataloader.js';
import { findChunked, groupLoader, rowLoader, type EntityManager } from '../kit/index.js';
import { CreditRepair } from './entities/credit-repair.js';
import { DebtorRecord } from './entities/debtor-record.js';
import { PendingCaseStatus } from './entities/enums.js';
import { DebtorObjection } from './entities/objection.js';
import { PendingCase } from './entities/pending-case.js';
import { PushAction } from './entities/push-action.js';

/** The court-debtors subgraph's per-request loaders: each batch is one SQL statement. */
export function createLoaders(em: EntityManager) {
  return {
    record: rowLoader<string, DebtorRecord>((keys) => findChunked(keys, (part) => em.find(DebtorRecord, { caseNumber: { $in: part } })), (r) => r.caseNumber, { zh: '失信记录', en: 'debtor record' }),
    pending: rowLoader<string, PendingCase>((keys) => em.find(PendingCase, { caseNumber: { $in: [...keys] } }), (p) => p.caseNumber, { zh: '待列入案件', en: 'pending case' }),
    recordsByDebtor: groupLoader<string, DebtorRecord>(
      (keys) => findChunked(keys, (part) => em.find(DebtorRecord, { debtorUscc: { $in: part } }, { orderBy: { publishDate: 'desc', caseNumber: 'asc' } })),
      (r) => r.debtorUscc,
    ),
    pendingByDebtor: groupLoader<string, PendingCase>(
      (keys) => findChunked(keys, (part) => em.find(PendingCase, { debtorUscc: { $in: part }, status: PendingCaseStatus.PENDING }, { orderBy: { caseNumber: 'asc' } })),
      (p) => p.debtorUscc,
    ),
    actionsByCase: groupLoader<string, PushAction>(
      (keys) => findChunked(keys, (part) => em.find(PushAction, { caseNumber: { $in: part } }, { orderBy: { actedAt: 'asc', id: 'asc' } })),
      (a) => a.caseNumber,
    ),
    /** Whether a case has at least one push measure: for summaries, without loading the measures' text. */
    casePushed: new DataLoader<string, boolean>(async (keys) => {
      const pushed = new Set((await findChunked(keys, (part) => em.find(PushAction, { caseNumber: { $in: part } }, { fields: ['caseNumber'], disableIdentityMap: true }))).map((a) => a.caseNumber));
      return keys.map((key) => pushed.has(key));
    }),
    objectionsByCase: groupLoader<string, DebtorObjection>(
      (keys) => findChunked(keys, (part) => em.find(DebtorObjection, { caseNumber: { $in: part } }, { orderBy: { filedAt: 'asc', id: 'asc' } })),
      (o) => o.caseNumber,
    ),
    repairsByCase: groupLoader<string, CreditRepair>(
      (keys) => findChunked(keys, (part) => em.find(CreditRepair, { caseNumber: { $in: part } }, { orderBy: { appliedAt: 'asc', id: 'asc' } })),
      (r) => r.caseNumber,
    ),
  };
}

export type CourtDebtorLoaders = ReturnType<typeof createLoaders>;
