import { badInput, type Caller, CreditError, errors, requireText, type EntityManager, type ObjectionVerdict, type RemedyTarget, type Role } from '../kit/index.js';
import * as remedies from '../kit/remedies.js';
import type { AppliedSanction } from './entities/applied-sanction.js';
import { DishonestyRepair } from './entities/credit-repair.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { DishonestyObjectionDecision, PublicationStatus, RecordStatus, SubjectType } from './entities/enums.js';
import { DishonestyObjection } from './entities/objection.js';
import type { DishonestyCorrectionInput } from './inputs.js';
import { decidesRemediesOf } from './record.rules.js';
import { moveSanctions, rederive, sanctionsOf } from './sanction.repository.js';

/**
 * Objections and credit repair for every dishonesty record (seed 004 §四(九)), in the kit's model
 * shared with court listings (`subgraphs/kit/remedies.ts`). Here: what each step does to a record
 * and its applied sanctions, and who acts for a record whose subject holds no token.
 *
 * - Filing suspends the record (UNDER_OBJECTION, out of force) and its APPLIED sanctions
 *   ("信用信息异议处理、核实期间暂不执行联合惩戒措施"); REJECT restores both; CORRECT amends the record
 *   and re-derives its sanctions; REMOVE marks it REMOVED and undoes them ("因错误实施联合惩戒措施损害
 *   有关主体合法权益的，应积极采取措施恢复其信誉"). An approved repair marks it REPAIRED and lifts them
 *   ("信用修复结果生效后，失信惩戒措施应给予解除").
 * - A body's record: the body itself (its own ORGANIZATION token) or AUDITOR objects; the body or
 *   ADMIN applies for repair (the kit's defaults). An official's record: the official holds no
 *   token, so AUDITOR (the credit office) or PERSONNEL (the organization department) objects on the
 *   official's behalf, and PERSONNEL or ADMIN applies for repair; the official's unit does not (it
 *   is not the subject, and reads nothing of the person).
 * - Repair only once the body has reported the rectification asked of it (seed 004 §四(八)
 *   "限期加以整改", §四(九) "对已经纠正失信行为、消除不良影响、符合修复要求的，按照规定进行信用修复").
 * - Deciding: the authority that decided the record (record.rules.ts decidesRemediesOf).
 */

const OFFICIAL_FILERS: readonly Role[] = ['AUDITOR', 'PERSONNEL'];
const OFFICIAL_APPLICANTS: readonly Role[] = ['PERSONNEL', 'ADMIN'];

async function recordOf(em: EntityManager, id: string): Promise<DishonestyRecord> {
  const record = await em.findOne(DishonestyRecord, { id });
  if (!record) throw errors.notFound(`未找到政务失信记录 ${id}`, `no dishonesty record ${id}`);
  return record;
}

function wrongState(status: string, zh: string, en: string): CreditError {
  return new CreditError('CONFLICT', `记录当前状态（${status}）不能${zh}`, `a record in state ${status} cannot be ${en}`, { rule: 'RECORD_STATE' });
}

function hasCorrection(correction: DishonestyCorrectionInput | null | undefined): correction is DishonestyCorrectionInput {
  return !!correction && Object.values(correction).some((value) => value !== null && value !== undefined);
}

/** A rectification asked of the body and not reported, on a sanction not undone: repair waits for it. */
function unreportedRectification(sanctions: readonly AppliedSanction[]): AppliedSanction | undefined {
  return sanctions.find((s) => s.rectificationDueDate !== null && s.rectificationReportedAt === null && s.state !== 'UNDONE');
}

/** A dishonesty record and its sanctions as the kit's remedies see them; `correction` is the decider's amendment for CORRECT. */
function recordTarget(em: EntityManager, record: DishonestyRecord, sanctions: readonly AppliedSanction[], correction?: DishonestyCorrectionInput | null): RemedyTarget {
  const official = record.subjectType === SubjectType.OFFICIAL;
  const note = (status: RecordStatus, on: string, by: string, text: string | null) => {
    record.status = status;
    record.history = [...record.history, { status, at: on, by, note: text }];
  };
  return {
    ownerUscc: official ? null : record.organizationUscc,
    filerRoles: official ? OFFICIAL_FILERS : undefined,
    applicantRoles: official ? OFFICIAL_APPLICANTS : undefined,
    objectionRefused() {
      if (record.publication === PublicationStatus.WITHDRAWN) return wrongState('WITHDRAWN', '提出异议（已撤回）', 'objected to (withdrawn)');
      return record.status === RecordStatus.ACTIVE ? null : wrongState(record.status, '提出异议（只对有效记录）', 'objected to (only an ACTIVE record is)');
    },
    suspend(on, by) {
      note(RecordStatus.UNDER_OBJECTION, on, by, '异议审查期间暂不执行惩戒措施 (sanctions suspended while the objection is examined)');
      moveSanctions(sanctions, 'OBJECTION_FILED', on, by);
    },
    settle(verdict: ObjectionVerdict, on, by, decisionNote) {
      if (verdict === 'CORRECT' && !hasCorrection(correction)) {
        throw badInput('更正决定须给出更正内容 (a CORRECT decision needs the correction)', { field: 'correction', rule: 'REQUIRED' });
      }
      if (verdict !== 'CORRECT' && hasCorrection(correction)) {
        throw badInput('只有更正决定可以附带更正内容 (only a CORRECT decision takes a correction)', { field: 'correction', rule: 'UNEXPECTED' });
      }
      if (record.status !== RecordStatus.UNDER_OBJECTION) throw wrongState(record.status, '作异议决定', 'decided on');
      if (verdict === 'REMOVE') {
        note(RecordStatus.REMOVED, on, by, decisionNote);
        record.removedAt = on;
        moveSanctions(sanctions, 'OBJECTION_REMOVED', on, by);
        return;
      }
      note(RecordStatus.ACTIVE, on, by, decisionNote);
      if (verdict === 'REJECT') return moveSanctions(sanctions, 'OBJECTION_REJECTED', on, by);
      // CORRECT: the amended facts, then what they reach now (the suspended ones apply again first, so
      // that the re-derivation sees them standing). The source digest stays the decision's as sent: the
      // original sent again is unchanged and the amendment stands; other contents replace it.
      if (correction!.facts != null) record.facts = requireText(correction!.facts, 'correction.facts', 5000);
      if (correction!.legalBasis != null) record.legalBasis = requireText(correction!.legalBasis, 'correction.legalBasis', 2000);
      if (correction!.severity != null) record.severity = correction!.severity;
      moveSanctions(sanctions, 'OBJECTION_CORRECTED', on, by);
      rederive(em, record, sanctions, on, by);
    },
    repairRefused() {
      if (record.publication === PublicationStatus.WITHDRAWN) return wrongState('WITHDRAWN', '修复（已撤回）', 'repaired (withdrawn)');
      if (record.status !== RecordStatus.ACTIVE) return wrongState(record.status, '修复', 'repaired');
      const pending = unreportedRectification(sanctions);
      if (pending) {
        return new CreditError('CONFLICT', `须先书面说明原因并报告整改完成（整改期限 ${pending.rectificationDueDate}）`, `the rectification asked of the body (due ${pending.rectificationDueDate}) must be reported done first`, { rule: 'RECTIFICATION_NOT_REPORTED' });
      }
      return null;
    },
    repair(on, by, decisionNote) {
      note(RecordStatus.REPAIRED, on, by, decisionNote);
      record.repairedAt = on;
      moveSanctions(sanctions, 'REPAIRED', on, by);
    },
  };
}

