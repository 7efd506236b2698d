import type { FilterQuery } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/knex';
import {
  badInput, Caller, checkRows, CreditError, ImportResult, keepRegisteredOfficials, keepRows, loadExisting, mirroredBodies, regionCodeRange, requireDate, requireRegionCode, requireUsccShape, requireUsccList,
  findChunked, importTransaction, insertRows, recordChanges, today, usccProblem, type EntityManager, type OfficialRoster, type PageWindow,
} from '../kit/index.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import type { DishonestyRecordFilter, DishonestyRecordInput } from './inputs.js';
import { newRecordColumns, newRecordRowId, readRecordRow, recordKey, sameDecisionAs, type ReadRecordRow, type RecordData } from './record.rows.js';
import { deriveSanctions } from './sanction.repository.js';
import { sanctionsOfNewRecord } from './sanction.rules.js';
import { AppliedSanction } from './entities/applied-sanction.js';
import { PublicationStatus } from './entities/enums.js';
import { AUTHORITY_KINDS, kindsImportableBy, notRegisteredName, sameBodyName, unknownAuthority, visibleRecords } from './record.rules.js';

function changedKind(stored: string): Error {
  return new CreditError('CONFLICT', `该文号已登记为另一类别（${stored}）的决定，类别不能更改`, `this document number is on record as a decision of another kind (${stored}); a record's kind does not change`, { field: 'kind', rule: 'KIND_CHANGED' });
}

/**
 * New records and their sanctions (seed 004 §四(八) 联合惩戒: the catalogue's measures, applied today)
 * as multi-row INSERTs in `em`'s transaction, with their feed entries: an import of 100,000 new
 * decisions brings on some 450,000 sanctions, too many for the unit of work's per-entity cost. The
 * entries are the ones the subscriber would write (changes.ts): a published record's unit and region,
 * nothing of an unpublished one.
 */
async function insertNewRecords(em: EntityManager, fresh: readonly RecordData[], importedBy: string, on: string): Promise<void> {
  if (fresh.length === 0) return;
  const now = new Date();
  const records = fresh.map((data) => newRecordColumns(newRecordRowId(data), data, importedBy, now));
  const sanctions = records.flatMap((record) => sanctionsOfNewRecord(record, on, importedBy, () => newRecordRowId(record)).map((s) => ({ ...s, createdAt: now, updatedAt: now })));
  await insertRows(em, DishonestyRecord, records, () => {});
  await insertRows(em, AppliedSanction, sanctions, () => {});
  const published = new Map(records.filter((r) => r.publication === PublicationStatus.PUBLISHED).map((r) => [r.id, r]));
  const fed = sanctions.filter((s) => published.has(s.recordId));
  await recordChanges(em, [
    { entity: 'DishonestyRecord', operation: 'create', ids: [...published.keys()], organizations: [...published.values()].map((r) => r.organizationUscc), regions: [...published.values()].map((r) => r.regionCode) },
    { entity: 'AppliedSanction', operation: 'create', ids: fed.map((s) => s.id), organizations: fed.map((s) => published.get(s.recordId)!.organizationUscc), regions: fed.map((s) => published.get(s.recordId)!.regionCode) },
  ]);
}

