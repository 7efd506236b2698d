// The response cache for PUBLIC callers, in-process, in front of a fake registry whose
// Cache-Control header each test chooses: answers are reused only as long as the subgraph
// allows, and never for callers with a token.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildGateway, listenGateway } from '../../gateway/build.js';
import { SUPERGRAPH_FILE, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import type { Listening } from '../../subgraphs/kit/index.js';
import { bearer } from '../helpers.js';

let subgraphHits = 0;
let cacheControl: string | undefined;
let fakeRegistry: Server;
let gateway: Listening;

beforeAll(async () => {
  fakeRegistry = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      subgraphHits++;
      const code = /"code":"?(\d+)/.exec(body.replace(/\\"/g, '"'))?.[1] ?? 'unknown';
      res.setHeader('content-type', 'application/json');
      if (cacheControl) res.setHeader('cache-control', cacheControl);
      res.end(JSON.stringify({ data: { region: { name: `region ${code} #${subgraphHits}` } } }));
    });
  });
  await new Promise<void>((resolve) => fakeRegistry.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(fakeRegistry.address() as AddressInfo).port}/graphql`;
  const built = await buildGateway({
    supergraphPath: SUPERGRAPH_FILE,
    subgraphUrls: Object.fromEntries(readSubgraphList().map((s) => [s.name, url])),
    auditDbName: ':memory:',
    rateLimits: { publicPerMinute: 10_000, callerPerMinute: 10_000 },
    responseCache: 'memory',
    log: () => {},
  });
  gateway = await listenGateway(built, 0);
});

afterAll(async () => {
  await gateway?.close();
  fakeRegistry?.close();
});

let code = 100000;
beforeEach(() => {
  code++; // a query of its own for each test, so earlier answers cannot leak in
});

async function region(headers: Record<string, string> = {}) {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: `{ region(code: "${code}") { name } }` }),
  });
  const body = (await response.json()) as { data: { region: { name: string } } };
  return { name: body.data.region.name, age: response.headers.get('age') };
}

describe('response cache for PUBLIC callers', () => {
  it('answers a repeated anonymous query from the cache while the subgraph allows', async () => {
    cacheControl = 'max-age=60, public';
    const first = await region();
    const hits = subgraphHits;
    const second = await region();
    expect(subgraphHits).toBe(hits);
    expect(second.name).toBe(first.name);
    expect(second.age).not.toBeNull();
    expect(first.age).toBeNull();
  });

  it('does not keep an answer whose subgraph sent no cache hint, max-age=0 or private', async () => {
    for (const header of [undefined, 'max-age=0, public', 'max-age=60, private']) {
      cacheControl = header;
      code++;
      const first = await region();
      const second = await region();
      expect(second.name, String(header)).not.toBe(first.name);
      expect(second.age).toBeNull();
    }
  });

  it('lets an answer expire after the max-age the subgraph gave', async () => {
    cacheControl = 'max-age=1, public';
    const first = await region();
    expect((await region()).name).toBe(first.name);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await region()).name).not.toBe(first.name);
  });

  it('never serves or stores answers for callers with a token', async () => {
    cacheControl = 'max-age=60, public'; // what a subgraph would never send a caller with a token: the gateway decides alone
    const auditor = { authorization: await bearer('AUDITOR') };
    // Not stored: a token's answer, the first of its query, is not what the next anonymous caller gets.
    let hits = subgraphHits;
    const audited = await region(auditor);
    expect(subgraphHits).toBe(hits + 1);
    expect(audited.age).toBeNull();
    const anonymous = await region();
    expect(subgraphHits).toBe(hits + 2);
    expect(anonymous.name).not.toBe(audited.name);
    expect(anonymous.age).toBeNull();
    // Not served: with the anonymous answer cached, a token's request still goes to the subgraph,
    // and its answer does not replace the cached one.
    hits = subgraphHits;
    const again = await region(auditor);
    expect(subgraphHits).toBe(hits + 1);
    expect(again.name).not.toBe(anonymous.name);
    expect(again.age).toBeNull();
    const cached = await region();
    expect(subgraphHits).toBe(hits + 1);
    expect(cached.name).toBe(anonymous.name);
    expect(cached.age).not.toBeNull();
  });
});

describe('an answer several subgraphs contributed to', () => {
  // The registry answers the organization, commitments its letters (an entity fetch): each with a
  // Cache-Control of the test's choosing.
  const lifetimes = { registry: 'max-age=60, public', commitments: 'max-age=60, public' };
  const fetches = { registry: 0, commitments: 0 };
  let fakes: Server[] = [];
  let joined: Listening;

  beforeAll(async () => {
    const fake = (name: 'registry' | 'commitments', data: () => unknown) =>
      createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          // GraphQL fetches only: the cache's feed follower also asks these fakes for change feeds
          // (GET /changes), often at first and less as it backs off, so counting those depended on
          // which test ran first.
          if (req.method !== 'POST') {
            res.writeHead(404).end();
            return;
          }
          fetches[name]++;
          res.setHeader('content-type', 'application/json');
          if (lifetimes[name]) res.setHeader('cache-control', lifetimes[name]);
          res.end(JSON.stringify({ data: data() }));
        });
      });
    fakes = [
      fake('registry', () => ({ organization: { __typename: 'Organization', uscc: '11231124696698813J', name: `unit #${fetches.registry}` } })),
      fake('commitments', () => ({ _entities: [{ __typename: 'Organization', commitmentLetters: [] }] })),
    ];
    for (const server of fakes) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const built = await buildGateway({
      supergraphPath: SUPERGRAPH_FILE,
      subgraphUrls: { ...Object.fromEntries(readSubgraphList().map((s) => [s.name, urlOf(fakes[0]!)])), commitments: urlOf(fakes[1]!) },
      auditDbName: ':memory:',
      rateLimits: { publicPerMinute: 10_000, callerPerMinute: 10_000 },
      responseCache: 'memory',
      log: () => {},
    });
    joined = await listenGateway(built, 0);
  });

  afterAll(async () => {
    await joined?.close();
    for (const server of fakes) server.close();
  });

  let uscc = 0;
  async function profile() {
    // A query of its own for each call site's key (an alias changes the cache key, not the plan).
    const response = await fetch(joined.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ organization(uscc: "11231124696698813J") { name commitmentLetters { year } } k${uscc}: __typename }` }),
    });
    const body = (await response.json()) as { data: { organization: { name: string } }; errors?: unknown };
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return { name: body.data.organization.name, age: response.headers.get('age'), cacheControl: response.headers.get('cache-control') };
  }

  it('is kept only as long as the shortest-lived of them allows, whichever answered first', async () => {
    for (const [first, second] of [['max-age=1, public', 'max-age=60, public'], ['max-age=60, public', 'max-age=1, public']]) {
      lifetimes.registry = first!;
      lifetimes.commitments = second!;
      uscc++;
      const fresh = await profile();
      expect(fresh.cacheControl, `registry ${first}, commitments ${second}`).toBe('max-age=1, public');
      const before = { ...fetches };
      const hit = await profile();
      expect(hit.age).not.toBeNull();
      expect(hit.name).toBe(fresh.name);
      expect(fetches).toEqual(before);
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const expired = await profile();
      expect(expired.age).toBeNull();
      expect(fetches.registry).toBe(before.registry + 1);
    }
  });

  it('is not kept at all when one of them sends no hint or no-store', async () => {
    for (const hint of ['', 'no-store']) {
      lifetimes.registry = 'max-age=60, public';
      lifetimes.commitments = hint;
      uscc++;
      await profile();
      const before = fetches.registry;
      expect((await profile()).age).toBeNull();
      expect(fetches.registry).toBe(before + 1);
    }
  });
});
