// The read-model worker's quarterly 晾晒 and the region indicators it freezes (seed 001 §五): the
// snapshot due at a quarter's turn waits while regions' indicators are still to be refreshed (after a
// start, all of them), so that a fresh stack does not freeze a quarter with no indicators; and a
// domain that never answers holds it up for a bounded time only. A store of its own: snapshots are
// append-only, and each test freezes a quarter.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildSubgraph, DirectFeeds, type BuiltSubgraph, type EntityManager, type FeedClient, type FeedPageJson, type FeedSource } from '../../subgraphs/kit/index.js';
import type { OrganizationFacts } from '../../subgraphs/evaluation/entities/federated.js';
import { IntegritySnapshotRegion } from '../../subgraphs/evaluation/entities/integrity-snapshot.js';
import type { SupergraphInputs } from '../../subgraphs/evaluation/read-model.inputs.js';
import { ReadModelWorker } from '../../subgraphs/evaluation/read-model.worker.js';
import { loadRuleSets, ruleSetFor } from '../../subgraphs/evaluation/rule-set.rules.js';
import { findSnapshot } from '../../subgraphs/evaluation/snapshot.repository.js';
import { subgraph } from '../../subgraphs/evaluation/schema.js';
import { dropTestStore, testDbName } from '../helpers.js';
import { countyUnit } from './units.js';

const rules = ruleSetFor(loadRuleSets(), 2026);
const dbName = testDbName('snapshot-timing');
let evaluation: BuiltSubgraph;
let em: EntityManager;

beforeAll(async () => {
  evaluation = await buildSubgraph(subgraph, { dbName });
  em = evaluation.store.orm.em.fork() as EntityManager;
});
afterAll(async () => {
  if (evaluation) await dropTestStore(evaluation, dbName);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** Feeds with nothing new: every round after the build is idle. */
const quietFeeds: Pick<FeedClient, 'page' | 'head'> = {
  async page(): Promise<FeedPageJson> {
    return { entries: [], head: 0, next: 0 };
  },
  async head() {
    return 0;
  },
};
const sources: FeedSource[] = [{ name: 'court-debtors', baseUrl: 'http://unused' }];

/** Inputs standing in for the supergraph: the units, and each region's reports when `answer` lets them through. */
function inputs(units: OrganizationFacts[], answer: (code: string) => Promise<number>) {
  return {
    async byUscc(usccs: readonly string[]) {
      return new Map(usccs.map((u) => [u, units.find((f) => f.uscc === u) ?? null]));
    },
    async usccPage() {
      return { usccs: units.map((u) => u.uscc).sort(), next: null, total: units.length };
    },
    async ask(_query: string, variables: { code: string }) {
      const rate = await answer(variables.code);
      return { c: { coverageRate: rate, publicationRate: rate }, p: { rate, listedBodies: 1 }, t: { coverageRate: rate } };
    },
  } as unknown as SupergraphInputs;
}

function worker(supergraph: SupergraphInputs, options: { snapshotIndicatorWaitMs?: number; log?: (line: object) => void } = {}) {
  return new ReadModelWorker(em, new DirectFeeds(em, sources, quietFeeds as FeedClient), supergraph, { ruleSet: () => rules, log: () => {}, indicatorRefreshMs: 0, ...options });
}

const frozenRegions = (quarter: string) => em.fork().find(IntegritySnapshotRegion, { quarter }, { orderBy: { regionCode: 'asc' } });

describe('the quarter snapshot and region indicators', () => {
  it('waits until every region\'s indicators are refreshed after a start, then freezes them', async () => {
    vi.stubEnv('CREDIT_TODAY', '2027-01-04'); // 2026Q4 is due
    const units = [countyUnit(1, 0, '231124'), countyUnit(2, 1, '231102')];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reportsAsked: string[] = [];
    const readModel = worker(inputs(units, async (code) => {
      reportsAsked.push(code);
      await gate;
      return Number(code.slice(2)) / 1_000_000;
    }));
    await readModel.rebuild('first build');

    // The first idle round starts the refresh of every assessed region; the due snapshot waits for it.
    expect(await readModel.catchUp()).toBe(false);
    expect(reportsAsked.length).toBeGreaterThan(0);
    expect(await readModel.catchUp()).toBe(false);
    expect(await findSnapshot(em, '2026Q4')).toBeNull();

    release();
    await readModel.indicatorsSettled();
    expect(await readModel.catchUp()).toBe(false);
    expect(await findSnapshot(em, '2026Q4')).toMatchObject({ trigger: 'QUARTER_END', organizations: 2 });
    const regions = await frozenRegions('2026Q4');
    expect(regions.map((r) => r.regionCode)).toEqual(['230000', '231100', '231102', '231124']);
    // Each region's own indicators, as its reports gave them: none frozen empty.
    for (const region of regions) expect([region.regionCode, region.commitmentCoverage, region.trainingCoverage]).toEqual([region.regionCode, Number(region.regionCode.slice(2)) / 1_000_000, Number(region.regionCode.slice(2)) / 1_000_000]);
  });

  it('when a domain never answers, freezes what is stored once the wait is over, and logs it', async () => {
    vi.stubEnv('CREDIT_TODAY', '2027-04-06'); // 2027Q1 is due
    const units = [countyUnit(3, 0, '231124')];
    const lines: Array<Record<string, unknown>> = [];
    const readModel = worker(inputs(units, async () => {
      throw new Error('subgraph commitments did not answer within 10000 ms');
    }), { snapshotIndicatorWaitMs: 200, log: (line) => lines.push(line as Record<string, unknown>) });
    await readModel.rebuild('new quarter');

    expect(await readModel.catchUp()).toBe(false);
    await readModel.indicatorsSettled();
    expect(await readModel.catchUp()).toBe(false);
    expect(await findSnapshot(em, '2027Q1')).toBeNull(); // still waiting: the reports failed and are due again

    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await readModel.catchUp()).toBe(false);
    expect(await findSnapshot(em, '2027Q1')).toMatchObject({ trigger: 'QUARTER_END', organizations: 1 });
    expect(lines.some((l) => l.level === 'warn' && String(l.msg).startsWith('quarter snapshot taken before'))).toBe(true);
    // The indicators stored by the first test's refresh are what was frozen; regions never refreshed have none.
    const county = (await frozenRegions('2027Q1')).find((r) => r.regionCode === '231124');
    expect(county?.commitmentCoverage).toBeCloseTo(0.001124);
  });
});
