// The ID-number oracle attacks, over real HTTP through the gateway. PUBLIC sees an official's
// pseudonym (PublicOfficial.id) and, under the old mask, the region and the last four
// characters of the ID number: only the birth date was unknown, about 1,900 candidates over a
// working life and a few hundred around a known age. Each write path that took an ID number
// let its caller test candidates: these tests run that search and require that it learns
// nothing (issue 13: "no oracle anywhere", "tenancy in every write").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCommitments } from '../../scripts/demo-data/commitments.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { buildDemoTraining } from '../../scripts/demo-data/training.js';
import { addDays, idNumberCheckCharacter, officialPseudonym, signToken, type Role } from '../../subgraphs/kit/index.js';
import { post } from '../helpers.js';
import { startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const commitments = buildDemoCommitments(registry);
const training = buildDemoTraining(registry);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);

afterAll(() => stack?.close());

/** Every caller gets its own identity, so one test's failures never spend another's budget. */
let callers = 0;
async function token(role: Exclude<Role, 'PUBLIC'>, uscc?: string): Promise<Record<string, string>> {
  const jwt = await signToken({ sub: `attacker-${role.toLowerCase()}-${++callers}`, roles: [role], ...(uscc ? { uscc } : {}) });
  return { authorization: `Bearer ${jwt}` };
}

/**
 * What an attacker builds from region + last four: every date of birth within two years of
 * the target's whose check character matches. The target's own number is among them.
 */
function candidates(idNumber: string): string[] {
  const region = idNumber.slice(0, 6);
  const sequence = idNumber.slice(14, 17);
  const check = idNumber.slice(17);
  const year = Number(idNumber.slice(6, 10));
  const out: string[] = [];
  for (let day = `${year - 1}-01-01`; day <= `${year + 1}-12-31`; day = addDays(day, 1)) {
    const body = `${region}${day.replaceAll('-', '')}${sequence}`;
    if (idNumberCheckCharacter(body) === check) out.push(body + check);
  }
  return out;
}

/** A few candidates, the real one among them at a position the attacker does not know. */
function shortList(idNumber: string): string[] {
  const all = candidates(idNumber).filter((c) => c !== idNumber).slice(0, 4);
  return [...all.slice(0, 2), idNumber, ...all.slice(2)];
}

const rowErrorShape = (e: any) => JSON.stringify({ field: e.field, code: e.code, rule: e.rule, message: e.message });

// The target: an official with a commitment accepted by their own unit; the attacker: another unit.
const target = commitments.officialCommitments[0]!;
const targetId = officialPseudonym(target.idNumber);
const targetUnit = target.acceptingUnitUscc;
const attackerUnit = registry.organizations.find((o) => o.uscc !== targetUnit && registry.officials.filter((p) => p.organizationUscc === o.uscc).length >= 2)!;
const ownStaff = registry.officials.find((p) => p.organizationUscc === attackerUnit.uscc)!;

