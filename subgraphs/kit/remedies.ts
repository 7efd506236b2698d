import { Entity, OptimisticLockError, PrimaryKey, Property, UniqueConstraintViolationException, type EntityClass as OrmEntityClass, type EntityManager, type IndexCallback, type UniqueOptions } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import type { Caller, Role } from '../../platform/auth.js';
import { CreditError, errors } from '../../platform/errors.js';
import { requireText, today } from './dates.js';

/**
 * Objections (异议) and credit repair (信用修复) for every kind of government credit record: one
 * model that court listings and dishonesty records both use, so that the two cannot drift apart.
 *
 * Seed 004 §四(九): "健全政务信用信息主体异议、投诉和责任处理机制，信用信息异议处理、核实期间暂不执行联合惩戒
 * 措施。因错误实施联合惩戒措施损害有关主体合法权益的，应积极采取措施恢复其信誉、消除不良影响。建立健全信用修复机制
 * …… 对已经纠正失信行为、消除不良影响、符合修复要求的，按照规定进行信用修复 …… 信用修复结果生效后，失信惩戒措施应
 * 给予解除。"
 *
 * The lifecycle, the same for every record:
 * - an objection is filed by the unit the record is about or by an AUDITOR (the credit office), one
 *   at a time; from filing until it is decided (PENDING: filed and under examination) the record's
 *   sanctions are suspended;
 * - the decider upholds it by correcting the record (CORRECT) or by removing it as wrongly made
 *   (REMOVE: what it cost is undone), or rejects it (REJECT: the sanctions apply again);
 * - the unit (or an ADMIN) applies for repair, one application at a time; approved, the record
 *   stops counting from the date of approval and its sanctions are lifted;
 * - separation of duties: whoever filed an objection or applied for repair (the same token subject,
 *   whatever roles it also holds) may not decide it (FORBIDDEN, rule SEPARATION_OF_DUTIES);
 * - "one at a time" is the store's too: a partial unique index on the record's key where the status
 *   is PENDING (`onePendingPerRecord`, one line on each entity), so two requests at once cannot both
 *   leave a pending one; the loser gets the same CONFLICT as the count check.
 * What suspending, correcting, removing, restoring and repairing mean for a record is the owning
 * subgraph's (its `RemedyTarget`); the order, who may and the bookkeeping are here.
 */

/** The states of an objection. CLOSED: the record it was about left the list another way. */
export type ObjectionState = 'PENDING' | 'CORRECTED' | 'REMOVED' | 'REJECTED' | 'CLOSED';
/** The decisions on an objection: the first two uphold it. */
export type ObjectionVerdict = 'CORRECT' | 'REMOVE' | 'REJECT';
export type RepairState = 'PENDING' | 'APPROVED' | 'REJECTED';

/**
 * `true` when a subgraph's GraphQL enum has exactly the model's values (`${MyEnum}` against the
 * union): `true satisfies SameValues<`${ObjectionStatus}`, ObjectionState>` fails to compile when
 * they part.
 */
export type SameValues<Enum extends string, Union extends string> = [Enum] extends [Union] ? ([Union] extends [Enum] ? true : never) : never;

export const OBJECTION_STATE_AFTER: Readonly<Record<ObjectionVerdict, ObjectionState>> = { CORRECT: 'CORRECTED', REMOVE: 'REMOVED', REJECT: 'REJECTED' };

/** Who besides the unit itself may object (the credit office examines records on its own motion too). */
export const OBJECTION_FILER_ROLES = ['AUDITOR'] as const;
/** Who besides the unit itself may apply for repair (an administrator entering a paper application). */
export const REPAIR_APPLICANT_ROLES = ['ADMIN'] as const;

/** What an objection and a repair application share: a key and the decision's bookkeeping. */
/**
 * The status column of every objection and repair-application table, each subclass's too (a
 * redeclared property keeps only its own options). An optimistic lock on the state (MikroORM
 * concurrencyCheck): a decision updates `… where id = ? and status = 'PENDING'`, so of two decisions
 * at once the second updates nothing and its flush, the record's changes with it, fails with
 * OptimisticLockError, answered as "decided already".
 */
export const DECISION_STATUS = { type: 'string', length: 16, concurrencyCheck: true } as const;

@Entity({ abstract: true })
@ObjectType()
export abstract class DecisionColumns {
  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property(DECISION_STATUS)
  status: string = 'PENDING';

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '决定日期 (date decided)' })
  decidedAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  decidedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审查意见 (decision notes)' })
  decisionNote: string | null = null;
}

