// The kit's one model of objections and credit repair (subgraphs/kit/remedies.ts, seed 004 §四(九)),
// on a record type made up for this file, so that what the model itself guarantees is tested apart
// from what court-debtors or dishonesty-records do to their records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caller, type Role } from '../../platform/auth.js';
import { ensureSchema, openOrm, type SubgraphOrm } from '../../platform/orm.js';
import { errors } from '../../platform/errors.js';
import {
  applyForRepair, decideObjection, decideRepair, fileObjection, ObjectionColumns, onePendingPerRecord, RepairColumns,
  type ObjectionState, type ObjectionVerdict, type RemedyTarget,
} from '../../subgraphs/kit/remedies.js';
import { today } from '../../subgraphs/kit/dates.js';

@Entity({ tableName: 'test_objection' })
@Unique(onePendingPerRecord<TestObjection>('test_objection', 'recordId'))
class TestObjection extends ObjectionColumns {
  @Property({ type: 'string', length: 32 })
  recordId!: string;
}

@Entity({ tableName: 'test_repair' })
@Unique(onePendingPerRecord<TestRepair>('test_repair', 'recordId'))
class TestRepair extends RepairColumns {
  @Property({ type: 'string', length: 32 })
  recordId!: string;
}

/** An objection table without the store's guarantee (its owner forgot the one line). */
@Entity({ tableName: 'test_unguarded_objection' })
class UnguardedObjection extends ObjectionColumns {
  @Property({ type: 'string', length: 32 })
  recordId!: string;
}

/** One that redeclares its status without the kit's options: decisions on it would not be guarded. */
@Entity({ tableName: 'test_unlocked_objection' })
@Unique(onePendingPerRecord<UnlockedObjection>('test_unlocked_objection', 'recordId'))
class UnlockedObjection extends ObjectionColumns {
  @Property({ type: 'string', length: 32 })
  recordId!: string;

  @Property({ type: 'string', length: 16 })
  override status: ObjectionState = 'PENDING';
}

// MikroORM wants at least one entity that is not abstract and has a key of its own; these two do.
@Entity({ tableName: 'test_unused' })
class Unused {
  @PrimaryKey({ type: 'string' })
  id!: string;
}

const UNIT = '11231124MB0000001X';
const OTHER_UNIT = '11231124MB0000002X';
const as = (role: Role, uscc: string | null = null) => new Caller(`${role}:${uscc ?? '-'}`, new Set<Role>([role]), uscc);

/** A record whose steps are written down, so a test sees what the model asked of it and when. */
function fakeRecord(options: { objectable?: boolean; repairable?: boolean; settleThrows?: boolean } = {}) {
  const steps: string[] = [];
  const target: RemedyTarget = {
    ownerUscc: UNIT,
    objectionRefused: () => (options.objectable === false ? errors.conflict('不能异议', 'not objectable') : null),
    suspend: (on, by) => void steps.push(`suspend ${on} ${by}`),
    settle: (verdict: ObjectionVerdict, _on, _by, note) => {
      if (options.settleThrows) throw errors.conflict('记录已变', 'the record changed');
      steps.push(`settle ${verdict} ${note}`);
    },
    repairRefused: () => (options.repairable === false ? errors.conflict('不能修复', 'not repairable') : null),
    repair: (on) => void steps.push(`repair ${on}`),
  };
  return { target, steps };
}

let store: SubgraphOrm;
const em = () => store.orm.em.fork();
let serial = 0;
const newRecordId = () => `R${++serial}`;

async function refusal(promise: Promise<unknown>): Promise<{ code: unknown; rule?: unknown }> {
  try {
    await promise;
  } catch (error) {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions ?? {};
    return { code: extensions.code, rule: extensions.rule };
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  store = await openOrm({ name: 'remedies-test', dbName: ':memory:', entities: [TestObjection, TestRepair, UnguardedObjection, UnlockedObjection, Unused] });
  await store.orm.schema.createSchema();
});
afterAll(async () => store?.close());

