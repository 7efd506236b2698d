// The gateway in-process, its subgraphs replaced by a counting HTTP server: guards that
// refuse a request must do so before anything reaches a subgraph.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, listenGateway } from '../../gateway/build.js';
import { loadSafelist } from '../../gateway/plugins/safelist.js';
import { SAFELIST_FILE } from '../../scripts/lib/safelist.js';
import { SUPERGRAPH_FILE, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import type { Listening } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';

let subgraphHits = 0;
let fakeSubgraph: Server;
let open: Listening;
let enforced: Listening;

async function start(options: { enforce: boolean; publicPerMinute: number }): Promise<Listening> {
  const url = `http://127.0.0.1:${(fakeSubgraph.address() as AddressInfo).port}/graphql`;
  const built = await buildGateway({
    supergraphPath: SUPERGRAPH_FILE,
    subgraphUrls: Object.fromEntries(readSubgraphList().map((s) => [s.name, url])),
    auditDbName: ':memory:',
    rateLimits: { publicPerMinute: options.publicPerMinute, callerPerMinute: 1_000 },
    safelist: { manifest: loadSafelist(SAFELIST_FILE), enforce: options.enforce },
    log: () => {},
  });
  return listenGateway(built, 0);
}

beforeAll(async () => {
  fakeSubgraph = createServer((_req, res) => {
    subgraphHits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: null, errors: [{ message: 'fake subgraph' }] }));
  });
  await new Promise<void>((resolve) => fakeSubgraph.listen(0, '127.0.0.1', resolve));
  open = await start({ enforce: false, publicPerMinute: 1_000 });
  enforced = await start({ enforce: true, publicPerMinute: 5 });
});

afterAll(async () => {
  await open?.close();
  await enforced?.close();
  fakeSubgraph?.close();
});

async function refusedWithoutSubgraph(url: string, query: string, code: string | RegExp, headers: Record<string, string> = {}) {
  const before = subgraphHits;
  const result = await post(url, query, {}, headers);
  const refusal = result.errors?.find((e) => String(e.extensions?.code).match(code));
  expect(refusal, JSON.stringify(result.errors)).toBeDefined();
  expect(refusal!.message).toMatch(/[\u4e00-\u9fff].*\(.*\)/);
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(subgraphHits).toBe(before);
  return result;
}

describe('query limits', () => {
  it('refuses a 50-level deep query', async () => {
    let selection = 'code';
    for (let i = 0; i < 50; i++) selection = `parent { ${selection} }`;
    await refusedWithoutSubgraph(open.url, `{ region(code: "231102") { ${selection} } }`, 'DEPTH_LIMIT');
  });

  it('refuses 1,000 aliases, and more than 30 on a small query', async () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => `a${i}: region(code: "231102") { name }`).join(' ');
    await refusedWithoutSubgraph(open.url, `{ ${thousand} }`, /^(ALIAS_LIMIT|TOKEN_LIMIT)$/);
    const thirtyOne = Array.from({ length: 31 }, (_, i) => `a${i}: region(code: "231102") { name }`).join(' ');
    await refusedWithoutSubgraph(open.url, `{ ${thirtyOne} }`, 'ALIAS_LIMIT');
  });

  it('refuses too many directives and too many tokens', async () => {
    const directives = Array.from({ length: 25 }, () => '@include(if: true)').join(' ');
    await refusedWithoutSubgraph(open.url, `{ __typename ${directives} }`, 'DIRECTIVE_LIMIT');
    const tokens = Array.from({ length: 6000 }, () => '__typename').join(' ');
    await refusedWithoutSubgraph(open.url, `{ ${tokens} }`, 'TOKEN_LIMIT', { authorization: await bearer('AUDITOR') });
  });

  it('refuses an estimated cost over the limit (list sizes from first)', async () => {
    await refusedWithoutSubgraph(
      open.url,
      '{ organizations(first: 100) { edges { node { name officials(first: 100) { edges { node { name position phone } } } } } } }',
      'COST_LIMIT',
    );
  });

  it('refuses a large anonymous body with PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(100_000) } }) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('safelist and rate limits (production mode)', () => {
  it('lets anonymous callers run only safelisted operations; authenticated callers run ad-hoc', async () => {
    await refusedWithoutSubgraph(enforced.url, '{ organizations(first: 1) { totalCount } }', 'OPERATION_NOT_SAFELISTED');
    const manifest = loadSafelist(SAFELIST_FILE);
    const portal = manifest.operations.find((op) => op.name === 'PortalRegions')!;
    const before = subgraphHits;
    const allowed = await post(enforced.url, portal.body.replace(/\n\s*/g, ' '));
    expect(allowed.errors?.[0]?.extensions?.code).not.toBe('OPERATION_NOT_SAFELISTED');
    expect(subgraphHits).toBeGreaterThan(before); // it was planned and sent on
    const auditor = await post(enforced.url, '{ organizations(first: 1) { totalCount } }', {}, { authorization: await bearer('AUDITOR') });
    expect(auditor.errors?.[0]?.extensions?.code).not.toBe('OPERATION_NOT_SAFELISTED');
  });

  it('limits anonymous requests per IP with RATE_LIMITED (429)', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 8; i++) {
      const response = await fetch(enforced.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      statuses.push(response.status);
      last = (await response.json()) as any;
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(last.errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});

describe('subgraph timeouts', () => {
  it('answers SUBGRAPH_UNAVAILABLE (reason TIMEOUT) when a subgraph does not answer in time', async () => {
    const slow = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/graphql`;
    const built = await buildGateway({
      supergraphPath: SUPERGRAPH_FILE,
      subgraphUrls: Object.fromEntries(readSubgraphList().map((s) => [s.name, url])),
      subgraphTimeoutMs: 300,
      auditDbName: ':memory:',
      log: () => {},
    });
    const gateway = await listenGateway(built, 0);
    try {
      const started = Date.now();
      const result = await post(gateway.url, '{ region(code: "231102") { name } }');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'registry', reason: 'TIMEOUT' });
    } finally {
      await gateway.close();
      slow.closeAllConnections();
      slow.close();
    }
  });
});

describe('automatic persisted queries', () => {
  it('registers a query by its hash and runs it by hash alone afterwards', async () => {
    const query = '{ __typename }';
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const send = async (body: object) => (await fetch(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<any>;
    expect((await send({ extensions })).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await send({ query, extensions })).data).toEqual({ __typename: 'Query' });
    expect((await send({ extensions })).data).toEqual({ __typename: 'Query' });
  });
});

describe('operations endpoints', () => {
  it('serves health, metrics, and keeps /audit for ADMIN', async () => {
    const base = open.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('credit_gateway_requests_total');
    expect(metrics).toMatch(/credit_gateway_errors_total\{code="DEPTH_LIMIT"\} [1-9]/);
    expect((await fetch(`${base}/audit`)).status).toBe(401);
    expect((await fetch(`${base}/audit`, { headers: { authorization: await bearer('AUDITOR') } })).status).toBe(403);
    expect((await fetch(`${base}/audit`, { headers: { authorization: await bearer('ADMIN') } })).status).toBe(200);
  });
});