/** The columns every objection table has; a subgraph's entity adds its record's key and its status enum. */
@Entity({ abstract: true })
@ObjectType()
export abstract class ObjectionColumns extends DecisionColumns {
  @Property({ type: 'string', length: 16 })
  @Field(() => String, { description: '提出方角色：ORGANIZATION（记录所涉单位）、AUDITOR，或代为提出的其他角色（如公职人员记录的 PERSONNEL） (role of the filer: the unit, AUDITOR, or another role filing on the subject\'s behalf)' })
  filedByRole!: string;

  @Property({ type: 'string', length: 18, nullable: true })
  @Field(() => String, { nullable: true, description: '提出异议的单位代码（单位自己提出时） (USCC of the objecting unit, when the unit filed it)' })
  filerUscc: string | null = null;

  /** The token subject (no length limit). */
  @Property({ type: 'text' })
  filedBy!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '异议理由 (grounds)' })
  reason!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '提出日期 (date filed)' })
  filedAt!: string;

  @Property(DECISION_STATUS)
  override status: ObjectionState = 'PENDING';
}

/** The columns every repair-application table has; a subgraph's entity adds its record's key and its status enum. */
@Entity({ abstract: true })
@ObjectType()
export abstract class RepairColumns extends DecisionColumns {
  /** The token subject (no length limit). */
  @Property({ type: 'text' })
  appliedBy!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '纠正失信行为、消除不良影响的措施 (what was done to correct the behaviour and its effects)' })
  measures!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '佐证材料说明 (evidence)' })
  evidence: string | null = null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '申请日期 (date applied)' })
  appliedAt!: string;

  @Property(DECISION_STATUS)
  override status: RepairState = 'PENDING';

  /** Seed 004 §四(九) "信用修复结果生效后，失信惩戒措施应给予解除": the repair takes effect when approved. */
  @Field(() => String, { nullable: true, description: '修复生效日期：自该日起记录不再计入、惩戒解除（批准时） (the date from which the record stops counting and its sanctions are lifted, once approved)' })
  get effectiveFrom(): string | null {
    return this.status === 'APPROVED' ? this.decidedAt : null;
  }
}

/**
 * What the model asks of the record an objection or repair application is about. Each method that
 * changes the record is called at most once per decision, inside the unit of work the kit flushes.
 */
export interface RemedyTarget {
  /**
   * The unit the record is about: it may object and apply for repair itself. Null when the subject
   * holds no token (an official's record): only the roles below act, on the subject's behalf.
   */
  readonly ownerUscc: string | null;
  /** Who besides the owner may object (default OBJECTION_FILER_ROLES); the first the caller holds is the objection's filedByRole. */
  readonly filerRoles?: readonly Role[];
  /** Who besides the owner may apply for repair (default REPAIR_APPLICANT_ROLES). */
  readonly applicantRoles?: readonly Role[];
  /** Null when an objection may be filed now; otherwise the error refusing it (CONFLICT naming the state). */
  objectionRefused(on: string): Error | null;
  /** An objection was filed: its sanctions are suspended while it is examined. */
  suspend(on: string, by: string): void;
  /** The decision: CORRECT amends the record, REMOVE undoes it, REJECT applies its sanctions again. Throws to refuse. */
  settle(verdict: ObjectionVerdict, on: string, by: string, note: string): void;
  /** Null when a repair may be applied for (or approved) now; otherwise the error refusing it. */
  repairRefused(on: string): Error | null;
  /** Approved: the record stops counting from `on` and its sanctions are lifted. */
  repair(on: string, by: string, note: string): void;
}

type EntityClass<T> = new () => T;

/** The name of a table's partial unique index behind "one pending at a time". */
export function onePendingIndexName(table: string): string {
  return `${table}_one_pending`;
}

/**
 * The store's guarantee behind "one pending at a time", for an objection or repair-application
 * entity: a unique index on the record's key over the PENDING rows only (a partial index, which
 * SQLite and PostgreSQL both have). The kit's abstract columns cannot declare it (they know neither
 * the table nor the record's key), so each entity adds one line above its class:
 *
 *     @Unique(onePendingPerRecord<DebtorObjection>('debtor_objection', 'caseNumber'))
 *
 * `table` is the entity's `tableName`. Embedded SQLite creates it from the entity; on PostgreSQL it
 * comes with the subgraph's next migration (`npm run migrations`). The kit refuses to file into a
 * table that lacks it (`fileObjection`, `applyForRepair`).
 */
export function onePendingPerRecord<T extends object>(table: string, ...keys: Array<keyof T & string>): UniqueOptions<OrmEntityClass<T>> {
  if (keys.length === 0) throw new Error('onePendingPerRecord: name the record\'s key');
  const expression: IndexCallback<T> = (on, columns, name) => {
    const column = (property: string) => `"${(columns as Record<string, string>)[property] ?? property}"`;
    const target = on.schema ? `"${on.schema}"."${on.name}"` : `"${on.name}"`;
    return `create unique index "${name}" on ${target} (${keys.map(column).join(', ')}) where ${column('status')} = 'PENDING'`;
  };
  return { name: onePendingIndexName(table), properties: keys as never, expression };
}

