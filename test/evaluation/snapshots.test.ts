// The quarterly 晾晒 snapshots (issue 20, item 3) in-process: the evaluation subgraph on an empty
// store (SQLite :memory:, or PostgreSQL with CREDIT_DB_DRIVER=postgresql), assessments stored with
// storeBatch as the worker stores them, then frozen by quarter. Snapshot rows are append-only, so
// each test freezes quarters of its own.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSubgraph, ChangeEntry, insertRows, type BuiltSubgraph, type EntityManager } from '../../subgraphs/kit/index.js';
import { assess } from '../../subgraphs/evaluation/assessment.rules.js';
import { AssessmentChange } from '../../subgraphs/evaluation/entities/assessment-change.js';
import { FeedCursor, ReadModelState } from '../../subgraphs/evaluation/entities/feed-cursor.js';
import { IntegritySnapshotEntry, IntegritySnapshotRegion, IntegritySnapshotRow } from '../../subgraphs/evaluation/entities/integrity-snapshot.js';
import { RegionFigure } from '../../subgraphs/evaluation/entities/region-figure.js';
import { RegionIndicator } from '../../subgraphs/evaluation/entities/region-indicator.js';
import { StoredAssessment } from '../../subgraphs/evaluation/entities/stored-assessment.js';
import { StoredWarning } from '../../subgraphs/evaluation/entities/stored-warning.js';
import { loadRuleSets, ruleSetFor } from '../../subgraphs/evaluation/rule-set.rules.js';
import { regionScope, storeBatch, writeState } from '../../subgraphs/evaluation/read-model.repository.js';
import { subgraph } from '../../subgraphs/evaluation/schema.js';
import { takeDueSnapshot, takeSnapshot } from '../../subgraphs/evaluation/snapshot.repository.js';
import { previousQuarter, quarterOf, quarterString, type Quarter } from '../../subgraphs/evaluation/snapshot.rules.js';
import { bearer, dropTestStore, testDbName } from '../helpers.js';
import type { OrganizationFacts } from '../../subgraphs/evaluation/entities/federated.js';
import { countyUnit } from './units.js';

const rules = ruleSetFor(loadRuleSets(), 2026);
const TODAY = process.env.CREDIT_TODAY!;
const dbName = testDbName('snapshots');
const CURRENT = quarterOf(TODAY);
const PREVIOUS = previousQuarter(CURRENT);
const nextQuarter = ({ year, q }: Quarter): Quarter => (q === 4 ? { year: year + 1, q: 1 } : { year, q: (q + 1) as Quarter['q'] });
let evaluation: BuiltSubgraph;
let em: EntityManager;
let admin: Record<string, string>;
let auditor: Record<string, string>;

beforeAll(async () => {
  evaluation = await buildSubgraph(subgraph, { dbName });
  em = evaluation.store.orm.em.fork() as EntityManager;
  admin = { authorization: await bearer('ADMIN') };
  auditor = { authorization: await bearer('AUDITOR') };
});

afterAll(async () => {
  if (evaluation) await dropTestStore(evaluation, dbName);
});

beforeEach(async () => {
  for (const entity of [StoredWarning, StoredAssessment, AssessmentChange, RegionFigure, FeedCursor, ReadModelState, ChangeEntry]) await em.fork().nativeDelete(entity, {});
});

const unit = countyUnit;

async function store(units: OrganizationFacts[]) {
  return storeBatch(em, { assessed: units.map((facts) => ({ facts, result: assess(facts, rules, TODAY) })), inputsAsOf: Date.now(), causes: () => ['test#1:DebtorRecord.create'] });
}

const freeze = (quarter: string) => takeSnapshot(em, quarter, { trigger: 'ADMIN', takenBy: 'test' });

const RANKING = `query($q: String!, $r: String!, $first: Int, $after: String) {
  integritySnapshotRanking(quarter: $q, regionCode: $r, first: $first, after: $after) {
    totalCount snapshot { quarter organizations } pageInfo { hasNextPage endCursor }
    edges { node { rank regionRank cityRank provinceRank score grade warnings warningCounts { level count } previousRank rankChange previousScore scoreChange organization { uscc } } }
  }
}`;

