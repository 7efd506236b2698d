// A subgraph guards itself as the gateway does (a request may bypass the gateway): the kit's
// query limits per caller, request bodies per caller with JSON errors, and no introspection or
// field suggestions outside development and test. The registry on :memory:, over real HTTP.
// The requests are signed as the gateway signs them (anyone else is refused at the trust
// boundary, test/e2e/trust-boundary.e2e.test.ts): these are the guards behind it.
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSubgraph, DEFAULT_QUERY_LIMITS, gatewaySignedBody, listenSubgraph, schemaExposedByDefault, type BuiltSubgraph, type Listening } from '../../subgraphs/kit/index.js';
import { loadDefinition, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { subgraph as registryDefinition } from '../../subgraphs/registry/schema.js';
import { bearer, type GraphQLResult } from '../helpers.js';

let registry: BuiltSubgraph;
let listening: Listening;
let production: BuiltSubgraph;
let productionListening: Listening;
let auditor: string;

beforeAll(async () => {
  registry = await buildSubgraph(registryDefinition, { dbName: ':memory:' });
  listening = await listenSubgraph(registry, 0);
  production = await buildSubgraph(registryDefinition, { dbName: ':memory:', exposeSchema: false });
  productionListening = await listenSubgraph(production, 0);
  auditor = await bearer('AUDITOR');
});

afterAll(async () => {
  await listening?.close();
  await registry?.stop();
  await productionListening?.close();
  await production?.stop();
});

/** A body as the gateway sends it: its query and variables signed (a body that is not JSON as it is). */
function signed(body: string): string {
  try {
    const { query, variables, extensions, ...rest } = JSON.parse(body);
    if (typeof query !== 'string') return body;
    const signedBody = JSON.parse(gatewaySignedBody(query, variables ?? {}));
    return JSON.stringify({ ...rest, ...signedBody, extensions: { ...extensions, ...signedBody.extensions } });
  } catch {
    return body;
  }
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: gatewaySignedBody(query, variables) });
  return { status: response.status, ...((await response.json()) as object) };
}

async function raw(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: signed(body) });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
}

function expectRefusal(result: { status: number; errors?: Array<{ message: string; extensions?: Record<string, any> }> }, code: string) {
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(code);
  expect(result.errors![0]!.message).toMatch(/[\u4e00-\u9fff].*\(.*\)/);
  expect(result.status).toBe(400);
}

/** About `bytes` of JSON in short strings (input hygiene refuses any one string over 20,000 characters). */
const padding = (bytes: number) => Array.from({ length: Math.ceil(bytes / 100) }, () => 'x'.repeat(96));