const checkedIndexes = new WeakSet<object>();

/** Throws (a programming error, not the caller's) unless the entity declares `onePendingPerRecord`. */
function requireOnePendingIndex(em: EntityManager, entity: EntityClass<DecisionColumns>): void {
  if (checkedIndexes.has(entity)) return;
  const meta = em.getMetadata().get(entity.name);
  if (!meta.uniques.some((unique) => unique.name === onePendingIndexName(meta.tableName) && unique.expression)) {
    throw new Error(`${entity.name} lacks @Unique(onePendingPerRecord('${meta.tableName}', …)) (subgraphs/kit/remedies.ts): two requests at once could leave two pending`);
  }
  if (!meta.concurrencyCheckKeys.has('status' as never)) {
    throw new Error(`${entity.name}.status lacks @Property(DECISION_STATUS) (subgraphs/kit/remedies.ts): two decisions at once could both be taken`);
  }
  checkedIndexes.add(entity);
}

/** The refusal of a second PENDING objection or application, by the count check and by the index alike. */
const SECOND_PENDING = {
  objection: () => errors.conflict('该记录已有审查中的异议', 'the record already has an objection under examination'),
  repair: () => errors.conflict('该记录已有待审核的修复申请', 'the record already has a repair application under review'),
};

/**
 * Writes a new PENDING objection or application. Two requests at once may both have counted none:
 * the partial unique index refuses the second at its flush (its transaction, the record's
 * suspension with it, rolled back), answered with the count check's CONFLICT, never a server error.
 */
async function flushNewPending(em: EntityManager, refusal: () => Error): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw refusal();
    throw error;
  }
}

/** Separation of duties: who filed an objection or applied for repair (the token subject) may not decide it. */
const SEPARATION_OF_DUTIES = {
  objection: { zh: '提出异议的人员不能审查自己的异议（职责分离）', en: 'the caller who filed the objection may not decide it (separation of duties)' },
  repair: { zh: '申请信用修复的人员不能审核自己的申请（职责分离）', en: 'the caller who applied for the repair may not decide it (separation of duties)' },
};

function requireAnotherDecider(filedBy: string, caller: Caller, message: { zh: string; en: string }): void {
  if (filedBy === caller.id) throw new CreditError('FORBIDDEN', message.zh, message.en, { rule: 'SEPARATION_OF_DUTIES' });
}

const OBJECTION = { zh: '异议', en: 'objection' };
const REPAIR_APPLICATION = { zh: '修复申请', en: 'repair application' };

/** The refusal of a decision on one that is decided already. */
const decidedAlready = (what: { zh: string; en: string }, status: string) => errors.conflict(`该${what.zh}已处理（${status}）`, `the ${what.en} has been decided already (${status})`);

/**
 * Flushes a decision. Another decision may have been taken since the objection or application was
 * read as PENDING: the optimistic lock on its status (DecisionColumns) refuses this one whole.
 */
async function flushDecision(em: EntityManager, entity: EntityClass<DecisionColumns>, id: string, what: { zh: string; en: string }): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (!(error instanceof OptimisticLockError)) throw error;
    const stored = await em.fork().findOne(entity, { id } as never);
    throw decidedAlready(what, stored?.status ?? 'UNKNOWN');
  }
}

/** The PENDING objection or application `id`, or NOT_FOUND / CONFLICT. */
async function pendingOrFail<T extends DecisionColumns>(em: EntityManager, entity: EntityClass<T>, id: string, what: { zh: string; en: string }): Promise<T> {
  const found = await em.findOne(entity, { id } as never);
  if (!found) throw errors.notFound(`未找到${what.zh} ${id}`, `no ${what.en} ${id}`);
  if (found.status !== 'PENDING') throw decidedAlready(what, found.status);
  return found;
}

/** Refuses a second PENDING objection or application for one record (the index stands behind it under concurrency). */
async function refuseSecondPending<T extends DecisionColumns>(em: EntityManager, entity: EntityClass<T>, recordKey: Partial<T>, refusal: () => Error): Promise<void> {
  requireOnePendingIndex(em, entity);
  if ((await em.count(entity, { ...recordKey, status: 'PENDING' } as never)) > 0) throw refusal();
}

/**
 * The owner itself (an ORGANIZATION token with the record's USCC) or one of `roles`. A record with
 * no owning unit (ownerUscc null: an official's) is acted on by those roles only.
 */
function requireOwnerOr(caller: Caller, ownerUscc: string | null, roles: readonly Role[]): void {
  if (ownerUscc !== null) return caller.requireOwnUnit(ownerUscc, ...roles);
  if (!caller.has(...roles)) throw errors.forbidden(`此记录只能由 ${roles.join('、')} 代为办理`, `only ${roles.join(', ')} may act for this record`);
}

