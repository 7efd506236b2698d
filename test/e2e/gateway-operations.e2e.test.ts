// The gateway's guards against real subgraph processes: audit log, partial results when a
// subgraph dies and recovery when it returns, readiness, and supergraph hot reload under load.
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCommitments } from '../../scripts/demo-data/commitments.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { SUPERGRAPH_FILE } from '../../scripts/lib/subgraphs.js';
import { officialPseudonym } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const commitments = buildDemoCommitments(registry);
const supergraphCopy = join(tmpdir(), `credit-supergraph-${process.pid}.graphql`);
let stack: TestStack;
let base: string;

beforeAll(async () => {
  copyFileSync(SUPERGRAPH_FILE, supergraphCopy);
  stack = await startTestStack({ CREDIT_SUPERGRAPH: supergraphCopy, CREDIT_LOG_REQUESTS: '1' });
  base = stack.gatewayUrl.replace(/\/graphql$/, '');
}, 120_000);

afterAll(async () => {
  await stack?.close();
  rmSync(supergraphCopy, { force: true });
});

async function auditEntries(after = 0): Promise<any[]> {
  const response = await fetch(`${base}/audit?after=${after}&limit=500`, { headers: { authorization: await bearer('ADMIN') } });
  return ((await response.json()) as { entries: any[] }).entries;
}

describe('audit log', () => {
  it('records each personal read by an auditor and each write, never a masked public read', async () => {
    const before = (await auditEntries()).at(-1)?.id ?? 0;
    const person = registry.officials[7]!;
    const query = 'query Official($id: ID!) { official(id: $id) { name idNumber phone position } }';
    await post(stack.gatewayUrl, query, { id: officialPseudonym(person.idNumber) }); // PUBLIC: masked, not audited
    await post(stack.gatewayUrl, query, { id: officialPseudonym(person.idNumber) }, { authorization: await bearer('AUDITOR') });
    const unit = commitments.letters.find((l) => l.status === 'PUBLISHED')!;
    await post(stack.gatewayUrl, 'mutation File($i: ComplaintInput!) { fileCommitmentComplaint(input: $i) { id } }', {
      i: { organizationUscc: unit.organizationUscc, channel: 'WEBSITE', content: '测试', contact: '13912345678', complainantName: '张三' },
    });

    const entries = await auditEntries(before);
    expect(entries).toHaveLength(2);
    const [read, write] = entries;
    expect(read).toMatchObject({ callerId: 'test-auditor', operationType: 'query', operationName: 'Official', outcome: 'ok' });
    expect(read.personalFields).toEqual({ 'PublicOfficial.name': 1, 'PublicOfficial.idNumber': 1, 'PublicOfficial.phone': 1 });
    expect(read.queryHash).toMatch(/^[0-9a-f]{64}$/);
    expect(write).toMatchObject({ callerId: 'anonymous', operationType: 'mutation', operationName: 'File' });
    expect(JSON.stringify(write.variables)).not.toContain('13912345678');
    expect(JSON.stringify(write.variables)).not.toContain('张三');
    expect(JSON.stringify(entries)).not.toContain(person.idNumber);

    // The log is a file of its own: a gateway restart keeps it.
    await stack.kill('gateway');
    await stack.restart('gateway');
    expect((await auditEntries(before)).map((e) => e.id)).toEqual(entries.map((e) => e.id));
  });
});

describe('request ids', () => {
  it('follows a request from the gateway into each subgraph\'s structured log', async () => {
    const letter = commitments.letters.find((l) => l.status === 'PUBLISHED')!;
    await post(stack.gatewayUrl, 'query($u: String!) { organization(uscc: $u) { name commitmentLetters { id } } }', { u: letter.organizationUscc }, { 'x-request-id': 'trace-me-42' });
    // Logs are buffered and flushed within a quarter of a second.
    const traced = () => stack.logs.filter((l) => l.includes('trace-me-42'));
    for (let waited = 0; waited < 3_000 && traced().length < 3; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const lines = traced();
    for (const process of ['gateway', 'registry', 'commitments']) {
      const line = lines.find((l) => l.startsWith(`[${process}] `));
      expect(line, process).toBeDefined();
      expect(JSON.parse(line!.slice(process.length + 3))).toMatchObject({ level: 'info', msg: 'request', requestId: 'trace-me-42' });
    }
  });
});

describe('a subgraph down', () => {
  it('returns what the others know with SUBGRAPH_UNAVAILABLE naming it, and recovers without a gateway restart', async () => {
    const letter = commitments.letters.find((l) => l.year === 2026 && l.status === 'PUBLISHED')!;
    const query = 'query($u: String!) { organization(uscc: $u) { name commitmentLetters(year: 2026) { letterNumber } } }';
    const whole = await post(stack.gatewayUrl, query, { u: letter.organizationUscc });
    expect(whole.errors).toBeUndefined();
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    await stack.kill('commitments');
    const partial = await post(stack.gatewayUrl, query, { u: letter.organizationUscc });
    expect(partial.data.organization.name).toBe(whole.data.organization.name);
    expect(partial.data.organization.commitmentLetters).toBeNull();
    expect(partial.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'commitments' });
    expect(partial.errors?.[0]?.message).toContain('commitments');
    expect((await fetch(`${base}/readyz`)).status).toBe(503);

    await stack.restart('commitments');
    const again = await post(stack.gatewayUrl, query, { u: letter.organizationUscc });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(whole.data);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});

describe('supergraph hot reload', () => {
  it('switches without failing a request under load, and refuses an invalid supergraph', async () => {
    const original = readFileSync(supergraphCopy, 'utf8');
    const query = '{ organizations(first: 5) { totalCount edges { node { name region { name } } } } }';
    let failures = 0;
    let done = 0;
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const result = await post(stack.gatewayUrl, query).catch(() => null);
        if (!result || result.status !== 200 || result.errors) failures++;
        done++;
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    // Waits for the event, however long a loaded machine takes (it gave up after 5 s, and a CI run
    // at a load of 14 then failed the assertions below); the test's own limit bounds the wait.
    const waitFor = async (predicate: () => boolean) => {
      while (!predicate()) await new Promise((r) => setTimeout(r, 25));
    };
    await waitFor(() => done > 30);
    // A new, valid supergraph: the same with a description changed.
    writeFileSync(supergraphCopy, original.replace('"""单位主体 (an organization judged for government integrity)"""', '"""单位主体 (an organization judged for government integrity; reloaded)"""'));
    const reloadedAt = done;
    await waitFor(() => stack.logs.some((l) => l.includes('supergraph reloaded')) && done > reloadedAt + 60);
    writeFileSync(supergraphCopy, 'this is not a supergraph');
    const refusedAt = done;
    await waitFor(() => stack.logs.some((l) => l.includes('supergraph refused')) && done > refusedAt + 60);
    stop = true;
    await Promise.all(workers);
    writeFileSync(supergraphCopy, original);

    expect(stack.logs.some((l) => l.includes('supergraph reloaded'))).toBe(true);
    expect(stack.logs.some((l) => l.includes('supergraph refused'))).toBe(true);
    expect(done).toBeGreaterThan(150);
    expect(failures).toBe(0);
    const description = await post(stack.gatewayUrl, '{ __type(name: "Organization") { description } }');
    expect(description.data.__type.description).toContain('reloaded');
  }, 180_000);
});
