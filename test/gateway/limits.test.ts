// The gateway in-process, its subgraphs replaced by a counting HTTP server: guards that
// refuse a request must do so before anything reaches a subgraph.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { getIntrospectionQuery, Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, listenGateway } from '../../gateway/build.js';
import { loadSafelist } from '../../gateway/plugins/safelist.js';
import { SAFELIST_FILE } from '../../scripts/lib/safelist.js';
import { SUPERGRAPH_FILE, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { DEFAULT_QUERY_LIMITS, estimateCost, LIMIT_CODES, type Listening } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';

let subgraphHits = 0;
/** What the fake subgraph answers with `data` (default: an error, as if it failed). */
let fakeData: ((query: string) => unknown) | undefined;
let fakeSubgraph: Server;
let open: Listening;

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
  fakeSubgraph = createServer(async (req, res) => {
    subgraphHits++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    res.setHeader('content-type', 'application/json');
    const query = String(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}').query ?? '');
    res.end(JSON.stringify(fakeData ? { data: fakeData(query) } : { data: null, errors: [{ message: 'fake subgraph' }] }));
  });
  await new Promise<void>((resolve) => fakeSubgraph.listen(0, '127.0.0.1', resolve));
  open = await start({ enforce: false, publicPerMinute: 1_000 });
});

afterAll(async () => {
  await open?.close();
  fakeSubgraph?.close();
});

/** A production-mode gateway of the test's own, so that its anonymous budget starts full whatever ran before. */
async function withEnforced(test: (enforced: Listening) => Promise<void>): Promise<void> {
  const enforced = await start({ enforce: true, publicPerMinute: 5 });
  try {
    await test(enforced);
  } finally {
    await enforced.close();
  }
}

async function refusedWithoutSubgraph(url: string, query: string, code: string | RegExp, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) {
  const before = subgraphHits;
  const result = await post(url, query, variables, headers);
  const refusal = result.errors?.find((e) => String(e.extensions?.code).match(code));
  expect(refusal, JSON.stringify(result.errors)).toBeDefined();
  expect(refusal!.message).toMatch(/[\u4e00-\u9fff].*\(.*\)/);
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(subgraphHits).toBe(before);
  return result;
}

