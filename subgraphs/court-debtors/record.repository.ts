import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput, Caller, chunked, mirroredUsccsWhere, OrganizationKind, errors, importTransaction, ImportResult, loadExisting, recordChanges, writeRows, requireDate, requireRegionCode, requireUsccShape, requireUsccList, today, type EntityManager, type PageWindow, regionCodeRange,
} from '../kit/index.js';
import { readCourtRow, readCourtRows, type RecordData } from './record.rows.js';
import { DebtorRecord, type StatusEvent } from './entities/debtor-record.js';
import { DebtorObjection } from './entities/objection.js';
import { PendingCase } from './entities/pending-case.js';
import { DebtorStatus, ExitReason, GOVERNMENT_BODY_TYPES, ObjectionStatus, PendingCaseStatus, Performance } from './entities/enums.js';
import type { DebtorRecordFilter, DebtorRecordInput } from './inputs.js';
import { effectiveStatus, illegalTransition, statusWhere, visibleRecords } from './record.rules.js';

/** Rows per multi-row INSERT: ~30 columns each stays far below SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;

function event(status: DebtorStatus, at: string, by: string, note: string | null, reason: ExitReason | null = null): StatusEvent {
  return { status, reason, at, by, note };
}

/** Closes a pending objection when its record leaves the list for another reason. */
export async function closePendingObjections(em: EntityManager, caseNumbers: string[], on: string, note: string): Promise<void> {
  for (const part of chunked(caseNumbers)) {
    const closed = await em.nativeUpdate(DebtorObjection, { caseNumber: { $in: part }, status: ObjectionStatus.PENDING }, { status: ObjectionStatus.CLOSED, decidedAt: on, decisionNote: note });
    if (closed > 0) {
      const records = part.map((caseNumber) => em.getUnitOfWork().getById('DebtorRecord', caseNumber) as DebtorRecord | undefined);
      await recordChanges(em, [{ entity: 'DebtorObjection', operation: 'update', ids: part, organizations: records.map((r) => r?.debtorUscc), regions: records.map((r) => r?.regionCode) }]);
    }
  }
}

/** A new record from a court row: on the list, or already off it when the row says 全部履行. */
function newRecord(data: RecordData, on: string, caller: Caller, now: Date): Partial<DebtorRecord> {
  const listed = event(DebtorStatus.ACTIVE, data.publishDate, caller.id, '法院名单导入 (imported from the court list)');
  const performed = data.performance === Performance.FULLY_PERFORMED;
  return {
    ...data,
    status: performed ? DebtorStatus.EXITED : DebtorStatus.ACTIVE,
    exitReason: performed ? ExitReason.PERFORMED : null,
    exitedAt: performed ? on : null,
    repairedAt: null,
    history: performed ? [listed, event(DebtorStatus.EXITED, on, caller.id, null, ExitReason.PERFORMED)] : [listed],
    updatedAt: now,
  };
}

/** The records of the court list: import, paged reads and the court's exits. */
export class DebtorRecordRepository extends EntityRepository<DebtorRecord> {
  /**
   * Creates or updates records by case number, in one transaction. A row identical to the
   * last one imported for its case is unchanged; bad rows are reported with their number and
   * the court's field name and written not at all. A row saying 全部履行 takes its record off
   * the list (PERFORMED). Cases that were about to be listed become LISTED.
   */
  async importRows(rows: DebtorRecordInput[], caller: Caller): Promise<ImportResult> {
    const result = new ImportResult();
    const on = today();
    const valid = readCourtRows(rows, result, (input: DebtorRecordInput) => readCourtRow(input, on));
    if (valid.length === 0) return result;
    const byCase = new Map(valid.map(({ data }) => [data.caseNumber, data]));

    await importTransaction(this.em, result, async (em) => {
      const caseNumbers = [...byCase.keys()];
      // Plain (case number, digest) pairs: the common cases, new and unchanged rows, need no entity.
      const digests = await loadExisting(caseNumbers, (part): Promise<Array<{ caseNumber: string; sourceDigest: string }>> => em
        .createQueryBuilder(DebtorRecord, 'r')
        .select(['caseNumber', 'sourceDigest'])
        .where({ caseNumber: { $in: part } })
        .execute('all', true), (found) => found.caseNumber);
      const inserts: Array<Partial<DebtorRecord>> = [];
      const changed: string[] = [];
      const now = new Date();
      writeRows(em, result, valid, digests, {
        keyOf: (data) => data.caseNumber,
        create: (data) => void inserts.push(newRecord(data, on, caller, now)),
        same: (stored, data) => stored.sourceDigest === data.sourceDigest,
        update: (_, data) => void changed.push(data.caseNumber),
      });
      for (const chunk of chunked(inserts, INSERT_CHUNK)) await em.insertMany(DebtorRecord, chunk);
      // Bulk inserts bypass the unit of work: their feed entries are written here, in the same transaction.
      await recordChanges(em, [{
        entity: 'DebtorRecord', operation: 'create', ids: inserts.map((r) => r.caseNumber!),
        organizations: inserts.map((r) => r.debtorUscc), regions: inserts.map((r) => r.regionCode),
      }]);
      const performedNow: string[] = [];
      for (const part of chunked(changed)) {
        for (const record of await em.find(DebtorRecord, { caseNumber: { $in: part } })) {
          const data = byCase.get(record.caseNumber)!;
          em.assign(record, data);
          const { status } = effectiveStatus(record, on);
          if (data.performance === Performance.FULLY_PERFORMED && (status === DebtorStatus.ACTIVE || status === DebtorStatus.UNDER_OBJECTION)) {
            record.status = DebtorStatus.EXITED;
            record.exitReason = ExitReason.PERFORMED;
            record.exitedAt = on;
            record.history = [...record.history, event(DebtorStatus.EXITED, on, caller.id, '法院名单显示全部履行 (the court list shows full performance)', ExitReason.PERFORMED)];
            performedNow.push(record.caseNumber);
          }
        }
      }
      await em.flush();
      await closePendingObjections(em, performedNow, on, '记录已因全部履行退出名单 (the record left the list: fully performed)');
      for (const part of chunked(caseNumbers)) {
        const listed = await em.nativeUpdate(PendingCase, { caseNumber: { $in: part }, status: PendingCaseStatus.PENDING }, { status: PendingCaseStatus.LISTED, closedAt: on });
        if (listed > 0) {
          const debtors = part.map((caseNumber) => byCase.get(caseNumber)!);
          await recordChanges(em, [{ entity: 'PendingCase', operation: 'update', ids: part, organizations: debtors.map((d) => d.debtorUscc), regions: debtors.map((d) => d.regionCode) }]);
        }
      }
    });
    return result;
  }

