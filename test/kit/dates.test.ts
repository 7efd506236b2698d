// The rules that depend on today, across a year end (12-31 → 01-01) and a quarter end
// (03-31 → 04-01): overdue contract milestones and arrears, overdue complaints (contracts and
// commitments), overdue commitment items, the court list's automatic exit two years after
// listing, training sessions held or still scheduled (and attendance only once held), and the
// default year of the summaries and of the scoring rules. Each test builds the rows it needs in
// a store of its own, then moves the clock (CREDIT_TODAY, which kit/dates.ts `today()` reads)
// from the last day of the period to the first of the next; the file's pinned date is restored
// after each test. Expectations are the written rules, with their dates spelled out.
import { afterEach, describe, expect, it } from 'vitest';
import { generateCourtRows } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { subgraph as commitmentsSubgraph } from '../../subgraphs/commitments/schema.js';
import { subgraph as contractsSubgraph } from '../../subgraphs/contracts/schema.js';
import { subgraph as courtSubgraph } from '../../subgraphs/court-debtors/schema.js';
import { currentRuleSet } from '../../subgraphs/evaluation/rule-set.rules.js';
import { buildSubgraph, complaintDueDate, isComplaintOverdue, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { subgraph as trainingSubgraph } from '../../subgraphs/training/schema.js';
import { bearer, demoRoster, dropTestStore, testDbName } from '../helpers.js';

const registry = buildDemoRegistry();
const pinned = process.env.CREDIT_TODAY;

/** Moves the clock of this process (the subgraphs run in it). */
function setToday(date: string): void {
  process.env.CREDIT_TODAY = date;
}

afterEach(() => {
  if (pinned === undefined) delete process.env.CREDIT_TODAY;
  else process.env.CREDIT_TODAY = pinned;
});

/** The boundaries: the last day of a period and the first day of the next. */
const YEAR_END = { last: '2026-12-31', first: '2027-01-01' } as const;
const QUARTER_END = { last: '2027-03-31', first: '2027-04-01' } as const;
const BOUNDARIES = [
  { name: 'year end', ...YEAR_END },
  { name: 'quarter end', ...QUARTER_END },
] as const;
/** A day well before both boundaries, when the tests write their rows. */
const BEFORE = '2026-11-22';

let stores = 0;
async function withStore(definition: Parameters<typeof buildSubgraph>[0], test: (store: BuiltSubgraph) => Promise<void>): Promise<void> {
  const dbName = testDbName(`dates_${++stores}`);
  const store = await buildSubgraph(definition, { dbName, roster: demoRoster(registry) });
  try {
    await test(store);
  } finally {
    await dropTestStore(store, dbName);
  }
}

async function ok(store: BuiltSubgraph, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<any> {
  const result = await store.execute(query, variables, headers);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data;
}

const government = registry.organizations.find((o) => o.kind === 'GOVERNMENT_DEPARTMENT' && o.name.endsWith('财政局'))!;
const supplier = registry.organizations.find((o) => o.uscc.startsWith('91'))!;

describe('contracts: a milestone is overdue, and an unpaid payment in arrears, from the day after its due date', () => {
  it.each(BOUNDARIES)('$name: due $last, not overdue on $last, overdue on $first', ({ last, first }) =>
    withStore(contractsSubgraph, async (contracts) => {
      setToday(BEFORE);
      const finance = { authorization: await bearer('FINANCE') };
      const id = `DATES-${last}`;
      const row = {
        id, contractNumber: id, title: '测试日期合同', kind: 'GOVERNMENT_PROCUREMENT', governmentUscc: government.uscc, governmentPartyName: government.name,
        counterparties: [{ name: supplier.name, uscc: `CN-USCI-${supplier.uscc}`, role: 'SUPPLIER' }],
        value: '3000.00', dateSigned: '2026-01-10', periodStart: '2026-01-15', periodEnd: '2027-12-31', status: 'ACTIVE',
        milestones: [
          { id: 'delivery', title: '交付', type: 'DELIVERY', dueDate: last, status: 'SCHEDULED' },
          { id: 'payment', title: '付款', type: 'PAYMENT', dueDate: last, amount: '1000.00', status: 'SCHEDULED' },
        ],
        payments: [],
      };
      const imported = await ok(contracts, 'mutation($rows: [ContractInput!]!) { importContracts(rows: $rows) { accepted rejected errors { field message } } }', { rows: [row] }, finance);
      expect(imported.importContracts).toMatchObject({ accepted: 1, rejected: 0 });
      const read = async () => (await ok(contracts, 'query($id: ID!) { contract(id: $id) { overdue arrearsAmount milestones { localId overdue arrearsAmount } } }', { id })).contract;

      setToday(last);
      expect(await read()).toEqual({
        overdue: false, arrearsAmount: '0.00',
        milestones: [{ localId: 'delivery', overdue: false, arrearsAmount: '0.00' }, { localId: 'payment', overdue: false, arrearsAmount: '0.00' }],
      });
      setToday(first);
      expect(await read()).toEqual({
        overdue: true, arrearsAmount: '1000.00',
        milestones: [{ localId: 'delivery', overdue: true, arrearsAmount: '0.00' }, { localId: 'payment', overdue: true, arrearsAmount: '1000.00' }],
      });
    }),
  );
});

describe('contracts: a complaint is due 30 days after it is received, and overdue from the day after while open', () => {
  // Received on these days, due 30 days later: on the last day of the period.
  const received = { [YEAR_END.last]: '2026-12-01', [QUARTER_END.last]: '2027-03-01' };

  it.each(BOUNDARIES)('$name: due $last, not overdue on $last, overdue on $first', ({ last, first }) =>
    withStore(contractsSubgraph, async (contracts) => {
      setToday(received[last]!);
      const filed = await ok(contracts, 'mutation($i: ContractComplaintInput!) { fileContractComplaint(input: $i) { id receivedAt dueDate overdue } }', {
        i: { category: 'ARREARS', complainantName: supplier.name, complainantUscc: supplier.uscc, contactPhone: '13812345678', organizationUscc: government.uscc, channel: 'WEBSITE', content: '验收款逾期未付。' },
      });
      expect(filed.fileContractComplaint).toMatchObject({ receivedAt: received[last], dueDate: last, overdue: false });
      const { id } = filed.fileContractComplaint;
      const overdue = async () => (await ok(contracts, 'query($id: ID!) { contractComplaint(id: $id) { overdue } }', { id })).contractComplaint.overdue;
      const summary = async () => (await ok(contracts, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { contractSummary { overdueComplaints overdueComplaintIds } } } }', { r: [{ __typename: 'Organization', uscc: government.uscc }] }))._entities[0].contractSummary;

      setToday(last);
      expect(await overdue()).toBe(false);
      expect(await summary()).toEqual({ overdueComplaints: 0, overdueComplaintIds: [] });
      setToday(first);
      expect(await overdue()).toBe(true);
      expect(await summary()).toEqual({ overdueComplaints: 1, overdueComplaintIds: [id] });
    }),
  );
});

describe('commitments: a published item is overdue from the day after its due date; summaries default to the year of today', () => {
  const summaries = `query($r: [_Any!]!, $y: Int) { _entities(representations: $r) { ... on Organization {
    ofYear: commitmentSummary(year: $y) { year overdueItems overdueItemIds } byDefault: commitmentSummary { year letterId } currentCommitmentSummary { year letterId } } } }`;

  it.each(BOUNDARIES)('$name: an item due $last is not overdue on $last and overdue on $first', ({ last, first }) =>
    withStore(commitmentsSubgraph, async (commitments) => {
      setToday(BEFORE);
      const unit = registry.organizations.find((o) => !o.classified && o.kind === 'GOVERNMENT_DEPARTMENT')!;
      const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
      const year = Number(last.slice(0, 4));
      const input = {
        year, letterNumber: `DATES-${year}`, liability: '违诺自愿接受问责。', complaintPhone: '0456-8226000', complaintEmail: 'dates@heihe.gov.cn',
        items: [{ category: 'GOVERNMENT_SERVICE', content: '限时办结', dueDate: last }, { category: 'POLICY_DELIVERY', content: '政策兑现', dueDate: first }],
      };
      const letter = (await ok(commitments, 'mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id items { id number } } }', { i: input }, owner)).createCommitmentLetter;
      await ok(commitments, 'mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "张三丰") { status } }', { id: letter.id }, owner);
      await ok(commitments, 'mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { status } }', { id: letter.id }, owner);
      const dueLast = letter.items.find((i: any) => i.number === 1).id;
      const read = async () => (await ok(commitments, summaries, { r: [{ __typename: 'Organization', uscc: unit.uscc }], y: year }))._entities[0];

      setToday(last);
      const onLast = await read();
      expect(onLast.ofYear).toEqual({ year, overdueItems: 0, overdueItemIds: [] });
      setToday(first);
      const onFirst = await read();
      expect(onFirst.ofYear).toEqual({ year, overdueItems: 1, overdueItemIds: [dueLast] });

      // Without a year, the summary is of the year of today: 2026 on 12-31, 2027 from 01-01 on.
      const yearOf = (date: string) => Number(date.slice(0, 4));
      for (const [summary, date] of [[onLast, last], [onFirst, first]] as const) {
        const expected = { year: yearOf(date), letterId: yearOf(date) === year ? letter.id : null };
        expect(summary.byDefault, date).toEqual(expected);
        expect(summary.currentCommitmentSummary, date).toEqual(expected);
      }
    }),
  );
});

describe('commitments: a complaint is due 15 days after it is received, and overdue from the day after while open', () => {
  const received = { [YEAR_END.last]: '2026-12-16', [QUARTER_END.last]: '2027-03-16' };

  it.each(BOUNDARIES)('$name: due $last, not overdue on $last, overdue on $first', ({ last, first }) =>
    withStore(commitmentsSubgraph, async (commitments) => {
      setToday(received[last]!);
      const unit = registry.organizations.find((o) => !o.classified)!;
      const filed = await ok(commitments, 'mutation($i: ComplaintInput!) { fileCommitmentComplaint(input: $i) { id receivedAt dueDate overdue } }', {
        i: { organizationUscc: unit.uscc, channel: 'HOTLINE_12345', content: '补贴未兑现', contact: '13912345678' },
      });
      expect(filed.fileCommitmentComplaint).toMatchObject({ receivedAt: received[last], dueDate: last, overdue: false });
      const auditor = { authorization: await bearer('AUDITOR') };
      const overdue = async () => (await ok(commitments, 'query($id: ID!) { commitmentComplaint(id: $id) { overdue } }', { id: filed.fileCommitmentComplaint.id }, auditor)).commitmentComplaint.overdue;
      setToday(last);
      expect(await overdue()).toBe(false);
      setToday(first);
      expect(await overdue()).toBe(true);
    }),
  );
});

describe('court-debtors: a termed listing (forms (2)–(6)) leaves the list by itself the day after its two years end', () => {
  // Listed on the last day of a period two years before: the term ends on the last day of the period.
  const listed = { [YEAR_END.last]: { regDate: '20241105', publishDate: '2024年12月31日' }, [QUARTER_END.last]: { regDate: '20250210', publishDate: '2025年03月31日' } };

  it.each(BOUNDARIES)('$name: listed until $last, on the list on $last, off it on $first', ({ last, first }) =>
    withStore(courtSubgraph, async (court) => {
      setToday(BEFORE);
      const generated = generateCourtRows(1, 4242)[0]!;
      const caseCode = generated.caseCode.replace(/^\(\d{4}\)(.+)执\d+号$/, `(${listed[last]!.publishDate.slice(0, 4)})$1执9${last.slice(5, 7)}1号`);
      const row = { ...generated, caseCode, performance: '全部未履行', performedPart: '0', disruptTypeName: '违反财产报告制度', ...listed[last] };
      const courtToken = { authorization: await bearer('COURT') };
      const imported = await ok(court, 'mutation($r: [DebtorRecordInput!]!) { importDebtorRecords(records: $r) { accepted rejected errors { field message } } }', { r: [row] }, courtToken);
      expect(imported.importDebtorRecords).toMatchObject({ accepted: 1, rejected: 0 });
      const auditor = { authorization: await bearer('AUDITOR') };
      const read = 'query($c: String!) { debtorRecord(caseNumber: $c) { status exitReason exitedAt listingTermEnd } }';
      const summary = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { debtorSummary { activeRecords exitedRecords activeCaseNumbers } } } }';
      const r = [{ __typename: 'Organization', uscc: row.cardNum }];

      setToday(last);
      expect((await ok(court, read, { c: row.caseCode }, auditor)).debtorRecord).toEqual({ status: 'ACTIVE', exitReason: null, exitedAt: null, listingTermEnd: last });
      expect((await ok(court, read, { c: row.caseCode })).debtorRecord).not.toBeNull(); // PUBLIC sees the list
      expect((await ok(court, summary, { r }, auditor))._entities[0].debtorSummary).toEqual({ activeRecords: 1, exitedRecords: 0, activeCaseNumbers: [row.caseCode] });

      setToday(first);
      expect((await ok(court, read, { c: row.caseCode }, auditor)).debtorRecord).toEqual({ status: 'EXITED', exitReason: 'TERM_EXPIRED', exitedAt: last, listingTermEnd: last });
      expect((await ok(court, read, { c: row.caseCode })).debtorRecord).toBeNull(); // off the published list
      expect((await ok(court, summary, { r }, auditor))._entities[0].debtorSummary).toEqual({ activeRecords: 0, exitedRecords: 1, activeCaseNumbers: [] });
    }),
  );
});

