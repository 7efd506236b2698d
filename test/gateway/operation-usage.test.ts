// Operation usage at the gateway (gateway/plugins/operation-usage.ts): every resolved operation is
// counted by the hash of its text and the client's name, its literals blanked; ADMIN reads it at
// GET /usage. The gateway in-process, its subgraphs replaced by one fake HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway, listenGateway, type BuiltGateway } from '../../gateway/build.js';
import { clientNameOf } from '../../gateway/plugins/operation-usage.js';
import { loadSafelist } from '../../gateway/plugins/safelist.js';
import { SAFELIST_FILE } from '../../scripts/lib/safelist.js';
import { SUPERGRAPH_FILE, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { blankedOperation, type Listening } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';

let fakeSubgraph: Server;
let built: BuiltGateway;
let open: Listening;

beforeAll(async () => {
  fakeSubgraph = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: null, errors: [{ message: 'fake subgraph' }] }));
  });
  await new Promise<void>((resolve) => fakeSubgraph.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(fakeSubgraph.address() as AddressInfo).port}/graphql`;
  built = await buildGateway({
    supergraphPath: SUPERGRAPH_FILE,
    subgraphUrls: Object.fromEntries(readSubgraphList().map((s) => [s.name, url])),
    auditDbName: ':memory:',
    rateLimits: { publicPerMinute: 1_000, callerPerMinute: 1_000 },
    usage: { store: 'database', flushMs: 60_000 },
    // production's safelist: anonymous callers may run the portal's operations only
    safelist: { manifest: loadSafelist(SAFELIST_FILE), enforce: true },
    log: () => {},
  });
  open = await listenGateway(built, 0);
});

afterAll(async () => {
  await open?.close();
  fakeSubgraph?.close();
});

async function usage(token?: string, query = ''): Promise<{ status: number; body: any }> {
  const response = await fetch(`${open.url.replace(/graphql$/, 'usage')}${query}`, { headers: token ? { authorization: token } : {} });
  return { status: response.status, body: await response.json() };
}

describe('operation usage', () => {
  it('counts each operation that ran by the hash of its blanked text and the client, and keeps no literal', async () => {
    const auditor = { authorization: await bearer('AUDITOR') };
    const query = 'query UsageProbe { organization(uscc: "91231100MA1ABCDE0X") { name } }';
    for (let i = 0; i < 3; i++) await post(open.url, query, {}, { ...auditor, 'apollographql-client-name': 'portal' });
    await post(open.url, query, {}, { ...auditor, 'apollographql-client-name': 'finance-bureau' });
    await post(open.url, query, {}, auditor); // no client header
    // the same operation with another literal is the same operation
    await post(open.url, query.replace('91231100MA1ABCDE0X', '91231100MA1XXXXX1Y'), {}, { ...auditor, 'apollographql-client-name': 'portal' });
    // not counted: invalid; refused by the safelist (anonymous, ad hoc); longer than the store keeps
    await post(open.url, '{ organization(uscc: "x") { noSuchField } }', {}, { ...auditor, 'apollographql-client-name': 'portal' });
    const refused = await post(open.url, 'query AdHoc { regions { code } }', {}, { 'apollographql-client-name': 'portal' });
    expect(refused.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_SAFELISTED');
    const huge = `query Huge { ${Array.from({ length: 900 }, (_, i) => `r${i}: regions { code }`).join(' ')} }`;
    await post(open.url, huge, {}, { ...auditor, 'apollographql-client-name': 'portal' });

    const { status, body } = await usage(await bearer('ADMIN'));
    expect(status).toBe(200);
    const { hash, text } = blankedOperation(parse(query));
    expect(text).toContain('organization(uscc: "")');
    const rows = (body.operations as any[]).filter((r) => r.queryHash === hash);
    expect(Object.fromEntries(rows.map((r) => [r.clientName, r.count]))).toEqual({ portal: 4, 'finance-bureau': 1, unknown: 1 });
    expect(rows[0].operationName).toBe('UsageProbe');
    expect(rows[0].document).toBe(text);
    const all = JSON.stringify(body);
    for (const absent of ['91231100MA1ABCDE0X', '91231100MA1XXXXX1Y', 'noSuchField', 'AdHoc', 'Huge']) expect(all, absent).not.toContain(absent);
  });

  it('is read by ADMIN alone, with checked parameters', async () => {
    expect((await usage()).status).toBe(401);
    const auditor = await usage(await bearer('AUDITOR'));
    expect(auditor.status).toBe(403);
    expect(auditor.body.errors[0].extensions.code).toBe('FORBIDDEN');
    for (const bad of ['?days=0', '?days=abc', '?limit=99999', '?days=1e3']) {
      const answer = await usage(await bearer('ADMIN'), bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(answer.body.errors[0].message).toMatch(/^参数 .* \(.* must be /);
    }
  });

  it('takes a client name as a short printable label only', () => {
    expect(clientNameOf('portal')).toBe('portal');
    expect(clientNameOf('finance.guarantee-system_2')).toBe('finance.guarantee-system_2');
    expect(clientNameOf('张三 13800138000')).toBe('unknown'); // never a place for a person's name or number
    expect(clientNameOf('x'.repeat(65))).toBe('unknown');
    expect(clientNameOf('a\nb')).toBe('unknown');
    expect(clientNameOf('<script>')).toBe('unknown');
    expect(clientNameOf(undefined)).toBe('unknown');
  });
});
