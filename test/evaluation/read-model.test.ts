// The evaluation read model (issue 20) in-process: the evaluation subgraph on an empty store
// (SQLite :memory:, or PostgreSQL with CREDIT_DB_DRIVER=postgresql), fed by its worker from
// feeds and inputs that stand in for the other subgraphs and the gateway. The end-to-end tests
// (test/e2e/read-model.e2e.test.ts) run the same worker against the real processes.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { addDays, buildSubgraph, ChangeEntry, DirectFeeds, FeedCursorLost, type BuiltSubgraph, type EntityManager, type FeedClient, type FeedEntry, type FeedPageJson, type FeedSource } from '../../subgraphs/kit/index.js';
import { assess } from '../../subgraphs/evaluation/assessment.rules.js';
import { AssessmentChange } from '../../subgraphs/evaluation/entities/assessment-change.js';
import type { OrganizationFacts } from '../../subgraphs/evaluation/entities/federated.js';
import { FeedCursor, ReadModelState } from '../../subgraphs/evaluation/entities/feed-cursor.js';
import { RegionFigure } from '../../subgraphs/evaluation/entities/region-figure.js';
import { RegionIndicator } from '../../subgraphs/evaluation/entities/region-indicator.js';
import { refreshIndicators } from '../../subgraphs/evaluation/region-indicator.repository.js';
import { StoredAssessment } from '../../subgraphs/evaluation/entities/stored-assessment.js';
import { StoredWarning } from '../../subgraphs/evaluation/entities/stored-warning.js';
import { loadRuleSets, ruleSetFor } from '../../subgraphs/evaluation/rule-set.rules.js';
import { storeBatch } from '../../subgraphs/evaluation/read-model.repository.js';
import { ReadModelWorker } from '../../subgraphs/evaluation/read-model.worker.js';
import { subgraph } from '../../subgraphs/evaluation/schema.js';
import type { SupergraphInputs } from '../../subgraphs/evaluation/read-model.inputs.js';
import { bearer, dropTestStore, testDbName } from '../helpers.js';
import { countyUnit } from './units.js';

const rules = ruleSetFor(loadRuleSets(), 2026);
/** The read model's own "today" (the resolvers read CREDIT_TODAY, which a run may move). */
const TODAY = process.env.CREDIT_TODAY!;
/**
 * The day the fixtures are assessed on: inside the year of their rule set and commitment summaries
 * (2026), after 1 June, when the seed's stage for publishing a letter has passed, whatever day the
 * suite runs at.
 */
const ASSESSED_ON = '2026-11-22';
const dbName = testDbName('readmodel');
let evaluation: BuiltSubgraph;
let em: EntityManager;
let auditor: Record<string, string>;

beforeAll(async () => {
  evaluation = await buildSubgraph(subgraph, { dbName });
  em = evaluation.store.orm.em.fork() as EntityManager;
  auditor = { authorization: await bearer('AUDITOR') };
});

afterAll(async () => {
  if (evaluation) await dropTestStore(evaluation, dbName);
});

beforeEach(async () => {
  for (const entity of [StoredWarning, StoredAssessment, AssessmentChange, RegionFigure, FeedCursor, ReadModelState, ChangeEntry]) await em.fork().nativeDelete(entity, {});
});

const unit = (n: number, listings = 0, extra: Partial<OrganizationFacts> = {}) => countyUnit(n, listings, extra.regionCode ?? '231124', extra);

const assessed = (facts: OrganizationFacts) => ({ facts, result: assess(facts, rules, ASSESSED_ON) });

async function store(units: OrganizationFacts[], inputsAsOf = Date.now(), cause = 'test#1:DebtorRecord.create') {
  return storeBatch(em, { assessed: units.map(assessed), inputsAsOf, causes: () => [cause] });
}

async function figure(code: string) {
  return em.fork().findOneOrFail(RegionFigure, { regionCode: code });
}

/** The figures of a region recomputed from the stored rows (the independent oracle for the incremental ones). */
async function recomputed(code: string) {
  const rows = (await em.fork().find(StoredAssessment, { listed: true })).filter((r) => r.uscc && [r.regionCode, r.cityCode, r.provinceCode].includes(code));
  return {
    organizations: rows.length,
    scoreTenthsSum: rows.reduce((s, r) => s + r.scoreTenths, 0),
    grades: ['A', 'B', 'C', 'D'].map((g) => rows.filter((r) => r.grade === g).length),
    red: rows.reduce((s, r) => s + r.warnings.filter((w) => w.level === 'RED').length, 0),
  };
}