async function targetOf(em: EntityManager, recordId: string, correction?: DishonestyCorrectionInput | null): Promise<{ record: DishonestyRecord; target: RemedyTarget }> {
  const record = await recordOf(em, recordId);
  const sanctions = (await sanctionsOf(em, [record.id])).get(record.id) ?? [];
  return { record, target: recordTarget(em, record, sanctions, correction) };
}

/** Deciding: the record's own authority (谁认定、谁修复), else FORBIDDEN. */
function requireDecider(caller: Caller, record: DishonestyRecord): void {
  if (!decidesRemediesOf(caller, record)) {
    throw errors.forbidden('只有作出该记录的机关可以审查（谁认定、谁修复）', 'only the authority that decided the record may decide on it');
  }
}

/** 异议: by the body itself or AUDITOR; for an official's record, AUDITOR or PERSONNEL on the official's behalf. */
export async function fileObjection(em: EntityManager, recordId: string, reason: string, caller: Caller): Promise<DishonestyObjection> {
  const { record, target } = await targetOf(em, recordId);
  return remedies.fileObjection(em, DishonestyObjection, { recordId: record.id }, target, reason, caller);
}

/** The deciding authority corrects, removes or rejects. */
export async function decideObjection(
  em: EntityManager,
  objectionId: string,
  decision: DishonestyObjectionDecision,
  note: string,
  correction: DishonestyCorrectionInput | null | undefined,
  caller: Caller,
): Promise<DishonestyObjection> {
  return remedies.decideObjection(em, DishonestyObjection, objectionId, decision, note, caller, async (objection) => {
    const { record, target } = await targetOf(em, objection.recordId, correction);
    requireDecider(caller, record);
    return target;
  });
}

/** 信用修复申请: by the body itself or ADMIN; for an official's record, PERSONNEL or ADMIN. */
export async function applyForRepair(em: EntityManager, recordId: string, measures: string, evidence: string | null | undefined, caller: Caller): Promise<DishonestyRepair> {
  const { record, target } = await targetOf(em, recordId);
  return remedies.applyForRepair(em, DishonestyRepair, { recordId: record.id }, target, measures, evidence, caller);
}

/** The deciding authority approves (REPAIRED, sanctions LIFTED) or rejects. */
export async function decideRepair(em: EntityManager, applicationId: string, approve: boolean, note: string, caller: Caller): Promise<DishonestyRepair> {
  return remedies.decideRepair(em, DishonestyRepair, applicationId, approve, note, caller, async (application) => {
    const { record, target } = await targetOf(em, application.recordId);
    requireDecider(caller, record);
    return target;
  });
}

/** The PENDING objections and repair applications the caller may decide, oldest first. */
export async function pendingFor(em: EntityManager, caller: Caller): Promise<{ objections: DishonestyObjection[]; repairs: DishonestyRepair[] }> {
  const [objections, repairs] = await Promise.all([
    em.find(DishonestyObjection, { status: 'PENDING' as never }, { orderBy: { filedAt: 'asc', id: 'asc' } }),
    em.find(DishonestyRepair, { status: 'PENDING' as never }, { orderBy: { appliedAt: 'asc', id: 'asc' } }),
  ]);
  const ids = [...new Set([...objections, ...repairs].map((r) => r.recordId))];
  const records = new Map((ids.length ? await em.find(DishonestyRecord, { id: { $in: ids } }) : []).map((r) => [r.id, r]));
  const mine = (recordId: string) => { const record = records.get(recordId); return !!record && decidesRemediesOf(caller, record); };
  return { objections: objections.filter((o) => mine(o.recordId)), repairs: repairs.filter((r) => mine(r.recordId)) };
}