describe('objections', () => {
  it('are filed by the unit the record is about or by an AUDITOR, and suspend the record', async () => {
    const byUnit = fakeRecord();
    const recordId = newRecordId();
    const objection = await fileObjection(em(), TestObjection, { recordId }, byUnit.target, '  处罚对象认定有误  ', as('ORGANIZATION', UNIT));
    expect(objection).toMatchObject({ recordId, filedByRole: 'ORGANIZATION', filerUscc: UNIT, reason: '处罚对象认定有误', filedAt: today(), status: 'PENDING' });
    expect(byUnit.steps).toEqual([`suspend ${today()} ORGANIZATION:${UNIT}`]);

    const byAuditor = fakeRecord();
    const otherRecordId = newRecordId();
    const second = await fileObjection(em(), TestObjection, { recordId: otherRecordId }, byAuditor.target, '主动核查', as('AUDITOR'));
    expect(second).toMatchObject({ filedByRole: 'AUDITOR', filerUscc: null });
    // this test's records only: the tests of this file share the store and may run in any order
    expect(await em().count(TestObjection, { recordId: { $in: [recordId, otherRecordId] } })).toBe(2);
  });

  it('for a record with no owning unit (an official\'s), only the roles the target names file, on the subject\'s behalf; no ORGANIZATION token, not even one without a USCC', async () => {
    const recordId = newRecordId();
    for (const caller of [as('ORGANIZATION', UNIT), as('ORGANIZATION', null), as('ADMIN'), as('PUBLIC')]) {
      const { target, steps } = fakeRecord();
      const unowned: RemedyTarget = { ...target, ownerUscc: null, filerRoles: ['AUDITOR', 'PERSONNEL'] };
      expect((await refusal(fileObjection(em(), TestObjection, { recordId }, unowned, '理由', caller))).code, caller.id).toBe('FORBIDDEN');
      expect(steps).toEqual([]);
    }
    const { target, steps } = fakeRecord();
    const filed = await fileObjection(em(), TestObjection, { recordId }, { ...target, ownerUscc: null, filerRoles: ['AUDITOR', 'PERSONNEL'] }, '代为提出', as('PERSONNEL'));
    expect(filed).toMatchObject({ filedByRole: 'PERSONNEL', filerUscc: null, status: 'PENDING' });
    expect(steps).toEqual([`suspend ${today()} PERSONNEL:-`]);
  });

  it('refuses another unit, the public and a court, and writes nothing', async () => {
    const recordId = newRecordId();
    for (const caller of [as('ORGANIZATION', OTHER_UNIT), as('PUBLIC'), as('COURT'), as('ADMIN')]) {
      const { target, steps } = fakeRecord();
      expect((await refusal(fileObjection(em(), TestObjection, { recordId }, target, '理由', caller))).code, caller.id).toBe('FORBIDDEN');
      expect(steps).toEqual([]);
    }
    expect(await em().count(TestObjection, { recordId })).toBe(0);
  });

  it('passes on the record\'s refusal and a blank reason, before suspending anything', async () => {
    const recordId = newRecordId();
    const closed = fakeRecord({ objectable: false });
    expect((await refusal(fileObjection(em(), TestObjection, { recordId }, closed.target, '理由', as('ORGANIZATION', UNIT)))).code).toBe('CONFLICT');
    const open = fakeRecord();
    expect(await refusal(fileObjection(em(), TestObjection, { recordId }, open.target, '   ', as('ORGANIZATION', UNIT)))).toEqual({ code: 'BAD_USER_INPUT', rule: 'TEXT' });
    expect([...closed.steps, ...open.steps]).toEqual([]);
    expect(await em().count(TestObjection, { recordId })).toBe(0);
  });

  it('takes one at a time per record, even when the record itself would allow another', async () => {
    const recordId = newRecordId();
    await fileObjection(em(), TestObjection, { recordId }, fakeRecord().target, '第一次', as('ORGANIZATION', UNIT));
    const again = fakeRecord();
    expect((await refusal(fileObjection(em(), TestObjection, { recordId }, again.target, '第二次', as('AUDITOR')))).code).toBe('CONFLICT');
    expect(again.steps).toEqual([]);
    // another record of the same unit is another matter
    await fileObjection(em(), TestObjection, { recordId: newRecordId() }, fakeRecord().target, '另一条', as('ORGANIZATION', UNIT));
  });

  it('are decided once: CORRECT and REMOVE uphold, REJECT rejects; the record is told the verdict', async () => {
    const expected: Record<ObjectionVerdict, string> = { CORRECT: 'CORRECTED', REMOVE: 'REMOVED', REJECT: 'REJECTED' };
    for (const verdict of ['CORRECT', 'REMOVE', 'REJECT'] as const) {
      const recordId = newRecordId();
      const filed = await fileObjection(em(), TestObjection, { recordId }, fakeRecord().target, '理由', as('ORGANIZATION', UNIT));
      const record = fakeRecord();
      const decided = await decideObjection(em(), TestObjection, filed.id, verdict, ' 经核查 ', as('AUDITOR'), async (objection) => {
        expect(objection.recordId).toBe(recordId);
        return record.target;
      });
      expect(decided).toMatchObject({ status: expected[verdict], decidedAt: today(), decidedBy: 'AUDITOR:-', decisionNote: '经核查' });
      expect(record.steps).toEqual([`settle ${verdict} 经核查`]);
      expect((await em().findOneOrFail(TestObjection, { id: filed.id })).status).toBe(expected[verdict]);
      // a settled objection is not decided again, and the record is not touched again
      const late = fakeRecord();
      expect((await refusal(decideObjection(em(), TestObjection, filed.id, 'REJECT', '再议', as('AUDITOR'), async () => late.target))).code).toBe('CONFLICT');
      expect(late.steps).toEqual([]);
    }
  });

  it('are not decided by the caller who filed them (separation of duties), whatever its roles; another caller may', async () => {
    const recordId = newRecordId();
    const filer = as('AUDITOR');
    const filed = await fileObjection(em(), TestObjection, { recordId }, fakeRecord().target, '主动核查', filer);
    // The same account, even holding a decider's role besides (the resolver checks roles; the kit, who).
    const sameAccount = new Caller(filer.id, new Set<Role>(['AUDITOR', 'COURT', 'ADMIN']), null);
    const untouched = fakeRecord();
    expect(await refusal(decideObjection(em(), TestObjection, filed.id, 'REMOVE', '异议成立', sameAccount, async () => untouched.target))).toEqual({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES' });
    expect(untouched.steps).toEqual([]);
    expect((await em().findOneOrFail(TestObjection, { id: filed.id })).status).toBe('PENDING');
    const decided = await decideObjection(em(), TestObjection, filed.id, 'REJECT', '异议不成立', as('COURT'), async () => fakeRecord().target);
    expect(decided).toMatchObject({ status: 'REJECTED', filedBy: filer.id, decidedBy: 'COURT:-' });
  });

  it('stays pending when the record refuses the decision or the note is blank', async () => {
    const recordId = newRecordId();
    const filed = await fileObjection(em(), TestObjection, { recordId }, fakeRecord().target, '理由', as('ORGANIZATION', UNIT));
    expect((await refusal(decideObjection(em(), TestObjection, filed.id, 'REMOVE', '理由', as('AUDITOR'), async () => fakeRecord({ settleThrows: true }).target))).code).toBe('CONFLICT');
    const untouched = fakeRecord();
    expect(await refusal(decideObjection(em(), TestObjection, filed.id, 'REMOVE', ' ', as('AUDITOR'), async () => untouched.target))).toEqual({ code: 'BAD_USER_INPUT', rule: 'TEXT' });
    expect(untouched.steps).toEqual([]);
    expect((await em().findOneOrFail(TestObjection, { id: filed.id })).status).toBe('PENDING');
    expect((await refusal(decideObjection(em(), TestObjection, 'no-such-id', 'REJECT', '理由', as('AUDITOR'), async () => untouched.target))).code).toBe('NOT_FOUND');
  });
});

describe('credit repair', () => {
  it('is applied for by the unit (or an ADMIN), one application at a time', async () => {
    const recordId = newRecordId();
    const application = await applyForRepair(em(), TestRepair, { recordId }, fakeRecord().target, ' 已整改 ', ' ', as('ORGANIZATION', UNIT));
    expect(application).toMatchObject({ recordId, measures: '已整改', evidence: null, appliedAt: today(), status: 'PENDING', effectiveFrom: null });
    expect((await refusal(applyForRepair(em(), TestRepair, { recordId }, fakeRecord().target, '再次申请', null, as('ADMIN')))).code).toBe('CONFLICT');
    for (const caller of [as('ORGANIZATION', OTHER_UNIT), as('AUDITOR'), as('PUBLIC')]) {
      expect((await refusal(applyForRepair(em(), TestRepair, { recordId: newRecordId() }, fakeRecord().target, '措施', null, caller))).code, caller.id).toBe('FORBIDDEN');
    }
    expect((await refusal(applyForRepair(em(), TestRepair, { recordId: newRecordId() }, fakeRecord({ repairable: false }).target, '措施', null, as('ADMIN')))).code).toBe('CONFLICT');
  });

  it('approved, takes effect on the day of approval and repairs the record; rejected, leaves it alone', async () => {
    const approvedRecord = fakeRecord();
    const toApprove = await applyForRepair(em(), TestRepair, { recordId: newRecordId() }, fakeRecord().target, '措施', '证明材料', as('ORGANIZATION', UNIT));
    const approved = await decideRepair(em(), TestRepair, toApprove.id, true, '同意修复', as('COURT'), async () => approvedRecord.target);
    expect(approved).toMatchObject({ status: 'APPROVED', decidedAt: today(), effectiveFrom: today(), decisionNote: '同意修复' });
    expect(approvedRecord.steps).toEqual([`repair ${today()}`]);
    expect((await refusal(decideRepair(em(), TestRepair, toApprove.id, false, '撤回', as('COURT'), async () => approvedRecord.target))).code).toBe('CONFLICT');

    const rejectedRecord = fakeRecord();
    const toReject = await applyForRepair(em(), TestRepair, { recordId: newRecordId() }, fakeRecord().target, '措施', null, as('ORGANIZATION', UNIT));
    const rejected = await decideRepair(em(), TestRepair, toReject.id, false, '材料不足', as('COURT'), async () => rejectedRecord.target);
    expect(rejected).toMatchObject({ status: 'REJECTED', effectiveFrom: null });
    expect(rejectedRecord.steps).toEqual([]);
  });

  it('is not decided by the caller who applied (separation of duties): one ADMIN applies, another decides', async () => {
    const admin = as('ADMIN');
    const application = await applyForRepair(em(), TestRepair, { recordId: newRecordId() }, fakeRecord().target, '纸质申请：已整改', null, admin);
    for (const approve of [true, false]) {
      const untouched = fakeRecord();
      const refused = decideRepair(em(), TestRepair, application.id, approve, '同意', admin, async () => untouched.target);
      expect(await refusal(refused)).toEqual({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES' });
      expect(untouched.steps).toEqual([]);
    }
    expect((await em().findOneOrFail(TestRepair, { id: application.id })).status).toBe('PENDING');
    const approved = await decideRepair(em(), TestRepair, application.id, true, '同意修复', new Caller('ADMIN:second', new Set<Role>(['ADMIN']), null), async () => fakeRecord().target);
    expect(approved).toMatchObject({ status: 'APPROVED', appliedBy: admin.id, decidedBy: 'ADMIN:second' });
  });

  it('is not approved when the record can no longer be repaired; the application stays pending', async () => {
    const application = await applyForRepair(em(), TestRepair, { recordId: newRecordId() }, fakeRecord().target, '措施', null, as('ORGANIZATION', UNIT));
    const record = fakeRecord({ repairable: false });
    expect((await refusal(decideRepair(em(), TestRepair, application.id, true, '同意', as('COURT'), async () => record.target))).code).toBe('CONFLICT');
    expect(record.steps).toEqual([]);
    expect((await em().findOneOrFail(TestRepair, { id: application.id })).status).toBe('PENDING');
  });
});

describe('one pending at a time, under concurrency (a real SQLite file)', () => {
  // Two requests at once, each in its own unit of work: both may count no pending one before either
  // writes. The store's partial unique index decides, and the loser gets the count check's CONFLICT.
  let fileStore: SubgraphOrm;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'remedies-'));
    fileStore = await openOrm({ name: 'remedies-race', dbName: join(dir, 'remedies.sqlite'), entities: [TestObjection, TestRepair, Unused] });
    await ensureSchema(fileStore.orm);
  });
  afterAll(async () => {
    await fileStore?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const codeOf = (x: PromiseSettledResult<{ status: string }>) => (x.status === 'fulfilled' ? x.value.status : (x.reason as { extensions?: { code?: unknown } }).extensions?.code);

  it('two objections filed at once: one PENDING, one CONFLICT with the count check\'s message; the record suspended once', async () => {
    const recordId = newRecordId();
    const [first, second] = [fakeRecord(), fakeRecord()];
    const settled = await Promise.allSettled([
      fileObjection(fileStore.orm.em.fork(), TestObjection, { recordId }, first.target, '第一份', as('ORGANIZATION', UNIT)),
      fileObjection(fileStore.orm.em.fork(), TestObjection, { recordId }, second.target, '第二份', as('AUDITOR')),
    ]);
    expect(settled.map(codeOf).sort()).toEqual(['CONFLICT', 'PENDING']);
    expect(((settled.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason as Error).message).toBe('该记录已有审查中的异议 (the record already has an objection under examination)');
    expect(await fileStore.orm.em.fork().count(TestObjection, { recordId, status: 'PENDING' })).toBe(1);
    // Once decided, the next objection is taken again (the index holds pending ones only).
    const pending = await fileStore.orm.em.fork().findOneOrFail(TestObjection, { recordId, status: 'PENDING' });
    await decideObjection(fileStore.orm.em.fork(), TestObjection, pending.id, 'REJECT', '不成立', as('COURT'), async () => fakeRecord().target);
    expect((await fileObjection(fileStore.orm.em.fork(), TestObjection, { recordId }, fakeRecord().target, '第三份', as('ORGANIZATION', UNIT))).status).toBe('PENDING');
  });

  it('are refused for a table whose entity lacks onePendingPerRecord or the status lock, before anything is written', async () => {
    const { target, steps } = fakeRecord();
    await expect(fileObjection(em(), UnguardedObjection, { recordId: newRecordId() }, target, '理由', as('AUDITOR'))).rejects.toThrow(/lacks @Unique\(onePendingPerRecord\('test_unguarded_objection'/);
    expect(steps).toEqual([]);
    expect(await em().count(UnguardedObjection, {})).toBe(0);
    await expect(fileObjection(em(), UnlockedObjection, { recordId: newRecordId() }, target, '理由', as('AUDITOR'))).rejects.toThrow(/UnlockedObjection\.status lacks @Property\(DECISION_STATUS\)/);
    expect(await em().count(UnlockedObjection, {})).toBe(0);
  });

  it('two repair applications at once: one PENDING, one CONFLICT', async () => {
    const recordId = newRecordId();
    const settled = await Promise.allSettled([
      applyForRepair(fileStore.orm.em.fork(), TestRepair, { recordId }, fakeRecord().target, '措施一', null, as('ORGANIZATION', UNIT)),
      applyForRepair(fileStore.orm.em.fork(), TestRepair, { recordId }, fakeRecord().target, '措施二', null, as('ADMIN')),
    ]);
    expect(settled.map(codeOf).sort()).toEqual(['CONFLICT', 'PENDING']);
    expect(((settled.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason as Error).message).toBe('该记录已有待审核的修复申请 (the record already has a repair application under review)');
    expect(await fileStore.orm.em.fork().count(TestRepair, { recordId, status: 'PENDING' })).toBe(1);
  });

  it('two decisions at once on one objection: one is taken, the other CONFLICT; the stored decision is the winner\'s alone', async () => {
    const recordId = newRecordId();
    const objection = await fileObjection(fileStore.orm.em.fork(), TestObjection, { recordId }, fakeRecord().target, '理由', as('ORGANIZATION', UNIT));
    const settled = await Promise.allSettled([
      decideObjection(fileStore.orm.em.fork(), TestObjection, objection.id, 'REJECT', '不成立', as('COURT'), async () => fakeRecord().target),
      decideObjection(fileStore.orm.em.fork(), TestObjection, objection.id, 'REMOVE', '撤销', as('AUDITOR'), async () => fakeRecord().target),
    ]);
    expect(settled.map(codeOf).sort()).toEqual(['CONFLICT', expect.stringMatching(/^(REJECTED|REMOVED)$/)].sort());
    const won = (settled.find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<TestObjection>).value;
    const stored = await fileStore.orm.em.fork().findOneOrFail(TestObjection, { id: objection.id });
    expect([stored.status, stored.decidedBy, stored.decisionNote]).toEqual([won.status, won.decidedBy, won.decisionNote]);
    expect(((settled.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason as Error).message).toMatch(/^该异议已处理.*\(the objection has been decided already/);
  });

  it('two decisions at once on one repair application: one is taken, the other CONFLICT', async () => {
    const recordId = newRecordId();
    const application = await applyForRepair(fileStore.orm.em.fork(), TestRepair, { recordId }, fakeRecord().target, '措施', null, as('ORGANIZATION', UNIT));
    const settled = await Promise.allSettled([
      decideRepair(fileStore.orm.em.fork(), TestRepair, application.id, true, '同意', as('COURT'), async () => fakeRecord().target),
      decideRepair(fileStore.orm.em.fork(), TestRepair, application.id, false, '不同意', as('ADMIN'), async () => fakeRecord().target),
    ]);
    expect(settled.map(codeOf).filter((c) => c === 'CONFLICT')).toHaveLength(1);
    const won = (settled.find((x) => x.status === 'fulfilled') as PromiseFulfilledResult<TestRepair>).value;
    expect((await fileStore.orm.em.fork().findOneOrFail(TestRepair, { id: application.id })).status).toBe(won.status);
  });
});
