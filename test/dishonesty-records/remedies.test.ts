// Objections and credit repair for every dishonesty record (issue 16 phase 2, seed 004 §四(九)), in the
// kit's model: filing suspends the record and its sanctions; REJECT restores them; CORRECT amends the
// record and re-derives; REMOVE undoes; an approved repair (only after the rectification is reported)
// lifts. Who may file, apply and decide (谁认定、谁修复), and nothing half-written. Each test sends the
// decisions it reads, on a store of its own, dates counted from today().
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeEntry, signToken, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { daysFromToday, dropTestStore, testDbName } from '../helpers.js';
import { COURT, countyStore, HOUSING, MARKET, penalty, sanction, SCHOOL } from './fixture-county.js';

const IMPORT = 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted updated unchanged rejected } }';
const RECORD = 'query($id: ID!) { dishonestyRecord(id: $id) { status inForce severity removedAt repairedAt sanctions { id measureId state reason since } objections { id status } creditRepairs { id status effectiveFrom } } }';
const FILE = 'mutation($id: ID!, $reason: String!) { fileDishonestyObjection(recordId: $id, reason: $reason) { id status filedByRole filerUscc recordId } }';
const DECIDE = 'mutation($id: ID!, $d: DishonestyObjectionDecision!, $note: String!, $c: DishonestyCorrectionInput) { decideDishonestyObjection(objectionId: $id, decision: $d, note: $note, correction: $c) { id status decidedAt } }';
const APPLY = 'mutation($id: ID!, $m: String!) { applyForDishonestyRepair(recordId: $id, measures: $m) { id status } }';
const APPROVE = 'mutation($id: ID!, $ok: Boolean!) { decideDishonestyRepair(applicationId: $id, approve: $ok, note: "经审核符合修复条件") { id status effectiveFrom } }';
const REPORT = 'mutation($id: ID!) { reportDishonestyRectification(sanctionId: $id, explanation: "已退还违规收费并整改") { id } }';

/** A token of its own subject: separation of duties tells callers apart by subject. */
const token = async (sub: string, role: string, uscc?: string) => ({ authorization: `Bearer ${await signToken({ sub, roles: [role as never], ...(uscc ? { uscc } : {}) })}` });
const code = (result: { errors?: readonly any[] }) => result.errors?.[0]?.extensions?.code;