/** Every entry of a region's ranking in a quarter, page by page. */
async function wholeRanking(quarter: string, regionCode: string, first = 2): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = null;
  do {
    const { data, errors } = await evaluation.execute(RANKING, { q: quarter, r: regionCode, first, after });
    expect(errors).toBeUndefined();
    nodes.push(...data.integritySnapshotRanking.edges.map((e: any) => e.node));
    after = data.integritySnapshotRanking.pageInfo.hasNextPage ? data.integritySnapshotRanking.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

const REGIONS = 'query($q: String!, $p: String!) { integritySnapshotRegionRanking(quarter: $q, parentCode: $p) { rank regionCode organizations meanScore gradeCounts { grade count } warningCounts { level count } previousRank rankChange previousMeanScore meanScoreChange } }';

const listedRule = rules.rules.find((r) => r.id === 'DEBTOR_LISTED')!;
const points = listedRule.pointsPerSource!;
/** What n active listings cost (per listing, up to the rule's cap). */
const cost = (n: number) => Math.min(n * points, listedRule.cap ?? Infinity);

describe('freezing a quarter', () => {
  it('ranks every listed unit in its county, city and province with shared ranks for ties, and each region among its siblings', async () => {
    // 孙吴县: 100 ×3, one listing ×2, three listings: ranks 1,1,1,4,4,6. 爱辉区 (231102): 100 and one listing. One classified unit: not ranked.
    const sunwu = [unit(1), unit(2), unit(3), unit(4, 1), unit(5, 1), unit(6, 3)];
    const aihui = [unit(7, 0, '231102'), unit(8, 1, '231102')];
    await store([...sunwu, ...aihui, unit(9, 0, '231124', { classified: true })]);
    const taken = await freeze('2025Q1');
    expect(taken.created).toBe(true);
    expect(taken.snapshot).toMatchObject({ quarter: '2025Q1', organizations: 8, regions: 4 });

    const county = await wholeRanking('2025Q1', '231124');
    expect(county.map((n) => n.rank)).toEqual([1, 1, 1, 4, 4, 6]);
    expect(county.map((n) => n.organization.uscc)).toEqual(sunwu.map((u) => u.uscc));
    expect(county.map((n) => n.regionRank)).toEqual([1, 1, 1, 4, 4, 6]);
    // In the city and the province 爱辉区's 100 ties with 孙吴县's three, and its listed unit with theirs.
    expect(county.map((n) => n.cityRank)).toEqual([1, 1, 1, 5, 5, 8]);
    expect(county.map((n) => n.provinceRank)).toEqual(county.map((n) => n.cityRank));
    expect(county[5]).toMatchObject({ score: 100 - cost(3), warnings: 1, warningCounts: [{ level: 'RED', count: 1 }, { level: 'ORANGE', count: 0 }, { level: 'YELLOW', count: 0 }] });
    expect(county.every((n) => n.previousRank === null && n.rankChange === null && n.scoreChange === null)).toBe(true);

    const city = await wholeRanking('2025Q1', '231100', 3);
    expect(city.map((n) => n.rank)).toEqual([1, 1, 1, 1, 5, 5, 5, 8]);
    // The snapshot's ranks are the live ranking's at the moment it was taken.
    const live = await evaluation.execute('{ integrityRanking(regionCode: "231100", first: 100) { edges { node { rank organization { uscc } } } } }');
    expect(city.map((n) => [n.rank, n.organization.uscc])).toEqual(live.data.integrityRanking.edges.map((e: any) => [e.node.rank, e.node.organization.uscc]));

    const counties = (await evaluation.execute(REGIONS, { q: '2025Q1', p: '231100' })).data.integritySnapshotRegionRanking;
    const liveCounties = (await evaluation.execute('{ integrityRegionRanking(parentCode: "231100") { rank report { regionCode organizations meanScore gradeCounts { grade count } warningCounts { level count } } } }')).data.integrityRegionRanking;
    expect(counties.map((c: any) => [c.rank, c.regionCode, c.organizations, c.meanScore, c.gradeCounts, c.warningCounts]))
      .toEqual(liveCounties.map((c: any) => [c.rank, c.report.regionCode, c.report.organizations, c.report.meanScore, c.report.gradeCounts, c.report.warningCounts]));
    expect(counties.map((c: any) => c.regionCode)).toEqual(['231102', '231124']);
    const cities = (await evaluation.execute(REGIONS, { q: '2025Q1', p: '230000' })).data.integritySnapshotRegionRanking;
    expect(cities.map((c: any) => [c.rank, c.regionCode, c.organizations])).toEqual([[1, '231100', 8]]);
  });

  it('is immutable: later changes of the read model, a second freeze and UPDATE or DELETE in the store leave it as it was', async () => {
    await store([unit(11), unit(12, 1)]);
    const first = await freeze('2025Q2');
    const before = await wholeRanking('2025Q2', '231124');
    expect(before.map((n) => [n.rank, n.score])).toEqual([[1, 100], [2, 100 - points]]);

    // The live ranking moves: 11 gets listed twice, 12 is cleared, a new unit comes.
    await store([unit(11, 2), unit(12), unit(13)]);
    const live = await evaluation.execute('{ integrityRanking(regionCode: "231124") { totalCount edges { node { organization { uscc } } } } }');
    expect(live.data.integrityRanking.totalCount).toBe(3);
    expect(await wholeRanking('2025Q2', '231124')).toEqual(before);

    const again = await freeze('2025Q2');
    expect(again.created).toBe(false);
    expect(again.snapshot).toMatchObject({ takenAt: first.snapshot.takenAt, organizations: 2 });
    expect(await wholeRanking('2025Q2', '231124')).toEqual(before);

    const fork = em.fork();
    const rewrites: Array<[Function, object]> = [[IntegritySnapshotEntry, { scoreTenths: 1000, provinceRank: 1 }], [IntegritySnapshotRegion, { organizations: 99 }], [IntegritySnapshotRow, { takenBy: 'someone else' }]];
    for (const [entity, values] of rewrites) {
      await expect(fork.nativeUpdate(entity as any, { quarter: '2025Q2' }, values)).rejects.toThrow(/append-only/);
      await expect(fork.nativeDelete(entity as any, { quarter: '2025Q2' })).rejects.toThrow(/append-only/);
    }
    expect(await wholeRanking('2025Q2', '231124')).toEqual(before);
  });

  it('shows each entry\'s and each region\'s change of rank and score against the previous quarter\'s snapshot', async () => {
    await store([unit(21), unit(22, 1), unit(23, 2), unit(24, 0, '231102'), unit(25, 3, '231102')]);
    await freeze('2023Q3');
    // Next quarter: 23 is cleared (up from 3rd to 1st), 21 is listed (down), 22 stays, 26 is new; 爱辉区 improves.
    await store([unit(21, 3), unit(23), unit(25, 0, '231102'), unit(26, 1)]);
    await freeze('2023Q4');

    const county = await wholeRanking('2023Q4', '231124', 10);
    const byUscc = new Map(county.map((n) => [n.organization.uscc, n]));
    expect(byUscc.get(unit(23).uscc)).toMatchObject({ rank: 1, previousRank: 3, rankChange: 2, previousScore: 100 - cost(2), scoreChange: cost(2) });
    expect(byUscc.get(unit(22).uscc)).toMatchObject({ rank: 2, previousRank: 2, rankChange: 0, scoreChange: 0 });
    expect(byUscc.get(unit(26).uscc)).toMatchObject({ rank: 2, previousRank: null, rankChange: null, previousScore: null, scoreChange: null });
    expect(byUscc.get(unit(21).uscc)).toMatchObject({ rank: 4, previousRank: 1, rankChange: -3, previousScore: 100, scoreChange: -cost(3) });

    const counties = (await evaluation.execute(REGIONS, { q: '2023Q4', p: '231100' })).data.integritySnapshotRegionRanking;
    const aihui = counties.find((c: any) => c.regionCode === '231102');
    const sunwu = counties.find((c: any) => c.regionCode === '231124');
    // 孙吴县 was first (mean of 100, 100 − cost(1), 100 − cost(2)) before 爱辉区 (100 and 100 − cost(3)); now 爱辉区 leads.
    expect(aihui).toMatchObject({ rank: 1, previousRank: 2, rankChange: 1, meanScore: 100, previousMeanScore: 100 - cost(3) / 2, meanScoreChange: cost(3) / 2 });
    expect(sunwu).toMatchObject({ rank: 2, previousRank: 1, rankChange: -1, previousMeanScore: 100 - (cost(1) + cost(2)) / 3, meanScore: 100 - (2 * cost(1) + cost(3)) / 4 });
    expect(sunwu.meanScoreChange).toBeCloseTo(sunwu.meanScore - sunwu.previousMeanScore, 5);
    // The first snapshot has nothing to compare with.
    const first = (await evaluation.execute(REGIONS, { q: '2023Q3', p: '231100' })).data.integritySnapshotRegionRanking;
    expect(first.every((c: any) => c.previousRank === null && c.meanScoreChange === null)).toBe(true);
  });
});

describe('the seeds\' indicators in a snapshot', () => {
  it('freezes each region\'s indicators as the read model held them, and shows the previous quarter\'s beside them', async () => {
    const indicators = (code: string, coverage: number | null) => ({ regionCode: code, year: 2023, commitmentCoverage: coverage, publicationRate: 1, pushCoverage: null, trainingCoverage: 0.5, refreshedAt: new Date().toISOString() });
    await em.fork().nativeDelete(RegionIndicator, {});
    await store([unit(41), unit(42, 0, '231102')]);
    for (const row of [indicators('231124', 0.9), indicators('231102', 0.7)]) await em.fork().upsert(RegionIndicator, row);
    await freeze('2022Q3');
    // The live indicators move after the freeze; the snapshot keeps what it froze.
    await em.fork().upsert(RegionIndicator, indicators('231124', 0.4));
    await freeze('2022Q4');
    const q4 = (await evaluation.execute('{ integritySnapshotRegionRanking(quarter: "2022Q4", parentCode: "231100") { regionCode indicators { commitmentCoverage publicationRate pushCoverage trainingCoverage } previousIndicators { commitmentCoverage } } }')).data.integritySnapshotRegionRanking;
    const q3 = (await evaluation.execute('{ integritySnapshotRegionRanking(quarter: "2022Q3", parentCode: "231100") { regionCode indicators { commitmentCoverage } previousIndicators { commitmentCoverage } } }')).data.integritySnapshotRegionRanking;
    const sunwu = (rows: any[]) => rows.find((r) => r.regionCode === '231124');
    expect(sunwu(q3)).toEqual({ regionCode: '231124', indicators: { commitmentCoverage: 0.9 }, previousIndicators: null });
    expect(sunwu(q4)).toEqual({ regionCode: '231124', indicators: { commitmentCoverage: 0.4, publicationRate: 1, pushCoverage: null, trainingCoverage: 0.5 }, previousIndicators: { commitmentCoverage: 0.9 } });
    await em.fork().nativeDelete(RegionIndicator, {});
  });
});

describe('publishing and the quarter-end trigger', () => {
  const previous = quarterString(PREVIOUS);
  const PUBLISH = 'mutation($q: String!) { publishIntegritySnapshot(quarter: $q) { quarter takenAt trigger takenBy builtFor organizations regions } }';

  it('lets ADMIN publish the previous quarter once the read model is built; publishing it again changes nothing', async () => {
    await store([unit(31), unit(32, 1)]);
    const refused = await evaluation.execute(PUBLISH, { q: previous }, admin);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT'); // no builtFor: a rebuild is under way
    await writeState(em, { builtFor: TODAY, ruleSet: `${rules.id}:${rules.version}` });
    expect((await evaluation.execute(PUBLISH, { q: previous }, auditor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await evaluation.execute(PUBLISH, { q: previous })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const { data, errors } = await evaluation.execute(PUBLISH, { q: previous }, admin);
    expect(errors).toBeUndefined();
    expect(data.publishIntegritySnapshot).toMatchObject({ quarter: previous, trigger: 'ADMIN', takenBy: 'test-admin', builtFor: TODAY, organizations: 2, regions: 3 });

    await store([unit(33, 2)]);
    const again = await evaluation.execute(PUBLISH, { q: previous }, admin);
    expect(again.data.publishIntegritySnapshot).toEqual(data.publishIntegritySnapshot);
    expect((await wholeRanking(previous, '230000')).map((n) => n.organization.uscc)).toEqual([unit(31).uscc, unit(32).uscc]);

    const listed = await evaluation.execute('{ integritySnapshots { quarter trigger takenBy organizations } }', {}, auditor);
    expect(listed.data.integritySnapshots).toContainEqual({ quarter: previous, trigger: 'ADMIN', takenBy: 'test-admin', organizations: 2 });
    const anonymous = await evaluation.execute('{ integritySnapshots { quarter takenBy } }');
    expect(anonymous.data.integritySnapshots.find((s: any) => s.quarter === previous)).toEqual({ quarter: previous, takenBy: null });
  });

  it('takes the previous quarter\'s snapshot at the first round of a new quarter, once the read model is built for that day', async () => {
    await store([unit(41), unit(42, 1, '231102')]);
    await writeState(em, { builtFor: '2031-03-31' });
    expect(await takeDueSnapshot(em, '2031-04-01')).toBeNull(); // the new day's rebuild has not finished
    await writeState(em, { builtFor: '2031-04-01' });
    const taken = await takeDueSnapshot(em, '2031-04-01');
    expect(taken).toMatchObject({ quarter: '2031Q1', trigger: 'QUARTER_END', takenBy: 'read-model worker', builtFor: '2031-04-01', organizations: 2 });
    await writeState(em, { builtFor: '2031-05-20' });
    expect(await takeDueSnapshot(em, '2031-05-20')).toBeNull(); // already taken this quarter
    expect(await em.fork().count(IntegritySnapshotRow, { quarter: '2031Q1' })).toBe(1);
    // Its feed entry names the regions, so cached answers about them are purged.
    const [entry] = await em.fork().find(ChangeEntry, { entity: 'IntegritySnapshot' }, { orderBy: { seq: 'desc' }, limit: 1 });
    expect(entry).toMatchObject({ ids: ['2031Q1'], regions: expect.arrayContaining(['230000', '231100', '231102', '231124']) });
  });
});

describe('bad input', () => {
  const future = quarterString(nextQuarter(CURRENT));
  it.each([
    ['2026-Q3', 'QUARTER'], ['2026Q5', 'QUARTER'], ['26Q1', 'QUARTER'], ['2026q3', 'QUARTER'], ['', 'QUARTER'], [future, 'QUARTER_FUTURE'],
  ])('refuses the quarter "%s" with BAD_USER_INPUT (%s) in every query and the mutation', async (quarter, rule) => {
    const answers = [
      await evaluation.execute(RANKING, { q: quarter, r: '231100' }),
      await evaluation.execute(REGIONS, { q: quarter, p: '231100' }),
      await evaluation.execute('mutation($q: String!) { publishIntegritySnapshot(quarter: $q) { quarter } }', { q: quarter }, admin),
    ];
    for (const { errors } of answers) {
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quarter', rule });
      expect(errors?.[0]?.message).toMatch(/^[\u4e00-\u9fff]/); // Chinese first,
      expect(errors?.[0]?.message).toMatch(/ \([a-z][^)]*\)$/); // then English
    }
  });

  it('answers a quarter without a snapshot with an empty ranking and a null snapshot', async () => {
    const { data, errors } = await evaluation.execute(RANKING, { q: '2021Q2', r: '231100' });
    expect(errors).toBeUndefined();
    expect(data.integritySnapshotRanking).toMatchObject({ totalCount: 0, snapshot: null, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
    expect((await evaluation.execute(REGIONS, { q: '2021Q2', p: '231100' })).data.integritySnapshotRegionRanking).toEqual([]);
  });

  it('refuses to publish a quarter before the previous one, a malformed region code and a cursor it did not issue', async () => {
    await writeState(em, { builtFor: TODAY });
    const old = quarterString(previousQuarter(PREVIOUS));
    const published = await evaluation.execute('mutation($q: String!) { publishIntegritySnapshot(quarter: $q) { quarter } }', { q: old }, admin);
    expect(published.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'QUARTER_PAST' });
    expect((await evaluation.execute(RANKING, { q: '2021Q2', r: '2311' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const cursor = Buffer.from(JSON.stringify(['x|y'])).toString('base64url');
    expect((await evaluation.execute(RANKING, { q: '2021Q2', r: '231100', after: cursor })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('at province scale', () => {
  // How long the freeze takes goes to the log, not into an assertion (DEVELOPERS.md: speed is measured, not asserted).
  it('freezes 108,803 units, ranked in their counties, cities and the province', async () => {
    const counties = Array.from({ length: 130 }, (_, i) => `23${String(1 + (i % 13)).padStart(2, '0')}${String(1 + Math.floor(i / 13)).padStart(2, '0')}`);
    const rows: StoredAssessment[] = [];
    const figures = new Map<string, RegionFigure>();
    for (let i = 0; i < 108_803; i++) {
      const regionCode = counties[i % counties.length]!;
      const scoreTenths = 600 + ((i * 7919) % 401);
      const grade = scoreTenths >= 900 ? 'A' : scoreTenths >= 750 ? 'B' : 'C';
      rows.push(Object.assign(new StoredAssessment(), {
        uscc: `11${String(i).padStart(15, '0')}X`, ...regionScope(regionCode), kind: 'GOVERNMENT_DEPARTMENT', level: 'COUNTY', listed: true,
        scoreTenths, sortKey: 1000 - scoreTenths, grade, deductions: [], warnings: [], warningCount: 0, ruleSetId: rules.id, ruleSetVersion: rules.version,
        assessedOn: TODAY, inputsAsOf: 1, causes: [], updatedAt: TODAY,
      }));
      for (const code of new Set([regionCode, `${regionCode.slice(0, 4)}00`, '230000'])) {
        const f = figures.get(code) ?? Object.assign(new RegionFigure(), { regionCode: code, organizations: 0, scoreTenthsSum: 0, gradeA: 0, gradeB: 0, gradeC: 0, gradeD: 0, warningsRed: 0, warningsOrange: 0, warningsYellow: 0 });
        f.organizations++;
        f.scoreTenthsSum += scoreTenths;
        f[`grade${grade}` as 'gradeA']++;
        figures.set(code, f);
      }
    }
    await em.fork().transactional(async (tx) => {
      await insertRows(tx, StoredAssessment, rows, () => {});
      await insertRows(tx, RegionFigure, [...figures.values()], () => {});
    });
    const started = performance.now();
    const { snapshot } = await freeze('2024Q1');
    const seconds = (performance.now() - started) / 1000;
    console.log(`snapshot of ${snapshot.organizations} units and ${snapshot.regions} regions: ${seconds.toFixed(2)} s`);
    expect(snapshot).toMatchObject({ organizations: 108_803, regions: 130 + 13 + 1 });
    const top = await evaluation.execute(RANKING, { q: '2024Q1', r: '230000', first: 3 });
    expect(top.data.integritySnapshotRanking.totalCount).toBe(108_803);
    expect(top.data.integritySnapshotRanking.edges[0].node).toMatchObject({ rank: 1, score: 100 });
    const cities = (await evaluation.execute(REGIONS, { q: '2024Q1', p: '230000' })).data.integritySnapshotRegionRanking;
    expect(cities).toHaveLength(13);
  }, 120_000);
});
