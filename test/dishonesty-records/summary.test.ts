// A body's dishonesty summary (Organization.dishonestySummary), what the evaluation scores from
// (seed 002 §四(二)3 "对存在政务失信记录的按比例进行扣分"): which records count (summary.rules.ts), by
// hand; the same answer for every caller; one SQL statement for 1 and for 100 organizations; and
// the demo against a brute-force count of the generator's rows. Every date is counted from the
// tests' day (CREDIT_TODAY), so the file passes on any day.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_AS_OF } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoDishonesty } from '../../scripts/demo-data/dishonesty-records.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { PublicationStatus, RecordStatus, Severity, SubjectType } from '../../subgraphs/dishonesty-records/entities/enums.js';
import { recordInForce, sanctionEndDate } from '../../subgraphs/dishonesty-records/record.rules.js';
import { subgraph } from '../../subgraphs/dishonesty-records/schema.js';
import { seed } from '../../subgraphs/dishonesty-records/seed.js';
import { countsAgainstScore, summarizeDishonesty } from '../../subgraphs/dishonesty-records/summary.rules.js';
import { buildSubgraph, signToken, silentProgress, today, wholeDemo, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { bearer, daysFromToday, demoRoster, dropTestStore, fixtureUscc, testDbName } from '../helpers.js';
import { COURT, countyStore, HOUSING, MARKET, penalty, sanction, SCHOOL } from './fixture-county.js';

const SUMMARY = 'dishonestySummary { asOf inForceRecords inForceRecordIds seriousRecordIds generalRecordIds minorRecordIds }';
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { uscc ${SUMMARY} } } }`;
const IMPORT = 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted rejected errors { row field rule message } } }';
const organizations = (usccs: string[]) => usccs.map((uscc) => ({ __typename: 'Organization', uscc }));

// ---- Which records count (summary.rules.ts), by hand -------------------------------------------

describe('which records count against a body\'s score', () => {
  const T = today();
  /** A body's published record, decided 30 days ago, its term ending in 300 days; each case changes one thing. */
  const record = (id: string, changes: Partial<{ severity: Severity; subjectType: SubjectType; publication: PublicationStatus; decisionDate: string; sanctionEndDate: string | null; status: RecordStatus }> = {}) => ({
    id, severity: Severity.GENERAL, subjectType: SubjectType.ORGANIZATION, publication: PublicationStatus.PUBLISHED, status: RecordStatus.ACTIVE,
    decisionDate: daysFromToday(-30), sanctionEndDate: daysFromToday(300) as string | null, ...changes,
  });

  it('counts a body\'s published record from its decision day through the last day of its term, and one with no fixed term', () => {
    expect(countsAgainstScore(record('r'))).toBe(true);
    // The term's last day still counts (record.rules.ts inTerm: "from the decision day through that day"); the next day does not.
    expect(countsAgainstScore(record('r', { sanctionEndDate: T }))).toBe(true);
    expect(countsAgainstScore(record('r', { sanctionEndDate: daysFromToday(-1) }))).toBe(false);
    // Decided today: counts today. A decision dated tomorrow (imports refuse it; a record read on an earlier day) does not yet.
    expect(countsAgainstScore(record('r', { decisionDate: T }))).toBe(true);
    expect(countsAgainstScore(record('r', { decisionDate: daysFromToday(1) }))).toBe(false);
    // No fixed term: in force until phase 2's repair or removal.
    expect(countsAgainstScore(record('r', { sanctionEndDate: null }))).toBe(true);
  });

  it('counts no official\'s record, no unpublished one and no withdrawn one', () => {
    expect(countsAgainstScore(record('r', { subjectType: SubjectType.OFFICIAL }))).toBe(false);
    expect(countsAgainstScore(record('r', { publication: PublicationStatus.UNPUBLISHED }))).toBe(false);
    expect(countsAgainstScore(record('r', { publication: PublicationStatus.WITHDRAWN }))).toBe(false);
  });

  it('counts no record under objection, removed or repaired (seed 004 §四(九)); only an ACTIVE one', () => {
    expect(countsAgainstScore(record('r', { status: RecordStatus.UNDER_OBJECTION }))).toBe(false);
    expect(countsAgainstScore(record('r', { status: RecordStatus.REMOVED }))).toBe(false);
    expect(countsAgainstScore(record('r', { status: RecordStatus.REPAIRED }))).toBe(false);
    expect(countsAgainstScore(record('r', { status: RecordStatus.ACTIVE }))).toBe(true);
  });

  it('reads "in force" on the day asked for (recordInForce), not only today', () => {
    const r = record('r', { decisionDate: '2026-03-15', sanctionEndDate: '2027-03-15' });
    expect([recordInForce(r, '2026-03-14'), recordInForce(r, '2026-03-15'), recordInForce(r, '2027-03-15'), recordInForce(r, '2027-03-16')]).toEqual([false, true, true, false]);
    expect(recordInForce({ ...r, publication: PublicationStatus.WITHDRAWN }, '2026-06-01')).toBe(false);
    // recordInForce is about the record; publication and subject are the score's own conditions.
    expect(recordInForce({ ...r, publication: PublicationStatus.UNPUBLISHED }, '2026-06-01')).toBe(true);
    expect(countsAgainstScore({ ...r, subjectType: SubjectType.ORGANIZATION }, '2026-06-01')).toBe(true);
    expect(countsAgainstScore({ ...r, subjectType: SubjectType.ORGANIZATION }, '2027-03-16')).toBe(false);
  });

  it('lists the ones that count by severity, each list in id order', () => {
    const records = [
      record('d-minor', { severity: Severity.MINOR }),
      record('b-serious', { severity: Severity.SERIOUS }),
      record('c-general', { severity: Severity.GENERAL }),
      record('a-minor', { severity: Severity.MINOR }),
      record('e-ended', { severity: Severity.SERIOUS, sanctionEndDate: daysFromToday(-1) }),
      record('f-official', { severity: Severity.SERIOUS, subjectType: SubjectType.OFFICIAL }),
      record('g-unpublished', { severity: Severity.GENERAL, publication: PublicationStatus.UNPUBLISHED }),
      record('h-withdrawn', { severity: Severity.MINOR, publication: PublicationStatus.WITHDRAWN }),
    ];
    // Counted: a-minor, b-serious, c-general, d-minor; e (ended yesterday), f (an official's), g (unpublished), h (withdrawn) not.
    expect(summarizeDishonesty(records)).toEqual({
      asOf: T,
      inForceRecordIds: ['a-minor', 'b-serious', 'c-general', 'd-minor'],
      seriousRecordIds: ['b-serious'],
      generalRecordIds: ['c-general'],
      minorRecordIds: ['a-minor', 'd-minor'],
    });
    expect(summarizeDishonesty([])).toEqual({ asOf: T, inForceRecordIds: [], seriousRecordIds: [], generalRecordIds: [], minorRecordIds: [] });
  });
});

// ---- Through the subgraph: the hand-worked county ----------------------------------------------
//
// 孙吴县 (fixture-county.ts): the housing bureau has four records that count, and four that do not;
// the school one that counts; the market regulator none. Decision dates are counted back from today.

describe('Organization.dishonestySummary, through the subgraph', () => {
  let dbName: string;
  let store: BuiltSubgraph;
  let auditor: Record<string, string>;
  beforeEach(async () => {
    dbName = testDbName('dishonesty_summary');
    store = await countyStore(dbName);
    auditor = { authorization: await bearer('AUDITOR') };
  });
  afterEach(() => dropTestStore(store, dbName));

  /** A decision `daysAgo` days before today, numbered in its year (a document number's year is not after the decision's). */
  const decided = (daysAgo: number, n: number, judgment = false) => {
    const decisionDate = daysFromToday(-daysAgo);
    const year = decisionDate.slice(0, 4);
    return { decisionDate, documentNumber: judgment ? `(${year})黑1124民初${n}号` : `孙市监处〔${year}〕${n}号` };
  };

  /** The housing bureau's and the school's records as sent: the document numbers of those that count are A–E. */
  async function sendCounty(): Promise<Map<string, string>> {
    const rows = [
      { ...penalty, ...decided(30, 101), severity: 'GENERAL', sanctionTermMonths: '12' }, // A: counts (general)
      { ...penalty, kind: 'JUDGMENT', authorityUscc: COURT, authorityName: '孙吴县人民法院', ...decided(60, 102, true), severity: 'SERIOUS', sanctionTermMonths: '36' }, // B: counts (serious)
      { ...penalty, ...decided(10, 103), severity: 'MINOR', sanctionTermMonths: '6' }, // C: counts (minor)
      { ...penalty, ...decided(5, 104), severity: 'MINOR', sanctionTermMonths: null }, // D: counts (minor, no fixed term)
      { ...penalty, ...decided(400, 105), severity: 'GENERAL', sanctionTermMonths: '12' }, // ended about 35 days ago
      { ...penalty, ...decided(20, 106), severity: 'SERIOUS', publication: 'UNPUBLISHED' }, // not published
      { ...penalty, ...decided(20, 107), severity: 'SERIOUS', publication: 'WITHDRAWN' }, // withdrawn
      { ...sanction, decisionDate: daysFromToday(-15), documentNumber: `孙纪处〔${daysFromToday(-15).slice(0, 4)}〕8号`, severity: 'SERIOUS' }, // 张三's: an official's
      { ...penalty, organizationUscc: SCHOOL, organizationName: '孙吴县第一中学', ...decided(3, 108), severity: 'SERIOUS', sanctionTermMonths: '24' }, // E: the school's, counts (serious)
    ];
    const result = await store.execute(IMPORT, { r: rows }, auditor);
    expect(result.errors).toBeUndefined();
    expect(result.data.importDishonestyRecords).toMatchObject({ accepted: 9, rejected: 0 });
    // The ids the import gave, by each document number's sequence ("official" for 张三's sanction).
    const listed = await store.execute('{ dishonestyRecords(first: 100) { edges { node { id documentNumber } } } }', {}, auditor);
    const keyOf = (documentNumber: string) => (documentNumber.startsWith('孙纪处') ? 'official' : documentNumber.match(/(\d+)号$/)![1]!);
    return new Map(listed.data.dishonestyRecords.edges.map(({ node }: any) => [keyOf(node.documentNumber), node.id]));
  }

  it('lists a body\'s own published records in force by severity, in id order, and nothing of the rest', async () => {
    const id = await sendCounty();
    const answer = await store.execute(ENTITIES, { r: organizations([HOUSING, SCHOOL, MARKET]) });
    expect(answer.errors).toBeUndefined();
    const [housing, school, market] = answer.data._entities;
    const sorted = (...keys: string[]) => keys.map((k) => id.get(k)!).sort();
    // The housing bureau: A (general), B (serious), C and D (minor); not 105 (ended), 106 (unpublished), 107 (withdrawn), 张三's.
    expect(housing).toEqual({
      uscc: HOUSING,
      dishonestySummary: {
        asOf: today(), inForceRecords: 4, inForceRecordIds: sorted('101', '102', '103', '104'),
        seriousRecordIds: [id.get('102')], generalRecordIds: [id.get('101')], minorRecordIds: sorted('103', '104'),
      },
    });
    expect(school.dishonestySummary).toEqual({ asOf: today(), inForceRecords: 1, inForceRecordIds: [id.get('108')], seriousRecordIds: [id.get('108')], generalRecordIds: [], minorRecordIds: [] });
    expect(market.dishonestySummary).toEqual({ asOf: today(), inForceRecords: 0, inForceRecordIds: [], seriousRecordIds: [], generalRecordIds: [], minorRecordIds: [] });
    // Nothing that is not a body's own published record leaks: not the official's, the unpublished or the withdrawn one.
    const text = JSON.stringify(answer.data);
    for (const hidden of ['official', '106', '107', '105']) expect(text, hidden).not.toContain(id.get(hidden));
  });

  it('is the same for every caller (a score must not depend on who asks)', async () => {
    await sendCounty();
    const asPublic = (await store.execute(ENTITIES, { r: organizations([HOUSING, SCHOOL]) })).data;
    for (const headers of [auditor, { authorization: await bearer('PERSONNEL') }, { authorization: await bearer('ORGANIZATION', { uscc: HOUSING }) }, { authorization: await bearer('CONSUMER') }]) {
      expect((await store.execute(ENTITIES, { r: organizations([HOUSING, SCHOOL]) }, headers)).data).toEqual(asPublic);
    }
  });

  it('answers 1 and 100 organizations with two SQL statements (the records that may count, then their sanctions)', async () => {
    await sendCounty();
    const usccs = [HOUSING, SCHOOL, MARKET, ...Array.from({ length: 97 }, (_, i) => fixtureUscc('11', '231124', 100 + i))];
    const statementsFor = async (count: number) => {
      store.store.statements.reset();
      const { data, errors } = await store.execute(ENTITIES, { r: organizations(usccs.slice(0, count)) });
      expect(errors).toBeUndefined();
      expect(data._entities).toHaveLength(count);
      return store.store.statements.count;
    };
    // The records of the units asked for that may count, then the sanctions of those that count (for overdue rectifications).
    expect(await statementsFor(1)).toBe(2);
    expect(await statementsFor(100)).toBe(2);
  });

  it('lists the counted records whose rectification is overdue (seed 004 §四(八) "限期加以整改"): due the day before yesterday and not reported; not one due today, nor one reported', async () => {
    // Three of the housing bureau's GENERAL penalties, imported (and decided) 31, 30 and 31 days ago: the written explanation
    // is due 30 days after it was applied, so yesterday, today and yesterday.
    const saved = process.env.CREDIT_TODAY;
    const today0 = today();
    const at = (days: number) => new Date(Date.parse(`${today0}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const send = async (daysAgo: number, n: number) => {
      process.env.CREDIT_TODAY = at(-daysAgo);
      try {
        const result = await store.execute(IMPORT, { r: [{ ...penalty, decisionDate: at(-daysAgo), documentNumber: `孙市监处〔${at(-daysAgo).slice(0, 4)}〕${n}号` }] }, auditor);
        expect(result.data.importDishonestyRecords).toMatchObject({ accepted: 1 });
      } finally {
        if (saved === undefined) delete process.env.CREDIT_TODAY; else process.env.CREDIT_TODAY = saved;
      }
    };
    await send(31, 201); // due yesterday: overdue
    await send(30, 202); // due today: not yet
    await send(31, 203); // due yesterday, but reported below
    const listed = await store.execute('{ dishonestyRecords(first: 100) { edges { node { id documentNumber sanctions { id measureId } } } } }', {}, auditor);
    const byNumber = new Map(listed.data.dishonestyRecords.edges.map(({ node }: any) => [node.documentNumber.match(/(\d+)号$/)![1], node]));
    const reported = (byNumber.get('203') as any).sanctions.find((s: any) => s.measureId === 'WRITTEN_EXPLANATION_AND_RECTIFICATION').id;
    const report = await store.execute('mutation($id: ID!) { reportDishonestyRectification(sanctionId: $id, explanation: "已整改") { id } }', { id: reported }, { authorization: `Bearer ${await signToken({ sub: 'housing-clerk', roles: ['ORGANIZATION'], uscc: HOUSING })}` });
    expect(report.errors).toBeUndefined();
    const { data } = await store.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { dishonestySummary { inForceRecordIds overdueRectificationRecordIds } } } }`, { r: organizations([HOUSING]) });
    const id = (n: string) => (byNumber.get(n) as any).id as string;
    expect(data._entities[0].dishonestySummary).toEqual({ inForceRecordIds: [id('201'), id('202'), id('203')].sort(), overdueRectificationRecordIds: [id('201')] });
  });
});

// ---- The demo, against a brute-force count of the generator's rows ----------------------------

describe('the demo\'s summaries', () => {
  const registry = buildDemoRegistry();
  const demo = buildDemoDishonesty(registry);
  const dbName = testDbName('dishonesty_summary_demo');
  let store: BuiltSubgraph;
  beforeAll(async () => {
    store = await buildSubgraph(subgraph, { dbName, roster: demoRoster(registry) });
    await store.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo({ ...demo, asOf: DEMO_AS_OF }), progress: silentProgress }));
  });
  afterAll(() => dropTestStore(store, dbName));

  it('counts for each unit with a record exactly its own published records in their term today', async () => {
    const on = today();
    const units = [...new Set(demo.records.map((r) => r.row.organizationUscc))];
    const { data, errors } = await store.execute(ENTITIES, { r: organizations(units) });
    expect(errors).toBeUndefined();
    for (const entity of data._entities) {
      const counted = demo.records.filter(({ row }) => {
        const end = sanctionEndDate(row.decisionDate, row.sanctionTermMonths ? Number(row.sanctionTermMonths) : null);
        return row.organizationUscc === entity.uscc && !row.idNumber && (row.publication ?? 'PUBLISHED') === 'PUBLISHED' && row.decisionDate <= on && (end === null || on <= end);
      });
      const ids = (severity?: string) => counted.filter((r) => !severity || r.row.severity === severity).map((r) => r.id).sort();
      expect(entity.dishonestySummary, entity.uscc).toEqual({
        asOf: on, inForceRecords: counted.length, inForceRecordIds: ids(), seriousRecordIds: ids('SERIOUS'), generalRecordIds: ids('GENERAL'), minorRecordIds: ids('MINOR'),
      });
    }
    // On the demo's day (2026-11-22) 13 bodies have one record each that counts (README "Evaluation"): the six county
    // housing bureaus' penalties (GENERAL), 北安市's, 五大连池市's and 嫩江市's transport bureaus' (MINOR; the other three
    // ended on 09-20, 10-20 and 11-20), the judgments against 爱辉区's, 孙吴县's and 五大连池市's governments (SERIOUS) and the
    // credit office's finding against 逊克县's government (GENERAL). The villagers' committee's records are its members', the
    // city's unpublished and 2024 penalties do not count.
    if (on === '2026-11-22') {
      const counts = data._entities.map((e: any) => e.dishonestySummary);
      expect(counts.filter((s: any) => s.inForceRecords > 0).length).toBe(13);
      expect(counts.reduce((n: number, s: any) => n + s.seriousRecordIds.length, 0)).toBe(3);
      expect(counts.reduce((n: number, s: any) => n + s.generalRecordIds.length, 0)).toBe(7);
      expect(counts.reduce((n: number, s: any) => n + s.minorRecordIds.length, 0)).toBe(3);
    }
  });
});
