// Change feeds on Redis Streams (issue 20): a subgraph's outbox relayed into its stream, and
// readers in one consumer group. Real Redis (127.0.0.1:6379), keys under a prefix of this run;
// the court-debtors store on SQLite :memory: (or PostgreSQL with CREDIT_DB_DRIVER=postgresql).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSubgraph, ChangeEntry, feedRelay, feedStreamKey, recordChanges, RedisFeedGroup, redisClient, streamHead, type BuiltSubgraph, type Delivery, type EntityManager,
} from '../../subgraphs/kit/index.js';
import { subgraph } from '../../subgraphs/court-debtors/schema.js';
import { dropTestStore, testDbName } from '../helpers.js';

const REDIS = process.env.CREDIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
process.env.CREDIT_REDIS_PREFIX = `test:${process.pid}:${Date.now()}:`;
const dbName = testDbName('feedredis');
let court: BuiltSubgraph;
let redis: ReturnType<typeof redisClient>;
const key = () => feedStreamKey('court-debtors');

/** Writes n entries into the outbox, each naming one organization, as committed writes would. */
async function write(n: number, from: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const uscc = `11231124MB${String(from + i).padStart(7, '0')}X`;
    await (court.store.orm.em.fork() as EntityManager).transactional((em) => recordChanges(em, [{ entity: 'DebtorRecord', operation: 'create', ids: [`case-${from + i}`], organizations: [uscc] }]));
  }
}

beforeAll(async () => {
  court = await buildSubgraph(subgraph, { dbName });
  redis = redisClient(REDIS);
});

afterAll(async () => {
  const keys = await redis.keys(`${process.env.CREDIT_REDIS_PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  if (court) await dropTestStore(court, dbName);
});

describe('the relay', { shuffle: false }, () => {
  it('copies the outbox into the stream in order, the outbox\'s sequence numbers as ids, and two relays never copy an entry twice', async () => {
    await write(30, 0);
    const [a, b] = [feedRelay(court.store, redisClient(REDIS), 'court-debtors', { batch: 7 }), feedRelay(court.store, redisClient(REDIS), 'court-debtors', { batch: 5 })];
    for (let round = 0; round < 10; round++) await Promise.all([a.relayOnce(), b.relayOnce()]);
    const outbox = await court.store.orm.em.fork().find(ChangeEntry, {}, { orderBy: { seq: 'asc' } });
    const stream = (await redis.xrange(key(), '-', '+')) as Array<[string, string[]]>;
    expect(stream.map(([id]) => id)).toEqual(outbox.map((e) => `${e.seq}-0`));
    expect(stream.map(([, fields]) => JSON.parse(fields[1]!).organizations[0])).toEqual(outbox.map((e) => e.organizations[0]));
    expect(await streamHead(redis, key())).toBe(outbox.at(-1)!.seq);
  });
});

describe('a consumer group', { shuffle: false }, () => {
  it('hands each entry to one member only: two members reading at once share the stream without overlap', async () => {
    // Entries of its own in the stream, whichever test of the file ran before.
    await write(30, 200);
    const relay = feedRelay(court.store, redis, 'court-debtors', { batch: 10 });
    for (let round = 0; round < 5; round++) await relay.relayOnce();
    const first = new RedisFeedGroup(redis, ['court-debtors'], 'g1', 'one', 60_000);
    const second = new RedisFeedGroup(redis, ['court-debtors'], 'g1', 'two', 60_000);
    await first.ensureGroup();
    const taken: Record<string, Delivery[]> = { one: [], two: [] };
    const drain = async (member: RedisFeedGroup) => {
      for (;;) {
        const got = await member.read(3, 50);
        if (got.length === 0) return;
        taken[member.consumer]!.push(...got);
        await member.ack(got);
      }
    };
    await Promise.all([drain(first), drain(second)]);
    const ids = [...taken.one!, ...taken.two!].map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(((await redis.xrange(key(), '-', '+')) as Array<[string, string[]]>).map(([id]) => id).sort());
    expect(taken.one!.length).toBeGreaterThan(0);
    expect(taken.two!.length).toBeGreaterThan(0);
  });

  it('gives what a member took and never acknowledged to another after the idle time, and back to the member when it restarts', async () => {
    await write(4, 100);
    await feedRelay(court.store, redis, 'court-debtors').relayOnce();
    const crashed = new RedisFeedGroup(redis, ['court-debtors'], 'g2', 'crashed', 200);
    await crashed.ensureGroup({ 'court-debtors': (await streamHead(redis, key())) - 4 });
    const lost = await crashed.read(2, 50); // taken, never acknowledged
    expect(lost).toHaveLength(2);
    // Restarted under its name: its own unfinished entries come back first.
    const restarted = new RedisFeedGroup(redis, ['court-debtors'], 'g2', 'crashed', 200);
    expect((await restarted.read(10, 50)).map((d) => d.id)).toEqual(lost.map((d) => d.id));
    // Another member claims them once they have been idle long enough.
    const other = new RedisFeedGroup(redis, ['court-debtors'], 'g2', 'other', 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const claimed = await other.read(10, 50);
    expect(claimed.map((d) => d.id)).toEqual(lost.map((d) => d.id));
    await other.ack(claimed);
    expect((await other.read(10, 50)).map((d) => d.entry.ids[0])).toEqual(['case-102', 'case-103']);
  });
});
