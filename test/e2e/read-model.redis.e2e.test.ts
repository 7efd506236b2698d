// The read-model suite again with CREDIT_REDIS_URL set: every subgraph relays its outbox into
// Redis Streams and the evaluation worker reads through the consumer group "evaluation" (same
// worker, same tests). Plus: a second evaluation process on the HTTP feeds, with a store of its
// own, reaches the same assessments for the same writes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { freePort, spawnTs, stopChild, waitForHealth } from '../../scripts/lib/stack.js';
import { bearer, post } from '../helpers.js';
import { waitForReadModel } from './test-stack.js';

process.env.CREDIT_REDIS_URL = process.env.CREDIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
process.env.CREDIT_REDIS_PREFIX = `e2e:${process.pid}:${Date.now()}:`;
const suite = await import('./read-model.e2e.test.js');

const directDir = mkdtempSync(join(tmpdir(), 'credit-e2e-direct-evaluation-'));
afterAll(() => rmSync(directDir, { recursive: true, force: true }));

it('a worker on the HTTP feeds and the one on Redis Streams give identical assessments for the same writes', async () => {
  const { stack } = suite;
  const health = async (url: string) => ((await (await fetch(url)).json()) as any).worker;
  expect((await health(stack.subgraphUrl('evaluation').replace(/graphql$/, 'healthz'))).mode).toBe('redis-streams');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, CREDIT_REDIS_URL: '', PORT: String(port), CREDIT_DATA_DIR: directDir, CREDIT_DB_SCHEMA_PREFIX: `${process.env.CREDIT_DB_SCHEMA_PREFIX ?? ''}direct_`, CREDIT_GATEWAY_URL: stack.gatewayUrl, NODE_ENV: 'test' };
  for (const s of stack.subgraphs) env[`CREDIT_SUBGRAPH_URL_${s.name.toUpperCase().replace(/-/g, '_')}`] = s.url;
  const direct = spawnTs('subgraphs/evaluation/main.ts', env, [], inject('compiledDir') || undefined);
  try {
    const healthUrl = `http://127.0.0.1:${port}/healthz`;
    await waitForHealth('direct evaluation', healthUrl, direct, 60_000);
    await waitForReadModel(healthUrl);
    expect((await health(healthUrl)).mode).toBe('direct');
    await waitForReadModel(stack.subgraphUrl('evaluation').replace(/graphql$/, 'healthz'));
    // The whole city, page by page, from each store: scores, grades, warnings, ranks.
    const admin = { authorization: await bearer('ADMIN') };
    const everything = async (url: string) => {
      const rows: unknown[] = [];
      let after: string | null = null;
      do {
        const { data, errors } = await post(url, 'query($a: String) { integrityRanking(regionCode: "231100", first: 100, after: $a) { pageInfo { hasNextPage endCursor } edges { node { rank score grade warnings organization { uscc } } } } integrityRegionReport(regionCode: "231100") { organizations meanScore gradeCounts { count } warningCounts { count } } }', { a: after }, admin);
        expect(errors).toBeUndefined();
        rows.push(data.integrityRegionReport, ...data.integrityRanking.edges.map((e: any) => e.node));
        after = data.integrityRanking.pageInfo.hasNextPage ? data.integrityRanking.pageInfo.endCursor : null;
      } while (after);
      return rows;
    };
    const [viaRedis, viaHttp] = await Promise.all([everything(stack.subgraphUrl('evaluation')), everything(`http://127.0.0.1:${port}/graphql`)]);
    expect(viaHttp.length).toBeGreaterThan(1_000);
    expect(viaHttp).toEqual(viaRedis);
  } finally {
    await stopChild(direct);
  }
}, 180_000);
