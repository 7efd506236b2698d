// Tenancy in every write (issue 13): "every upsert key includes the owner (unit, court, finance
// bureau) where the data belongs to one; a test per write path shows that one tenant cannot
// change another's rows". Over real HTTP through the gateway, as an attacker with an ordinary
// token would: unit A aims every write it can name at unit B's rows (their ids taken from the
// demo data), and each test reads B's row back, as AUDITOR, to show it is as it was.
//
// Who the tenant is. An ORGANIZATION token acts for its own unit: the `uscc` claim, checked
// against the owner stored on the row (a letter's unit, a debtor record's debtor), never against a
// unit named in the input. AUDITOR, ADMIN, COURT, FINANCE and TRAINING are city-wide in this
// deployment — one court system, one finance bureau, one organization department per city
// platform — and their tokens carry no court or bureau claim, so for them there is no other
// tenant to reach; a unit calling one of their writes is refused by role, and that too is shown
// here with B's rows as the target.
//
// The answer is FORBIDDEN, always: a unit's write to a row another unit owns is refused with
// FORBIDDEN whether or not the attacker can read that row (the code's answer to a foreign letter
// since the start, and what the other suites expect); NOT_FOUND stays for an id that matches no
// row at all. The owner is checked before the row's state, so the refusal tells nothing about
// the row's status either (FORBIDDEN, never the CONFLICT its owner would get). The ids attacked
// here are public (published letters and their items, case numbers on the court list, contract
// ids) or were handed out by the system (random UUIDs of drafts, measures, applications).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCommitments } from '../../scripts/demo-data/commitments.js';
import { buildDemoContracts, type DemoContract } from '../../scripts/demo-data/contracts.js';
import { buildDemoCourtDebtors } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { buildDemoTraining } from '../../scripts/demo-data/training.js';
import { officialPseudonym, signToken, type Role } from '../../subgraphs/kit/index.js';
import { statusOf } from '../court-debtors/demo-truth.js';
import { post, type GraphQLResult } from '../helpers.js';
import { startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const commitments = buildDemoCommitments(registry);
const courts = buildDemoCourtDebtors(registry);
const contracts = buildDemoContracts(registry);
const training = buildDemoTraining(registry);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 180_000);

afterAll(() => stack?.close());

/** Every caller gets its own identity (its own rate and ID-number budgets). */
let callers = 0;
async function as(role: Exclude<Role, 'PUBLIC'>, uscc?: string): Promise<Record<string, string>> {
  const jwt = await signToken({ sub: `tenancy-${role.toLowerCase()}-${++callers}`, roles: [role], ...(uscc ? { uscc } : {}) });
  return { authorization: `Bearer ${jwt}` };
}
const unit = (uscc: string) => as('ORGANIZATION', uscc);

function gql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  return post(stack.gatewayUrl, query, variables, headers);
}

/** What AUDITOR (who sees every row) reads; the test's "before" and "after". */
async function audited(query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const result = await gql(query, variables, await as('AUDITOR'));
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

function expectForbidden(result: GraphQLResult): void {
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors ?? result.data)).toBe('FORBIDDEN');
}

/** The attack is refused with FORBIDDEN and the victim's row reads exactly as before. */
async function refusedAndUnchanged(attack: () => Promise<GraphQLResult>, readBack: () => Promise<unknown>): Promise<void> {
  const before = await readBack();
  expect(before).toBeTruthy();
  expectForbidden(await attack());
  expect(await readBack()).toEqual(before);
}