describe('objections and repair of a dishonesty record', () => {
  let dbName: string;
  let store: BuiltSubgraph;
  let auditor: Record<string, string>;
  let housing: Record<string, string>;
  let market: Record<string, string>;
  beforeEach(async () => {
    dbName = testDbName('dishonesty_remedies');
    store = await countyStore(dbName);
    auditor = await token('credit-office', 'AUDITOR');
    housing = await token('housing-clerk', 'ORGANIZATION', HOUSING);
    market = await token('market-clerk', 'ORGANIZATION', MARKET);
  });
  afterEach(() => dropTestStore(store, dbName));

  /** The market regulator's GENERAL penalty on the housing bureau, decided ten days ago: its id. */
  const sendPenalty = async (changes: Record<string, string> = {}) => {
    const sent = await store.execute(IMPORT, { r: [{ ...penalty, decisionDate: daysFromToday(-10), ...changes }] }, auditor);
    expect(sent.data.importDishonestyRecords).toMatchObject({ accepted: 1, rejected: 0 });
    const found = await store.execute('{ dishonestyRecords(first: 10) { edges { node { id documentNumber } } } }', {}, auditor);
    return found.data.dishonestyRecords.edges.find((e: any) => e.node.documentNumber === (changes.documentNumber ?? penalty.documentNumber)).node.id as string;
  };
  const read = async (id: string, headers = auditor) => (await store.execute(RECORD, { id }, headers)).data.dishonestyRecord;
  const states = (record: any) => record.sanctions.map((s: any) => [s.measureId, s.state, s.reason]);
  /** The four GENERAL body measures (catalogue/2026.json), each in `state` for `reason`. */
  const all = (state: string, reason: string) => ['ASSESSMENT_DEDUCTION', 'HONOURS_INELIGIBLE', 'PUBLIC_CRITICISM', 'WRITTEN_EXPLANATION_AND_RECTIFICATION'].map((m) => [m, state, reason]);
  const file = async (id: string, headers = housing) => {
    const filed = await store.execute(FILE, { id, reason: '处罚对象认定有误：收费主体为下属事业单位' }, headers);
    expect(filed.errors).toBeUndefined();
    return filed.data.fileDishonestyObjection.id as string;
  };

  it('filing suspends the sanctions and takes the record out of force; REJECT by the penalising body restores them', async () => {
    const id = await sendPenalty();
    const filed = await store.execute(FILE, { id, reason: '处罚对象认定有误' }, housing);
    expect(filed.data.fileDishonestyObjection).toMatchObject({ status: 'PENDING', filedByRole: 'ORGANIZATION', filerUscc: HOUSING, recordId: id });
    let record = await read(id);
    expect([record.status, record.inForce]).toEqual(['UNDER_OBJECTION', false]);
    expect(states(record)).toEqual(all('SUSPENDED', 'OBJECTION_FILED'));
    // The summary no longer counts it (its SQL filter and rule require ACTIVE).
    const summary = await store.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { dishonestySummary { inForceRecordIds } } } }`, { r: [{ __typename: 'Organization', uscc: HOUSING }] }, {});
    expect(summary.data._entities[0].dishonestySummary.inForceRecordIds).toEqual([]);

    // A second objection while one is pending: CONFLICT.
    expect(code(await store.execute(FILE, { id, reason: '再次提出' }, auditor))).toBe('CONFLICT');
    // The market regulator's pending list has it; the court's does not.
    expect((await store.execute('{ pendingDishonestyObjections { id } }', {}, market)).data.pendingDishonestyObjections).toEqual([{ id: filed.data.fileDishonestyObjection.id }]);
    expect((await store.execute('{ pendingDishonestyObjections { id } }', {}, await token('court-clerk', 'COURT'))).data.pendingDishonestyObjections).toEqual([]);

    const rejected = await store.execute(DECIDE, { id: filed.data.fileDishonestyObjection.id, d: 'REJECT', note: '经核实处罚对象无误' }, market);
    expect(rejected.data.decideDishonestyObjection).toMatchObject({ status: 'REJECTED', decidedAt: daysFromToday(0) });
    record = await read(id);
    expect([record.status, record.inForce]).toEqual(['ACTIVE', true]);
    expect(states(record)).toEqual(all('APPLIED', 'OBJECTION_REJECTED'));
    expect(record.objections).toEqual([{ id: filed.data.fileDishonestyObjection.id, status: 'REJECTED' }]);
    // Every step wrote change-feed entries naming the housing bureau (the record is published).
    const entries = await store.store.orm.em.fork().find(ChangeEntry, { entity: { $in: ['DishonestyObjection', 'AppliedSanction', 'DishonestyRecord'] } });
    expect(new Set(entries.map((e) => e.entity))).toEqual(new Set(['DishonestyObjection', 'AppliedSanction', 'DishonestyRecord']));
    expect(entries.every((e) => e.organizations.includes(HOUSING))).toBe(true);
  });

  it('REMOVE marks the record REMOVED as wrongly made and undoes its sanctions', async () => {
    const id = await sendPenalty();
    const objection = await file(id);
    expect((await store.execute(DECIDE, { id: objection, d: 'REMOVE', note: '处罚对象错误，予以删除' }, market)).data.decideDishonestyObjection.status).toBe('REMOVED');
    const record = await read(id);
    expect([record.status, record.inForce, record.removedAt]).toEqual(['REMOVED', false, daysFromToday(0)]);
    expect(states(record)).toEqual(all('UNDONE', 'OBJECTION_REMOVED'));
    // A removed record takes no further objection.
    expect(code(await store.execute(FILE, { id, reason: '再次提出' }, housing))).toBe('CONFLICT');
    // The penalising system sends the decision again, unchanged and then SERIOUS: the record stays REMOVED
    // (the objection's decision stands over a re-import) and no measure is applied again.
    for (const changes of [{}, { severity: 'SERIOUS' }]) {
      const again = await store.execute(IMPORT, { r: [{ ...penalty, decisionDate: daysFromToday(-10), ...changes }] }, auditor);
      expect(again.data.importDishonestyRecords).toMatchObject({ accepted: 0, rejected: 0 });
      const after = await read(id);
      expect([after.status, after.inForce, after.removedAt]).toEqual(['REMOVED', false, daysFromToday(0)]);
      expect(states(after)).toEqual(all('UNDONE', 'OBJECTION_REMOVED'));
    }
  });

  it('CORRECT amends the record and re-derives: GENERAL → MINOR undoes the two GENERAL measures; without a correction nothing is written', async () => {
    const id = await sendPenalty();
    const objection = await file(id);
    // No correction given: BAD_USER_INPUT, and the record, its sanctions and the objection stay as they were.
    expect((await store.execute(DECIDE, { id: objection, d: 'CORRECT', note: '更正失信程度' }, market)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'correction' });
    let record = await read(id);
    expect([record.status, record.severity, record.objections]).toEqual(['UNDER_OBJECTION', 'GENERAL', [{ id: objection, status: 'PENDING' }]]);
    expect(states(record)).toEqual(all('SUSPENDED', 'OBJECTION_FILED'));

    expect((await store.execute(DECIDE, { id: objection, d: 'CORRECT', note: '更正失信程度', c: { severity: 'MINOR' } }, market)).data.decideDishonestyObjection.status).toBe('CORRECTED');
    record = await read(id);
    expect([record.status, record.severity, record.inForce]).toEqual(['ACTIVE', 'MINOR', true]);
    // MINOR reaches ASSESSMENT_DEDUCTION and WRITTEN_EXPLANATION_AND_RECTIFICATION: they apply again; the GENERAL two are undone.
    expect(states(record)).toEqual([
      ['ASSESSMENT_DEDUCTION', 'APPLIED', 'OBJECTION_CORRECTED'],
      ['HONOURS_INELIGIBLE', 'UNDONE', 'RECORD_CORRECTED'],
      ['PUBLIC_CRITICISM', 'UNDONE', 'RECORD_CORRECTED'],
      ['WRITTEN_EXPLANATION_AND_RECTIFICATION', 'APPLIED', 'OBJECTION_CORRECTED'],
    ]);
    // The penalising system sends its original decision again: unchanged, the amendment stands.
    const again = await store.execute(IMPORT, { r: [{ ...penalty, decisionDate: daysFromToday(-10) }] }, auditor);
    expect(again.data.importDishonestyRecords).toMatchObject({ accepted: 0, updated: 0, unchanged: 1, rejected: 0 });
    expect((await read(id)).severity).toBe('MINOR');
  });

  it('repair waits for the rectification to be reported; approved by the penalising body, the record is REPAIRED and its sanctions LIFTED', async () => {
    const id = await sendPenalty();
    const refused = await store.execute(APPLY, { id, m: '已退还违规收费' }, housing);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'RECTIFICATION_NOT_REPORTED' });
    expect((await read(id)).creditRepairs).toEqual([]);
    const written = (await read(id)).sanctions[3];
    expect((await store.execute(REPORT, { id: written.id }, housing)).errors).toBeUndefined();
    const applied = await store.execute(APPLY, { id, m: '已退还违规收费，建立收费公示制度' }, housing);
    expect(applied.data.applyForDishonestyRepair.status).toBe('PENDING');
    // The housing bureau cannot decide on its own record; another unit cannot either.
    expect(code(await store.execute(APPROVE, { id: applied.data.applyForDishonestyRepair.id, ok: true }, await token('housing-head', 'ORGANIZATION', HOUSING)))).toBe('FORBIDDEN');
    expect(code(await store.execute(APPROVE, { id: applied.data.applyForDishonestyRepair.id, ok: true }, await token('school-clerk', 'ORGANIZATION', SCHOOL)))).toBe('FORBIDDEN');
    expect((await store.execute('{ pendingDishonestyRepairs { id } }', {}, market)).data.pendingDishonestyRepairs).toEqual([{ id: applied.data.applyForDishonestyRepair.id }]);
    const approved = await store.execute(APPROVE, { id: applied.data.applyForDishonestyRepair.id, ok: true }, market);
    expect(approved.data.decideDishonestyRepair).toEqual({ id: applied.data.applyForDishonestyRepair.id, status: 'APPROVED', effectiveFrom: daysFromToday(0) });
    const record = await read(id);
    expect([record.status, record.inForce, record.repairedAt]).toEqual(['REPAIRED', false, daysFromToday(0)]);
    expect(record.sanctions.map((s: any) => [s.state, s.reason, s.since])).toEqual(Array(4).fill(['LIFTED', 'REPAIRED', daysFromToday(0)]));
  });

  it('refuses the wrong filer and decider: a unit objecting to another\'s record, the unit deciding its own, the public; unknown ids are NOT_FOUND', async () => {
    const id = await sendPenalty();
    expect(code(await store.execute(FILE, { id, reason: '代为提出' }, await token('school-clerk', 'ORGANIZATION', SCHOOL)))).toBe('FORBIDDEN');
    expect(code(await store.execute(FILE, { id, reason: '公众提出' }, {}))).toBe('UNAUTHENTICATED');
    const objection = await file(id);
    expect(code(await store.execute(DECIDE, { id: objection, d: 'REMOVE', note: '自行删除' }, await token('housing-head', 'ORGANIZATION', HOUSING)))).toBe('FORBIDDEN');
    expect(code(await store.execute(DECIDE, { id: objection, d: 'REMOVE', note: '法院删除' }, await token('court-clerk', 'COURT')))).toBe('FORBIDDEN');
    // Nothing of those was written.
    expect((await read(id)).status).toBe('UNDER_OBJECTION');
    expect(code(await store.execute(FILE, { id: '00000000-0000-0000-0000-000000000000', reason: '无此记录' }, auditor))).toBe('NOT_FOUND');
    expect(code(await store.execute(DECIDE, { id: '00000000-0000-0000-0000-000000000000', d: 'REJECT', note: '无此异议' }, market))).toBe('NOT_FOUND');
    expect(code(await store.execute(APPROVE, { id: '00000000-0000-0000-0000-000000000000', ok: true }, market))).toBe('NOT_FOUND');
  });

  it('an official\'s record: AUDITOR or PERSONNEL object on the official\'s behalf, not the unit; PERSONNEL (another caller) decides; the unit reads none of it', async () => {
    const sent = await store.execute(IMPORT, { r: [{ ...sanction, decisionDate: daysFromToday(-10) }] }, auditor);
    expect(sent.data.importDishonestyRecords.accepted).toBe(1);
    const found = await store.execute('{ dishonestyRecords(first: 10) { edges { node { id } } } }', {}, auditor);
    const id = found.data.dishonestyRecords.edges[0].node.id as string;
    expect(code(await store.execute(FILE, { id, reason: '单位代为提出' }, housing))).toBe('FORBIDDEN');
    const organisation = await token('org-dept-a', 'PERSONNEL');
    const filed = await store.execute(FILE, { id, reason: '本人申辩：承诺系前任以个人名义作出' }, organisation);
    expect(filed.data.fileDishonestyObjection).toMatchObject({ status: 'PENDING', filedByRole: 'PERSONNEL', filerUscc: null });
    // Separation of duties: the filer may not decide, though PERSONNEL decides disciplinary sanctions.
    expect((await store.execute(DECIDE, { id: filed.data.fileDishonestyObjection.id, d: 'REJECT', note: '驳回' }, organisation)).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES' });
    // AUDITOR does not decide a disciplinary sanction (谁认定、谁修复): PERSONNEL does.
    expect(code(await store.execute(DECIDE, { id: filed.data.fileDishonestyObjection.id, d: 'REJECT', note: '驳回' }, auditor))).toBe('FORBIDDEN');
    const decided = await store.execute(DECIDE, { id: filed.data.fileDishonestyObjection.id, d: 'REJECT', note: '经核实处分无误' }, await token('discipline-b', 'PERSONNEL'));
    expect(decided.data.decideDishonestyObjection.status).toBe('REJECTED');
    // The unit and the public read the record, not its sanctions, objections or repairs.
    for (const headers of [housing, {}]) {
      const seen = await read(id, headers as Record<string, string>);
      expect([seen.status, seen.sanctions, seen.objections, seen.creditRepairs]).toEqual(['ACTIVE', null, null, null]);
    }
    expect(states(await read(id))).toEqual([['OFFICIAL_AWARDS_RESTRICTED', 'APPLIED', 'OBJECTION_REJECTED'], ['OFFICIAL_PROMOTION_REVIEW', 'APPLIED', 'OBJECTION_REJECTED']]);
    // Repair of an official's record: PERSONNEL applies on the official's behalf (no rectification is asked of an official), the unit may not.
    expect(code(await store.execute(APPLY, { id, m: '已兑现承诺' }, housing))).toBe('FORBIDDEN');
    expect((await store.execute(APPLY, { id, m: '已兑现承诺' }, organisation)).data.applyForDishonestyRepair.status).toBe('PENDING');
  });
});