  /** One page in case-number order (keyset), and how many match; what the caller may see only. */
  async findPage(filter: DebtorRecordFilter | null | undefined, window: PageWindow, caller: Caller): Promise<{ rows: DebtorRecord[]; total: number }> {
    const on = today();
    const where: FilterQuery<DebtorRecord>[] = [visibleRecords(caller, on)];
    if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
    if (filter?.status) where.push(statusWhere(filter.status, on));
    if (filter?.court) where.push({ court: filter.court.trim() });
    if (filter?.debtorType) where.push({ debtorType: filter.debtorType });
    if (filter?.governmentOnly) where.push({ debtorType: { $in: [...GOVERNMENT_BODY_TYPES] } });
    if (filter?.debtorUscc) where.push({ debtorUscc: requireUsccShape(filter.debtorUscc, 'filter.debtorUscc') });
    if (filter?.debtorUsccs) where.push({ debtorUscc: { $in: requireUsccList(filter.debtorUsccs, 'filter.debtorUsccs') } });
    if (filter?.debtorKinds || filter?.debtorLevel) {
      // Kind and tier are the registry's: asked of this subgraph's copy of it (kit/registry-mirror.ts).
      if (filter.debtorKinds && (filter.debtorKinds.length === 0 || filter.debtorKinds.length > Object.keys(OrganizationKind).length)) {
        throw badInput('debtorKinds 应为1到13个单位类别 (debtorKinds takes 1–13 kinds)', { field: 'filter.debtorKinds' });
      }
      const registered = await mirroredUsccsWhere(this.em, { ...(filter.debtorKinds ? { kind: { $in: [...new Set(filter.debtorKinds)] } } : {}), ...(filter.debtorLevel ? { level: filter.debtorLevel } : {}) });
      where.push({ debtorUscc: { $in: registered.subquery as any } });
    }
    if (filter?.listedFrom) where.push({ publishDate: { $gte: requireDate(filter.listedFrom, 'filter.listedFrom') } });
    if (filter?.listedTo) where.push({ publishDate: { $lte: requireDate(filter.listedTo, 'filter.listedTo') } });
    const all: FilterQuery<DebtorRecord> = { $and: where };
    const page: FilterQuery<DebtorRecord> = window.afterKey === undefined ? all : { $and: [...where, { caseNumber: { $gt: String(window.afterKey) } }] };
    const [rows, total] = await Promise.all([this.find(page, { orderBy: { caseNumber: 'asc' }, limit: window.first + 1 }), this.count(all)]);
    return { rows, total };
  }

  async getOrFail(caseNumber: string): Promise<DebtorRecord> {
    const record = await this.findOne({ caseNumber });
    if (!record) throw errors.notFound(`未找到案号为 ${caseNumber} 的失信记录`, `no debtor record with case number ${caseNumber}`);
    return record;
  }

  /**
   * The court takes a record off the list (履行、和解、申请执行人申请、终结执行、撤销). A fixed term
   * running out needs no call: such a record reads as EXITED by itself.
   */
  async exit(record: DebtorRecord, reason: ExitReason, exitedAt: string | null | undefined, note: string | null | undefined, caller: Caller): Promise<DebtorRecord> {
    if (reason === ExitReason.TERM_EXPIRED) {
      throw badInput('纳入期限届满自动退出，无需登记 (a record leaves the list by itself when its term ends)', { field: 'reason', rule: 'AUTOMATIC' });
    }
    const on = today();
    const { status } = effectiveStatus(record, on);
    if (status !== DebtorStatus.ACTIVE && status !== DebtorStatus.UNDER_OBJECTION) throw illegalTransition(status, '退出名单', 'taken off the list');
    const date = exitedAt ? requireDate(exitedAt, 'exitedAt') : on;
    if (date < record.publishDate || date > on) {
      throw badInput('退出日期应在发布日期与今天之间 (exitedAt must lie between the publish date and today)', { field: 'exitedAt', rule: 'DATE_RANGE' });
    }
    record.status = DebtorStatus.EXITED;
    record.exitReason = reason;
    record.exitedAt = date;
    record.history = [...record.history, event(DebtorStatus.EXITED, date, caller.id, note?.trim() || null, reason)];
    await closePendingObjections(this.em, [record.caseNumber], on, '记录已退出名单 (the record left the list)');
    await this.em.flush();
    return record;
  }
}