function expectOk(result: GraphQLResult): any {
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

const staffOf = (uscc: string) => registry.officials.filter((o) => o.organizationUscc === uscc);
const letters2026 = commitments.letters.filter((l) => l.year === 2026);
const withLetter2026 = new Set(letters2026.filter((l) => l.status !== 'WITHDRAWN').map((l) => l.organizationUscc));
const debtors = new Set([...courts.records.map((r) => r.row.cardNum), ...courts.pendingCases.map((p) => p.cardNum)]);

/** The attacker: an ordinary unit with staff, no 2026 letter yet (it may draft its own), not a debtor. */
const unitA = registry.organizations.find((o) => !o.classified && !withLetter2026.has(o.uscc) && !debtors.has(o.uscc) && staffOf(o.uscc).length >= 3)!;

describe('commitments: unit A against unit B\'s letters, items, officials\' commitments and complaints', () => {
  const itemsOf = (letterId: string) => commitments.items.filter((i) => i.letterId === letterId);
  const drafts = letters2026.filter((l) => l.status === 'DRAFT' && itemsOf(l.id).length > 0);
  const signed = letters2026.filter((l) => l.status === 'SIGNED');
  const published = letters2026.filter((l) => l.status === 'PUBLISHED' && itemsOf(l.id).some((i) => i.fulfilment !== 'CHANGED'));
  const openItem = (letterId: string) => itemsOf(letterId).find((i) => i.fulfilment !== 'CHANGED')!;
  const letterQuery = `query($id: ID!) { commitmentLetter(id: $id) {
    id status year letterNumber liability complaintPhone complaintEmail issuer signedAt publishedAt publicationChannels withdrawnReason organization { uscc }
    items { id number category content dueDate fulfilment evidence lastReviewedAt changeReason changeCompensation changedAt } } }`;
  const readLetter = async (id: string) => (await audited(letterQuery, { id })).commitmentLetter;
  const draftInput = (letterNumber: string) => ({
    year: 2026, letterNumber, liability: '接受问责', complaintPhone: '0456-8226000', complaintEmail: 'tenancy@heihe.gov.cn',
    items: [{ category: 'GOVERNMENT_SERVICE', content: '限时办结', dueDate: '2026-12-31' }],
  });

  it('updateCommitmentLetter: A cannot edit B\'s draft; the draft is unchanged (B itself can)', async () => {
    const letter = drafts[0]!;
    const update = 'mutation($id: ID!, $i: CommitmentLetterInput!) { updateCommitmentLetter(id: $id, input: $i) { letterNumber } }';
    const attacker = await unit(unitA.uscc);
    await refusedAndUnchanged(() => gql(update, { id: letter.id, i: draftInput('TENANCY-EDIT') }, attacker), () => readLetter(letter.id));
    expect(expectOk(await gql(update, { id: letter.id, i: draftInput('TENANCY-EDIT') }, await unit(letter.organizationUscc))).updateCommitmentLetter.letterNumber).toBe('TENANCY-EDIT');
  });

  it('signCommitmentLetter: A cannot sign B\'s draft; the draft is unchanged (B itself can)', async () => {
    const letter = drafts[1]!;
    const sign = 'mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "冒名签发人") { status } }';
    await refusedAndUnchanged(async () => gql(sign, { id: letter.id }, await unit(unitA.uscc)), () => readLetter(letter.id));
    expect(expectOk(await gql(sign, { id: letter.id }, await unit(letter.organizationUscc))).signCommitmentLetter.status).toBe('SIGNED');
  });

  it('publishCommitmentLetter: A cannot publish B\'s signed letter; it stays signed (B itself can publish it)', async () => {
    const letter = signed[0]!;
    const publish = 'mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["冒名渠道"]) { status } }';
    await refusedAndUnchanged(async () => gql(publish, { id: letter.id }, await unit(unitA.uscc)), () => readLetter(letter.id));
    expect(expectOk(await gql(publish, { id: letter.id }, await unit(letter.organizationUscc))).publishCommitmentLetter.status).toBe('PUBLISHED');
  });

  it('withdrawCommitmentLetter: A cannot withdraw B\'s published letter; it stays published (B itself can withdraw it)', async () => {
    const letter = published[0]!;
    const withdraw = 'mutation($id: ID!) { withdrawCommitmentLetter(id: $id, reason: "冒名撤回", legalReason: "冒名") { status } }';
    await refusedAndUnchanged(async () => gql(withdraw, { id: letter.id }, await unit(unitA.uscc)), () => readLetter(letter.id));
    expect(expectOk(await gql(withdraw, { id: letter.id }, await unit(letter.organizationUscc))).withdrawCommitmentLetter.status).toBe('WITHDRAWN');
  });

  it('recordFulfilment: A cannot record the fulfilment of B\'s item; the item is unchanged (B itself can)', async () => {
    const letter = published[1]!;
    const item = openItem(letter.id);
    const record = 'mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: UNFULFILLED, evidence: "冒名登记" }) { fulfilment } }';
    await refusedAndUnchanged(async () => gql(record, { id: item.id }, await unit(unitA.uscc)), () => readLetter(letter.id));
    expect(expectOk(await gql(record, { id: item.id }, await unit(letter.organizationUscc))).recordFulfilment.fulfilment).toBe('UNFULFILLED');
  });

  it('changeCommitmentItem: A cannot change B\'s published item; the item is unchanged (B itself can)', async () => {
    const letter = published[2]!;
    const item = openItem(letter.id);
    const change = 'mutation($id: ID!) { changeCommitmentItem(itemId: $id, input: { legalReason: "冒名变更", compensation: "无", newContent: "不再承诺" }) { fulfilment } }';
    await refusedAndUnchanged(async () => gql(change, { id: item.id }, await unit(unitA.uscc)), () => readLetter(letter.id));
    expect(expectOk(await gql(change, { id: item.id }, await unit(letter.organizationUscc))).changeCommitmentItem.fulfilment).toBe('CHANGED');
  });

  it('createCommitmentLetter: the unit comes from the token, so A\'s letter with B\'s year and letter number is A\'s own and B\'s letter is untouched', async () => {
    const victim = published[3]!;
    const before = await readLetter(victim.id);
    const create = 'mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id status organization { uscc } } }';
    const created = expectOk(await gql(create, { i: draftInput(victim.letterNumber) }, await unit(unitA.uscc))).createCommitmentLetter;
    expect(created).toMatchObject({ status: 'DRAFT', organization: { uscc: unitA.uscc } });
    expect(created.id).not.toBe(victim.id);
    expect(await readLetter(victim.id)).toEqual(before);
  });

  describe('submitOfficialCommitments', () => {
    const submit = 'mutation($rows: [OfficialCommitmentInput!]!) { submitOfficialCommitments(rows: $rows) { accepted updated unchanged rejected errors { row field code rule } } }';
    const commitmentsOf = async (idNumber: string) => (await audited(
      'query($id: ID!) { official(id: $id) { commitments { id letterNumber acceptingUnitUscc acceptingUnitName type date reason content liability fulfilmentStatus commitmentStatus remarks } } }',
      { id: officialPseudonym(idNumber) },
    )).official.commitments;
    const target = commitments.officialCommitments.find((c) => c.acceptingUnitUscc !== unitA.uscc)!;
    const rowOf = (unitUscc: string, unitName: string, idNumber: string, letterNumber: string, content: string) => ({
      idNumber, letterNumber, acceptingUnitUscc: unitUscc, acceptingUnitName: unitName, type: '政务承诺型', date: '2026-05-01', reason: '自愿做出承诺',
      content, liability: '接受问责', fulfilmentStatus: '履行中', commitmentStatus: '有效',
    });

    it('A cannot submit a row under B\'s accepting unit (FORBIDDEN row), and B\'s commitment is unchanged', async () => {
      const before = await commitmentsOf(target.idNumber);
      expect(before).toContainEqual(expect.objectContaining({ letterNumber: target.letterNumber, acceptingUnitUscc: target.acceptingUnitUscc }));
      const attack = await gql(submit, { rows: [rowOf(target.acceptingUnitUscc, target.acceptingUnitName, target.idNumber, target.letterNumber, '冒名改写')] }, await unit(unitA.uscc));
      expect(attack.errors).toBeUndefined();
      expect(attack.data.submitOfficialCommitments).toMatchObject({ accepted: 0, updated: 0, unchanged: 0, rejected: 1 });
      expect(attack.data.submitOfficialCommitments.errors[0]).toMatchObject({ row: 1, code: 'FORBIDDEN' });
      expect(await commitmentsOf(target.idNumber)).toEqual(before);
    });

    it('A cannot reach B\'s commitment with B\'s official and letter number under its own unit, and B\'s commitment is unchanged', async () => {
      const before = await commitmentsOf(target.idNumber);
      const attack = await gql(submit, { rows: [rowOf(unitA.uscc, unitA.name, target.idNumber, target.letterNumber, '冒名改写')] }, await unit(unitA.uscc));
      expect(attack.data.submitOfficialCommitments).toMatchObject({ accepted: 0, updated: 0, unchanged: 0, rejected: 1 });
      expect(await commitmentsOf(target.idNumber)).toEqual(before);
    });

    it('an official who moves from A to C: C\'s submission with the same letter number is C\'s own row, and A\'s row is unchanged (keyed by accepting unit)', async () => {
      const mover = staffOf(unitA.uscc)[1]!;
      const unitC = registry.organizations.find((o) => o.uscc !== unitA.uscc && !o.classified && o.uscc.startsWith('11') && o.regionCode === unitA.regionCode)
        ?? registry.organizations.find((o) => o.uscc !== unitA.uscc && !o.classified)!;
      const byA = await gql(submit, { rows: [rowOf(unitA.uscc, unitA.name, mover.idNumber, 'TENANCY-MOVE-1', 'A单位受理的承诺')] }, await unit(unitA.uscc));
      expect(byA.data.submitOfficialCommitments).toMatchObject({ accepted: 1, rejected: 0 });
      const aRow = (await commitmentsOf(mover.idNumber)).find((c: any) => c.acceptingUnitUscc === unitA.uscc && c.letterNumber === 'TENANCY-MOVE-1');
      expect(aRow).toBeTruthy();

      const move = 'mutation($i: OfficialInput!) { upsertOfficial(input: $i) { organization { uscc } } }';
      const moved = await gql(move, { i: { idNumber: mover.idNumber, name: mover.name, phone: mover.phone, organizationUscc: unitC.uscc, position: mover.position } }, await as('ADMIN'));
      expect(expectOk(moved).upsertOfficial.organization.uscc).toBe(unitC.uscc);

      const byC = await gql(submit, { rows: [rowOf(unitC.uscc, unitC.name, mover.idNumber, 'TENANCY-MOVE-1', 'C单位受理的承诺')] }, await unit(unitC.uscc));
      expect(byC.data.submitOfficialCommitments).toMatchObject({ accepted: 1, updated: 0, rejected: 0 });
      const after = await commitmentsOf(mover.idNumber);
      expect(after).toContainEqual(aRow);
      expect(after).toContainEqual(expect.objectContaining({ acceptingUnitUscc: unitC.uscc, letterNumber: 'TENANCY-MOVE-1', content: 'C单位受理的承诺' }));
    });
  });

  describe('complaints addressed to B', () => {
    const received = commitments.complaints.find((c) => c.status === 'RECEIVED' && c.organizationUscc !== unitA.uscc)!;
    const handling = commitments.complaints.find((c) => c.status === 'HANDLING' && c.organizationUscc !== unitA.uscc)!;
    const readComplaint = async (id: string) => (await audited('query($id: ID!) { commitmentComplaint(id: $id) { id status transferredTo resolution resolvedAt dueDate history { status at note } } }', { id })).commitmentComplaint;
    const steps = [
      { path: 'transferCommitmentComplaint', complaint: received, mutation: 'mutation($id: ID!) { transferCommitmentComplaint(id: $id, to: "冒名转办单位") { status } }' },
      { path: 'handleCommitmentComplaint', complaint: received, mutation: 'mutation($id: ID!) { handleCommitmentComplaint(id: $id, note: "冒名办理") { status } }' },
      { path: 'rejectCommitmentComplaint', complaint: received, mutation: 'mutation($id: ID!) { rejectCommitmentComplaint(id: $id, reason: "冒名驳回") { status } }' },
      { path: 'resolveCommitmentComplaint', complaint: handling, mutation: 'mutation($id: ID!) { resolveCommitmentComplaint(id: $id, resolution: "冒名办结") { status } }' },
    ];

    it.each(steps)('$path: neither A nor B itself (the unit complained about) can move B\'s complaint; it is unchanged', async ({ complaint, mutation }) => {
      await refusedAndUnchanged(async () => gql(mutation, { id: complaint.id }, await unit(unitA.uscc)), () => readComplaint(complaint.id));
      await refusedAndUnchanged(async () => gql(mutation, { id: complaint.id }, await unit(complaint.organizationUscc)), () => readComplaint(complaint.id));
    });

    it('fileCommitmentComplaint: anyone may complain about B, which adds a new complaint and changes none of B\'s', async () => {
      const list = 'query($u: String!) { commitmentComplaints(filter: { organizationUscc: $u }, first: 100) { totalCount edges { node { id status transferredTo resolution history { status at note } } } } }';
      const before = (await audited(list, { u: received.organizationUscc })).commitmentComplaints;
      const filed = await gql('mutation($i: ComplaintInput!) { fileCommitmentComplaint(input: $i) { id status organization { uscc } } }', {
        i: { organizationUscc: received.organizationUscc, channel: 'WEBSITE', content: '承诺事项未兑现。', letterId: received.letterId },
      }, await unit(unitA.uscc));
      const complaint = expectOk(filed).fileCommitmentComplaint;
      expect(complaint).toMatchObject({ status: 'RECEIVED', organization: { uscc: received.organizationUscc } });
      const after = (await audited(list, { u: received.organizationUscc })).commitmentComplaints;
      expect(after.totalCount).toBe(before.totalCount + 1);
      expect(after.edges.filter((e: any) => e.node.id !== complaint.id)).toEqual(before.edges);
    });
  });
});

describe('court-debtors: unit A against unit B\'s debtor records, push measures, objections and repair applications', () => {
  const recordQuery = `query($c: String!) { debtorRecord(caseNumber: $c) {
    caseNumber debtorUscc status exitReason exitedAt repairedAt performance performedPart unperformedPart obligation
    statusHistory { status reason at note } objections { id status decidedAt decisionNote } creditRepairs { id status decidedAt } pushActions { id feedback feedbackAt } } }`;
  const readRecord = async (caseNumber: string) => (await audited(recordQuery, { c: caseNumber })).debtorRecord;
  const pendingQuery = 'query { aboutToBeListed(filter: { governmentOnly: false }, first: 100) { edges { node { caseNumber debtorUscc status closedAt obligation amount reportedAt pushActions { id feedback feedbackAt } } } } }';
  const readPending = async (caseNumber: string) => (await audited(pendingQuery)).aboutToBeListed.edges.map((e: any) => e.node).find((n: any) => n.caseNumber === caseNumber);

  const foreign = courts.records.filter((r) => r.row.cardNum !== unitA.uscc);
  const pendingObjection = courts.objections.find((o) => o.status === 'PENDING')!;
  const pendingRepair = courts.repairs.find((r) => r.status === 'PENDING')!;
  const busy = new Set([pendingObjection.caseNumber, pendingRepair.caseNumber]);
  const openPush = new Set(courts.pushActions.filter((a) => a.feedback === null).map((a) => a.caseNumber));
  const active = foreign.filter((r) => statusOf(r) === 'ACTIVE' && !busy.has(r.row.caseCode));
  // Each test its own record, so one test's control write does not move another's target.
  const forObjection = active.find((r) => !openPush.has(r.row.caseCode))!;
  const forRepair = active.filter((r) => !openPush.has(r.row.caseCode))[1]!;
  const exitedForRepair = foreign.find((r) => statusOf(r) === 'EXITED' && !busy.has(r.row.caseCode))!;
  const forFeedback = active.find((r) => openPush.has(r.row.caseCode))!;
  const forCourt = active.filter((r) => !openPush.has(r.row.caseCode))[2]!;
  const pendingCases = new Set(courts.pendingCases.filter((p) => p.status === 'PENDING' && p.cardNum !== unitA.uscc).map((p) => p.caseCode));
  const pendingAction = courts.pushActions.find((a) => a.feedback === null && pendingCases.has(a.caseNumber))!;
  const pendingCase = courts.pendingCases.find((p) => p.caseCode === pendingAction.caseNumber)!;
  const otherPending = courts.pendingCases.find((p) => p.status === 'PENDING' && p.caseCode !== pendingCase.caseCode && p.cardNum !== unitA.uscc)!;

  it('fileDebtorObjection: A cannot object to B\'s record on the list; it stays ACTIVE with no objection (B itself can object)', async () => {
    const object = 'mutation($c: String!) { fileDebtorObjection(caseNumber: $c, reason: "冒名异议") { status } }';
    await refusedAndUnchanged(async () => gql(object, { c: forObjection.row.caseCode }, await unit(unitA.uscc)), () => readRecord(forObjection.row.caseCode));
    expect(expectOk(await gql(object, { c: forObjection.row.caseCode }, await unit(forObjection.row.cardNum))).fileDebtorObjection.status).toBe('PENDING');
  });

  it('applyForCreditRepair: A cannot apply for repair of B\'s listed record, nor of B\'s exited one; both are unchanged (B itself can apply)', async () => {
    const apply = 'mutation($c: String!) { applyForCreditRepair(caseNumber: $c, measures: "冒名申请") { status } }';
    await refusedAndUnchanged(async () => gql(apply, { c: forRepair.row.caseCode }, await unit(unitA.uscc)), () => readRecord(forRepair.row.caseCode));
    await refusedAndUnchanged(async () => gql(apply, { c: exitedForRepair.row.caseCode }, await unit(unitA.uscc)), () => readRecord(exitedForRepair.row.caseCode));
    expect(expectOk(await gql(apply, { c: forRepair.row.caseCode }, await unit(forRepair.row.cardNum))).applyForCreditRepair.status).toBe('PENDING');
  });

  it('recordPushFeedback: A cannot answer a push measure on B\'s listed case; the measure has no feedback (B itself can answer)', async () => {
    const action = courts.pushActions.find((a) => a.caseNumber === forFeedback.row.caseCode && a.feedback === null)!;
    const answer = 'mutation($id: ID!) { recordPushFeedback(actionId: $id, feedback: "冒名反馈") { feedback } }';
    await refusedAndUnchanged(async () => gql(answer, { id: action.id }, await unit(unitA.uscc)), () => readRecord(forFeedback.row.caseCode));
    expect(expectOk(await gql(answer, { id: action.id }, await unit(forFeedback.row.cardNum))).recordPushFeedback.feedback).toBe('冒名反馈');
  });

  it('recordPushFeedback: A cannot answer a push measure on B\'s about-to-be-listed case; the measure has no feedback', async () => {
    const answer = 'mutation($id: ID!) { recordPushFeedback(actionId: $id, feedback: "冒名反馈") { feedback } }';
    await refusedAndUnchanged(async () => gql(answer, { id: pendingAction.id }, await unit(unitA.uscc)), () => readPending(pendingCase.caseCode));
  });

  const courtWrites = [
    {
      path: 'importDebtorRecords', read: () => readRecord(forCourt.row.caseCode),
      mutation: 'mutation($r: [DebtorRecordInput!]!) { importDebtorRecords(records: $r) { accepted updated } }',
      variables: () => ({ r: [{ ...forCourt.row, performance: '全部履行', performedPart: forCourt.row.unperformPart, unperformPart: '0' }] }),
    },
    {
      path: 'exitDebtorRecord', read: () => readRecord(forCourt.row.caseCode),
      mutation: 'mutation($c: String!) { exitDebtorRecord(caseNumber: $c, reason: SETTLED) { status } }', variables: () => ({ c: forCourt.row.caseCode }),
    },
    {
      path: 'recordPushAction', read: () => readRecord(forCourt.row.caseCode),
      mutation: 'mutation($c: String!) { recordPushAction(input: { caseNumber: $c, kind: LETTER, unit: "冒名单位" }) { id } }', variables: () => ({ c: forCourt.row.caseCode }),
    },
    {
      path: 'decideDebtorObjection', read: () => readRecord(pendingObjection.caseNumber),
      mutation: 'mutation($id: ID!) { decideDebtorObjection(objectionId: $id, decision: REMOVE, note: "冒名决定") { status } }', variables: () => ({ id: pendingObjection.id }),
    },
    {
      path: 'decideCreditRepair', read: () => readRecord(pendingRepair.caseNumber),
      mutation: 'mutation($id: ID!) { decideCreditRepair(applicationId: $id, approve: true, note: "冒名审核") { status } }', variables: () => ({ id: pendingRepair.id }),
    },
    {
      path: 'importPendingCases', read: () => readPending(otherPending.caseCode),
      mutation: 'mutation($r: [PendingCaseInput!]!) { importPendingCases(cases: $r) { accepted updated } }',
      variables: () => ({ r: [{ caseCode: otherPending.caseCode, courtName: otherPending.courtName, iname: otherPending.iname, cardNum: otherPending.cardNum, duty: '冒名改写', execMoney: '1.00', regDate: otherPending.regDate }] }),
    },
    {
      path: 'closePendingCase', read: () => readPending(otherPending.caseCode),
      mutation: 'mutation($c: String!) { closePendingCase(caseNumber: $c, outcome: PERFORMED) { status } }', variables: () => ({ c: otherPending.caseCode }),
    },
  ];

  it.each(courtWrites)('$path (COURT/AUDITOR/ADMIN only): refused to unit A and to B itself; B\'s row is unchanged', async ({ mutation, variables, read }) => {
    await refusedAndUnchanged(async () => gql(mutation, variables(), await unit(unitA.uscc)), read);
    const owner = mutation.includes('Pending') ? otherPending.cardNum : (await read()).debtorUscc;
    await refusedAndUnchanged(async () => gql(mutation, variables(), await unit(owner)), read);
  });
});

describe('contracts: unit A against the ledger rows of B\'s contracts and the complaints about B', () => {
  const fen = (value: number) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;
  const target: DemoContract = contracts.contracts.find((c) => c.status === 'ACTIVE' && c.governmentUscc !== unitA.uscc
    && contracts.milestones.some((m) => m.contractId === c.id && m.status === 'SCHEDULED')
    && contracts.breaches.some((b) => b.contractId === c.id && !b.remedied))!;
  const milestone = contracts.milestones.find((m) => m.contractId === target.id && m.status === 'SCHEDULED')!;
  const breach = contracts.breaches.find((b) => b.contractId === target.id && !b.remedied)!;
  const contractQuery = `query($id: ID!) { contract(id: $id) {
    id title status statusDetails value dateSigned periodEnd governmentParty { uscc } counterparties { uscc }
    milestones { id status dateMet paidAmount } payments { id amount } breaches { id remedied remediedAt remedyNote } amendments { id } pppResponsibilities { since } } }`;
  const readContract = async () => (await audited(contractQuery, { id: target.id })).contract;

  const ledgerWrites = [
    {
      path: 'importContracts', mutation: 'mutation($r: [ContractInput!]!) { importContracts(rows: $r) { accepted updated } }',
      variables: {
        r: [{
          id: target.id, contractNumber: target.contractNumber, title: '冒名改写', kind: target.kind, governmentUscc: unitA.uscc, governmentPartyName: unitA.name,
          counterparties: target.counterparties, value: fen(target.valueFen), status: 'CANCELLED',
        }],
      },
    },
    { path: 'changeContractStatus', mutation: 'mutation($id: ID!) { changeContractStatus(id: $id, status: TERMINATED, details: "冒名终止") { status } }', variables: { id: target.id } },
    { path: 'amendContract', mutation: 'mutation($id: ID!) { amendContract(id: $id, input: { rationale: "冒名变更", amendedBy: "冒名", title: "冒名改写" }) { id } }', variables: { id: target.id } },
    {
      path: 'updateContractMilestone', mutation: 'mutation($id: ID!, $m: String!) { updateContractMilestone(contractId: $id, milestoneId: $m, status: MET, dateMet: "2026-11-01") { status } }',
      variables: { id: target.id, m: milestone.localId },
    },
    {
      path: 'recordContractPayment', mutation: 'mutation($id: ID!) { recordContractPayment(contractId: $id, input: { id: "tenancy-p1", date: "2026-11-01", amount: "1.00" }) { id } }',
      variables: { id: target.id },
    },
    {
      path: 'recordContractBreach', mutation: 'mutation($id: ID!) { recordContractBreach(contractId: $id, input: { id: "tenancy-b1", date: "2026-11-01", party: COUNTERPARTY, description: "冒名登记" }) { id } }',
      variables: { id: target.id },
    },
    {
      path: 'remedyContractBreach', mutation: 'mutation($id: ID!, $b: String!) { remedyContractBreach(contractId: $id, breachId: $b, remediedAt: "2026-11-01", note: "冒名纠正") { remedied } }',
      variables: { id: target.id, b: breach.localId },
    },
  ];

  it.each(ledgerWrites)('$path (FINANCE only): refused to unit A and to B itself (the government party); B\'s contract is unchanged', async ({ mutation, variables }) => {
    await refusedAndUnchanged(async () => gql(mutation, variables, await unit(unitA.uscc)), readContract);
    await refusedAndUnchanged(async () => gql(mutation, variables, await unit(target.governmentUscc)), readContract);
  });

  const complaintIn = (status: string) => contracts.complaints.find((c) => c.status === status && c.organizationUscc !== unitA.uscc)!;
  const readComplaint = async (id: string) => (await audited('query($id: ID!) { contractComplaint(id: $id) { id status resolution substantiated closedAt actions { seq kind by note authority } } }', { id })).contractComplaint;
  const handlingSteps = [
    { path: 'acceptContractComplaint', complaint: complaintIn('RECEIVED'), mutation: 'mutation($id: ID!) { acceptContractComplaint(id: $id, note: "冒名受理") { status } }' },
    { path: 'rejectContractComplaint', complaint: complaintIn('RECEIVED'), mutation: 'mutation($id: ID!) { rejectContractComplaint(id: $id, reason: "冒名驳回") { status } }' },
    { path: 'investigateContractComplaint', complaint: complaintIn('ACCEPTED'), mutation: 'mutation($id: ID!) { investigateContractComplaint(id: $id) { status } }' },
    { path: 'addContractComplaintMeasure', complaint: complaintIn('ACCEPTED'), mutation: 'mutation($id: ID!) { addContractComplaintMeasure(id: $id, input: { kind: SUPERVISE, note: "冒名督办" }) { status } }' },
    { path: 'resolveContractComplaint', complaint: complaintIn('INVESTIGATING'), mutation: 'mutation($id: ID!) { resolveContractComplaint(id: $id, resolution: "冒名办结", substantiated: false) { status } }' },
  ];

  it.each(handlingSteps)('$path (AUDITOR/ADMIN only): neither A nor B itself (the unit complained about) can move a complaint about B; it is unchanged', async ({ complaint, mutation }) => {
    await refusedAndUnchanged(async () => gql(mutation, { id: complaint.id }, await unit(unitA.uscc)), () => readComplaint(complaint.id));
    await refusedAndUnchanged(async () => gql(mutation, { id: complaint.id }, await unit(complaint.organizationUscc)), () => readComplaint(complaint.id));
  });

  it('fileContractComplaint: enterprise A with its own token cannot file in enterprise B\'s name (nothing is stored); as itself it can', async () => {
    const [attacker, victim] = target.counterparties.length > 1
      ? target.counterparties
      : [target.counterparties[0]!, contracts.enterprises.find((e) => e.uscc !== target.counterparties[0]!.uscc)!];
    const file = 'mutation($i: ContractComplaintInput!) { fileContractComplaint(input: $i) { id status complainantUscc } }';
    const input = (complainant: { name: string; uscc: string }) => ({
      category: 'ARREARS', complainantName: complainant.name, complainantUscc: complainant.uscc, organizationUscc: target.governmentUscc, contractId: target.id, channel: 'WEBSITE', content: '验收款逾期未付。',
    });
    const about = 'query($u: String!) { contractComplaints(filter: { organizationUscc: $u }, first: 100) { totalCount edges { node { id complainantUscc status } } } }';
    const token = await unit(attacker!.uscc);
    await refusedAndUnchanged(() => gql(file, { i: input(victim!) }, token), async () => (await audited(about, { u: target.governmentUscc })).contractComplaints);
    const own = expectOk(await gql(file, { i: input(attacker!) }, token)).fileContractComplaint;
    expect(own).toMatchObject({ status: 'RECEIVED', complainantUscc: attacker!.uscc });
  });
});

describe('training: unit A against B\'s plan, sessions and officials\' records (TRAINING writes for every unit)', () => {
  const plan = training.plans.find((p) => p.year === 2026 && p.organizationUscc !== unitA.uscc)!;
  const readPlan = async () => (await audited('query($u: String!) { trainingPlan(organizationUscc: $u, year: 2026) { id plannedSessions targetParticipants topics notes } }', { u: plan.organizationUscc })).trainingPlan;
  const session = training.sessions.find((s) => s.year === 2026 && !s.cancelledAt && s.date > '2026-11-22' && s.organizingUnitUscc !== unitA.uscc)!;
  const held = training.attendance.find((a) => a.organizationUscc !== unitA.uscc)!;
  const heldSession = training.sessions.find((s) => s.id === held.sessionId)!;
  const assessment = training.assessments.find((a) => a.organizationUscc !== unitA.uscc)!;
  const sessionsOf = async (uscc: string) => (await audited('query($u: String!) { trainingSessions(filter: { organizingUnitUscc: $u }, first: 100) { totalCount edges { node { id title date hours status cancelledAt } } } }', { u: uscc })).trainingSessions;
  const readSession = async (id: string) => (await audited('query($id: ID!) { trainingSession(id: $id) { id title date hours form topics courseType description cancelledAt cancelReason status attendeeCount passedCount } }', { id })).trainingSession;
  const archiveOf = async (idNumber: string) => (await audited(
    'query($id: ID!) { official(id: $id) { trainingRecords { id hours passed score session { id } } integrityArchive { assessments { id year result source } records { id kind reference } } } }',
    { id: officialPseudonym(idNumber) },
  )).official;
  const sessionInput = (organizingUnitUscc: string) => ({
    title: '冒名培训', organizingUnitUscc, date: '2026-12-20', hours: 1, form: 'LECTURE', topics: ['INTEGRITY'], courseType: 'STANDALONE',
  });

  const writes = [
    {
      path: 'upsertTrainingPlan', read: readPlan,
      mutation: 'mutation($i: TrainingPlanInput!) { upsertTrainingPlan(input: $i) { id } }',
      variables: { i: { organizationUscc: plan.organizationUscc, year: 2026, plannedSessions: 1, targetParticipants: 1, topics: ['LAW'], notes: '冒名改写' } },
    },
    {
      path: 'createTrainingSession', read: () => sessionsOf(session.organizingUnitUscc),
      mutation: 'mutation($i: TrainingSessionInput!) { createTrainingSession(input: $i) { id } }', variables: { i: sessionInput(session.organizingUnitUscc) },
    },
    {
      path: 'updateTrainingSession', read: () => readSession(session.id),
      mutation: 'mutation($id: ID!, $i: TrainingSessionInput!) { updateTrainingSession(id: $id, input: $i) { id } }', variables: { id: session.id, i: sessionInput(unitA.uscc) },
    },
    {
      path: 'cancelTrainingSession', read: () => readSession(session.id),
      mutation: 'mutation($id: ID!) { cancelTrainingSession(id: $id, reason: "冒名取消") { id } }', variables: { id: session.id },
    },
    {
      path: 'importTrainingAttendance', read: async () => [await readSession(heldSession.id), await archiveOf(held.idNumber)],
      mutation: 'mutation($r: [TrainingAttendanceInput!]!) { importTrainingAttendance(rows: $r) { accepted updated } }',
      variables: { r: [{ idNumber: held.idNumber, sessionId: held.sessionId, organizationUscc: held.organizationUscc, passed: !held.passed, hours: 0.5 }] },
    },
    {
      path: 'importAnnualAssessments', read: () => archiveOf(assessment.idNumber),
      mutation: 'mutation($r: [AnnualAssessmentInput!]!) { importAnnualAssessments(rows: $r) { accepted updated } }',
      variables: { r: [{ idNumber: assessment.idNumber, year: assessment.year, result: 'INCOMPETENT', organizationUscc: assessment.organizationUscc, source: '冒名考核' }] },
    },
    {
      path: 'importIntegrityRecords', read: () => archiveOf(assessment.idNumber),
      mutation: 'mutation($r: [IntegrityRecordInput!]!) { importIntegrityRecords(rows: $r) { accepted updated } }',
      variables: { r: [{ idNumber: assessment.idNumber, kind: 'VIOLATION_OF_DISCIPLINE', date: '2026-11-01', description: '冒名记录', source: '冒名', reference: 'TENANCY-1', organizationUscc: assessment.organizationUscc }] },
    },
  ];

  it.each(writes)('$path (TRAINING only): refused to unit A and to B itself; B\'s rows are unchanged', async ({ mutation, variables, read }) => {
    await refusedAndUnchanged(async () => gql(mutation, variables, await unit(unitA.uscc)), read);
    const owner = (variables as any).i?.organizationUscc ?? (variables as any).r?.[0]?.organizationUscc ?? session.organizingUnitUscc;
    await refusedAndUnchanged(async () => gql(mutation, variables, await unit(owner)), read);
  });
});

describe('registry: unit A against B\'s registration and staff (ADMIN writes for every unit)', () => {
  const victim = registry.organizations.find((o) => o.uscc !== unitA.uscc && staffOf(o.uscc).length > 0)!;
  const official = staffOf(victim.uscc)[0]!;
  const readOrg = async () => (await audited('query($u: String!) { organization(uscc: $u) { uscc name kind level classified parent { uscc } } }', { u: victim.uscc })).organization;
  const readOfficial = async () => (await audited('query($id: ID!) { official(id: $id) { id name position phone organization { uscc } } }', { id: officialPseudonym(official.idNumber) })).official;
  const orgInput = { uscc: victim.uscc, name: '冒名改名', kind: victim.kind, level: victim.level, regionCode: victim.regionCode, parentUscc: victim.parentUscc, classified: true };
  const officialInput = { idNumber: official.idNumber, name: official.name, phone: official.phone, organizationUscc: unitA.uscc, position: '冒名职务' };
  const writes = [
    { path: 'upsertOrganization', read: readOrg, mutation: 'mutation($i: OrganizationInput!) { upsertOrganization(input: $i) { uscc } }', variables: { i: orgInput } },
    { path: 'importOrganizations', read: readOrg, mutation: 'mutation($r: [OrganizationInput!]!) { importOrganizations(rows: $r) { accepted updated } }', variables: { r: [orgInput] } },
    { path: 'upsertOfficial', read: readOfficial, mutation: 'mutation($i: OfficialInput!) { upsertOfficial(input: $i) { id } }', variables: { i: officialInput } },
    { path: 'importOfficials', read: readOfficial, mutation: 'mutation($r: [OfficialInput!]!) { importOfficials(rows: $r) { accepted updated } }', variables: { r: [officialInput] } },
  ];

  it.each(writes)('$path (ADMIN only): refused to unit A and to B itself; B\'s row is unchanged', async ({ mutation, variables, read }) => {
    await refusedAndUnchanged(async () => gql(mutation, variables, await unit(unitA.uscc)), read);
    await refusedAndUnchanged(async () => gql(mutation, variables, await unit(victim.uscc)), read);
  });
});

describe('city-wide systems act for no unit', () => {
  const letter = letters2026.filter((l) => l.status === 'PUBLISHED' && commitments.items.some((i) => i.letterId === l.id && i.fulfilment !== 'CHANGED'))[5]!;
  const item = commitments.items.find((i) => i.letterId === letter.id && i.fulfilment !== 'CHANGED')!;
  const record = courts.records.filter((r) => statusOf(r) === 'ACTIVE' && r.row.cardNum !== unitA.uscc && !courts.pushActions.some((a) => a.caseNumber === r.row.caseCode))
    .filter((r) => !courts.objections.some((o) => o.caseNumber === r.row.caseCode && o.status === 'PENDING') && !courts.repairs.some((p) => p.caseNumber === r.row.caseCode && p.status === 'PENDING'))[3]!;
  const readLetter = async () => (await audited('query($id: ID!) { commitmentLetter(id: $id) { status withdrawnReason items { id fulfilment evidence changeReason } } }', { id: letter.id })).commitmentLetter;
  const readRecord = async () => (await audited('query($c: String!) { debtorRecord(caseNumber: $c) { status objections { id } creditRepairs { id } } }', { c: record.row.caseCode })).debtorRecord;
  const unitWrites = [
    { path: 'withdrawCommitmentLetter', read: readLetter, mutation: 'mutation($id: ID!) { withdrawCommitmentLetter(id: $id, reason: "冒名撤回", legalReason: "冒名") { status } }', variables: { id: letter.id } },
    { path: 'recordFulfilment', read: readLetter, mutation: 'mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: UNFULFILLED }) { fulfilment } }', variables: { id: item.id } },
    { path: 'changeCommitmentItem', read: readLetter, mutation: 'mutation($id: ID!) { changeCommitmentItem(itemId: $id, input: { legalReason: "冒名", compensation: "无" }) { fulfilment } }', variables: { id: item.id } },
    { path: 'fileDebtorObjection', read: readRecord, mutation: 'mutation($c: String!) { fileDebtorObjection(caseNumber: $c, reason: "冒名异议") { status } }', variables: { c: record.row.caseCode } },
    { path: 'applyForCreditRepair', read: readRecord, mutation: 'mutation($c: String!) { applyForCreditRepair(caseNumber: $c, measures: "冒名申请") { status } }', variables: { c: record.row.caseCode } },
  ];
  const roles = ['COURT', 'FINANCE', 'TRAINING'] as const;

  it.each(unitWrites)('$path: COURT, FINANCE and TRAINING cannot write for B; B\'s row is unchanged', async ({ mutation, variables, read }) => {
    for (const role of roles) await refusedAndUnchanged(async () => gql(mutation, variables, await as(role)), read);
  });
});
