import { Caller, CreditError, errors, findChunked, requireText, today, type EntityManager } from '../kit/index.js';
import { AppliedSanction } from './entities/applied-sanction.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { PublicationStatus, RecordStatus } from './entities/enums.js';
import { effectiveSanction } from './record.rules.js';
import { newRecordRowId } from './record.rows.js';
import { catalogueOn, catalogues as cataloguesOnFile, measuresFor, newSanction, nextSanctionState, planSanctions, type SanctionCatalogue, type SanctionEvent } from './sanction.rules.js';

/**
 * The sanctions applied for records (seed 004 §四(八) 联合惩戒): applied when a record arrives,
 * re-derived when its decision is sent again or corrected, and moved by what happens to the record
 * (withdrawal, objection, removal, repair). Every change goes through the caller's unit of work, so
 * it is written in the transaction of the change to the record, with its change-feed entries.
 */

/** The sanctions of `records`, by record id. */
export async function sanctionsOf(em: EntityManager, recordIds: readonly string[]): Promise<Map<string, AppliedSanction[]>> {
  const found = await findChunked([...recordIds], (part) => em.find(AppliedSanction, { recordId: { $in: part } }, { orderBy: { appliedOn: 'asc', measureId: 'asc', createdAt: 'asc', id: 'asc' } }));
  const byRecord = new Map<string, AppliedSanction[]>(recordIds.map((id) => [id, []]));
  for (const sanction of found) byRecord.get(sanction.recordId)?.push(sanction);
  return byRecord;
}

/** Moves each sanction by `event` (sanction.rules.ts NEXT_SANCTION_STATE), writing down the day, why and who; one the event leaves as it is stays untouched. */
export function moveSanctions(sanctions: readonly AppliedSanction[], event: SanctionEvent, on: string, by: string): void {
  for (const sanction of sanctions) {
    const next = nextSanctionState(sanction.state, event);
    if (next === sanction.state) continue;
    sanction.state = next;
    sanction.stateReason = event;
    sanction.stateSince = on;
    sanction.history = [...sanction.history, { state: next, reason: event, at: on, by }];
  }
}

/**
 * Brings each record's sanctions in line with what it now says (sanction.rules.ts planSanctions):
 * the measures of the catalogue version in force on its decision date; none for a record withdrawn
 * (RECORD_WITHDRAWN) or removed. A measure no longer reached is undone (RECORD_CORRECTED); a newly
 * reached one is applied today. A repaired record keeps what it has: its sanctions are lifted.
 */
export async function deriveSanctions(em: EntityManager, records: readonly DishonestyRecord[], on: string, by: string, catalogues: readonly SanctionCatalogue[] = cataloguesOnFile): Promise<void> {
  const open = records.filter((r) => r.status !== RecordStatus.REPAIRED);
  if (open.length === 0) return;
  const held = await sanctionsOf(em, open.map((r) => r.id));
  for (const record of open) rederive(em, record, held.get(record.id) ?? [], on, by, catalogues);
}

/** deriveSanctions for one record whose sanctions (`held`) are loaded: what a CORRECT decision on an objection does too. */
export function rederive(em: EntityManager, record: DishonestyRecord, held: readonly AppliedSanction[], on: string, by: string, catalogues: readonly SanctionCatalogue[] = cataloguesOnFile): void {
  if (record.status === RecordStatus.REPAIRED) return;
  const withdrawn = record.publication === PublicationStatus.WITHDRAWN;
  const catalogue = catalogueOn(catalogues, record.decisionDate);
  const reached = withdrawn || record.status === RecordStatus.REMOVED ? null : measuresFor(catalogue, record);
  const plan = planSanctions(held, reached);
  const undo = new Set(plan.undo);
  moveSanctions(held.filter((s) => undo.has(s.measureId)), withdrawn ? 'RECORD_WITHDRAWN' : 'RECORD_CORRECTED', on, by);
  for (const measure of plan.apply) {
    em.create(AppliedSanction, { id: newRecordRowId(record), recordId: record.id, ...newSanction(catalogue, measure, on, by, record.status === RecordStatus.UNDER_OBJECTION) });
  }
}

/**
 * Seed 004 §四(八) "对具体失信情况书面说明原因并限期加以整改": the unit the record is about (its own
 * ORGANIZATION token) submits its written explanation and reports the rectification done; an
 * AUDITOR may record it on the unit's behalf (a paper report). Only for a measure that asks for
 * rectification (BAD_USER_INPUT), that binds today and has none reported yet (CONFLICT). A report
 * after the due date is taken: it ends the overdue state, and its date shows it was late.
 */
export async function reportRectification(em: EntityManager, sanctionId: string, explanation: string, caller: Caller): Promise<AppliedSanction> {
  const sanction = await em.findOne(AppliedSanction, { id: sanctionId });
  const record = sanction && (await em.findOne(DishonestyRecord, { id: sanction.recordId }));
  if (!sanction || !record) throw errors.notFound(`未找到惩戒措施 ${sanctionId}`, `no applied sanction ${sanctionId}`);
  caller.requireOwnUnit(record.organizationUscc, 'AUDITOR');
  if (sanction.rectificationDueDate === null) {
    throw new CreditError('BAD_USER_INPUT', '该惩戒措施不要求整改', 'this sanction asks for no rectification', { field: 'sanctionId', rule: 'NO_RECTIFICATION' });
  }
  if (sanction.rectificationReportedAt !== null) {
    throw errors.conflict(`已于 ${sanction.rectificationReportedAt} 报告整改完成`, `the rectification was reported done on ${sanction.rectificationReportedAt}`);
  }
  const on = today();
  const { state } = effectiveSanction(sanction, record, on);
  if (state !== 'APPLIED') throw errors.conflict(`该惩戒措施不在执行中（${state}），无需整改`, `the sanction is not in force (${state}) and asks for nothing now`);
  sanction.rectificationExplanation = requireText(explanation, 'explanation', 5000);
  sanction.rectificationReportedAt = on;
  sanction.rectificationReportedBy = caller.id;
  await em.flush();
  return sanction;
}
