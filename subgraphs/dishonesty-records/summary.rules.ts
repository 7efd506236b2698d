import type { FilterQuery } from '@mikro-orm/core';
import { today } from '../kit/index.js';
import type { DishonestyRecord } from './entities/dishonesty-record.js';
import { PublicationStatus, RecordStatus, Severity, SubjectType } from './entities/enums.js';
import type { AppliedSanction } from './entities/applied-sanction.js';
import { effectiveSanction, recordInForce } from './record.rules.js';
import { rectificationOverdue } from './sanction.rules.js';

/**
 * What a body's dishonesty record costs it in the integrity score: seed 002 §四(二)3 "将政务失信情况纳入
 * 年度综合考核，对存在政务失信记录的按比例进行扣分". The evaluation subgraph reads the summary below
 * (Organization.dishonestySummary) and its rule set decides the points; this file decides which
 * records count, and it is the same for every caller: scores must not depend on who asks.
 *
 * - The body's own records only (subjectType ORGANIZATION). An official's record goes to the
 *   official: restricted awards and promotion (seed 004 §四(八) "对存在政务失信记录的公务人员，按照相关
 *   规定采取限制评优评先等处理措施"; seed 004 §四(六) and seed 002 §四(二)2, "公务员信用状况作为……个人评优
 *   评先、提拔调任等事项的重要参考"), not the unit's score. And the score and its cited sources are
 *   public: an official's record id there would point the public at a person.
 * - Published records only. The score is public and cites its records; an unpublished record's id
 *   must not leak through it, and a deduction the public cannot check is not one the platform
 *   publishes (seed 002 §四(二)2 "通过市公共信用信息平台公示").
 * - In force on the day (record.rules.ts recordInForce): decided, within the sanction term, not
 *   withdrawn, ACTIVE (not under objection, removed or repaired). A term that ends takes the
 *   record out the next day: the evaluation re-reads every summary on each new day, as it does
 *   for court listings whose term ends (court-debtors record.rules.ts effectiveStatus).
 */
export function countsAgainstScore(record: Pick<DishonestyRecord, 'subjectType' | 'publication' | 'decisionDate' | 'sanctionEndDate' | 'status'>, on: string = today()): boolean {
  return record.subjectType === SubjectType.ORGANIZATION && record.publication === PublicationStatus.PUBLISHED && recordInForce(record, on);
}

/**
 * The SQL form of countsAgainstScore for the records of `usccs`, as far as the columns tell: the
 * loader reads these (one statement per batch) and countsAgainstScore decides.
 */
export function scoredRecordsWhere(usccs: readonly string[], on: string = today()): FilterQuery<DishonestyRecord> {
  return {
    organizationUscc: { $in: [...usccs] },
    subjectType: SubjectType.ORGANIZATION,
    publication: PublicationStatus.PUBLISHED,
    status: RecordStatus.ACTIVE,
    decisionDate: { $lte: on },
    $or: [{ sanctionEndDate: null }, { sanctionEndDate: { $gte: on } }],
  };
}

/** A body's records that count against its score on a day: ids only, never a name or a pseudonym. */
export interface DishonestyFigures {
  asOf: string;
  /** Every record that counts, by id. */
  inForceRecordIds: string[];
  /** The same by severity (seed 004 §四(八): "根据失信行为对经济社会发展造成的损失情况和社会影响程度"). */
  seriousRecordIds: string[];
  generalRecordIds: string[];
  minorRecordIds: string[];
}

/** Ids in code-unit order, whatever order (or collation) the store gave them in. */
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Summarises a body's records on `on`: the ones that count, each list ordered by id. */
export function summarizeDishonesty(records: ReadonlyArray<Pick<DishonestyRecord, 'id' | 'severity' | 'subjectType' | 'publication' | 'decisionDate' | 'sanctionEndDate' | 'status'>>, on: string = today()): DishonestyFigures {
  const counted = records.filter((r) => countsAgainstScore(r, on));
  const ids = (severity?: Severity) => counted.filter((r) => severity === undefined || r.severity === severity).map((r) => r.id).sort(byId);
  return {
    asOf: on,
    inForceRecordIds: ids(),
    seriousRecordIds: ids(Severity.SERIOUS),
    generalRecordIds: ids(Severity.GENERAL),
    minorRecordIds: ids(Severity.MINOR),
  };
}

/**
 * Of the records that count (countsAgainstScore), those with a rectification overdue on `on`
 * (seed 004 §四(八) "对具体失信情况书面说明原因并限期加以整改": past its due date, not reported, its
 * sanction in force; sanction.rules.ts rectificationOverdue), by id. Ids only, like the rest of the
 * summary: the same for every caller, for the evaluation to warn on.
 */
export function overdueRectificationIds(
  records: ReadonlyArray<Pick<DishonestyRecord, 'id' | 'subjectType' | 'publication' | 'decisionDate' | 'sanctionEndDate' | 'status'>>,
  sanctionsOf: (recordId: string) => ReadonlyArray<Pick<AppliedSanction, 'state' | 'stateReason' | 'stateSince' | 'rectificationDueDate' | 'rectificationReportedAt'>>,
  on: string = today(),
): string[] {
  return records
    .filter((r) => countsAgainstScore(r, on))
    .filter((r) => sanctionsOf(r.id).some((s) => s.rectificationDueDate !== null
      && rectificationOverdue({ dueDate: s.rectificationDueDate, completedAt: s.rectificationReportedAt }, effectiveSanction(s, r, on).state, on)))
    .map((r) => r.id)
    .sort(byId);
}
