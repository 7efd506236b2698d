// The PUBLIC response cache follows writes (issue 20, item 4), in-process: how answers are tagged,
// what a feed entry purges, the tagged stores (memory and Redis at 127.0.0.1:6379), and the
// gateway following a fake subgraph's change feed — purging what an entry names, clearing
// everything when the feed is lost or down, starting while a feed is unreachable.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, listenGateway, type BuiltGateway } from '../../gateway/build.js';
import { cacheInvalidationFromEnv } from '../../gateway/config.js';
import { answerTags, CacheFeedFollower, entryTags } from '../../gateway/plugins/cache-invalidation.js';
import { MemoryTaggedCache, RedisTaggedCache, type TaggedResponseCache } from '../../gateway/tagged-cache.js';
import { SUPERGRAPH_FILE, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import type { FeedEntry } from '../../platform/change-feed/consume.js';
import type { Listening } from '../../subgraphs/kit/index.js';

const USCC = '11231124696698813J';
const OTHER_USCC = '11231100MB1234567X';
const OFFICIAL = '0123456789abcdef0123456789abcdef';

describe('answer tags', () => {
  it('names every USCC, region code and official pseudonym in the data, aliased or nested', () => {
    const document = parse('query($u: String!) { organization(uscc: $u) { name unit: region { c: code parent { code } } officials { edges { node { id } } } } }');
    const tags = answerTags({
      document,
      operation: document.definitions[0] as any,
      variables: { u: USCC },
      data: { organization: { name: '孙吴县统计局', unit: { c: '231124', parent: { code: '231100' } }, officials: { edges: [{ node: { id: OFFICIAL } }] } } },
    });
    expect(tags.sort()).toEqual([`o:${USCC}`, `p:${OFFICIAL}`, 'r:231100', 'r:231124']);
  });

  it('names the regions an operation asks about, from literals and variables, though the data does not contain them', () => {
    const ranking = parse('{ integrityRanking(regionCode: "231100", first: 20) { edges { node { score organization { uscc } } } } }');
    expect(answerTags({ document: ranking, operation: ranking.definitions[0] as any, data: { integrityRanking: { edges: [{ node: { score: 90, organization: { uscc: USCC } } }] } } }).sort()).toEqual([`o:${USCC}`, 'r:231100']);
    const regions = parse('query($p: String) { regions(parentCode: $p) { name } }');
    expect(answerTags({ document: regions, operation: regions.definitions[0] as any, variables: { p: '231100' }, data: { regions: [{ name: '孙吴县' }] } })).toEqual(['r:231100']);
    const region = parse('{ region(code: "231124") { name } }');
    expect(answerTags({ document: region, operation: region.definitions[0] as any, data: { region: { name: '孙吴县' } } })).toEqual(['r:231124']);
  });

  it("tags '*' an answer whose operation names no key (a list over everything), and ignores other operations' literals", () => {
    const document = parse('query A { organizations(first: 5) { edges { node { uscc } } } } query B { region(code: "231124") { name } }');
    const tags = answerTags({ document, operation: document.definitions[0] as any, data: { organizations: { edges: [{ node: { uscc: USCC } }] } } });
    expect(tags.sort()).toEqual(['*', `o:${USCC}`]);
    expect(answerTags({ data: { integrityRuleSets: [{ id: 'HH-2026-1', year: 2026 }] } })).toEqual(['*']);
  });

  it('leaves out strings that only resemble keys loosely (names, case numbers, years as numbers)', () => {
    expect(answerTags({ variables: { u: USCC }, data: { a: '(2026)黑11执9101号', b: 2026, c: '23112', d: '002300', e: USCC.toLowerCase() } })).toEqual([`o:${USCC}`]);
  });
});

describe('entry tags', () => {
  it("purge the entry's organizations, officials and regions with their enclosing regions, and '*'", () => {
    expect(entryTags({ organizations: [USCC], officials: [OFFICIAL], regions: ['231124'] }).sort()).toEqual(['*', `o:${USCC}`, `p:${OFFICIAL}`, 'r:230000', 'r:231100', 'r:231124']);
    // An organization's entry that names no region purges no region's answers.
    expect(entryTags({ organizations: [USCC], officials: [], regions: [] }).sort()).toEqual(['*', `o:${USCC}`]);
    expect(entryTags({ organizations: [], officials: [], regions: ['230000', 'nonsense'] }).sort()).toEqual(['*', 'r:230000']);
  });
});

describe('CREDIT_CACHE_FOLLOW_FEEDS', () => {
  it('is on whenever the response cache is, unless turned off; a value it cannot read stops the gateway', () => {
    expect(cacheInvalidationFromEnv({})).toEqual({ followFeeds: true, intervalMs: 250 });
    expect(cacheInvalidationFromEnv({ CREDIT_RESPONSE_CACHE: 'off' }).followFeeds).toBe(false);
    expect(cacheInvalidationFromEnv({ CREDIT_RESPONSE_CACHE: 'off', CREDIT_CACHE_FOLLOW_FEEDS: 'on' }).followFeeds).toBe(false);
    expect(cacheInvalidationFromEnv({ CREDIT_CACHE_FOLLOW_FEEDS: 'off' }).followFeeds).toBe(false);
    expect(cacheInvalidationFromEnv({ CREDIT_CACHE_FOLLOW_INTERVAL_MS: '1000' }).intervalMs).toBe(1000);
    expect(() => cacheInvalidationFromEnv({ CREDIT_CACHE_FOLLOW_FEEDS: 'yes' })).toThrow(/CREDIT_CACHE_FOLLOW_FEEDS/);
    expect(() => cacheInvalidationFromEnv({ CREDIT_CACHE_FOLLOW_INTERVAL_MS: '0' })).toThrow(/CREDIT_CACHE_FOLLOW_INTERVAL_MS/);
  });
});

const redisPrefix = `credit-test-tagged:${process.pid}:${Date.now()}:`;
const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
afterAll(async () => {
  if (redis.status === 'ready') {
    const keys = await redis.keys(`${redisPrefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

const HASH = (n: number) => String(n).padStart(64, '0');
async function store(cache: TaggedResponseCache, n: number, tags: string[], startedAt = Date.now()) {
  cache.expect(HASH(n), { tags, startedAt });
  await cache.set(`fqc:${HASH(n)}`, `answer ${n}`, { ttl: 60 });
}

for (const kind of ['memory', 'redis'] as const) {
  describe(`the tagged ${kind} cache`, () => {
    const open = async (): Promise<TaggedResponseCache> => {
      if (kind === 'memory') return new MemoryTaggedCache();
      if (redis.status !== 'ready') await redis.connect();
      return new RedisTaggedCache(redis, `${redisPrefix}${Math.random().toString(36).slice(2)}:`);
    };

    it('purges the answers tagged with a purged tag and keeps the others', async () => {
      const cache = await open();
      await store(cache, 1, [`o:${USCC}`, 'r:231124']);
      await store(cache, 2, ['r:231124']);
      await store(cache, 3, [`o:${OTHER_USCC}`]);
      expect(await cache.get(`fqc:${HASH(1)}`)).toBe('answer 1');
      expect(await cache.purge(['*', 'r:231124', 'r:231100'])).toBe(2);
      expect(await cache.get(`fqc:${HASH(1)}`)).toBeUndefined();
      expect(await cache.get(`fqc:${HASH(2)}`)).toBeUndefined();
      expect(await cache.get(`fqc:${HASH(3)}`)).toBe('answer 3');
      expect(await cache.purge([`o:${USCC}`])).toBe(0);
    });

    it('does not store an answer whose request started before a purge of one of its tags (it may predate the write)', async () => {
      const cache = await open();
      const started = Date.now() - 50;
      await cache.purge([`o:${USCC}`]);
      await store(cache, 4, [`o:${USCC}`], started);
      expect(await cache.get(`fqc:${HASH(4)}`)).toBeUndefined();
      await store(cache, 5, [`o:${OTHER_USCC}`], started);
      expect(await cache.get(`fqc:${HASH(5)}`)).toBe('answer 5');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store(cache, 6, [`o:${USCC}`]);
      expect(await cache.get(`fqc:${HASH(6)}`)).toBe('answer 6');
    });

    it('clears everything, and refuses answers begun before the clear', async () => {
      const cache = await open();
      const started = Date.now() - 50;
      await store(cache, 7, [`o:${USCC}`]);
      await store(cache, 8, ['*']);
      await cache.clear();
      expect(await cache.get(`fqc:${HASH(7)}`)).toBeUndefined();
      expect(await cache.get(`fqc:${HASH(8)}`)).toBeUndefined();
      await store(cache, 9, [`o:${OTHER_USCC}`], started);
      expect(await cache.get(`fqc:${HASH(9)}`)).toBeUndefined();
    });
  });
}

// ── The gateway following a fake subgraph's feed ─────────────────────────────────────────────

const feed = { entries: [] as FeedEntry[], down: false, lost: false, reads: 0 };
let subgraphHits = 0;
let fake: Server;
let gateway: Listening;
let built: BuiltGateway;

const entry = (regions: string[], organizations: string[] = []): void => {
  feed.entries.push({ seq: feed.entries.length + 1, at: new Date().toISOString(), entity: 'Region', operation: 'update', ids: regions, organizations, officials: [], regions });
};

beforeAll(async () => {
  fake = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    res.setHeader('content-type', 'application/json');
    if (url.pathname.startsWith('/changes')) {
      feed.reads++;
      if (feed.down) return res.writeHead(503).end('{"errors":[{"message":"down"}]}');
      const head = feed.entries.length;
      if (url.pathname === '/changes/head') return res.end(JSON.stringify({ head, oldest: head ? 1 : 0 }));
      if (feed.lost) return res.writeHead(410).end(JSON.stringify({ errors: [{ message: 'gone', extensions: { code: 'FEED_CURSOR_EXPIRED' } }] }));
      const after = Number(url.searchParams.get('after'));
      const entries = feed.entries.filter((e) => e.seq > after).slice(0, Number(url.searchParams.get('limit')));
      return res.end(JSON.stringify({ entries, head, next: entries.at(-1)?.seq ?? after }));
    }
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      subgraphHits++;
      const code = /"code":"?(\d+)/.exec(body.replace(/\\"/g, '"'))?.[1] ?? 'unknown';
      res.setHeader('cache-control', 'max-age=60, public');
      res.end(JSON.stringify({ data: { region: { name: `region ${code} #${subgraphHits}` } } }));
    });
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  const startedAt = Date.now();
  built = await buildGateway({
    supergraphPath: SUPERGRAPH_FILE,
    subgraphUrls: Object.fromEntries(readSubgraphList().map((s) => [s.name, `${base}/graphql`])),
    auditDbName: ':memory:',
    rateLimits: { publicPerMinute: 10_000, callerPerMinute: 10_000 },
    responseCache: 'memory',
    // One reachable feed and one that nobody answers: the gateway starts all the same.
    cacheInvalidation: { followFeeds: true, intervalMs: 50, sources: [{ name: 'registry', baseUrl: base }, { name: 'contracts', baseUrl: 'http://127.0.0.1:9' }] },
    log: () => {},
  });
  gateway = await listenGateway(built, 0);
  expect(Date.now() - startedAt).toBeLessThan(10_000);
});

afterAll(async () => {
  await gateway?.close();
  fake?.close();
});

async function region(code: string) {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ region(code: "${code}") { name } }` }) });
  const body = (await response.json()) as { data: { region: { name: string } } };
  return { name: body.data.region.name, age: response.headers.get('age') };
}

async function cachedRegion(code: string) {
  const first = await region(code);
  const again = await region(code);
  expect(again.age).not.toBeNull();
  expect(again.name).toBe(first.name);
  return first.name;
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not within ${timeoutMs} ms`);
}

