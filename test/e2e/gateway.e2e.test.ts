// The registry and the gateway as real processes on random ports, over real HTTP.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { config, officialPseudonym, signToken } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { sharedTestStack, type ReadOnlyStack } from './test-stack.js';

const demo = buildDemoRegistry();
let stack: ReadOnlyStack;
let registryUrl: string;

beforeAll(async () => {
  stack = await sharedTestStack();
  registryUrl = stack.subgraphUrl('registry');
}, 120_000);

afterAll(() => stack?.close());

describe('gateway over real HTTP', () => {
  it('answers the README query with demo data', async () => {
    const result = await post(stack.gatewayUrl, '{ organizations(first: 5) { totalCount edges { node { uscc name region { name } } } } }');
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.data.organizations.totalCount).toBe(demo.organizations.length);
    expect(result.data.organizations.edges).toHaveLength(5);
    expect(result.data.organizations.edges[0].node.region.name).toBeTruthy();
  });

  it('passes input errors through with their codes', async () => {
    const malformed = await post(stack.gatewayUrl, '{ organization(uscc: "91110000600037341M") { name } }');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'CHECK_DIGIT' });
    expect(malformed.errors?.[0]?.message).toContain('校验位');
    const tooMany = await post(stack.gatewayUrl, '{ organizations(first: 1000) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('masks an official for PUBLIC and shows full values to an AUDITOR', async () => {
    const person = demo.officials[500]!;
    const query = 'query($id: ID!) { official(id: $id) { name idNumber phone organization { name } } }';
    const id = officialPseudonym(person.idNumber);
    const anonymous = await post(stack.gatewayUrl, query, { id });
    expect(anonymous.data.official.idNumber).toBeNull();
    expect(anonymous.data.official.name).toContain('*');
    expect(JSON.stringify(anonymous)).not.toContain(person.idNumber);
    const audited = await post(stack.gatewayUrl, query, { id }, { authorization: await bearer('AUDITOR') });
    expect(audited.data.official).toMatchObject({ name: person.name, idNumber: person.idNumber, phone: person.phone });
  });

  it('refuses forged and expired tokens with UNAUTHENTICATED (401)', async () => {
    const forged = await new SignJWT({ roles: ['ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode('guessed-secret'));
    const expired = await signToken({ sub: 'x', roles: ['AUDITOR'], expiresIn: Math.floor(Date.now() / 1000) - 5 });
    for (const token of [forged, expired]) {
      const result = await post(stack.gatewayUrl, '{ organizations(first: 1) { totalCount } }', {}, { authorization: `Bearer ${token}` });
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.data).toBeUndefined();
    }
  });

  it('a subgraph called directly trusts only a token it verifies itself (forged, expired, role headers)', async () => {
    const person = demo.officials[42]!;
    const query = 'query($id: ID!) { official(id: $id) { name idNumber } }';
    const id = officialPseudonym(person.idNumber);
    const forged = await new SignJWT({ roles: ['AUDITOR'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode('guessed-secret'));
    const direct = await post(registryUrl, query, { id }, { authorization: `Bearer ${forged}` });
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(direct)).not.toContain(person.idNumber);
    const expired = await signToken({ sub: 'x', roles: ['AUDITOR'], expiresIn: Math.floor(Date.now() / 1000) - 5 });
    const late = await post(registryUrl, query, { id }, { authorization: `Bearer ${expired}` });
    expect(late.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(late)).not.toContain(person.idNumber);
    // Role headers grant nothing: without the gateway's signature or a token of a direct role, refused.
    const spoofed = await post(registryUrl, query, { id }, { 'x-role': 'ADMIN', 'x-roles': 'AUDITOR', 'x-user-roles': 'ADMIN' });
    expect(spoofed.status).toBe(403);
    expect(spoofed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(spoofed)).not.toContain(person.idNumber);
    expect(JSON.stringify(spoofed)).not.toContain(person.name);
  });

  it('forwards the caller\'s token so the subgraph enforces roles on writes', async () => {
    const mutation = 'mutation { importOrganizations(rows: []) { accepted } }';
    const court = await post(stack.gatewayUrl, mutation, {}, { authorization: await bearer('COURT') });
    expect(court.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await post(stack.gatewayUrl, mutation, {}, { authorization: await bearer('ADMIN') });
    expect(admin.data.importOrganizations.accepted).toBe(0);
  });

  // Security issue 13, items 5 and 6, against the gateway process as `npm start` runs it.
  it('refuses a token minted to last until the year 2500, at the gateway and at a subgraph called directly', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ roles: ['AUDITOR'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuedAt(now)
      .setExpirationTime(Date.UTC(2500, 0, 1) / 1000)
      .sign(new TextEncoder().encode(config.jwtSecret()));
    const viaGateway = await post(stack.gatewayUrl, '{ organizations(first: 1) { totalCount } }', {}, { authorization: `Bearer ${token}` });
    expect(viaGateway.status).toBe(401);
    expect(viaGateway.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(viaGateway.errors?.[0]?.message).toMatch(/有效期.*\(.*lifetime/);
    const person = demo.officials[7]!;
    const direct = await post(registryUrl, 'query($id: ID!) { official(id: $id) { name idNumber } }', { id: officialPseudonym(person.idNumber) }, { authorization: `Bearer ${token}` });
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(direct)).not.toContain(person.idNumber);
  });

  it('GET /audit?after=abc is 400 JSON naming the parameter, never a 500 page with SQL', async () => {
    const base = stack.gatewayUrl.replace(/\/graphql$/, '');
    const response = await fetch(`${base}/audit?after=abc`, { headers: { authorization: await bearer('ADMIN') } });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(text).not.toMatch(/<html|<pre>|select |audit_entry|node_modules/i);
    expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.stringMatching(/[\u4e00-\u9fff].*\(.*after.*\)/), extensions: { code: 'BAD_USER_INPUT', field: 'after' } }] });
    const limit = await fetch(`${base}/audit?limit=100000`, { headers: { authorization: await bearer('ADMIN') } });
    expect(limit.status).toBe(400);
    expect(((await limit.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'limit' });
  });

  it('answers JSON on unknown routes, and the explorer refuses to be framed', async () => {
    const base = stack.gatewayUrl.replace(/\/graphql$/, '');
    const unknown = await fetch(`${base}/admin.php`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const explorer = await fetch(`${base}/explorer`);
    expect(explorer.status).toBe(200);
    expect(explorer.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(explorer.headers.get('x-frame-options')).toBe('DENY');
  });
});
