// Security issue 13 (HTTP): the attacks of the review, each against the gateway in-process over
// real HTTP on port 0, its subgraphs replaced by a fake one. Each gateway here is built for one
// test, so that every rate budget starts full.
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, listenGateway, type BuiltGateway, type GatewayOptions } from '../../gateway/build.js';
import { SUPERGRAPH_FILE, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { config, signToken, type Listening } from '../../subgraphs/kit/index.js';
import { bearer } from '../helpers.js';

let fakeSubgraph: Server;
const opened: Listening[] = [];

beforeAll(async () => {
  fakeSubgraph = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: null, errors: [{ message: 'fake subgraph' }] }));
  });
  await new Promise<void>((resolve) => fakeSubgraph.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  for (const listening of opened) await listening.close();
  fakeSubgraph?.close();
});

interface Started {
  url: string;
  base: string;
  built: BuiltGateway;
}

async function start(options: Partial<GatewayOptions> & Record<string, unknown> = {}): Promise<Started> {
  const url = `http://127.0.0.1:${(fakeSubgraph.address() as AddressInfo).port}/graphql`;
  const built = await buildGateway({
    supergraphPath: SUPERGRAPH_FILE,
    subgraphUrls: Object.fromEntries(readSubgraphList().map((s) => [s.name, url])),
    auditDbName: ':memory:',
    rateLimits: { publicPerMinute: 1_000, callerPerMinute: 1_000 },
    responseCache: 'off',
    log: () => {},
    ...options,
  } as GatewayOptions);
  const listening = await listenGateway(built, 0);
  opened.push(listening);
  return { url: listening.url, base: listening.url.replace(/\/graphql$/, ''), built };
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** A token signed with a secret that is not this deployment's. */
const bogus = () =>
  new SignJWT({ roles: ['ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('attacker').setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode('guessed-secret')).then((t) => `Bearer ${t}`);

/** What every error answer of the gateway looks like: JSON, a code, Chinese then English, no stack. */
function expectJsonError(answer: Answer, status: number, code: string): void {
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(answer.body?.errors?.[0]?.extensions?.code, answer.text.slice(0, 300)).toBe(code);
  expect(answer.body.errors[0].message).toMatch(/[\u4e00-\u9fff].*\(.*[A-Za-z].*\)/);
  expect(answer.text).not.toMatch(/<html|<pre>|\bat [\w.<>]+ \(|node_modules|\/work\/|select /i);
}

/**
 * Sends the headers and only the first `sentBytes` of a body declared `declaredBytes` long, then
 * waits: a gateway that must read the whole body first never answers.
 */
function partialUpload(url: string, headers: Record<string, string>, declaredBytes: number, sentBytes: number, waitMs = 3_000): Promise<{ status: number; body: any; headers: Record<string, unknown> } | 'no answer'> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: Awaited<ReturnType<typeof partialUpload>>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(value);
    };
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(declaredBytes), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: any;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        settle({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.on('error', () => settle('no answer'));
    const timer = setTimeout(() => settle('no answer'), waitMs);
    req.write(`{"query":"{ __typename }","variables":{"pad":"${'x'.repeat(Math.max(0, sentBytes - 45))}`);
  });
}

describe('request bodies are sized after the token is verified', () => {
  it('refuses a bogus token at once, without waiting for (or reading) its 20 MB body', async () => {
    const gateway = await start();
    const answer = await partialUpload(gateway.url, { authorization: await bogus() }, 20 * 1024 * 1024, 1_024);
    expect(answer).not.toBe('no answer');
    if (answer === 'no answer') return;
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('never parses the body of a refused token (a malformed 100 kB body is 401, not 400)', async () => {
    const gateway = await start();
    const malformed = `{"query": "{ __typename }", "variables": {"pad": "${'x'.repeat(100_000)}"`;
    expectJsonError(await call(gateway.url, json(malformed, { authorization: await bogus() })), 401, 'UNAUTHENTICATED');
    expectJsonError(await call(gateway.url, json(malformed, { authorization: 'Bearer not-a-jwt' })), 401, 'UNAUTHENTICATED');
    expectJsonError(await call(gateway.url, json(malformed, { authorization: 'Basic dXNlcjpwYXNz' })), 401, 'UNAUTHENTICATED');
  });

  it('answers 413 to an anonymous body declared over 64 kB before it arrives', async () => {
    const gateway = await start();
    const answer = await partialUpload(gateway.url, {}, 5 * 1024 * 1024, 1_024);
    expect(answer).not.toBe('no answer');
    if (answer === 'no answer') return;
    expect(answer.status).toBe(413);
    expect(answer.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('still takes a 1 MB body from a verified token, and 64 kB at most from anyone else', async () => {
    const gateway = await start();
    // 1 MB in strings each within input hygiene's 20,000 characters.
    const big = { query: '{ __typename }', variables: { pad: Array.from({ length: 100 }, () => 'x'.repeat(10_000)) } };
    const verified = await call(gateway.url, json(big, { authorization: await bearer('COURT') }));
    expect(verified.status).toBe(200);
    expect(verified.body.data).toEqual({ __typename: 'Query' });
    expectJsonError(await call(gateway.url, json(big)), 413, 'PAYLOAD_TOO_LARGE');
    // Chunked (no content-length): the limit holds while the body streams in.
    const chunked = await call(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(JSON.stringify(big)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expectJsonError(chunked, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('rate limits count refused requests', () => {
  async function untilLimited(send: () => Promise<Answer>, tries = 10): Promise<{ statuses: number[]; limited?: Answer }> {
    const statuses: number[] = [];
    for (let i = 0; i < tries; i++) {
      const answer = await send();
      statuses.push(answer.status);
      if (answer.status === 429) return { statuses, limited: answer };
    }
    return { statuses };
  }

  function expectRetryAfter(limited: Answer | undefined): void {
    expect(limited, 'never answered 429').toBeDefined();
    expectJsonError(limited!, 429, 'RATE_LIMITED');
    const header = limited!.headers.get('retry-after');
    expect(header).toMatch(/^\d+$/);
    const seconds = Number(header);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(limited!.body.errors[0].extensions.retryAfterSeconds).toBe(seconds);
  }

  it('a client sending bad tokens gets 429 with retry-after once its IP budget is spent', async () => {
    const gateway = await start({ rateLimits: { publicPerMinute: 5, callerPerMinute: 1_000 } });
    const token = await bogus();
    const { statuses, limited } = await untilLimited(() => call(gateway.url, json({ query: '{ __typename }' }, { authorization: token })));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expectRetryAfter(limited);
    // The same IP without a token is limited too: it is one budget.
    expectRetryAfter(await call(gateway.url, json({ query: '{ __typename }' })));
  });

  it('malformed bodies (400) and oversized bodies (413) consume the budget', async () => {
    const gateway = await start({ rateLimits: { publicPerMinute: 4, callerPerMinute: 1_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) statuses.push((await call(gateway.url, json('{"query": '))).status);
    for (let i = 0; i < 2; i++) statuses.push((await call(gateway.url, json({ query: '{ __typename }', variables: { pad: 'x'.repeat(70_000) } }))).status);
    expect(statuses).toEqual([400, 400, 413, 413]);
    expectRetryAfter(await call(gateway.url, json({ query: '{ __typename }' })));
  });

  it('/audit with bad tokens consumes the same budget', async () => {
    const gateway = await start({ rateLimits: { publicPerMinute: 3, callerPerMinute: 1_000 } });
    const token = await bogus();
    const { statuses, limited } = await untilLimited(() => call(`${gateway.base}/audit`, { headers: { authorization: token } }));
    expect(statuses).toEqual([401, 401, 401, 429]);
    expectRetryAfter(limited);
  });

  it('a caller with a token spends a budget of its own, kept by its subject: 429 with retry-after, its address and other callers unaffected', async () => {
    const gateway = await start({ rateLimits: { publicPerMinute: 1_000, callerPerMinute: 3 } });
    const as = (sub: string) => signToken({ sub, roles: ['AUDITOR'] }).then((token) => ({ authorization: `Bearer ${token}` }));
    const caller = await as('budget-caller-a');
    const { statuses, limited } = await untilLimited(() => call(gateway.url, json({ query: '{ __typename }' }, caller)));
    expect(statuses).toEqual([200, 200, 200, 429]);
    expectRetryAfter(limited);
    // A new token of the same subject is the same caller; the budget is not the token's.
    expectRetryAfter(await call(gateway.url, json({ query: '{ __typename }' }, await as('budget-caller-a'))));
    // The same address without a token, and another caller, still have theirs.
    expect((await call(gateway.url, json({ query: '{ __typename }' }))).status).toBe(200);
    expect((await call(gateway.url, json({ query: '{ __typename }' }, await as('budget-caller-b')))).status).toBe(200);
  });

  it('retry-after counts down to the end of the window', async () => {
    const gateway = await start({ rateLimits: { publicPerMinute: 1, callerPerMinute: 1_000 } });
    const windowOpened = Date.now(); // at or before the first request spends the budget
    await call(gateway.url, json({ query: '{ __typename }' }));
    const first = await call(gateway.url, json({ query: '{ __typename }' }));
    const elapsed = Date.now() - windowOpened;
    expectRetryAfter(first);
    // The rest of the 60 s window: at least 60 s less the time these two requests took (measured).
    expect(Number(first.headers.get('retry-after'))).toBeGreaterThanOrEqual(60 - Math.ceil(elapsed / 1000));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = await call(gateway.url, json({ query: '{ __typename }' }));
    expectRetryAfter(later);
    expect(Number(later.headers.get('retry-after'))).toBeLessThan(Number(first.headers.get('retry-after')));
  });
});

describe('rate limit defaults (README: 600 a minute per anonymous address, 6,000 per caller)', () => {
  const names = ['CREDIT_RATE_LIMIT_PUBLIC', 'CREDIT_RATE_LIMIT_CALLER', 'CREDIT_RATE_LIMIT_FILINGS'];
  /** Runs with none of the rate variables set, as a deployment that sets none. */
  async function withoutRateVariables(test: () => Promise<void>): Promise<void> {
    const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
    for (const name of names) delete process.env[name];
    try {
      await test();
    } finally {
      for (const name of names) if (saved[name] !== undefined) process.env[name] = saved[name];
    }
  }

  it('are what the configuration gives when nothing is set', async () => {
    const { httpSettingsFromEnv, gatewayConfigFromEnv } = await import('../../gateway/config.js');
    expect(httpSettingsFromEnv({}).rateLimits).toEqual({ publicPerMinute: 600, callerPerMinute: 6_000, anonymousFilingsPerHour: 10 });
    expect(gatewayConfigFromEnv({}).rateLimits).toEqual(httpSettingsFromEnv({}).rateLimits);
    expect(httpSettingsFromEnv({ CREDIT_RATE_LIMIT_PUBLIC: '7', CREDIT_RATE_LIMIT_CALLER: '8' }).rateLimits).toMatchObject({ publicPerMinute: 7, callerPerMinute: 8 });
  });

  it('a gateway built without rate settings takes them from the configuration (CREDIT_RATE_LIMIT_PUBLIC here)', () =>
    withoutRateVariables(async () => {
      process.env.CREDIT_RATE_LIMIT_PUBLIC = '2';
      try {
        const gateway = await start({ rateLimits: undefined });
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) statuses.push((await call(gateway.url, json({ query: '{ __typename }' }))).status);
        expect(statuses).toEqual([200, 200, 429]);
      } finally {
        delete process.env.CREDIT_RATE_LIMIT_PUBLIC;
      }
    }));

  it('the budgets of the default configuration take 600 anonymous and 6,000 authenticated requests a minute and refuse the next with retry-after', async () => {
    const { httpSettingsFromEnv } = await import('../../gateway/config.js');
    const { useRateLimit } = await import('../../gateway/plugins/rate-limit.js');
    const { Caller, callerFromAuthorization } = await import('../../subgraphs/kit/index.js');
    const check = useRateLimit(httpSettingsFromEnv({}).rateLimits);
    const refusal = (pending: Promise<void>) => pending.then(() => undefined, (error: any) => error);
    const expectRefused = (error: any) => {
      expect(error?.extensions?.code).toBe('RATE_LIMITED');
      expect(error.extensions.http.status).toBe(429);
      expect(Number(error.extensions.http.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    };
    for (let i = 0; i < 600; i++) await check(Caller.anonymous, '203.0.113.40');
    expectRefused(await refusal(check(Caller.anonymous, '203.0.113.40')));
    const caller = await callerFromAuthorization(`Bearer ${await signToken({ sub: 'default-budget', roles: ['AUDITOR'] })}`);
    for (let i = 0; i < 6_000; i++) await check(caller, '203.0.113.50');
    expectRefused(await refusal(check(caller, '203.0.113.51')));
    // Anonymous requests from the caller's address draw on the address's budget, not the caller's.
    expect(await refusal(check(Caller.anonymous, '203.0.113.50'))).toBeUndefined();
  });
});

describe('X-Forwarded-For', () => {
  const query = json({ query: '{ __typename }' });
  const from = (forwardedFor: string): RequestInit => ({ ...query, headers: { ...(query.headers as Record<string, string>), 'x-forwarded-for': forwardedFor } });

  it('is ignored by default: rotating it does not escape the per-IP budget', async () => {
    const gateway = await start({ rateLimits: { publicPerMinute: 3, callerPerMinute: 1_000 } });
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push((await call(gateway.url, from(`203.0.113.${i}`))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('is read only from the proxies listed in trustedProxies, and only up to the first untrusted hop', async () => {
    const gateway = await start({ rateLimits: { publicPerMinute: 2, callerPerMinute: 1_000 }, trustedProxies: ['127.0.0.1', '::1', '10.0.0.0/8'] });
    // Behind a trusted proxy, two clients have two budgets.
    expect((await call(gateway.url, from('203.0.113.1'))).status).toBe(200);
    expect((await call(gateway.url, from('203.0.113.1'))).status).toBe(200);
    expect((await call(gateway.url, from('203.0.113.1'))).status).toBe(429);
    expect((await call(gateway.url, from('203.0.113.2'))).status).toBe(200);
    // A client that forges hops in front of the real one is still the real one (the rightmost
    // address no trusted proxy vouches for).
    const statuses: number[] = [];
    for (let i = 1; i <= 3; i++) statuses.push((await call(gateway.url, from(`198.51.100.${i}, 203.0.113.9, 10.1.2.3`))).status);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('CREDIT_TRUSTED_PROXIES is a comma list of addresses and CIDR ranges, checked at start', async () => {
    const { httpSettingsFromEnv } = await import('../../gateway/config.js');
    expect(httpSettingsFromEnv({}).trustedProxies).toEqual([]);
    expect(httpSettingsFromEnv({ CREDIT_TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1 ,fd00::/8,,' }).trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    expect(httpSettingsFromEnv({ CREDIT_TRUSTED_PROXIES: 'loopback' }).trustedProxies).toEqual(['loopback']);
    for (const bad of ['nonsense', '10.0.0.0/33', '300.1.1.1', 'fd00::/129', '*']) {
      expect(() => httpSettingsFromEnv({ CREDIT_TRUSTED_PROXIES: bad }), bad).toThrow(/CREDIT_TRUSTED_PROXIES/);
    }
    expect(() => httpSettingsFromEnv({ CREDIT_MAX_BODY_PUBLIC: 'big' })).toThrow(/CREDIT_MAX_BODY_PUBLIC/);
    expect(() => httpSettingsFromEnv({ CREDIT_RATE_LIMIT_PUBLIC: '-1' })).toThrow(/CREDIT_RATE_LIMIT_PUBLIC/);
    expect(httpSettingsFromEnv({ CREDIT_MAX_BODY_PUBLIC: '32kb', CREDIT_MAX_BODY: '1mb' }).maxBody).toEqual({ anonymous: 32 * 1024, authenticated: 1024 * 1024 });
  });

  it('one IPv6 client is one budget across its /64', async () => {
    const { rateLimitKey } = await import('../../gateway/plugins/rate-limit.js');
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe(rateLimitKey('2001:db8:1:2:ffff:ffff:ffff:fffe'));
    expect(rateLimitKey('2001:db8:1:2::1')).not.toBe(rateLimitKey('2001:db8:1:3::1'));
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::1')).toBe(rateLimitKey('0:0:0:0:0:0:0:1'));
  });
});

describe('the explorer cannot be framed', () => {
  it('sends frame-ancestors \'none\' and X-Frame-Options: DENY with the page and its assets', async () => {
    const gateway = await start();
    for (const path of ['/explorer', '/explorer/', '/explorer/assets/explorer.js', '/explorer/assets/graphiql-plugin-explorer.umd.js', '/explorer/assets/graphiql-plugin-explorer.css', '/explorer/questions.json']) {
      const response = await fetch(`${gateway.base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const page = await fetch(`${gateway.base}/explorer`);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self'/);
  });
});

describe('/audit parameters', () => {
  it('answers 400 BAD_USER_INPUT naming the parameter, never a 500 with SQL', async () => {
    const gateway = await start();
    const admin = { headers: { authorization: await bearer('ADMIN') } };
    const cases: Array<[string, string]> = [
      ['after=abc', 'after'],
      ['after=-1', 'after'],
      ['after=1.5', 'after'],
      ['after=1e3', 'after'],
      ['after=', 'after'],
      ['after=99999999999999999999', 'after'],
      ['after=1&after=2', 'after'],
      ['limit=abc', 'limit'],
      ['limit=-5', 'limit'],
      ['limit=501', 'limit'],
      ['limit=0x10', 'limit'],
    ];
    for (const [query, field] of cases) {
      const answer = await call(`${gateway.base}/audit?${query}`, admin);
      expectJsonError(answer, 400, 'BAD_USER_INPUT');
      expect(answer.body, query).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT', field } }] });
    }
    const ok = await call(`${gateway.base}/audit?after=0&limit=500`, admin);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ entries: [] });
    expect((await call(`${gateway.base}/audit?after=12&limit=0`, admin)).status).toBe(200);
  });

  it('checks the token before the parameters', async () => {
    const gateway = await start();
    expectJsonError(await call(`${gateway.base}/audit?after=abc`), 401, 'UNAUTHENTICATED');
    expectJsonError(await call(`${gateway.base}/audit?after=abc`, { headers: { authorization: await bearer('AUDITOR') } }), 403, 'FORBIDDEN');
  });

  it('a failing audit store is a JSON 500 with a request id, its SQL only in the log', async () => {
    const lines: any[] = [];
    const gateway = await start({ log: (line: object) => lines.push(line) });
    await gateway.built.audit.orm.em.getConnection().execute('drop table audit_entry');
    const answer = await call(`${gateway.base}/audit?after=1`, { headers: { authorization: await bearer('ADMIN'), 'x-request-id': 'req-13-5' } });
    expectJsonError(answer, 500, 'INTERNAL_SERVER_ERROR');
    expect(answer.body.errors[0].extensions.requestId).toBe('req-13-5');
    expect(lines.find((line) => line.requestId === 'req-13-5' && line.level === 'error')?.error).toMatch(/audit_entry/);
  });
});

describe('every gateway route answers JSON', () => {
  it('unknown routes, bad URLs, missing assets, body-parser refusals', async () => {
    const gateway = await start();
    const cases: Array<[string, RequestInit, number, string]> = [
      ['/nope', {}, 404, 'NOT_FOUND'],
      ['/nope', json({}), 404, 'NOT_FOUND'],
      ['/graphql/extra', {}, 404, 'NOT_FOUND'],
      ['/explorer/assets/nope.js', {}, 404, 'NOT_FOUND'],
      ['/explorer/assets/%E0%A4%A', {}, 400, 'BAD_REQUEST'],
      ['/graphql', json('{"query": '), 400, 'BAD_REQUEST'],
      ['/graphql', json('"just a string"'), 400, 'BAD_REQUEST'],
      ['/graphql', { ...json('{}'), headers: { 'content-type': 'application/json; charset=latin9' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['/graphql', { ...json('{}'), headers: { 'content-type': 'application/json', 'content-encoding': 'br2' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [path, init, status, code] of cases) {
      const answer = await call(`${gateway.base}${path}`, init);
      expectJsonError(answer, status, code);
    }
    // A URL that cannot be decoded is named as such, not as a JSON body problem.
    const badUrl = await call(`${gateway.base}/explorer/assets/%E0%A4%A`);
    expect(badUrl.body.errors[0].message).not.toMatch(/JSON/);
  });

  it('GET /graphql from a browser is not Apollo\'s landing page (HTML from a CDN)', async () => {
    const gateway = await start();
    const answer = await call(gateway.url, { headers: { accept: 'text/html' } });
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.text).not.toMatch(/<html|cdn\.apollographql/i);
  });

  it('keeps the GraphQL answers themselves unchanged', async () => {
    const gateway = await start();
    const answer = await call(gateway.url, json({ query: '{ __typename }' }, { authorization: await bearer('AUDITOR') }));
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ __typename: 'Query' });
    expect(answer.body.errors).toBeUndefined();
    expect((await call(`${gateway.base}/healthz`)).body).toEqual({ status: 'ok', pid: process.pid });
  });
});

describe('tokens through the gateway', () => {
  it('a token valid until the year 2500 is refused with 401 before any body is parsed', async () => {
    const gateway = await start();
    const secret = new TextEncoder().encode(config.jwtSecret());
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ roles: ['ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('attacker').setIssuedAt(now).setExpirationTime(Date.UTC(2500, 0, 1) / 1000).sign(secret);
    const answer = await call(gateway.url, json({ query: '{ __typename }' }, { authorization: `Bearer ${token}` }));
    expectJsonError(answer, 401, 'UNAUTHENTICATED');
    expect(answer.body.errors[0].message).toMatch(/lifetime/);
    expectJsonError(await call(`${gateway.base}/audit`, { headers: { authorization: `Bearer ${token}` } }), 401, 'UNAUTHENTICATED');
  });
});