function markDecided(decided: DecisionColumns, status: string, on: string, caller: Caller, note: string): void {
  decided.status = status;
  decided.decidedAt = on;
  decided.decidedBy = caller.id;
  decided.decisionNote = note;
}

/** 异议: by the unit itself (ORGANIZATION with its own USCC) or an AUDITOR; suspends the sanctions. */
export async function fileObjection<T extends ObjectionColumns>(
  em: EntityManager,
  entity: EntityClass<T>,
  recordKey: Partial<T>,
  target: RemedyTarget,
  reason: string,
  caller: Caller,
): Promise<T> {
  const filerRoles = target.filerRoles ?? OBJECTION_FILER_ROLES;
  requireOwnerOr(caller, target.ownerUscc, filerRoles);
  const on = today();
  const refused = target.objectionRefused(on);
  if (refused) throw refused;
  const text = requireText(reason, 'reason', 5000);
  await refuseSecondPending(em, entity, recordKey, SECOND_PENDING.objection);
  const onBehalf = filerRoles.find((role) => caller.has(role));
  const objection = em.create(entity, {
    ...recordKey,
    id: randomUUID(),
    filedByRole: onBehalf ?? 'ORGANIZATION',
    filerUscc: onBehalf ? null : caller.uscc,
    filedBy: caller.id,
    reason: text,
    filedAt: on,
  } as never);
  target.suspend(on, caller.id);
  await flushNewPending(em, SECOND_PENDING.objection);
  return objection;
}

/** The decision on a PENDING objection, by someone other than its filer; the decider's role is the resolver's to check. */
export async function decideObjection<T extends ObjectionColumns>(
  em: EntityManager,
  entity: EntityClass<T>,
  objectionId: string,
  verdict: ObjectionVerdict,
  note: string,
  caller: Caller,
  targetOf: (objection: T) => Promise<RemedyTarget>,
): Promise<T> {
  const objection = await pendingOrFail(em, entity, objectionId, OBJECTION);
  requireAnotherDecider(objection.filedBy, caller, SEPARATION_OF_DUTIES.objection);
  const decisionNote = requireText(note, 'note', 5000);
  const on = today();
  (await targetOf(objection)).settle(verdict, on, caller.id, decisionNote);
  markDecided(objection, OBJECTION_STATE_AFTER[verdict], on, caller, decisionNote);
  await flushDecision(em, entity as EntityClass<DecisionColumns>, objectionId, OBJECTION);
  return objection;
}

/** 信用修复申请: by the unit itself (or an ADMIN), one at a time. */
export async function applyForRepair<T extends RepairColumns>(
  em: EntityManager,
  entity: EntityClass<T>,
  recordKey: Partial<T>,
  target: RemedyTarget,
  measures: string,
  evidence: string | null | undefined,
  caller: Caller,
): Promise<T> {
  requireOwnerOr(caller, target.ownerUscc, target.applicantRoles ?? REPAIR_APPLICANT_ROLES);
  const on = today();
  const refused = target.repairRefused(on);
  if (refused) throw refused;
  const measuresText = requireText(measures, 'measures', 5000);
  const evidenceText = evidence?.trim() ? requireText(evidence, 'evidence', 5000) : null;
  await refuseSecondPending(em, entity, recordKey, SECOND_PENDING.repair);
  const application = em.create(entity, {
    ...recordKey,
    id: randomUUID(),
    appliedBy: caller.id,
    measures: measuresText,
    evidence: evidenceText,
    appliedAt: on,
  } as never);
  await flushNewPending(em, SECOND_PENDING.repair);
  return application;
}

/** The decision on a PENDING repair application, by someone other than its applicant (谁认定、谁修复: the resolver checks the decider's role). */
export async function decideRepair<T extends RepairColumns>(
  em: EntityManager,
  entity: EntityClass<T>,
  applicationId: string,
  approve: boolean,
  note: string,
  caller: Caller,
  targetOf: (application: T) => Promise<RemedyTarget>,
): Promise<T> {
  const application = await pendingOrFail(em, entity, applicationId, REPAIR_APPLICATION);
  requireAnotherDecider(application.appliedBy, caller, SEPARATION_OF_DUTIES.repair);
  const decisionNote = requireText(note, 'note', 5000);
  const on = today();
  if (approve) {
    const target = await targetOf(application);
    const refused = target.repairRefused(on);
    if (refused) throw refused;
    target.repair(on, caller.id, decisionNote);
  }
  markDecided(application, approve ? 'APPROVED' : 'REJECTED', on, caller, decisionNote);
  await flushDecision(em, entity as EntityClass<DecisionColumns>, applicationId, REPAIR_APPLICATION);
  return application;
}