describe('officials\' commitments (ORGANIZATION)', () => {
  const submit = 'mutation($rows: [OfficialCommitmentInput!]!) { submitOfficialCommitments(rows: $rows) { accepted updated unchanged rejected errors { row field code rule message } } }';
  const row = (idNumber: string, letterNumber: string) => ({
    idNumber, letterNumber, acceptingUnitUscc: attackerUnit.uscc, acceptingUnitName: attackerUnit.name,
    type: '政务承诺型', date: '2026-04-25', reason: '自愿做出承诺', content: '依法履职', liability: '接受问责', fulfilmentStatus: '履行中', commitmentStatus: '有效',
  });
  const targetsCommitments = 'query($id: ID!) { official(id: $id) { commitments { letterNumber acceptingUnitUscc content } } }';
  const ownCommitments = 'query($u: String!) { officialCommitments(acceptingUnitUscc: $u, first: 100) { edges { node { letterNumber official { id } } } } }';

  it('cannot learn a number from a candidate list, nor overwrite the other unit\'s record with it', async () => {
    const before = await post(stack.gatewayUrl, targetsCommitments, { id: targetId });
    expect(before.data.official.commitments).toContainEqual(expect.objectContaining({ letterNumber: target.letterNumber, acceptingUnitUscc: targetUnit }));

    const list = candidates(target.idNumber);
    expect(list.length).toBeGreaterThan(50);
    expect(list).toContain(target.idNumber);
    const attacker = await token('ORGANIZATION', attackerUnit.uscc);
    const attempt = await post(stack.gatewayUrl, submit, { rows: list.map((c) => row(c, target.letterNumber)) }, attacker);

    // Whatever the answer, it names no row that matched, and nothing of the attempt was stored.
    const answer = attempt.data?.submitOfficialCommitments;
    if (answer) {
      expect(answer.accepted + answer.updated + answer.unchanged).toBe(0);
      expect(new Set(answer.errors.map(rowErrorShape)).size).toBe(1);
    } else {
      expect(attempt.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
    const stored = await post(stack.gatewayUrl, ownCommitments, { u: attackerUnit.uscc }, attacker);
    expect(stored.data.officialCommitments.edges.map((e: any) => e.node.official.id)).not.toContain(targetId);
    const after = await post(stack.gatewayUrl, targetsCommitments, { id: targetId });
    expect(after.data.official.commitments).toEqual(before.data.official.commitments);
  });

  it('answers a short list that holds the real number with one and the same error for every row', async () => {
    const attacker = await token('ORGANIZATION', attackerUnit.uscc);
    const result = await post(stack.gatewayUrl, submit, { rows: shortList(target.idNumber).map((c) => row(c, 'ORACLE-SHORT-1')) }, attacker);
    expect(result.errors).toBeUndefined();
    const answer = result.data.submitOfficialCommitments;
    expect(answer).toMatchObject({ accepted: 0, updated: 0, unchanged: 0, rejected: 5 });
    expect(new Set(answer.errors.map(rowErrorShape)).size).toBe(1);
    expect(answer.errors[0]).toMatchObject({ field: 'idNumber', code: 'BAD_USER_INPUT', rule: 'NOT_REGISTERED' });
  });

  it('still takes the unit\'s own staff', async () => {
    const unit = await token('ORGANIZATION', attackerUnit.uscc);
    const result = await post(stack.gatewayUrl, submit, { rows: [row(ownStaff.idNumber, 'ORACLE-OWN-1')] }, unit);
    expect(result.data.submitOfficialCommitments).toMatchObject({ accepted: 1, rejected: 0 });
    const again = await post(stack.gatewayUrl, submit, { rows: [row(ownStaff.idNumber, 'ORACLE-OWN-1')] }, unit);
    expect(again.data.submitOfficialCommitments).toMatchObject({ accepted: 0, unchanged: 1 });
  });
});

describe('PPP responsible person (FINANCE)', () => {
  const importContracts = 'mutation($rows: [ContractInput!]!) { importContracts(rows: $rows) { accepted updated unchanged rejected errors { row field code rule message } } }';
  const government = registry.organizations.find((o) => o.uscc === targetUnit)!;
  const supplier = registry.organizations.find((o) => o.uscc.startsWith('91'))!;
  const contract = (id: string, ppp: Record<string, string>) => ({
    id, contractNumber: id, title: '测试PPP项目', kind: 'PPP', governmentUscc: government.uscc, governmentPartyName: government.name,
    counterparties: [{ name: supplier.name, uscc: supplier.uscc, role: 'PRIVATE_PARTY' }], value: '1000000.00', status: 'PENDING', pppStage: 'PREPARATION', ...ppp,
  });

  it('does not compare a pseudonym with a candidate number', async () => {
    const finance = await token('FINANCE');
    const rows = shortList(target.idNumber).map((c, i) => contract(`ORACLE-PPP-${i}`, { responsibleOfficialId: targetId, responsibleOfficialIdNumber: c }));
    const result = await post(stack.gatewayUrl, importContracts, { rows }, finance);
    expect(result.errors).toBeUndefined();
    const answer = result.data.importContracts;
    expect(answer).toMatchObject({ accepted: 0, rejected: 5 });
    expect(new Set(answer.errors.map(rowErrorShape)).size).toBe(1);
  });

  it('refuses a candidate list against the government party\'s roster as a whole', async () => {
    const finance = await token('FINANCE');
    const rows = candidates(target.idNumber).map((c, i) => contract(`ORACLE-LIST-${i}`, { responsibleOfficialIdNumber: c }));
    const result = await post(stack.gatewayUrl, importContracts, { rows }, finance);
    expect(result.data?.importContracts ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const stored = await post(stack.gatewayUrl, '{ contracts(filter: { governmentUscc: "' + government.uscc + '" }, first: 100) { edges { node { id } } } }', {}, finance);
    expect(stored.data.contracts.edges.map((e: any) => e.node.id).filter((id: string) => id.startsWith('ORACLE-'))).toEqual([]);
  });
});

describe('training records (TRAINING)', () => {
  const attendance = training.attendance.find((a) => candidates(a.idNumber).length > 50)!;
  const attendee = registry.officials.find((o) => o.idNumber === attendance.idNumber)!;
  const attend = 'mutation($rows: [TrainingAttendanceInput!]!) { importTrainingAttendance(rows: $rows) { accepted updated unchanged rejected errors { row field code rule message } } }';
  const assess = 'mutation($rows: [AnnualAssessmentInput!]!) { importAnnualAssessments(rows: $rows) { accepted updated unchanged rejected errors { row field code rule message } } }';
  const count = 'query($id: ID!) { trainingSession(id: $id) { attendeeCount } }';

  it('does not tell which candidate attended a session (attendance is idempotent by session and official)', async () => {
    const trainer = await token('TRAINING');
    const before = (await post(stack.gatewayUrl, count, { id: attendance.sessionId })).data.trainingSession.attendeeCount;
    const rows = candidates(attendee.idNumber).map((c) => ({ idNumber: c, sessionId: attendance.sessionId, organizationUscc: attendance.organizationUscc, passed: true }));
    const result = await post(stack.gatewayUrl, attend, { rows }, trainer);
    expect(result.data?.importTrainingAttendance ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect((await post(stack.gatewayUrl, count, { id: attendance.sessionId })).data.trainingSession.attendeeCount).toBe(before);
  });

  it('does not tell which candidate has an annual assessment', async () => {
    const trainer = await token('TRAINING');
    const rows = candidates(attendee.idNumber).map((c) => ({ idNumber: c, year: 2025, result: 'COMPETENT', organizationUscc: attendee.organizationUscc, source: '年度考核' }));
    const result = await post(stack.gatewayUrl, assess, { rows }, trainer);
    expect(result.data?.importAnnualAssessments ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });

  it('answers a short list for another unit with one and the same error for every row', async () => {
    const trainer = await token('TRAINING');
    const elsewhere = registry.organizations.find((o) => o.uscc !== attendee.organizationUscc)!;
    const rows = shortList(attendee.idNumber).map((c) => ({ idNumber: c, sessionId: attendance.sessionId, organizationUscc: elsewhere.uscc, passed: true }));
    const result = await post(stack.gatewayUrl, attend, { rows }, trainer);
    expect(result.errors).toBeUndefined();
    const answer = result.data.importTrainingAttendance;
    expect(answer).toMatchObject({ accepted: 0, updated: 0, unchanged: 0, rejected: 5 });
    expect(new Set(answer.errors.map(rowErrorShape)).size).toBe(1);
  });
});

describe('dishonesty records (PERSONNEL)', () => {
  const official = registry.officials.find((o) => o.organizationUscc.slice(2, 8) === '231124' && candidates(o.idNumber).length > 50)!;
  const discipline = registry.organizations.find((o) => o.name === '中共孙吴县纪律检查委员会')!;
  const send = 'mutation($rows: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $rows) { accepted updated unchanged rejected errors { row field code rule message } } }';
  const row = (idNumber: string, unit: string, n: number) => ({
    kind: 'DISCIPLINARY_SANCTION', organizationUscc: unit, organizationName: '某单位', idNumber, officialName: '某人', authorityUscc: discipline.uscc,
    authorityName: discipline.name, documentNumber: `孙纪处〔2026〕${900 + n}号`, decisionDate: '2026-11-01', facts: '试探', legalBasis: '无', severity: 'MINOR',
  });
  const stored = async () => (await post(stack.gatewayUrl, 'query($f: DishonestyRecordFilter) { dishonestyRecords(filter: $f, first: 100) { edges { node { documentNumber } } } }', { f: { authorityUscc: discipline.uscc } }, await token('AUDITOR')))
    .data.dishonestyRecords.edges.map((e: any) => e.node.documentNumber).filter((d: string) => /〔2026〕9\d\d号$/.test(d));

  it('does not tell which candidate is the unit\'s official: a candidate list is refused whole, nothing stored', async () => {
    const personnel = await token('PERSONNEL');
    const rows = candidates(official.idNumber).map((c, i) => row(c, official.organizationUscc, i));
    const result = await post(stack.gatewayUrl, send, { rows }, personnel);
    expect(result.data?.importDishonestyRecords ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await stored()).toEqual([]);
  });

  it('answers a short list for another unit with one and the same error for every row', async () => {
    const personnel = await token('PERSONNEL');
    const elsewhere = registry.organizations.find((o) => o.uscc !== official.organizationUscc && o.kind === 'GOVERNMENT_DEPARTMENT')!;
    const result = await post(stack.gatewayUrl, send, { rows: shortList(official.idNumber).map((c, i) => row(c, elsewhere.uscc, 500 + i)) }, personnel);
    expect(result.errors).toBeUndefined();
    const answer = result.data.importDishonestyRecords;
    expect(answer).toMatchObject({ accepted: 0, updated: 0, unchanged: 0, rejected: 5 });
    expect(new Set(answer.errors.map(rowErrorShape)).size).toBe(1);
    expect(await stored()).toEqual([]);
  });
});