/** The government dishonesty record: imports from the deciding systems and paged reads. */
export class DishonestyRecordRepository extends EntityRepository<DishonestyRecord> {
  /**
   * Creates or updates records by (authority USCC, document number), in one transaction. Rows
   * are checked one by one (kind allowed for the caller, the caller's own authority, formats,
   * dates), then against the registry's copy (the authority registered, under the name the row
   * gives, as a body that decides such records; an early pilot code only for a registered body),
   * then officials against the registry's roster (no ID-number oracle); a bad row is reported with its number, field and
   * rule and written not at all. A decision sent again unchanged is "unchanged".
   */
  async importRows(rows: DishonestyRecordInput[], context: { caller: Caller; roster: OfficialRoster }): Promise<ImportResult> {
    const { caller } = context;
    const result = new ImportResult();
    const on = today();
    const allowed = kindsImportableBy(caller);
    const read = checkRows(rows, result, (input) => readRecordRow(input, { caller, allowed, on }), sameDecisionAs);
    if (read.length === 0) return result;

    // What the registry knows: the authorities, and the subjects whose codes fail their check digits.
    const registered = await mirroredBodies(this.em, [...new Set(read.flatMap(({ data }) => [data.data.authorityUscc, ...data.pilotCodes.map((p) => p.uscc)]))]);
    const known = keepRows(read, result, ({ data: { data, pilotCodes } }) => {
      for (const pilot of pilotCodes) {
        // An early pilot code is a real body's only when the registry has registered it.
        if (!registered.has(pilot.uscc)) throw badInput(pilot.problem, { field: pilot.field, rule: usccProblem(pilot.uscc)?.rule ?? 'CHECK_DIGIT' });
      }
      const authority = registered.get(data.authorityUscc);
      if (!authority || !(AUTHORITY_KINDS[data.kind] as readonly string[]).includes(authority.kind)) throw unknownAuthority(data.kind);
      // The name is the registry's for that code: a unit publishing under its own USCC cannot sign as another body.
      if (!sameBodyName(data.authorityName, authority.name)) throw notRegisteredName();
    });
    // The official must be registered in the unit the row names (kit/official-roster.ts).
    const valid = await keepRegisteredOfficials(
      known,
      ({ data: { data } }) => (data.officialId ? { officialId: data.officialId, unitUscc: data.organizationUscc, field: 'idNumber' } : null),
      context,
      result,
    );
    for (const { row, data } of valid) {
      for (const pilot of data.pilotCodes) result.warn(row, `${pilot.problem}；机构编制库登记的早期试点代码，接收并标记 (a registered early pilot code: accepted and flagged)`, pilot.field, 'PILOT_CODE');
    }
    if (valid.length === 0) return result;

    const readRows = valid.map(({ row, data }: { row: number; data: ReadRecordRow }) => ({ row, data: data.data }));
    await importTransaction(this.em, result, async (em) => {
      // What is stored under each key, as plain columns: a re-sent decision is mostly unchanged, and
      // loading whole entities into the unit of work only to compare digests cost most of a re-import.
      // By (authority, document number) pairs, each a probe of the unique index: by document number
      // alone every batch read the whole table, and `authority IN … AND number IN …` probed every
      // combination (a SQLite test of 1,000 keys at 100,000 rows: 16 ms and 95 ms against 3 ms).
      const pairOf = new Map(readRows.map(({ data }) => [recordKey(data), [data.authorityUscc, data.documentNumber]]));
      const existing = await loadExisting<Pick<DishonestyRecord, 'id' | 'authorityUscc' | 'documentNumber' | 'kind' | 'sourceDigest'>>(
        pairOf.keys(),
        (part) => em.createQueryBuilder(DishonestyRecord).select(['id', 'authorityUscc', 'documentNumber', 'kind', 'sourceDigest'])
          .where(`(authority_uscc, document_number) in (${part.map(() => '(?, ?)').join(', ')})`, part.flatMap((key) => pairOf.get(key)!)).execute('all'),
        recordKey,
      );
      // A decision sent again is the same decision: its kind does not change, and only a caller who
      // may send that kind may send it again. Otherwise a role allowed another kind under the same
      // (authority, document number) could rewrite, re-subject or withdraw a record it did not send.
      const rowsToWrite = keepRows(readRows, result, ({ data }) => {
        const stored = existing.get(recordKey(data));
        if (stored && stored.kind !== data.kind) throw changedKind(stored.kind);
      });
      // Rows of one import name distinct decisions (sameDecisionAs), so each is new, unchanged or changed.
      const fresh: RecordData[] = [];
      const changed: Array<{ id: string; data: RecordData }> = [];
      for (const { data } of rowsToWrite) {
        const stored = existing.get(recordKey(data));
        if (!stored) fresh.push(data);
        else if (stored.sourceDigest === data.sourceDigest) result.unchanged++;
        else changed.push({ id: stored.id, data });
      }
      result.accepted += fresh.length;
      result.updated += changed.length;
      await insertNewRecords(em, fresh, caller.id, on);
      if (changed.length === 0) return;
      // A changed decision through the unit of work: its sanctions re-derived from what it now says
      // (seed 004 §四(八); those no longer reached undone, withdrawn: all undone), its feed entries
      // written by the subscriber (changes.ts), all in this transaction.
      const stored = new Map((await findChunked(changed.map((c) => c.id), (part) => em.find(DishonestyRecord, { id: { $in: part } }))).map((r) => [r.id, r]));
      const written = changed.map(({ id, data }) => em.assign(stored.get(id)!, { ...data, importedBy: caller.id }));
      await deriveSanctions(em, written, on, caller.id);
      await em.flush();
    });
    return result;
  }

  /** One page in id order (keyset), and how many match; what the caller may see only. */
  async findPage(filter: DishonestyRecordFilter | null | undefined, window: PageWindow, caller: Caller): Promise<{ rows: DishonestyRecord[]; total: number }> {
    const on = today();
    const where: Array<FilterQuery<DishonestyRecord>> = [visibleRecords(caller)];
    if (filter?.kind) where.push({ kind: filter.kind });
    if (filter?.subjectType) where.push({ subjectType: filter.subjectType });
    if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
    if (filter?.organizationUscc) where.push({ organizationUscc: requireUsccShape(filter.organizationUscc, 'filter.organizationUscc') });
    if (filter?.organizationUsccs) where.push({ organizationUscc: { $in: requireUsccList(filter.organizationUsccs, 'filter.organizationUsccs') } });
    if (filter?.authorityUscc) where.push({ authorityUscc: requireUsccShape(filter.authorityUscc, 'filter.authorityUscc') });
    if (filter?.publication) where.push({ publication: filter.publication });
    if (filter?.decidedFrom) where.push({ decisionDate: { $gte: requireDate(filter.decidedFrom, 'filter.decidedFrom') } });
    if (filter?.decidedTo) where.push({ decisionDate: { $lte: requireDate(filter.decidedTo, 'filter.decidedTo') } });
    // The SQL form of record.rules.ts inTerm.
    if (filter?.inTerm === true) where.push({ decisionDate: { $lte: on }, $or: [{ sanctionEndDate: null }, { sanctionEndDate: { $gte: on } }] });
    if (filter?.inTerm === false) where.push({ sanctionEndDate: { $lt: on } });
    const all: FilterQuery<DishonestyRecord> = { $and: where };
    const page: FilterQuery<DishonestyRecord> = window.afterKey === undefined ? all : { $and: [...where, { id: { $gt: String(window.afterKey) } }] };
    const [found, total] = await Promise.all([this.find(page, { orderBy: { id: 'asc' }, limit: window.first + 1 }), this.count(all)]);
    return { rows: found, total };
  }
}
