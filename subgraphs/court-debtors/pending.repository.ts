import type { FilterQuery } from '@mikro-orm/core';
import {
  Caller, chunked, errors, ImportResult, loadExisting, recordChanges, writeRows, requireRegionCode, today, type EntityManager, type PageWindow, regionCodeRange,
} from '../kit/index.js';
import { readCourtRows, readPendingCaseRow } from './record.rows.js';
import { DebtorRecord } from './entities/debtor-record.js';
import { GOVERNMENT_BODY_TYPES, PendingCaseOutcome, PendingCaseStatus } from './entities/enums.js';
import { PendingCase } from './entities/pending-case.js';
import type { PendingCaseFilter, PendingCaseInput } from './inputs.js';

/**
 * 即将列入: the court reports execution cases against bodies before it lists them, so the
 * body is warned and pushed first (seed 002 §四(一) "信息共享-预警反馈-实时退出-治理反馈").
 * Idempotent by case number; a case already on the list is stored as LISTED.
 */
export async function importPendingCases(em: EntityManager, rows: PendingCaseInput[]): Promise<ImportResult> {
  const result = new ImportResult();
  const on = today();
  const valid = readCourtRows(rows, result, readPendingCaseRow);
  if (valid.length === 0) return result;
  const byCase = new Map(valid.map(({ data }) => [data.caseNumber, data]));
  await em.transactional(async (tx) => {
    const listed = new Set<string>();
    const existing = await loadExisting(byCase.keys(), async (part) => {
      const found = await tx.find(PendingCase, { caseNumber: { $in: part } }, { fields: ['caseNumber', 'sourceDigest'], disableIdentityMap: true });
      for (const record of await tx.find(DebtorRecord, { caseNumber: { $in: part } }, { fields: ['caseNumber'], disableIdentityMap: true })) listed.add(record.caseNumber);
      return found;
    }, (found) => found.caseNumber);
    const inserts: Array<Partial<PendingCase>> = [];
    const updated: string[] = [];
    writeRows(tx as EntityManager, result, valid, existing, {
      keyOf: (data) => data.caseNumber,
      create: (data) => {
        const isListed = listed.has(data.caseNumber);
        inserts.push({ ...data, reportedAt: on, status: isListed ? PendingCaseStatus.LISTED : PendingCaseStatus.PENDING, closedAt: isListed ? on : null, updatedAt: new Date() });
      },
      same: (stored, data) => stored.sourceDigest === data.sourceDigest,
      update: (_, data) => void updated.push(data.caseNumber),
    });
    for (const caseNumber of updated) await tx.nativeUpdate(PendingCase, { caseNumber }, { ...byCase.get(caseNumber)!, updatedAt: new Date() });
    for (const chunk of chunked(inserts, 500)) await tx.insertMany(PendingCase, chunk);
    // Written around the unit of work: the feed entries go in the same transaction.
    const debtors = (ids: string[]) => ids.map((caseNumber) => byCase.get(caseNumber)!);
    await recordChanges(tx as EntityManager, [
      { entity: 'PendingCase', operation: 'create', ids: inserts.map((p) => p.caseNumber!), organizations: inserts.map((p) => p.debtorUscc), regions: inserts.map((p) => p.regionCode) },
      { entity: 'PendingCase', operation: 'update', ids: updated, organizations: debtors(updated).map((d) => d.debtorUscc), regions: debtors(updated).map((d) => d.regionCode) },
    ]);
  });
  return result;
}

/** A case that ended without a listing: performed, settled or withdrawn. */
export async function closePendingCase(em: EntityManager, caseNumber: string, outcome: PendingCaseOutcome): Promise<PendingCase> {
  const pending = await em.findOne(PendingCase, { caseNumber });
  if (!pending) throw errors.notFound(`未找到即将列入案件 ${caseNumber}`, `no about-to-be-listed case ${caseNumber}`);
  if (pending.status !== PendingCaseStatus.PENDING) {
    throw errors.conflict(`该案件已不在预警中（${pending.status}）`, `the case is no longer pending (${pending.status})`);
  }
  pending.status = { PERFORMED: PendingCaseStatus.PERFORMED, SETTLED: PendingCaseStatus.SETTLED, WITHDRAWN: PendingCaseStatus.WITHDRAWN }[outcome];
  pending.closedAt = today();
  await em.flush();
  return pending;
}

/** Auditors, courts and admins see every pending case; a unit its own. */
/** The warning list is not public: the courts, auditors and administrators see every case, a unit its own. */
export function canSeePending(caller: Caller, pending: Pick<PendingCase, 'debtorUscc'>): boolean {
  return caller.has('AUDITOR', 'COURT', 'ADMIN') || (caller.has('ORGANIZATION') && caller.uscc !== null && caller.uscc === pending.debtorUscc);
}

export async function findPendingPage(em: EntityManager, filter: PendingCaseFilter | null | undefined, window: PageWindow, caller: Caller): Promise<{ rows: PendingCase[]; total: number }> {
  const where: FilterQuery<PendingCase>[] = [{ status: PendingCaseStatus.PENDING }];
  if (!caller.has('AUDITOR', 'COURT', 'ADMIN')) where.push({ debtorUscc: caller.uscc ?? '' });
  if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
  if (filter?.governmentOnly !== false) where.push({ debtorType: { $in: [...GOVERNMENT_BODY_TYPES] } });
  const all: FilterQuery<PendingCase> = { $and: where };
  const page: FilterQuery<PendingCase> = window.afterKey === undefined ? all : { $and: [...where, { caseNumber: { $gt: String(window.afterKey) } }] };
  const [rows, total] = await Promise.all([em.find(PendingCase, page, { orderBy: { caseNumber: 'asc' }, limit: window.first + 1 }), em.count(PendingCase, all)]);
  return { rows, total };
}
