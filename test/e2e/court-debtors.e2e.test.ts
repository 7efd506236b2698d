// Registry + court-debtors + gateway as real processes: the court list joined with the
// registry, push coverage and reconciliation, and the import CLI through the gateway.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCourtDebtors } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { regionPrefix } from '../../subgraphs/kit/index.js';
import { onList, pushCoverageOf, statusOf, unmatchedOf } from '../court-debtors/demo-truth.js';
import { bearer, post } from '../helpers.js';
import { scriptCommand, sharedTestStack, type ReadOnlyStack } from './test-stack.js';

const registry = buildDemoRegistry();
const demo = buildDemoCourtDebtors(registry);
let stack: ReadOnlyStack;

beforeAll(async () => {
  stack = await sharedTestStack();
}, 120_000);

afterAll(() => stack?.close());

describe('court-debtors through the gateway', () => {
  it('returns an organization\'s debtor records and its registry name in one query', async () => {
    const record = demo.records.find((r) => r.registered && statusOf(r) === 'ACTIVE' && demo.records.filter((o) => o.row.cardNum === r.row.cardNum).length > 1)!;
    const org = registry.organizations.find((o) => o.uscc === record.row.cardNum)!;
    const result = await post(stack.gatewayUrl, 'query($u: String!) { organization(uscc: $u) { name region { name } debtorRecords { caseNumber court status } debtorSummary { activeRecords activeCaseNumbers } } }', { u: org.uscc });
    expect(result.errors).toBeUndefined();
    const own = demo.records.filter((r) => r.row.cardNum === org.uscc && onList(r));
    expect(result.data.organization.name).toBe(org.name);
    expect(result.data.organization.region.name).toBe(registry.regions.find((r) => r.code === org.regionCode)!.name);
    expect(result.data.organization.debtorRecords.map((r: any) => r.caseNumber).sort()).toEqual(own.map((r) => r.row.caseCode).sort());
    expect(result.data.organization.debtorSummary.activeCaseNumbers).toEqual(own.filter((r) => statusOf(r) === 'ACTIVE').map((r) => r.row.caseCode).sort());
  });

  it('names the debtor from the registry, and leaves it null for a debtor the registry does not know', async () => {
    const query = 'query($c: String!) { debtorRecord(caseNumber: $c) { debtorName debtorType debtor { name kind } } }';
    const known = demo.records.find((r) => r.registered && onList(r))!;
    const read = await post(stack.gatewayUrl, query, { c: known.row.caseCode });
    expect(read.errors).toBeUndefined();
    expect(read.data.debtorRecord.debtor.name).toBe(registry.organizations.find((o) => o.uscc === known.row.cardNum)!.name);
    const unknown = demo.records.find((r) => !r.registered && onList(r))!;
    const unread = await post(stack.gatewayUrl, query, { c: unknown.row.caseCode });
    expect(unread.errors).toBeUndefined();
    expect(unread.data.debtorRecord).toEqual({ debtorName: unknown.row.iname, debtorType: expect.any(String), debtor: null });
  });

  it('computes pushCoverage equal to a brute-force count', async () => {
    for (const regionCode of ['231100', '231102', '231124', '231182']) {
      const result = await post(stack.gatewayUrl, 'query($r: String!) { pushCoverage(regionCode: $r) { region { name } listedBodies pushedBodies meetsTarget unpushedBodies { uscc organization { name } } } }', { r: regionCode });
      expect(result.errors).toBeUndefined();
      // Listed government bodies and the listed bodies the registry knows as SOEs (seed 001 table row 2).
      const { listed, pushed } = pushCoverageOf(demo, regionCode, new Set(registry.organizations.filter((o) => o.kind === 'STATE_OWNED_ENTERPRISE').map((o) => o.uscc)));
      const report = result.data.pushCoverage;
      expect(report.region.name).toBe(registry.regions.find((r) => r.code === regionCode)!.name);
      expect(report).toMatchObject({ listedBodies: listed.length, pushedBodies: pushed.length, meetsTarget: pushed.length === listed.length });
      for (const body of report.unpushedBodies) {
        expect(body.organization?.name ?? null).toBe(registry.organizations.find((o) => o.uscc === body.uscc)?.name ?? null);
      }
    }
  });

  it('reconciles the court list with the registry through @requires', async () => {
    const query = 'query($r: String!) { debtorReconciliation(regionCode: $r) { region { name } listedDebtors matchedDebtors unmatchedCount unmatchedDebtors(first: 50) { edges { node { uscc name } } } } }';
    expect((await post(stack.gatewayUrl, query, { r: '231100' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const auditor = { authorization: await bearer('AUDITOR') };
    for (const regionCode of ['231100', '231124']) {
      const result = await post(stack.gatewayUrl, query, { r: regionCode }, auditor);
      expect(result.errors).toBeUndefined();
      const organizationUsccs = registry.organizations.filter((o) => o.regionCode.startsWith(regionPrefix(regionCode))).map((o) => o.uscc);
      const { debtors, unmatched } = unmatchedOf(demo, regionCode, organizationUsccs);
      expect(unmatched.length).toBeGreaterThan(0);
      const report = result.data.debtorReconciliation;
      expect(report).toMatchObject({ listedDebtors: debtors.length, matchedDebtors: debtors.length - unmatched.length, unmatchedCount: unmatched.length });
      expect(report.unmatchedDebtors.edges.map((e: any) => e.node.uscc)).toEqual(unmatched);
    }
  });

  it('imports the sample export through the gateway with the CLI: every row already there is unchanged', async () => {
    const child = spawn(process.execPath, [...scriptCommand('scripts/import-court.ts'), join(ROOT, 'test/fixtures/court-debtors/court-export.csv'), '--url', stack.gatewayUrl, '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ rows: demo.records.length, accepted: 0, updated: 0, unchanged: demo.records.length, rejected: 0 });
  });
});
