// The read-model worker on Redis Streams (issue 20): the same worker as on the HTTP feeds, reading
// through a consumer group. Real Redis (127.0.0.1:6379, keys under this run's prefix), the
// evaluation store on SQLite :memory:, inputs standing in for the gateway.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSubgraph, feedStreamKey, RedisFeedGroup, RedisStreamFeeds, redisClient, type BuiltSubgraph, type EntityManager, type FeedEntry } from '../../subgraphs/kit/index.js';
import type { OrganizationFacts } from '../../subgraphs/evaluation/entities/federated.js';
import type { SupergraphInputs } from '../../subgraphs/evaluation/read-model.inputs.js';
import { StoredAssessment } from '../../subgraphs/evaluation/entities/stored-assessment.js';
import { ReadModelWorker } from '../../subgraphs/evaluation/read-model.worker.js';
import { loadRuleSets, ruleSetFor } from '../../subgraphs/evaluation/rule-set.rules.js';
import { subgraph } from '../../subgraphs/evaluation/schema.js';
import { dropTestStore, testDbName } from '../helpers.js';

process.env.CREDIT_REDIS_PREFIX = `test:${process.pid}:${Date.now()}:`;
const rules = ruleSetFor(loadRuleSets(), 2026);
const dbName = testDbName('readmodelredis');
let evaluation: BuiltSubgraph;
let redis: ReturnType<typeof redisClient>;

beforeAll(async () => {
  evaluation = await buildSubgraph(subgraph, { dbName });
  redis = redisClient(process.env.CREDIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
});

afterAll(async () => {
  const keys = await redis.keys(`${process.env.CREDIT_REDIS_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  if (evaluation) await dropTestStore(evaluation, dbName);
});

const uscc = (n: number) => `11231124MB${String(n).padStart(7, '0')}X`;
const facts = (n: number): OrganizationFacts => ({
  uscc: uscc(n), regionCode: '231124', kind: 'GOVERNMENT_DEPARTMENT', level: 'COUNTY', classified: false,
  currentCommitmentSummary: { year: 2026, letterId: `L${n}`, published: true, unfulfilledItemIds: [], overdueItemIds: [] },
  debtorSummary: { activeCaseNumbers: [`case-${n}`], aboutToBeListedCaseNumbers: [], firstListedAt: '2026-03-01' },
  contractSummary: null, currentTrainingSummary: null,
});

it('two workers in one consumer group share the changes and never both process the same one', async () => {
  const em = evaluation.store.orm.em.fork() as EntityManager;
  // 60 committed changes as a relay would have put them in the stream, one organization each.
  for (let n = 1; n <= 60; n++) {
    const entry: FeedEntry = { seq: n, at: new Date().toISOString(), entity: 'DebtorRecord', operation: 'create', ids: [`case-${n}`], organizations: [uscc(n)], officials: [], regions: ['231124'] };
    await redis.xadd(feedStreamKey('court-debtors'), `${n}-0`, 'entry', JSON.stringify(entry));
  }
  const fetched: Array<[string, string]> = [];
  const inputs = (name: string) => ({
    async byUscc(usccs: readonly string[]) {
      for (const u of usccs) fetched.push([name, u]);
      await new Promise((resolve) => setTimeout(resolve, 5)); // a round trip, so the two interleave
      return new Map(usccs.map((u) => [u, facts(Number(u.slice(10, 17)))]));
    },
  }) as unknown as SupergraphInputs;
  const worker = (name: string) => new ReadModelWorker(em, new RedisStreamFeeds(redis, new RedisFeedGroup(redis, ['court-debtors'], 'evaluation', name), 20), inputs(name), { ruleSet: () => rules, pageSize: 4, log: () => {} });
  const [a, b] = [worker('a'), worker('b')];
  const drain = async (w: ReadModelWorker) => {
    while (await w.catchUp());
  };
  await Promise.all([drain(a), drain(b)]);

  const units = fetched.map(([, u]) => u);
  expect(new Set(units).size).toBe(60); // every change processed …
  expect(units).toHaveLength(60); // … once
  expect(a.progress.processed + b.progress.processed).toBe(60);
  expect(a.progress.processed).toBeGreaterThan(0);
  expect(b.progress.processed).toBeGreaterThan(0);
  expect(await em.fork().count(StoredAssessment, {})).toBe(60);
  expect((await redis.xpending(feedStreamKey('court-debtors'), 'evaluation'))[0]).toBe(0); // all acknowledged
});