/** Waits until the follower has read the feed at least twice more (a full round after a change). */
async function followerRead(): Promise<void> {
  const reads = feed.reads;
  await eventually(async () => feed.reads >= reads + 2);
}

describe('the gateway following a change feed', () => {
  it('started although one feed is unreachable, following the other from its head', () => {
    expect(built.metrics).toBeDefined();
    expect(feed.reads).toBeGreaterThan(0);
  });

  it('purges the answers an entry names (its region and the enclosing ones) and keeps the others', async () => {
    const county = await cachedRegion('231124');
    const city = await cachedRegion('231100');
    const otherCounty = await cachedRegion('231102');
    entry(['231124']);
    await eventually(async () => (await region('231124')).name !== county);
    expect((await region('231100')).name).not.toBe(city);
    const still = await region('231102');
    expect(still.age).not.toBeNull();
    expect(still.name).toBe(otherCounty);
    const metrics = await built.metrics.registry.metrics();
    expect(metrics).toMatch(/credit_gateway_cache_purged_answers_total [1-9]/);
    expect(metrics).toMatch(/credit_gateway_cache_feed_lag\{source="registry"\} 0/);
    expect(metrics).toMatch(/credit_gateway_cache_feed_lag\{source="contracts"\} -1/);
  });

  it('clears the whole cache when a feed goes down, and purges again when it is back', async () => {
    const name = await cachedRegion('231121');
    feed.down = true;
    await eventually(async () => (await region('231121')).name !== name);
    const during = await cachedRegion('231121');
    feed.down = false;
    await followerRead();
    // Back from its old cursor: an entry written now purges as before.
    entry(['231121']);
    await eventually(async () => (await region('231121')).name !== during);
  });

  it('clears the whole cache when its cursor is lost (reseeded, past retention) and continues from the head', async () => {
    const name = await cachedRegion('231181');
    feed.lost = true;
    await eventually(async () => (await region('231181')).name !== name);
    feed.entries.push(...feed.entries.slice(0, 3).map((e, i) => ({ ...e, seq: feed.entries.length + i + 1 })));
    feed.lost = false;
    await followerRead();
    const after = await cachedRegion('231181');
    entry(['231181']);
    await eventually(async () => (await region('231181')).name !== after);
  });
});

describe('the follower when the cache fails', () => {
  it('turns a purge that failed (Redis down) into a clear of everything, tried again until it succeeds', async () => {
    const calls: string[] = [];
    let clearFailures = 1;
    const cache = {
      purge: async () => {
        calls.push('purge');
        throw new Error('redis down');
      },
      clear: async () => {
        calls.push('clear');
        if (clearFailures-- > 0) throw new Error('still down');
      },
    } as unknown as TaggedResponseCache;
    const change: FeedEntry = { seq: 1, at: new Date().toISOString(), entity: 'DebtorRecord', operation: 'create', ids: ['x'], organizations: [USCC], officials: [], regions: [] };
    const client = { head: async () => 0, page: async (_source: unknown, after: number) => ({ entries: after < 1 ? [change] : [], head: 1, next: 1 }) };
    const follower = new CacheFeedFollower({ cache, sources: [{ name: 'court-debtors', baseUrl: 'http://unused' }], client: client as any, intervalMs: 10 });
    await follower.start();
    await eventually(async () => calls.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await follower.stop();
    expect(calls).toEqual(['purge', 'clear', 'clear']);
    expect(follower.cursors()).toEqual({ 'court-debtors': 1 });
  });
});
