import { findChunked, groupLoader, rowLoader, today, type EntityManager } from '../kit/index.js';
import { AppliedSanction } from './entities/applied-sanction.js';
import { DishonestyRepair } from './entities/credit-repair.js';
import { DishonestyObjection } from './entities/objection.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { scoredRecordsWhere } from './summary.rules.js';

const NEWEST_FIRST = { orderBy: { decisionDate: 'desc', id: 'asc' } } as const;

/** The dishonesty-records subgraph's per-request loaders: each batch is one SQL statement. */
export function createLoaders(em: EntityManager) {
  return {
    record: rowLoader<string, DishonestyRecord>((keys) => findChunked(keys, (part) => em.find(DishonestyRecord, { id: { $in: part } })), (r) => r.id, { zh: '政务失信记录', en: 'dishonesty record' }),
    /** A body's records and its officials' records, newest first. */
    recordsByOrganization: groupLoader<string, DishonestyRecord>((keys) => findChunked(keys, (part) => em.find(DishonestyRecord, { organizationUscc: { $in: part } }, NEWEST_FIRST)), (r) => r.organizationUscc),
    recordsByOfficial: groupLoader<string, DishonestyRecord>((keys) => findChunked(keys, (part) => em.find(DishonestyRecord, { officialId: { $in: part } }, NEWEST_FIRST)), (r) => r.officialId!),
    /** A record's applied sanctions: by day applied and measure, an undone one before the one applied again after it. */
    sanctionsByRecord: groupLoader<string, AppliedSanction>((keys) => findChunked(keys, (part) => em.find(AppliedSanction, { recordId: { $in: part } }, { orderBy: { appliedOn: 'asc', measureId: 'asc', createdAt: 'asc', id: 'asc' } })), (s) => s.recordId),
    objectionsByRecord: groupLoader<string, DishonestyObjection>((keys) => findChunked(keys, (part) => em.find(DishonestyObjection, { recordId: { $in: part } }, { orderBy: { filedAt: 'asc', id: 'asc' } })), (o) => o.recordId),
    repairsByRecord: groupLoader<string, DishonestyRepair>((keys) => findChunked(keys, (part) => em.find(DishonestyRepair, { recordId: { $in: part } }, { orderBy: { appliedAt: 'asc', id: 'asc' } })), (r) => r.recordId),
    /** A body's own published records within their term, by id: what its dishonesty summary counts from (summary.rules.ts). */
    scoredRecordsByOrganization: groupLoader<string, DishonestyRecord>((keys) => findChunked(keys, (part) => em.find(DishonestyRecord, scoredRecordsWhere(part, today()), { orderBy: { id: 'asc' } })), (r) => r.organizationUscc),
  };
}

export type DishonestyLoaders = ReturnType<typeof createLoaders>;
