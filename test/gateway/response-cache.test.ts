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
    cacheControl = 'max-age=60, public';
    const anonymous = await region();
    const auditor = { authorization: await bearer('AUDITOR') };
    const hits = subgraphHits;
    const audited = await region(auditor);
    expect(subgraphHits).toBe(hits + 1);
    expect(audited.name).not.toBe(anonymous.name);
    expect(audited.age).toBeNull();
    await region(auditor);
    expect(subgraphHits).toBe(hits + 2);
  });
});
