// The operation usage stores (gateway/usage/store.ts): counts add up across writers (replicas),
// the last use only moves forward, old usage is pruned. The database store runs here on SQLite
// (a file, as data/usage.sqlite), on PostgreSQL in usage-store.postgres.test.ts; the Redis store
// against the local Redis under a prefix of its own.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UsageRecord } from '../../gateway/usage/operation-usage.js';
import { openDatabaseUsageStore, redisUsageStore, type OperationUsageStore } from '../../gateway/usage/store.js';
import { config } from '../../subgraphs/kit/index.js';
import { testDbName } from '../helpers.js';

const dbName = testDbName('usage_store');
let database: Awaited<ReturnType<typeof openDatabaseUsageStore>>;
let redis: Redis;
const prefix = `test:usage:${process.pid}:${Date.now()}:`;

beforeAll(async () => {
  database = await openDatabaseUsageStore(dbName);
  redis = new Redis(process.env.CREDIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
});

afterAll(async () => {
  if (database && config.dbDriver() === 'postgresql') await database.orm.orm.em.getConnection().execute(`drop schema if exists "${dbName}" cascade`);
  await database?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
});

const record = (hash: string, client: string, count: number, lastSeen: string, firstSeen = lastSeen): UsageRecord => ({
  queryHash: hash.padEnd(64, '0'), clientName: client, operationName: `Op${hash}`, operationType: 'query', document: `query Op${hash} { regions { code } }`, count, firstSeen, lastSeen,
});

describe.each([
  ['database', () => database as OperationUsageStore],
  ['redis', () => redisUsageStore(redis, prefix)],
])('the %s usage store', (_name, store) => {
  it('adds counts from two writers, keeps the latest last use, lists most run first since a time', async () => {
    const s = store();
    await s.add([record('a', 'portal', 3, '2026-11-20T10:00:00.000Z'), record('b', 'portal', 1, '2026-11-21T10:00:00.000Z')]);
    // a second replica: its flush for `a` comes later but with an older last use
    await s.add([record('a', 'portal', 4, '2026-11-19T10:00:00.000Z'), record('a', 'explorer', 2, '2026-11-22T10:00:00.000Z')]);
    const rows = await s.list({ since: '2026-11-01T00:00:00.000Z', limit: 10 });
    const a = rows.find((r) => r.queryHash.startsWith('a') && r.clientName === 'portal')!;
    expect(a.count).toBe(7);
    expect(a.lastSeen).toBe('2026-11-20T10:00:00.000Z');
    expect(a.firstSeen).toBe('2026-11-20T10:00:00.000Z');
    expect(a.document).toBe('query Opa { regions { code } }');
    expect(rows.map((r) => `${r.queryHash[0]}/${r.clientName}/${r.count}`)).toEqual(['a/portal/7', 'a/explorer/2', 'b/portal/1']);
    // since: b was last used on the 21st
    const recent = await s.list({ since: '2026-11-21T12:00:00.000Z', limit: 10 });
    expect(recent.map((r) => `${r.queryHash[0]}/${r.clientName}`)).toEqual(['a/explorer']);
    expect((await s.list({ since: '2026-11-01T00:00:00.000Z', limit: 1 })).length).toBe(1);
  });

  it('forgets operations last used before the retention cut', async () => {
    const s = store();
    await s.add([record('c', 'old-client', 1, '2026-01-01T00:00:00.000Z')]);
    expect((await s.list({ since: '2025-01-01T00:00:00.000Z', limit: 100 })).some((r) => r.clientName === 'old-client')).toBe(true);
    await s.prune('2026-06-01T00:00:00.000Z');
    const rows = await s.list({ since: '2025-01-01T00:00:00.000Z', limit: 100 });
    expect(rows.some((r) => r.clientName === 'old-client')).toBe(false);
    expect(rows.some((r) => r.clientName === 'portal')).toBe(true);
  });
});