describe('storing assessments', () => {
  it('adds each unit to its county, city and province figures, and storing the same batch again changes nothing', async () => {
    const units = [unit(1), unit(2, 1), unit(3, 3), unit(4, 0, { classified: true })];
    expect((await store(units)).changed).toBe(4);
    const county = await figure('231124');
    expect(county.organizations).toBe(3); // the classified unit is assessed, not listed
    for (const code of ['231124', '231100', '230000']) {
      const f = await figure(code);
      const oracle = await recomputed(code);
      expect([f.organizations, Number(f.scoreTenthsSum), [f.gradeA, f.gradeB, f.gradeC, f.gradeD], f.warningsRed]).toEqual([oracle.organizations, oracle.scoreTenthsSum, oracle.grades, oracle.red]);
    }
    const history = await em.fork().count(AssessmentChange, {});
    expect(await store(units)).toEqual({ changed: 0 });
    expect(await em.fork().count(AssessmentChange, {})).toBe(history);
    expect((await figure('231124')).organizations).toBe(3);
  });

  it('never lets an older fetch overwrite a newer one', async () => {
    await store([unit(5, 2)], 2_000);
    await store([unit(5, 0)], 1_000);
    const row = await em.fork().findOneOrFail(StoredAssessment, { uscc: unit(5).uscc });
    expect(row.deductions.map((d) => d.rule)).toContain('DEBTOR_LISTED');
  });

  it('keeps a history row per change with the deductions that came and went and the cause', async () => {
    await store([unit(6)], 1_000, 'rebuild: first build');
    await store([unit(6, 1)], 2_000, 'court-debtors#7:DebtorRecord.create');
    await store([unit(6)], 3_000, 'court-debtors#8:DebtorObjection.create');
    const { data } = await evaluation.execute(`{ _entities(representations: [{ __typename: "Organization", uscc: "${unit(6).uscc}" }]) { ... on Organization { integrityHistory(first: 10) { totalCount edges { node { scoreBefore scoreAfter deductionsAdded { rule } deductionsRemoved { rule } warningsRaised warningsCleared causes } } } } } }`, {}, auditor);
    const changes = data._entities[0].integrityHistory;
    const points = rules.rules.find((r) => r.id === 'DEBTOR_LISTED')!.pointsPerSource!;
    expect(changes.totalCount).toBe(3);
    expect(changes.edges.map((e: any) => e.node)).toEqual([
      { scoreBefore: 100 - points, scoreAfter: 100, deductionsAdded: [], deductionsRemoved: [{ rule: 'DEBTOR_LISTED' }], warningsRaised: [], warningsCleared: ['DEBTOR_LISTED'], causes: ['court-debtors#8:DebtorObjection.create'] },
      { scoreBefore: 100, scoreAfter: 100 - points, deductionsAdded: [{ rule: 'DEBTOR_LISTED' }], deductionsRemoved: [], warningsRaised: ['DEBTOR_LISTED'], warningsCleared: [], causes: ['court-debtors#7:DebtorRecord.create'] },
      { scoreBefore: null, scoreAfter: 100, deductionsAdded: [], deductionsRemoved: [], warningsRaised: [], warningsCleared: [], causes: ['rebuild: first build'] },
    ]);
  });

  it('writes a history row when only the deductions\' sources change, keeping the warnings whole', async () => {
    const arrears = (ids: string[]) => unit(9, 0, { contractSummary: { unremediedGovernmentBreachIds: [], arrearsMilestoneIds: ids, arrearsAmount: '1.00', overdueComplaintIds: [], substantiatedOldDebtComplaintIds: [] } });
    await store([arrears(['M1'])], 1_000);
    await store([arrears(['M2'])], 2_000); // same points, same warning, another milestone
    const rows = await em.fork().find(AssessmentChange, { uscc: unit(9).uscc }, { orderBy: { id: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[1]!.deductionsAdded.map((d) => d.sources)).toEqual([['ContractMilestone:M2']]);
    expect(rows[1]!.warningsAfter!.map((w) => [w.kind, w.sources])).toEqual([['CONTRACT_ARREARS', ['ContractMilestone:M2']]]);
  });

  it('answers integrity(year:) and integrity(asOf:) from the history, as the assessment stood at the end of that day', async () => {
    const uscc = unit(10).uscc;
    const listed = { rule: 'DEBTOR_LISTED', domain: 'COURT_DEBTORS' as const, reason: 'r', points: 15, sources: ['DebtorRecord:(2025)黑11执1号'] };
    const unfulfilled = { rule: 'COMMITMENT_UNFULFILLED', domain: 'COMMITMENTS' as const, reason: 'r', points: 4, sources: ['CommitmentItem:I1'] };
    const row = (at: string, before: number | null, after: number, added: any[], removed: any[], raised: string[], cleared: string[], warningsAfter: any[] | null) => Object.assign(new AssessmentChange(), {
      uscc, at, scoreTenthsBefore: before, scoreTenthsAfter: after, gradeBefore: null, gradeAfter: after >= 900 ? 'A' : 'B', deductionsAdded: added, deductionsRemoved: removed,
      warningsRaised: raised, warningsCleared: cleared, warningsAfter, ruleSetId: rules.id, causes: ['test'],
    });
    // Rows written before whole warnings were kept (null), then one with them.
    await em.fork().persistAndFlush([
      row('2025-03-01T02:00:00.000Z', null, 1000, [], [], [], [], null),
      row('2025-09-10T02:00:00.000Z', 1000, 850, [listed], [], ['DEBTOR_LISTED'], [], null),
      // 23:30 in Beijing on 31 December is still 2025 there.
      row('2025-12-31T15:30:00.000Z', 850, 810, [unfulfilled], [], [], [], null),
      row('2026-02-01T02:00:00.000Z', 810, 960, [], [listed], [], ['DEBTOR_LISTED'], []),
    ]);
    const ask = async (args: string) => {
      const { data, errors } = await evaluation.execute(`{ _entities(representations: [{ __typename: "Organization", uscc: "${uscc}" }]) { ... on Organization { integrity(${args}) { score grade assessedOn deductions { rule sources } warnings { kind level since sources } } } } }`);
      return errors ? { errors: errors.map((e: any) => e.extensions) } : data._entities[0].integrity;
    };
    expect(await ask('asOf: "2024-12-31"')).toBeNull();
    expect(await ask('asOf: "2025-06-30"')).toEqual({ score: 100, grade: 'A', assessedOn: '2025-03-01', deductions: [], warnings: [] });
    expect(await ask('year: 2025')).toEqual({
      score: 81, grade: 'B', assessedOn: '2025-12-31',
      deductions: [{ rule: 'DEBTOR_LISTED', sources: listed.sources }, { rule: 'COMMITMENT_UNFULFILLED', sources: unfulfilled.sources }],
      warnings: [{ kind: 'DEBTOR_LISTED', level: 'RED', since: '2025-09-10', sources: listed.sources }],
    });
    expect(await ask('asOf: "2026-03-01"')).toEqual({ score: 96, grade: 'A', assessedOn: '2026-02-01', deductions: [{ rule: 'COMMITMENT_UNFULFILLED', sources: unfulfilled.sources }], warnings: [] });
    // This year and today mean the current assessment (none stored for this unit here).
    expect(await ask(`year: ${TODAY.slice(0, 4)}`)).toBeNull();
    expect(await ask('year: 2099')).toEqual({ errors: [expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'year' })] });
    expect(await ask('year: 2025, asOf: "2025-06-30"')).toEqual({ errors: [expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'asOf' })] });
    expect(await ask('asOf: "2025-02-30"')).toEqual({ errors: [expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'asOf' })] });
  });

  it('removes a unit the registry no longer lists from the lists and the figures', async () => {
    await store([unit(7), unit(8, 1)]);
    await storeBatch(em, { assessed: [], gone: [unit(8).uscc], inputsAsOf: Date.now(), causes: () => ['rebuild'] });
    expect((await figure('231124')).organizations).toBe(1);
    expect((await figure('231124')).warningsRed).toBe(0);
    expect(await em.fork().count(StoredWarning, {})).toBe(0);
  });

  it('writes its own feed entry naming the units and their regions, so caches of their answers can be purged', async () => {
    await store([unit(9, 1)]);
    const [entry] = await em.fork().find(ChangeEntry, {}, { orderBy: { seq: 'desc' }, limit: 1 });
    expect(entry).toMatchObject({ entity: 'IntegrityAssessment', organizations: [unit(9).uscc], regions: ['230000', '231100', '231124'] });
  });
});