/** Not refused by any limit (the fake subgraph's own failure is fine). */
async function passesLimits(url: string, query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) {
  const result = await post(url, query, variables, headers);
  const codes = (result.errors ?? []).map((e) => String(e.extensions?.code));
  expect(codes.filter((code) => LIMIT_CODES.has(code) || code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT'), JSON.stringify(result.errors)).toEqual([]);
  expect(result.status).not.toBe(400);
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

  // Security issue 13, item 4: list sizes passed as variables, fanned out through aliases and
  // nested lists (10 × organizations(first: $n) → officials(first: $n) → commitments returned
  // 12,444 officials to an anonymous caller), and aliases of __typename, were not counted.
  it('refuses list sizes passed as variables, fanned out through aliases and nested lists', async () => {
    const fanOut = Array.from({ length: 10 }, (_, i) =>
      `a${i}: organizations(first: $n) { edges { node { name officials(first: $n) { edges { node { name position commitments { id content fulfilmentStatus } } } } } } }`).join(' ');
    const query = `query Attack($n: Int) { ${fanOut} }`;
    for (const headers of [{}, { authorization: await bearer('AUDITOR') }] as Array<Record<string, string>>) {
      const before = subgraphHits;
      const result = await post(open.url, query, { n: 100 }, headers);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe('COST_LIMIT');
      expect(result.errors![0]!.message).toMatch(/[\u4e00-\u9fff].*\(.*\)/);
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(subgraphHits).toBe(before);
    }
    // One alias of it, with n = 100 as a variable, is refused as the literal is.
    const single = await post(open.url, 'query($n: Int) { organizations(first: $n) { edges { node { name officials(first: $n) { edges { node { name position phone } } } } } } }', { n: 100 });
    expect(single.errors?.[0]?.extensions?.code).toBe('COST_LIMIT');
  });

  it('counts aliases of __typename: 31 are ALIAS_LIMIT', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `t${i}: __typename`).join(' ');
    await refusedWithoutSubgraph(open.url, `{ ${aliases} }`, 'ALIAS_LIMIT');
  });

  it('refuses a large anonymous body with PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(open.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(100_000) } }) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('limits at their boundaries', () => {
  it('passes depth 12 and refuses depth 13 with DEPTH_LIMIT', async () => {
    const nested = (parents: number) => {
      let selection = 'code';
      for (let i = 0; i < parents; i++) selection = `parent { ${selection} }`;
      return `{ region(code: "231102") { ${selection} } }`;
    };
    await passesLimits(open.url, nested(10)); // region, 10 × parent, code: 12 levels
    await refusedWithoutSubgraph(open.url, nested(11), 'DEPTH_LIMIT');
    // Fragments add no level: the same 12 levels spread from a fragment and an inline fragment.
    await passesLimits(open.url, `{ ...R } fragment R on Query { ... on Query { ${nested(10).slice(2, -2)} } }`);
  });

  it('passes 30 aliases and refuses 31 with ALIAS_LIMIT, __typename aliases counted', async () => {
    const fields = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: region(code: "231102") { name }`).join(' ');
    const typenames = (n: number) => Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ');
    await passesLimits(open.url, `{ ${fields(30)} }`);
    await refusedWithoutSubgraph(open.url, `{ ${fields(31)} }`, 'ALIAS_LIMIT');
    await passesLimits(open.url, `{ ${typenames(30)} }`);
    await refusedWithoutSubgraph(open.url, `{ ${fields(15)} ${typenames(16)} }`, 'ALIAS_LIMIT');
  });

  it('passes 20 directives and 5,000 tokens; refuses 21 directives and 5,001 tokens', async () => {
    const directives = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename @include(if: true)`).join(' ')} }`;
    await passesLimits(open.url, directives(20));
    await refusedWithoutSubgraph(open.url, directives(21), 'DIRECTIVE_LIMIT');
    // n tokens: `{ }` 2, `fragment F on Query { __typename }` 7, each `...F` 2, a lone `__typename` 1.
    // (Not n × __typename: graphql-js gives up comparing that many fields with one name.)
    const tokens = (n: number) => `{ ${'...F '.repeat(Math.floor((n - 9) / 2))}${(n - 9) % 2 ? '__typename ' : ''}} fragment F on Query { __typename }`;
    const auditor = { authorization: await bearer('AUDITOR') };
    await passesLimits(open.url, tokens(5_000), auditor);
    await refusedWithoutSubgraph(open.url, tokens(5_001), 'TOKEN_LIMIT', auditor);
  });

  // organizations(first: $n) { totalCount } costs 1 + n × 1.
  const pageOf = 'query Page($n: Int) { organizations(first: $n) { totalCount } }';

  it('anonymous: passes an estimated cost of exactly 12,000 and refuses 12,001 with COST_LIMIT', async () => {
    expect(DEFAULT_QUERY_LIMITS.maxCostPublic).toBe(12_000);
    const before = subgraphHits;
    const atLimit = await passesLimits(open.url, pageOf, {}, { n: 11_999 });
    expect(subgraphHits).toBe(before + 1);
    expect((atLimit as any).extensions?.cost).toBeUndefined(); // reported to callers with a token only
    await refusedWithoutSubgraph(open.url, pageOf, 'COST_LIMIT', {}, { n: 12_000 });
  });

  it('with a token: passes exactly 20,000 (reported in extensions.cost) and refuses 20,001 with COST_LIMIT', async () => {
    const auditor = { authorization: await bearer('AUDITOR') };
    const atLimit = await passesLimits(open.url, pageOf, auditor, { n: 19_999 });
    expect((atLimit as any).extensions?.cost).toEqual({ estimated: 20_000, limit: 20_000 });
    const over = await refusedWithoutSubgraph(open.url, pageOf, 'COST_LIMIT', auditor, { n: 20_000 });
    expect(over.status).toBe(400);
    expect((over as any).extensions?.cost).toEqual({ estimated: 20_001, limit: 20_000 });
  });
});

describe('demand control', () => {
  const apiSchema = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const cost = (query: string, variables: Record<string, unknown> = {}) => estimateCost({ schema: apiSchema, document: parse(query), variables });

  it('counts list sizes from literals and variables alike, 20 when absent, every field and alias at least 1', async () => {
    expect(cost('query($n: Int) { organizations(first: $n) { totalCount } }', { n: 50 })).toBe(51);
    expect(cost('{ organizations(first: 50) { totalCount } }')).toBe(51);
    expect(cost('query($n: Int) { organizations(first: $n) { totalCount } }')).toBe(21); // the API's default page size
    expect(cost('query($n: Int = 7) { organizations(first: $n) { totalCount } }')).toBe(8); // the variable's default
    // edges are counted by the field that took first, not again
    expect(cost('{ organizations(first: 10) { edges { node { uscc name } } } }')).toBe(1 + 10 * (1 + 1 + 2));
    // a list without page arguments counts 20 items
    expect(cost('{ regions { code } }')).toBe(1 + 20);
    // a list fetched by keys counts one item per key
    expect(cost('query($ids: [ID!]!) { officialsById(ids: $ids) { name } }', { ids: ['a', 'b', 'c'] })).toBe(1 + 3);
    expect(cost('{ __typename a: __typename b: __typename }')).toBe(3);
    expect(cost('query($skip: Boolean!) { organizations(first: 90) @skip(if: $skip) { totalCount } }', { skip: true })).toBe(0);
    // the attack: 10 aliases × 100 organizations × 100 officials
    const fanOut = Array.from({ length: 10 }, (_, i) => `a${i}: organizations(first: $n) { edges { node { officials(first: $n) { edges { node { commitments { id } } } } } } }`).join(' ');
    expect(cost(`query($n: Int) { ${fanOut} }`, { n: 100 })).toBe(10 * (1 + 100 * (1 + 1 + (1 + 100 * (1 + 1 + (1 + 20 * 1))))));
    // the same numbers through the gateway
    const auditor = { authorization: await bearer('AUDITOR') };
    expect((await post(open.url, 'query($n: Int) { organizations(first: $n) { totalCount } }', { n: 50 }, auditor) as any).extensions?.cost).toEqual({ estimated: 51, limit: 20_000 });
  });

  it('keeps each of the portal\'s safelisted operations under the anonymous budget with typical variables', async () => {
    const typical: Record<string, unknown> = {
      uscc: '11231100MB0000000X', regionCode: '231102', parentCode: '231100', year: 2026, after: null, kind: null, nameContains: '局',
      category: null, quarter: '2026Q3', minLevel: null, id: '1', input: { organizationUscc: '11231100MB0000000X', channel: 'WEBSITE', content: '测试', contact: '13912345678' }, by: 'MEAN_SCORE',
    };
    const typicalFor: Record<string, Record<string, unknown>> = {
      PortalFileContractComplaint: {
        input: { category: 'ARREARS', complainantName: '某公司', complainantUscc: '91231100MA0000000X', organizationUscc: '11231100MB0000000X', channel: 'WEBSITE', content: '测试' },
      },
    };
    const folder = join(SUPERGRAPH_FILE, '..', '..', 'gateway', 'operations');
    const costs: Record<string, number> = {};
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.graphql'))) {
      const document = parse(readFileSync(join(folder, file), 'utf8'));
      for (const operation of document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
        const given = { ...typical, ...typicalFor[operation.name!.value] };
        const variables = Object.fromEntries((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, given[v.variable.name.value]]));
        costs[operation.name!.value] = estimateCost({ schema: apiSchema, document: { kind: Kind.DOCUMENT, definitions: [operation] }, variables });
      }
    }
    expect(Object.keys(costs).length).toBeGreaterThanOrEqual(10);
    for (const [name, estimated] of Object.entries(costs)) expect(estimated, `${name}: ${estimated}`).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCostPublic);
    // The costliest: a unit's credit profile, with every letter and item (20 × 20 counted) and its court records.
    expect(Math.max(...Object.values(costs))).toBe(costs.PortalCreditProfile);
    console.log(`portal operations' estimated costs: ${JSON.stringify(costs)}`);
    // And the gateway agrees: one of them sent with a token reports the same estimate.
    const column = print(parse(readFileSync(join(folder, 'portal.graphql'), 'utf8')).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === 'PortalCommitmentColumn')!);
    const result = (await post(open.url, column, { regionCode: '231102', year: 2026 }, { authorization: await bearer('AUDITOR') })) as any;
    expect(result.extensions?.cost?.estimated).toBe(costs.PortalCommitmentColumn);
  });

  it('refuses a fragment bomb with COST_LIMIT and a list size of the wrong type with BAD_USER_INPUT, before any subgraph', async () => {
    // F14 spreads F13 twice, … : 2^14 fields from a few hundred tokens.
    const fragments = Array.from({ length: 14 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ');
    await refusedWithoutSubgraph(open.url, `{ ...F14 } fragment F0 on Query { __typename } ${fragments}`, 'COST_LIMIT');
    const before = subgraphHits;
    const wrongType = await post(open.url, 'query($n: Int) { organizations(first: $n) { totalCount } }', { n: 'all of them' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(subgraphHits).toBe(before);
  });

  it('lets the explorer introspect the supergraph anonymously (introspection is counted once, not per type)', async () => {
    const before = subgraphHits;
    const introspection = await post(open.url, getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data.__schema.types.length).toBeGreaterThan(100);
    expect(subgraphHits).toBe(before);
    expect(cost(getIntrospectionQuery())).toBe(1);
  });

  it('refuses an anonymous answer over 1 MB whole with RESPONSE_TOO_LARGE; callers with a token get it', async () => {
    const regions = (count: number) => Array.from({ length: count }, (_, i) => ({ code: String(100000 + i), name: `区域${i}`.padEnd(40, '·'), level: 'COUNTY' }));
    try {
      fakeData = () => ({ regions: regions(12_000) }); // about 1.3 MB of JSON
      const query = '{ regions { code name level } }';
      const anonymous = await post(open.url, query);
      expect(anonymous.status).toBe(400);
      expect(anonymous.data).toBeUndefined();
      expect(anonymous.errors).toHaveLength(1);
      expect(anonymous.errors![0]!.extensions?.code).toBe('RESPONSE_TOO_LARGE');
      expect(anonymous.errors![0]!.message).toMatch(/[\u4e00-\u9fff].*\(.*\)/);
      const auditor = await post(open.url, query, {}, { authorization: await bearer('AUDITOR') });
      expect(auditor.errors).toBeUndefined();
      expect(auditor.data.regions).toHaveLength(12_000);
      fakeData = () => ({ regions: regions(100) });
      const small = await post(open.url, query);
      expect(small.errors).toBeUndefined();
      expect(small.data.regions).toHaveLength(100);
    } finally {
      fakeData = undefined;
    }
  });
});

describe('safelist and rate limits (production mode)', () => {
  it('lets anonymous callers run only safelisted operations; authenticated callers run ad-hoc', () =>
    withEnforced(async (enforced) => {
      await refusedWithoutSubgraph(enforced.url, '{ organizations(first: 1) { totalCount } }', 'OPERATION_NOT_SAFELISTED');
      const manifest = loadSafelist(SAFELIST_FILE);
      const portal = manifest.operations.find((op) => op.name === 'PortalRegions')!;
      const before = subgraphHits;
      const allowed = await post(enforced.url, portal.body.replace(/\n\s*/g, ' '));
      expect(allowed.errors?.[0]?.extensions?.code).not.toBe('OPERATION_NOT_SAFELISTED');
      expect(subgraphHits).toBeGreaterThan(before); // it was planned and sent on
      const auditor = await post(enforced.url, '{ organizations(first: 1) { totalCount } }', {}, { authorization: await bearer('AUDITOR') });
      expect(auditor.errors?.[0]?.extensions?.code).not.toBe('OPERATION_NOT_SAFELISTED');
    }));

  it('limits anonymous requests per IP with RATE_LIMITED (429)', () =>
    withEnforced(async (enforced) => {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 8; i++) {
        const response = await fetch(enforced.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
        statuses.push(response.status);
        last = (await response.json()) as any;
      }
      // A budget of 5 a minute, all of it this test's: the first 5 are answered (refused as not safelisted), the rest are 429.
      expect(statuses.slice(0, 5).filter((s) => s === 429)).toEqual([]);
      expect(statuses.slice(5)).toEqual([429, 429, 429]);
      expect(last.errors[0].extensions.code).toBe('RATE_LIMITED');
    }));
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

describe('defaults of the configuration (README: 10 s subgraph timeout, the safelist enforced in production)', () => {
  it('waits 10 s for a subgraph unless CREDIT_SUBGRAPH_TIMEOUT_MS says otherwise', async () => {
    const { gatewayConfigFromEnv } = await import('../../gateway/config.js');
    expect(gatewayConfigFromEnv({}).subgraphTimeoutMs).toBe(10_000);
    expect(gatewayConfigFromEnv({ CREDIT_SUBGRAPH_TIMEOUT_MS: '2500' }).subgraphTimeoutMs).toBe(2_500);
    expect(() => gatewayConfigFromEnv({ CREDIT_SUBGRAPH_TIMEOUT_MS: '10s' })).toThrow(/CREDIT_SUBGRAPH_TIMEOUT_MS/);
  });

  it('enforces the safelist when NODE_ENV is production, unless CREDIT_SAFELIST says off; elsewhere only when told', async () => {
    const { gatewayConfigFromEnv } = await import('../../gateway/config.js');
    expect(gatewayConfigFromEnv({ NODE_ENV: 'production' }).enforceSafelist).toBe(true);
    expect(gatewayConfigFromEnv({ NODE_ENV: 'production', CREDIT_SAFELIST: 'off' }).enforceSafelist).toBe(false);
    expect(gatewayConfigFromEnv({ NODE_ENV: 'test' }).enforceSafelist).toBe(false);
    expect(gatewayConfigFromEnv({}).enforceSafelist).toBe(false);
    expect(gatewayConfigFromEnv({ NODE_ENV: 'development', CREDIT_SAFELIST: 'enforce' }).enforceSafelist).toBe(true);
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
    const depthLimitCount = async () => {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toContain('credit_gateway_requests_total');
      return Number(/credit_gateway_errors_total\{code="DEPTH_LIMIT"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    };
    // A refusal of this test's own is counted, whatever other tests sent before.
    const before = await depthLimitCount();
    let selection = 'code';
    for (let i = 0; i < 20; i++) selection = `parent { ${selection} }`;
    await refusedWithoutSubgraph(open.url, `{ region(code: "231102") { ${selection} } }`, 'DEPTH_LIMIT');
    expect(await depthLimitCount()).toBe(before + 1);
    expect((await fetch(`${base}/audit`)).status).toBe(401);
    expect((await fetch(`${base}/audit`, { headers: { authorization: await bearer('AUDITOR') } })).status).toBe(403);
    expect((await fetch(`${base}/audit`, { headers: { authorization: await bearer('ADMIN') } })).status).toBe(200);
  });
});
