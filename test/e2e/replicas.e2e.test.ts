// Two gateway replicas sharing Redis (127.0.0.1:6379): a persisted query registered on one
// runs by hash on the other, an anonymous answer cached by one is served by the other, and
// anonymous rate budgets are shared. The replicas believe X-Forwarded-For from 127.0.0.1, so that
// each test speaks from an address of its own and spends a budget nobody else touched.
//
// The replicas are two gateways of this file's own in front of a test stack's subgraphs; Redis is
// theirs alone. The subgraphs read their feeds over HTTP, so the stack starts from the run's
// template (test/e2e/stack-template.ts) instead of being seeded and having its read models built
// from nothing, which a stack on Redis Streams needs: run alone, beside the template's builder on a
// loaded machine, that start outlasted the file's time limit (issue 21, order independence).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, startStack, type Stack } from '../../scripts/lib/stack.js';
import { bearer } from '../helpers.js';
import { countingProxy, startTestStack, type TestStack } from './test-stack.js';

const shared = {
  CREDIT_REDIS_URL: 'redis://127.0.0.1:6379',
  // A prefix of its own, so parallel runs never see each other's keys.
  CREDIT_REDIS_PREFIX: `credit-test:${process.pid}:${Date.now()}:`,
  CREDIT_RATE_LIMIT_PUBLIC: '12',
  CREDIT_RESPONSE_CACHE: 'redis',
  CREDIT_TRUSTED_PROXIES: '127.0.0.1',
};
let stack: TestStack;
let firstReplica: Stack;
let second: Stack;
/** A counting proxy in front of each subgraph, for the replicas only: what the stack's own gateway and workers ask is not counted. */
let proxies: Array<Awaited<ReturnType<typeof countingProxy>>> = [];
const dataDirs = [mkdtempSync(join(tmpdir(), 'credit-e2e-replica-')), mkdtempSync(join(tmpdir(), 'credit-e2e-replica-'))];

/** A gateway replica on Redis in front of the stack's subgraphs (its own data directory: its audit log on SQLite). */
async function replica(dataDir: string): Promise<Stack> {
  const env: NodeJS.ProcessEnv = { ...shared, NODE_ENV: 'test', CREDIT_DATA_DIR: dataDir };
  stack.subgraphs.forEach((s, i) => (env[`CREDIT_SUBGRAPH_URL_${s.name.toUpperCase().replace(/-/g, '_')}`] = proxies[i]!.url));
  return startStack({ subgraphs: [], gatewayPort: await freePort(), env, compiledDir: inject('compiledDir') || undefined });
}

beforeAll(async () => {
  stack = await startTestStack();
  proxies = await Promise.all(stack.subgraphs.map((s) => countingProxy(s.url)));
  [firstReplica, second] = await Promise.all(dataDirs.map(replica));
}, 180_000);

afterAll(async () => {
  await Promise.all([firstReplica?.stop(), second?.stop()]);
  await Promise.all(proxies.map((p) => p.close()));
  await stack?.close();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  const redis = new Redis(shared.CREDIT_REDIS_URL);
  const keys = await redis.keys(`${shared.CREDIT_REDIS_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/**
 * GraphQL requests the replicas sent to the subgraphs, counted by the proxies in front of them (the
 * stack's own gateway and its workers, which other files may keep busy, are not counted).
 */
function subgraphRequests(): number {
  return proxies.reduce((total, proxy) => total + proxy.posts, 0);
}

/** The client address of one test (as a trusted proxy in front of the replicas would report it). */
const from = (address: string) => ({ 'x-forwarded-for': address });

async function send(url: string, body: object, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

describe('replicas sharing Redis', () => {
  it('run a persisted query by hash on the replica that did not register it', async () => {
    const query = '{ region(code: "231124") { name parent { name } } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
    const client = from('10.0.1.1');
    expect((await send(second.gatewayUrl, { extensions }, client)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await send(firstReplica.gatewayUrl, { query, extensions }, client);
    expect(registered.body.data.region.name).toBe('孙吴县');
    const byHash = await send(second.gatewayUrl, { extensions }, client);
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual(registered.body.data);
  });

  it('serve an anonymous answer cached by one replica from the other, without asking the subgraphs', async () => {
    const query = '{ organization(uscc: "11231124696698813J") { name region { name } commitmentLetters { year } } }';
    const client = { 'content-type': 'application/json', ...from('10.0.2.1') };
    const before = await subgraphRequests();
    const first = await fetch(firstReplica.gatewayUrl, { method: 'POST', headers: client, body: JSON.stringify({ query }) });
    const firstBody = await first.json();
    const asked = (await subgraphRequests()) - before;
    expect(asked).toBeGreaterThanOrEqual(2); // registry, then commitments
    const other = await fetch(second.gatewayUrl, { method: 'POST', headers: client, body: JSON.stringify({ query }) });
    expect(await other.json()).toEqual(firstBody);
    expect(other.headers.get('age')).not.toBeNull();
    expect((await subgraphRequests()) - before).toBe(asked);
    // A caller with a token is answered by the subgraphs, never from the shared cache.
    const withToken = await send(second.gatewayUrl, { query }, { authorization: await bearer('AUDITOR') });
    expect(withToken.body.data).toEqual((firstBody as any).data);
    expect((await subgraphRequests()) - before).toBe(2 * asked);
  });

  it('count one anonymous budget across both replicas', async () => {
    const client = from('10.0.3.1');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await send(firstReplica.gatewayUrl, { query: '{ __typename }' }, client)).status);
      statuses.push((await send(second.gatewayUrl, { query: '{ __typename }' }, client)).status);
    }
    // 12 a minute for this address in all: 8 requests to each replica, so each would answer all of
    // its own were the budgets separate; together they answer the first 12 and refuse the last 4.
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(200));
    expect(statuses.slice(12)).toEqual([429, 429, 429, 429]);
    // Another address keeps a budget of its own.
    expect((await send(second.gatewayUrl, { query: '{ __typename }' }, from('10.0.3.2'))).status).toBe(200);
  });
});