describe('region answers from the read model', () => {
  it('ranks by score with shared ranks for ties and pages by cursor without gaps or repeats', async () => {
    // Scores 100 ×3, then one listing each ×2, then three listings: ranks 1,1,1,4,4,6.
    await store([unit(11), unit(12), unit(13), unit(14, 1), unit(15, 1), unit(16, 3)]);
    const seen: Array<{ rank: number; uscc: string; score: number }> = [];
    let after: string | null = null;
    do {
      const { data, errors } = await evaluation.execute('query($a: String) { integrityRanking(regionCode: "231100", first: 4, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { rank score organization { uscc } } } } }', { a: after });
      expect(errors).toBeUndefined();
      expect(data.integrityRanking.totalCount).toBe(6);
      seen.push(...data.integrityRanking.edges.map((e: any) => ({ rank: e.node.rank, uscc: e.node.organization.uscc, score: e.node.score })));
      after = data.integrityRanking.pageInfo.hasNextPage ? data.integrityRanking.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((s) => s.rank)).toEqual([1, 1, 1, 4, 4, 6]);
    expect(seen.map((s) => s.uscc)).toEqual([11, 12, 13, 14, 15, 16].map((n) => unit(n).uscc));
  });

  it('filters the ranking by kind and grade, and the warnings by level, domain and kind', async () => {
    await store([unit(21), unit(22, 1, { kind: 'TOWNSHIP', level: 'TOWNSHIP' }), unit(23, 1), unit(24, 0, { currentCommitmentSummary: { year: 2026, letterId: null, published: false, unfulfilledItemIds: [], overdueItemIds: [] } })]);
    const { data } = await evaluation.execute(`{
      township: integrityRanking(regionCode: "231124", kinds: [TOWNSHIP]) { totalCount edges { node { organization { uscc } } } }
      red: warnings(regionCode: "230000", minLevel: RED) { totalCount edges { node { level kind organization { uscc } } } }
      commitments: warnings(regionCode: "231124", domain: COMMITMENTS) { totalCount edges { node { kind organization { uscc } } } }
      debtor: warnings(regionCode: "231124", kind: "DEBTOR_LISTED") { totalCount }
    }`);
    expect(data.township.edges.map((e: any) => e.node.organization.uscc)).toEqual([unit(22).uscc]);
    expect(data.red.edges.map((e: any) => e.node.organization.uscc).sort()).toEqual([unit(22).uscc, unit(23).uscc]);
    expect(data.commitments.edges.map((e: any) => e.node.organization.uscc)).toEqual([unit(24).uscc]);
    expect(data.debtor.totalCount).toBe(2);
  });

  it('answers a malformed cursor with BAD_USER_INPUT', async () => {
    const { errors } = await evaluation.execute('{ integrityRanking(regionCode: "231100", after: "WyJ4eCJd") { totalCount } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('ranks the counties of a city by mean score', async () => {
    await store([unit(31), unit(32, 3, { uscc: '11231102MB0000032X', regionCode: '231102' })]);
    const { data } = await evaluation.execute('{ integrityRegionRanking(parentCode: "231100") { rank report { regionCode organizations meanScore } } }');
    expect(data.integrityRegionRanking.map((e: any) => [e.rank, e.report.regionCode])).toEqual([[1, '231124'], [2, '231102']]);
  });
});

/** Feeds that stand in for the subgraphs: entries appended by the test, head and cursor errors as the real ones answer. */
class FakeFeeds {
  entries = new Map<string, FeedEntry[]>();
  lostAt: string | null = null;
  append(source: string, organizations: string[], entity = 'DebtorRecord', operation = 'create'): void {
    const list = this.entries.get(source) ?? [];
    list.push({ seq: list.length + 1, at: new Date().toISOString(), entity, operation, ids: organizations, organizations, officials: [], regions: [] });
    this.entries.set(source, list);
  }
  async page(source: FeedSource, after: number, limit: number): Promise<FeedPageJson> {
    const list = this.entries.get(source.name) ?? [];
    if (this.lostAt === source.name) throw new FeedCursorLost(source.name, 'CURSOR_AHEAD', 'reseeded');
    const entries = list.filter((e) => e.seq > after).slice(0, limit);
    return { entries, head: list.length, next: entries.at(-1)?.seq ?? after };
  }
  async head(source: FeedSource): Promise<number> {
    return (this.entries.get(source.name) ?? []).length;
  }
}

class FakeInputs {
  facts = new Map<string, OrganizationFacts>();
  fetched: string[] = [];
  async byUscc(usccs: readonly string[]) {
    this.fetched.push(...usccs);
    return new Map(usccs.map((u) => [u, this.facts.get(u) ?? null]));
  }
  async usccPage(after: string | null) {
    const all = [...this.facts.keys()].sort();
    const start = after ? all.indexOf(after) + 1 : 0;
    const usccs = all.slice(start, start + 2);
    return { usccs, next: start + 2 < all.length ? usccs.at(-1)! : null, total: all.length };
  }
}

describe('the worker', () => {
  const sources: FeedSource[] = [{ name: 'court-debtors', baseUrl: 'http://unused' }, { name: 'registry', baseUrl: 'http://unused' }];
  const worker = (feeds: FakeFeeds, inputs: FakeInputs) => new ReadModelWorker(em, new DirectFeeds(em, sources, feeds as unknown as FeedClient), inputs as unknown as SupergraphInputs, { ruleSet: () => rules, log: () => {} });

  it('builds from scratch, then re-assesses exactly the units the feeds name and resumes from its cursors', async () => {
    const feeds = new FakeFeeds();
    const inputs = new FakeInputs();
    for (const n of [41, 42, 43]) inputs.facts.set(unit(n).uscc, unit(n));
    feeds.append('registry', [unit(41).uscc]); // before the build: the build covers it
    const first = worker(feeds, inputs);
    await first.rebuild('first build');
    expect(await em.fork().count(StoredAssessment, {})).toBe(3);
    expect(await first.catchUp()).toBe(false);

    inputs.facts.set(unit(42).uscc, unit(42, 2));
    feeds.append('court-debtors', [unit(42).uscc]);
    inputs.fetched = [];
    expect(await first.catchUp()).toBe(true);
    expect(inputs.fetched).toEqual([unit(42).uscc]);
    expect((await em.fork().findOneOrFail(StoredAssessment, { uscc: unit(42).uscc })).causes).toEqual(['court-debtors#1:DebtorRecord.create']);

    // A new worker (a restart) continues from the stored cursors: nothing is read twice.
    const second = worker(feeds, inputs);
    inputs.fetched = [];
    expect(await second.catchUp()).toBe(false);
    expect(inputs.fetched).toEqual([]);
    expect((await em.fork().find(FeedCursor, {}, { orderBy: { source: 'asc' } })).map((c) => [c.source, Number(c.seq)])).toEqual([['court-debtors', 1], ['registry', 1]]);
  });

  it('removes units the registry no longer knows when a feed names them', async () => {
    const feeds = new FakeFeeds();
    const inputs = new FakeInputs();
    inputs.facts.set(unit(51).uscc, unit(51));
    await worker(feeds, inputs).rebuild('first build');
    inputs.facts.delete(unit(51).uscc);
    feeds.append('registry', [unit(51).uscc]);
    await worker(feeds, inputs).catchUp();
    expect(await em.fork().count(StoredAssessment, {})).toBe(0);
  });

  describe('dishonesty records (rule set 2026 version 4: DISHONESTY_SERIOUS 15 a record, RED)', () => {
    const withDishonesty = (feeds: FakeFeeds, inputs: FakeInputs) => new ReadModelWorker(
      em, new DirectFeeds(em, [...sources, { name: 'dishonesty-records', baseUrl: 'http://unused' }], feeds as unknown as FeedClient), inputs as unknown as SupergraphInputs, { ruleSet: () => rules, log: () => {} },
    );
    const serious = (id: string) => ({ dishonestySummary: { seriousRecordIds: [id], generalRecordIds: [], minorRecordIds: [], overdueRectificationRecordIds: [] } });
    const stored = (uscc: string) => em.fork().findOneOrFail(StoredAssessment, { uscc });

    it('re-assesses a unit the dishonesty-records feed names: a serious record costs 15 with a RED warning, its withdrawal gives them back', async () => {
      const feeds = new FakeFeeds();
      const inputs = new FakeInputs();
      const uscc = unit(61).uscc;
      inputs.facts.set(uscc, unit(61));
      const worker = withDishonesty(feeds, inputs);
      await worker.rebuild('first build');
      expect((await stored(uscc)).scoreTenths).toBe(1000);

      // The subgraph's summary now lists the record; its feed names the unit.
      inputs.facts.set(uscc, unit(61, 0, serious('R61')));
      feeds.append('dishonesty-records', [uscc], 'DishonestyRecord');
      expect(await worker.catchUp()).toBe(true);
      const after = await stored(uscc);
      // 100 − 15 = 85.
      expect([after.scoreTenths, after.grade]).toEqual([850, 'B']);
      expect(after.deductions).toEqual([expect.objectContaining({ rule: 'DISHONESTY_SERIOUS', domain: 'DISHONESTY', points: 15, sources: ['DishonestyRecord:R61'] })]);
      expect(after.warnings.map((w) => [w.level, w.kind])).toEqual([['RED', 'DISHONESTY_SERIOUS']]);
      expect(after.causes).toEqual(['dishonesty-records#1:DishonestyRecord.create']);

      // Withdrawn by its authority: the summary lists nothing, the feed names the unit again.
      inputs.facts.set(uscc, unit(61));
      feeds.append('dishonesty-records', [uscc], 'DishonestyRecord', 'update');
      expect(await worker.catchUp()).toBe(true);
      expect(await stored(uscc)).toMatchObject({ scoreTenths: 1000, deductions: [], warnings: [], causes: ['dishonesty-records#2:DishonestyRecord.update'] });
    });

    it('drops a record whose term ended with the next day\'s rebuild (no feed entry announces a term\'s end)', async () => {
      const feeds = new FakeFeeds();
      const inputs = new FakeInputs();
      const uscc = unit(62).uscc;
      inputs.facts.set(uscc, unit(62, 0, serious('R62')));
      const worker = withDishonesty(feeds, inputs);
      await worker.rebuild('first build');
      expect((await stored(uscc)).scoreTenths).toBe(850);
      try {
        // The next day the subgraph's summary no longer lists the record (its term's last day was yesterday).
        const tomorrow = addDays(TODAY, 1);
        vi.stubEnv('CREDIT_TODAY', tomorrow);
        inputs.facts.set(uscc, unit(62));
        const reason = await (worker as unknown as { rebuildNeeded(): Promise<string | null> }).rebuildNeeded();
        expect(reason).toBe(`new day ${tomorrow}`);
        await worker.rebuild(reason!);
        expect(await stored(uscc)).toMatchObject({ scoreTenths: 1000, deductions: [], warnings: [], assessedOn: tomorrow, causes: [`rebuild: new day ${tomorrow}`] });
      } finally {
        vi.unstubAllEnvs();
      }
    });
  });

  it('refuses to continue from a cursor a feed no longer honours: the error reaches the loop, which rebuilds', async () => {
    const feeds = new FakeFeeds();
    const inputs = new FakeInputs();
    feeds.lostAt = 'court-debtors';
    await expect(worker(feeds, inputs).catchUp()).rejects.toBeInstanceOf(FeedCursorLost);
  });
});

describe('region indicators', () => {
  it('asks each region on its own, counties first, and stores the others when one region\'s reports fail', async () => {
    await em.fork().nativeDelete(RegionIndicator, {});
    const asked: string[] = [];
    const inputs = {
      async ask(_query: string, variables: { code: string; year: number }) {
        asked.push(variables.code);
        // The province's reports outlast the gateway's subgraph timeout (as measured at province scale).
        if (variables.code === '230000') throw new Error('inputs through the supergraph failed (200): subgraph commitments did not answer within 10000 ms');
        const rate = Number(variables.code.slice(2)) / 1_000_000;
        return { c: { coverageRate: rate, publicationRate: rate }, p: { rate, listedBodies: 1 }, t: { coverageRate: rate } };
      },
    } as unknown as SupergraphInputs;
    const result = await refreshIndicators(em, inputs, ['230000', '231100', '231124', '231102'], 2026);
    expect(asked).toEqual(['231102', '231124', '231100', '230000']);
    expect(result.refreshed).toEqual(['231102', '231124', '231100']);
    expect([...result.failed.keys()]).toEqual(['230000']);
    const stored = await em.fork().find(RegionIndicator, {}, { orderBy: { regionCode: 'asc' } });
    expect(stored.map((r) => [r.regionCode, r.commitmentCoverage])).toEqual([['231100', 0.0011], ['231102', 0.001102], ['231124', 0.001124]]);
  });
});