describe('training: a session is held from its own day on (attendance only then); summaries default to the year of today', () => {
  const organizer = registry.organizations.find((o) => o.name.endsWith('委组织部'))!;
  const staff = registry.officials.filter((o) => o.organizationUscc === organizer.uscc);
  const officialCount = staff.length;

  it.each(BOUNDARIES)('$name: a session on $first is SCHEDULED on $last and HELD on $first', ({ last, first }) =>
    withStore(trainingSubgraph, async (training) => {
      setToday(BEFORE);
      const trainer = { authorization: await bearer('TRAINING') };
      const input = { title: '测试跨期培训', organizingUnitUscc: organizer.uscc, date: first, hours: 2, form: 'LECTURE', topics: ['INTEGRITY'], courseType: 'CIVIL_SERVANT' };
      const session = (await ok(training, 'mutation($i: TrainingSessionInput!) { createTrainingSession(input: $i) { id status year } }', { i: input }, trainer)).createTrainingSession;
      expect(session).toMatchObject({ status: 'SCHEDULED', year: 2027 });
      const status = async () => (await ok(training, 'query($id: ID!) { trainingSession(id: $id) { status } }', { id: session.id })).trainingSession.status;
      const attend = async () =>
        (await ok(training, 'mutation($rows: [TrainingAttendanceInput!]!) { importTrainingAttendance(rows: $rows) { accepted rejected errors { field code } } }', {
          rows: [{ idNumber: staff[0]!.idNumber, sessionId: session.id, organizationUscc: organizer.uscc, passed: true }],
        }, trainer)).importTrainingAttendance;
      const summaries = async () =>
        (await ok(training, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
          ofYear: trainingSummary(year: 2027) { sessionsOrganized sessionsScheduled officialsTrained } byDefault: trainingSummary { year } currentTrainingSummary { year } } } }`,
        { r: [{ __typename: 'Organization', uscc: organizer.uscc, officialCount }] }))._entities[0];

      setToday(last);
      expect(await status()).toBe('SCHEDULED');
      expect(await attend()).toEqual({ accepted: 0, rejected: 1, errors: [{ field: 'sessionId', code: 'CONFLICT' }] });
      const onLast = await summaries();
      expect(onLast.ofYear).toEqual({ sessionsOrganized: 0, sessionsScheduled: 1, officialsTrained: 0 });

      setToday(first);
      expect(await status()).toBe('HELD');
      expect(await attend()).toEqual({ accepted: 1, rejected: 0, errors: [] });
      const onFirst = await summaries();
      expect(onFirst.ofYear).toEqual({ sessionsOrganized: 1, sessionsScheduled: 0, officialsTrained: 1 });

      // Without a year, the summary is of the year of today.
      for (const [summary, date] of [[onLast, last], [onFirst, first]] as const) {
        expect(summary.byDefault, date).toEqual({ year: Number(date.slice(0, 4)) });
        expect(summary.currentTrainingSummary, date).toEqual({ year: Number(date.slice(0, 4)) });
      }
    }),
  );
});

describe('evaluation: scores follow the rule set of the year of today (the latest one published for a year not after it)', () => {
  // The rule sets on file: HH-2025-1 for 2025, HH-2026-1 for 2026; 2027 has none yet, so 2026's holds.
  it.each([
    { last: '2025-12-31', first: '2026-01-01', before: 'HH-2025-1', after: 'HH-2026-1' },
    { last: '2026-03-31', first: '2026-04-01', before: 'HH-2026-1', after: 'HH-2026-1' },
    { last: YEAR_END.last, first: YEAR_END.first, before: 'HH-2026-1', after: 'HH-2026-1' },
    { last: QUARTER_END.last, first: QUARTER_END.first, before: 'HH-2026-1', after: 'HH-2026-1' },
  ])('$last uses $before, $first uses $after', ({ last, first, before, after }) => {
    setToday(last);
    expect(currentRuleSet().id).toBe(before);
    setToday(first);
    expect(currentRuleSet().id).toBe(after);
  });
});

describe('the kit\'s complaint deadline rule, which both complaint ledgers (commitments, contracts) use', () => {
  it.each(BOUNDARIES)('$name: received so as to be due $last; open: not overdue on $last, overdue on $first', ({ last, first }) => {
    for (const days of [15, 30]) {
      const received = new Date(Date.parse(`${last}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
      expect(complaintDueDate(received, days)).toBe(last);
    }
    expect(isComplaintOverdue(last, null, last)).toBe(false);
    expect(isComplaintOverdue(last, null, first)).toBe(true);
  });

  it.each(BOUNDARIES)('$name: settled on the due date $last is on time, settled on $first is late, whatever today is', ({ last, first }) => {
    for (const on of [last, first, '2030-01-01']) {
      expect(isComplaintOverdue(last, last, on)).toBe(false);
      expect(isComplaintOverdue(last, first, on)).toBe(true);
    }
  });
});
