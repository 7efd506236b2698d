// The trust boundary over real HTTP (issue 13: "subgraphs guard themselves"): a subgraph answers
// requests the gateway signed, and direct requests only from the roles of the contributing
// systems' import CLIs; personal data that leaves a subgraph unmasked is audited by that
// subgraph, whether the request came through the gateway or not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { gatewaySignature, officialPseudonym, SIGNATURE_EXTENSION } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const person = registry.officials[77]!;
const id = officialPseudonym(person.idNumber);
const query = 'query($id: ID!) { official(id: $id) { name idNumber phone } }';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);

afterAll(() => stack?.close());

async function signedPost(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, ...((await response.json()) as { data?: any; errors?: any[] }) };
}

/** A log's entries after the entry `after` (each test reads only what it caused itself). */
async function auditOf(base: string, after = 0): Promise<Array<{ id: number; callerId: string; personalFields: Record<string, number>; operationType: string }>> {
  const response = await fetch(`${base}/audit?after=${after}&limit=500`, { headers: { authorization: await bearer('ADMIN') } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: any[] }).entries;
}

/** Where each log ends now: the test's own entries come after. */
async function logEnds(...bases: string[]): Promise<number[]> {
  const ends: number[] = [];
  for (const base of bases) {
    let last = 0;
    for (let page = await auditOf(base); page.length > 0; page = await auditOf(base, last)) last = page.at(-1)!.id;
    ends.push(last);
  }
  return ends;
}

describe('a subgraph reached without the gateway', () => {
  it('refuses anonymous and auditor callers who bypass the gateway, with a JSON 403 and no data', async () => {
    const registryUrl = stack.subgraphUrl('registry');
    const callers: Array<Record<string, string>> = [{}, { authorization: await bearer('AUDITOR') }, { authorization: await bearer('ORGANIZATION', { uscc: person.organizationUscc }) }];
    for (const headers of callers) {
      const answer = await post(registryUrl, query, { id }, headers);
      expect(answer.status).toBe(403);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(answer.data).toBeUndefined();
    }
  });

  it('answers JSON on every route, an unknown one or a malformed body included', async () => {
    const base = stack.subgraphUrl('contracts').replace(/\/graphql$/, '');
    const unknown = await fetch(`${base}/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    const malformed = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).not.toMatch(/<html|<pre|node_modules/i);
    const badPage = await fetch(`${base}/audit?after=abc`, { headers: { authorization: await bearer('ADMIN') } });
    expect(badPage.status).toBe(400);
    expect(await badPage.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('refuses a forged signature, and a real one moved onto other variables', async () => {
    const registryUrl = stack.subgraphUrl('registry');
    const auditor = { authorization: await bearer('AUDITOR') };
    const forged = await signedPost(registryUrl, { query, variables: { id }, extensions: { [SIGNATURE_EXTENSION]: Buffer.from('x'.repeat(32)).toString('base64') } }, auditor);
    expect(forged.status).toBe(403);
    const other = registry.officials[78]!;
    const signedForAnother = gatewaySignature(query, { id: officialPseudonym(other.idNumber) }, 'a-guessed-secret');
    const moved = await signedPost(registryUrl, { query, variables: { id }, extensions: { [SIGNATURE_EXTENSION]: signedForAnother } }, auditor);
    expect(moved.status).toBe(403);
    expect(JSON.stringify(moved)).not.toContain(person.idNumber);
  });

  it('lets the import systems\' roles in directly, and audits what leaves unmasked there', async () => {
    const registryUrl = stack.subgraphUrl('registry');
    const base = registryUrl.replace(/\/graphql$/, '');
    const gatewayBase = stack.gatewayUrl.replace(/\/graphql$/, '');
    const courtBase = stack.subgraphUrl('court-debtors').replace(/\/graphql$/, '');
    const [registryEnd, gatewayEnd, courtEnd] = await logEnds(base, gatewayBase, courtBase);
    const admin = await post(registryUrl, query, { id }, { authorization: await bearer('ADMIN') });
    expect(admin.errors).toBeUndefined();
    expect(admin.data.official).toEqual({ name: person.name, idNumber: person.idNumber, phone: person.phone });
    const entries = await auditOf(base, registryEnd);
    expect(entries.some((e) => e.callerId === 'test-admin' && e.personalFields['PublicOfficial.idNumber'] === 1 && e.personalFields['PublicOfficial.name'] === 1)).toBe(true);
    // The gateway never saw it: its own log has no such read.
    const gatewayLog = await auditOf(gatewayBase, gatewayEnd);
    expect(gatewayLog.some((e) => e.personalFields['PublicOfficial.idNumber'])).toBe(false);
    // A direct write is audited where it lands, since the gateway did not see it.
    const court = await post(stack.subgraphUrl('court-debtors'), 'mutation { importDebtorRecords(records: []) { accepted } }', {}, { authorization: await bearer('COURT') });
    expect(court.errors, JSON.stringify(court.errors)).toBeUndefined();
    expect(court.data.importDebtorRecords.accepted).toBe(0);
    const courtLog = await auditOf(courtBase, courtEnd);
    expect(courtLog.some((e) => e.callerId === 'test-court' && e.operationType === 'mutation')).toBe(true);
  });

  it('audits an unmasked read through the gateway in the gateway\'s log and in the subgraph\'s', async () => {
    const registryBase = stack.subgraphUrl('registry').replace(/\/graphql$/, '');
    const gatewayBase = stack.gatewayUrl.replace(/\/graphql$/, '');
    const [registryEnd, gatewayEnd] = await logEnds(registryBase, gatewayBase);
    const auditor = await post(stack.gatewayUrl, query, { id }, { authorization: await bearer('AUDITOR') });
    expect(auditor.data.official.idNumber).toBe(person.idNumber);
    const subgraphLog = await auditOf(registryBase, registryEnd);
    expect(subgraphLog.some((e) => e.callerId === 'test-auditor' && e.personalFields['PublicOfficial.idNumber'] === 1)).toBe(true);
    const gatewayLog = await auditOf(gatewayBase, gatewayEnd);
    expect(gatewayLog.some((e) => e.callerId === 'test-auditor' && e.personalFields['PublicOfficial.idNumber'] === 1)).toBe(true);
    // Masked answers leave no entry: PUBLIC reads are not personal-data reads.
    const before = subgraphLog.length;
    await post(stack.gatewayUrl, query, { id });
    expect((await auditOf(registryBase, registryEnd)).length).toBe(before);
  });
});
