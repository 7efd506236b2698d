import type { FilterQuery } from '@mikro-orm/core';
import { Caller, errors, today } from '../kit/index.js';
import type { DebtorRecord } from './entities/debtor-record.js';
import { DebtorStatus, ExitReason, GOVERNMENT_BODY_TYPES } from './entities/enums.js';

export interface EffectiveStatus {
  status: DebtorStatus;
  exitReason: ExitReason | null;
  exitedAt: string | null;
}

/**
 * The status a record has today. An ACTIVE record whose fixed listing term has ended has
 * left the list by law (法释〔2017〕7号 art. 10) whether or not anyone wrote that down.
 */
export function effectiveStatus(record: Pick<DebtorRecord, 'status' | 'exitReason' | 'exitedAt' | 'listingTermEnd'>, on: string = today()): EffectiveStatus {
  if (record.status === DebtorStatus.ACTIVE && record.listingTermEnd !== null && record.listingTermEnd < on) {
    return { status: DebtorStatus.EXITED, exitReason: ExitReason.TERM_EXPIRED, exitedAt: record.listingTermEnd };
  }
  return { status: record.status, exitReason: record.exitReason, exitedAt: record.exitedAt };
}

/** The SQL condition for records whose effective status is `status` on `on`. */
export function statusWhere(status: DebtorStatus, on: string = today()): FilterQuery<DebtorRecord> {
  switch (status) {
    case DebtorStatus.ACTIVE:
      return { status: DebtorStatus.ACTIVE, $or: [{ listingTermEnd: null }, { listingTermEnd: { $gte: on } }] };
    case DebtorStatus.EXITED:
      return { $or: [{ status: DebtorStatus.EXITED }, { status: DebtorStatus.ACTIVE, listingTermEnd: { $lt: on } }] };
    default:
      return { status };
  }
}

/** On the list today (the court list shows these): ACTIVE or UNDER_OBJECTION. */
export function onListWhere(on: string = today()): FilterQuery<DebtorRecord> {
  return { $or: [statusWhere(DebtorStatus.ACTIVE, on), { status: DebtorStatus.UNDER_OBJECTION }] };
}

/** Auditors, admins and courts read every record; everyone sees what is on the list. */
export function seesAllRecords(caller: Caller): boolean {
  return caller.has('AUDITOR', 'ADMIN', 'COURT');
}

/**
 * Which records a caller may read: the list as published, a unit also its own past records.
 * CONSUMER (the exchange, issue 17) also reads government bodies' records after they leave the
 * list: the provincial platform must hear of an exit or a repair, not only of a listing. The
 * legal representative stays masked, the status history comes without its notes, and push
 * measures, objections and repair applications stay closed (record.resolver.ts).
 */
export function visibleRecords(caller: Caller, on: string = today()): FilterQuery<DebtorRecord> {
  if (seesAllRecords(caller)) return {};
  if (caller.has('CONSUMER')) return { $or: [onListWhere(on), { debtorType: { $in: [...GOVERNMENT_BODY_TYPES] } }] };
  if (caller.has('ORGANIZATION') && caller.uscc) return { $or: [onListWhere(on), { debtorUscc: caller.uscc }] };
  return onListWhere(on);
}

export function canSeeRecord(caller: Caller, record: DebtorRecord, on: string = today()): boolean {
  if (seesAllRecords(caller)) return true;
  if (caller.has('CONSUMER') && GOVERNMENT_BODY_TYPES.includes(record.debtorType)) return true;
  if (caller.has('ORGANIZATION') && caller.uscc === record.debtorUscc) return true;
  const { status } = effectiveStatus(record, on);
  return status === DebtorStatus.ACTIVE || status === DebtorStatus.UNDER_OBJECTION;
}

const STATUS_ZH: Record<DebtorStatus, string> = { ACTIVE: '在列', UNDER_OBJECTION: '异议审查中', EXITED: '已退出', REPAIRED: '已修复' };

/** A step the record's status does not allow (CONFLICT, naming the status). */
export function illegalTransition(status: DebtorStatus, actionZh: string, actionEn: string): Error {
  return errors.conflict(`记录当前状态为"${STATUS_ZH[status]}"，不能${actionZh}`, `the record is ${status}; it cannot be ${actionEn}`);
}