describe('request bodies', () => {
  it('answers an anonymous body over 64 kB with a JSON 413 PAYLOAD_TOO_LARGE; 20 MB are allowed with a token', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { pad: padding(100_000) } });
    const anonymous = await raw(listening.url, body);
    expect(anonymous.status).toBe(413);
    expect(anonymous.contentType).toMatch(/application\/json/);
    expect(anonymous.json()).toEqual({ errors: [{ message: '请求体过大 (the request body is too large)', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    const withToken = await raw(listening.url, body, { authorization: auditor });
    expect(withToken.status).toBe(200);
    expect(withToken.json().data).toEqual({ __typename: 'Query' });
    const huge = await raw(listening.url, JSON.stringify({ query: '{ __typename }', variables: { pad: padding(21 * 1024 * 1024) } }), { authorization: auditor });
    expect(huge.status).toBe(413);
    expect(huge.json().errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a malformed body with a JSON 400 BAD_REQUEST, never an HTML page with a stack trace', async () => {
    const malformed = await raw(listening.url, '{"query": "{ __typename }"');
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toMatch(/application\/json/);
    expect(malformed.text).not.toMatch(/<html|<pre|at .*\.js:\d+/i);
    expect(malformed.json().errors[0]).toMatchObject({ message: expect.stringMatching(/[\u4e00-\u9fff].*\(.*\)/), extensions: { code: 'BAD_REQUEST' } });
  });

  it('lets an anonymous entity fetch carry large representations, as the gateway sends for public figures, but nothing else large', async () => {
    // The gateway's fetches for an anonymous integrity report carry every organization of the region.
    const representations = Array.from({ length: 2_000 }, (_, i) => ({ __typename: 'Organization', uscc: `11231100MB${String(i).padStart(7, '0')}X`, classified: false }));
    const query = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Organization{uscc}}}';
    const entities = await raw(listening.url, JSON.stringify({ query, variables: { representations } }));
    expect(Buffer.byteLength(JSON.stringify(representations))).toBeGreaterThan(64 * 1024);
    expect(entities.status).toBe(200);
    expect(entities.json().errors).toBeUndefined();
    expect(entities.json().data._entities).toHaveLength(2_000);
    const padded = await raw(listening.url, JSON.stringify({ query, variables: { representations, pad: padding(100_000) } }));
    expect(padded.status).toBe(413);
    expect(padded.json().errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('query limits (the gateway\'s, applied again)', () => {
  it('refuses depth, aliases, tokens and directives over the limits with their codes (HTTP 400)', async () => {
    let selection = 'code';
    for (let i = 0; i < 11; i++) selection = `parent { ${selection} }`;
    expectRefusal(await post(listening.url, `{ region(code: "231102") { ${selection} } }`), 'DEPTH_LIMIT'); // 13 levels
    const aliases = Array.from({ length: 31 }, (_, i) => `t${i}: __typename`).join(' ');
    expectRefusal(await post(listening.url, `{ ${aliases} }`), 'ALIAS_LIMIT');
    expectRefusal(await post(listening.url, `{ ${Array.from({ length: 5_001 }, () => 'x').join(' ')} }`), 'TOKEN_LIMIT');
    const directives = Array.from({ length: 21 }, (_, i) => `t${i}: __typename @include(if: true)`).join(' ');
    expectRefusal(await post(listening.url, `{ ${directives} }`), 'DIRECTIVE_LIMIT');
    // The same at the limits passes.
    let twelve = 'code';
    for (let i = 0; i < 10; i++) twelve = `parent { ${twelve} }`;
    expect((await post(listening.url, `{ region(code: "231102") { ${twelve} } }`)).errors).toBeUndefined();
    expect((await post(listening.url, `{ ${Array.from({ length: 30 }, (_, i) => `t${i}: __typename`).join(' ')} }`)).errors).toBeUndefined();
  });

  it('refuses an estimated cost over the caller\'s budget, list sizes read from variables', async () => {
    const page = 'query($n: Int) { organizations(first: $n) { totalCount } }'; // 1 + n
    const limitCodes = (result: { errors?: Array<{ extensions?: Record<string, any> }> }) => (result.errors ?? []).map((e) => e.extensions?.code).filter((c) => /_LIMIT$/.test(c));
    // At the budget the limits let it through (the resolver itself then refuses first > 100).
    expect(limitCodes(await post(listening.url, page, { n: DEFAULT_QUERY_LIMITS.maxCostPublic - 1 }))).toEqual([]);
    expectRefusal(await post(listening.url, page, { n: DEFAULT_QUERY_LIMITS.maxCostPublic }), 'COST_LIMIT');
    const withToken = await post(listening.url, page, { n: DEFAULT_QUERY_LIMITS.maxCost - 1 }, { authorization: auditor });
    expect(limitCodes(withToken)).toEqual([]);
    expect((withToken as any).extensions?.cost).toEqual({ estimated: DEFAULT_QUERY_LIMITS.maxCost, limit: DEFAULT_QUERY_LIMITS.maxCost });
    expectRefusal(await post(listening.url, page, { n: DEFAULT_QUERY_LIMITS.maxCost }, { authorization: auditor }), 'COST_LIMIT');
    // The attack of security issue 13: aliases × organizations(first: $n) → officials(first: $n) → commitments.
    const fanOut = Array.from({ length: 10 }, (_, i) => `a${i}: organizations(first: $n) { edges { node { name officials(first: $n) { edges { node { name position } } } } } }`).join(' ');
    expectRefusal(await post(listening.url, `query($n: Int) { ${fanOut} }`, { n: 100 }), 'COST_LIMIT');
    // An ordinary page is well within.
    const ordinary = await post(listening.url, '{ organizations(first: 20) { totalCount edges { node { uscc name } } } }', {}, { authorization: auditor });
    expect(ordinary.errors).toBeUndefined();
    expect((ordinary as any).extensions.cost.estimated).toBeLessThan(1_000);
  });

  it('does not charge the __typename the gateway\'s planner adds, and counts an entity fetch\'s selection once', async () => {
    const fetch = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Organization{__typename uscc name}}}';
    const representations = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Organization', uscc: `11231100MB${String(i).padStart(7, '0')}X` }));
    const result = await post(listening.url, fetch, { representations }, { authorization: auditor });
    expect(result.errors).toBeUndefined();
    expect((result as any).extensions.cost.estimated).toBe(1 + 2); // _entities, uscc, name
    // ... however many representations it carries (the gateway's, for a public figure, cover every organization of a region).
    const many = await post(listening.url, fetch, { representations: [...representations, ...representations, ...representations] }, { authorization: auditor });
    expect((many as any).extensions.cost.estimated).toBe(1 + 2);
  });
});

describe('schema exposure', () => {
  it('is on only when NODE_ENV is development or test', () => {
    expect(schemaExposedByDefault({ NODE_ENV: 'test' })).toBe(true);
    expect(schemaExposedByDefault({ NODE_ENV: 'development' })).toBe(true);
    expect(schemaExposedByDefault({ NODE_ENV: 'production' })).toBe(false);
    expect(schemaExposedByDefault({})).toBe(false);
  });

  it('refuses introspection and hides field suggestions in production', async () => {
    const refused = await post(productionListening.url, getIntrospectionQuery());
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors?.[0]?.message).toMatch(/introspection/i);
    expect(refused.data).toBeUndefined();
    const typo = await post(productionListening.url, '{ organizationz(first: 1) { totalCount } }');
    expect(typo.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean|organizations/);
    // __typename is not introspection: the gateway's health check asks for it.
    expect((await post(productionListening.url, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('keeps introspection and suggestions in tests and development', async () => {
    const introspection = await post(listening.url, getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data.__schema.queryType.name).toBe('Query');
    const typo = await post(listening.url, '{ organizationz(first: 1) { totalCount } }');
    expect(typo.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

describe('requests at fault that Apollo raises as plain errors (found by the fuzzer)', () => {
  it('answers an entity representation without a known __typename as BAD_USER_INPUT, not an internal error', async () => {
    const result = await post(listening.url, 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: [{ uscc: '91110000600037341L' }] }, { authorization: auditor });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff].*\(.*__typename.*\)/);
  });

  it('answers an unsupported persisted-query version as a client error, not an internal one', async () => {
    const body = JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'x'.repeat(64) } } });
    const answer = await raw(listening.url, body);
    expect(answer.status).toBeLessThan(500);
    expect(answer.json().errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('cache hints (README, "Response cache")', () => {
  /** The Cache-Control of a subgraph's answer to a read, as the gateway would receive it. */
  async function cacheControlOf(headers: Record<string, string> = {}): Promise<string | null> {
    const response = await fetch(listening.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: gatewaySignedBody('{ regions { code } }', {}) });
    expect(response.status).toBe(200);
    return response.headers.get('cache-control');
  }

  it('gives anonymous answers its public lifetime and every answer for a caller with a token none (no-store)', async () => {
    expect(await cacheControlOf()).toBe(`max-age=${registryDefinition.publicCacheSeconds}, public`);
    for (const role of ['AUDITOR', 'ADMIN', 'COURT', 'FINANCE', 'TRAINING', 'CONSUMER'] as const) {
      expect(await cacheControlOf({ authorization: await bearer(role) }), role).toBe('no-store');
    }
    expect(await cacheControlOf({ authorization: await bearer('ORGANIZATION', { uscc: '11231124696698813J' }) })).toBe('no-store');
  });

  it('declares the lifetimes the README gives: registry and training 300 s, the exchange none, the others 60 s', async () => {
    const lifetimes: Record<string, number | undefined> = {};
    for (const { name } of readSubgraphList()) lifetimes[name] = (await loadDefinition(name)).publicCacheSeconds;
    // Every subgraph of schema/supergraph.yaml: a new one declares 60 s like the others, or the README says otherwise.
    // The exchange answers no anonymous caller (AUDITOR and ADMIN only): nothing of it is ever cached.
    const expected = Object.fromEntries(Object.keys(lifetimes).map((name) => [name, name === 'registry' || name === 'training' ? 300 : name === 'exchange' ? undefined : 60]));
    expect(Object.keys(lifetimes)).toEqual(expect.arrayContaining(['registry', 'commitments', 'court-debtors', 'contracts', 'training', 'evaluation']));
    expect(lifetimes).toEqual(expected);
  });
});
