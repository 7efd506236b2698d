// The schema registry's CLI against a running federation: `schema:check --gateway` validates a
// proposed subgraph against the operations the gateway recorded clients running (GET /usage) and
// the safelist; `schema:publish` and `schema:rollback` replace the supergraph the running gateway
// watches while 16 connections query it, and no request fails.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SCHEMA_DIR } from '../../scripts/lib/subgraphs.js';
import { bearer, post } from '../helpers.js';
import { scriptCommand, startTestStack, type TestStack } from './test-stack.js';

const schemaDir = mkdtempSync(join(tmpdir(), 'credit-schema-e2e-'));
const courtSdl = readFileSync(join(SCHEMA_DIR, 'court-debtors.graphql'), 'utf8');
/** DebtorRecord.court (the province line after it makes it unique: PendingDebtorCase has a court too). */
const COURT_FIELD = '  """执行法院 (executing court)"""\n  court: String!\n\n  """省份';
const withoutCourt = join(schemaDir, 'proposed-without-court.graphql.txt');
const withAddition = join(schemaDir, 'proposed-with-court-code.graphql.txt');
let stack: TestStack;
let admin: string;

beforeAll(async () => {
  cpSync(SCHEMA_DIR, schemaDir, { recursive: true, filter: (source) => !source.includes('.history') });
  writeFileSync(withoutCourt, courtSdl.replace(COURT_FIELD, '  """省份'));
  writeFileSync(withAddition, courtSdl.replace(COURT_FIELD, '  """执行法院代码 (court code)"""\n  courtCode: String\n\n' + COURT_FIELD));
  expect(readFileSync(withoutCourt, 'utf8')).not.toBe(courtSdl);
  expect(readFileSync(withAddition, 'utf8')).toContain('courtCode: String');
  // 16 connections without a token: the rate budgets out of the way (what is measured is the switch)
  stack = await startTestStack({ CREDIT_SUPERGRAPH: join(schemaDir, 'supergraph.graphql'), CREDIT_USAGE_FLUSH_MS: '500', CREDIT_RATE_LIMIT_PUBLIC: '10000000', CREDIT_RATE_LIMIT_CALLER: '10000000' });
  admin = await bearer('ADMIN');
}, 300_000);

afterAll(async () => {
  await stack?.close();
  rmSync(schemaDir, { recursive: true, force: true });
});

const schemaCli = (...args: string[]) =>
  promisify(execFile)(process.execPath, [...scriptCommand('scripts/schema.ts'), ...args, '--config', join(schemaDir, 'supergraph.yaml')], {
    cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', CREDIT_TOKEN: admin.slice(7) },
  }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (failed: { code: number; stdout: string; stderr: string }) => ({ code: failed.code, stdout: failed.stdout, stderr: failed.stderr }),
  );

const debtorRecordFields = async () => {
  const answer = await post(stack.gatewayUrl, '{ __type(name: "DebtorRecord") { fields { name } } }');
  if (!answer.data) throw new Error(`introspection refused: ${answer.status} ${JSON.stringify(answer.errors)}`);
  return (answer.data.__type.fields as Array<{ name: string }>).map((f) => f.name);
};

describe('npm run schema:check against a running gateway', () => {
  it('fails a subgraph that removes a field, naming the portal\'s operations and the operation a client ran', async () => {
    // an auditor's tool, named by its header, runs a query no safelisted operation has
    const toolQuery = 'query WorkbenchCourts { debtorRecords(first: 3) { edges { node { caseNumber court } } } }';
    const ran = await post(stack.gatewayUrl, toolQuery, {}, { authorization: await bearer('AUDITOR'), 'apollographql-client-name': 'audit-workbench' });
    expect(ran.errors).toBeUndefined();

    const base = stack.gatewayUrl.replace(/\/graphql$/, '');
    const failed = await schemaCli('check', '--subgraph', 'court-debtors', '--sdl', withoutCourt, '--gateway', base, '--json');
    expect(failed.code, failed.stdout.slice(0, 3000) + failed.stderr).toBe(1);
    const report = JSON.parse(failed.stdout);
    expect(report.passed).toBe(false);
    const broken = report.operations.broken.map((b: any) => `${b.client}/${b.name}`);
    expect(broken).toEqual(expect.arrayContaining(['portal/PortalCourtList', 'audit-workbench/WorkbenchCourts']));
    expect(report.operations.broken.find((b: any) => b.name === 'WorkbenchCourts').count).toBeGreaterThanOrEqual(1);

    const passed = await schemaCli('check', '--subgraph', 'court-debtors', '--sdl', withAddition, '--gateway', base);
    expect(passed.code, passed.stdout + passed.stderr).toBe(0);
    expect(passed.stdout).toContain('结果：通过 (result: passed)');
  }, 120_000);
});

describe('npm run schema:publish and schema:rollback under load', () => {
  it('switch the running gateway\'s supergraph with 16 connections querying, and no request fails', async () => {
    expect(await debtorRecordFields()).not.toContain('courtCode');
    let failedBodies = 0;
    let finished!: (result: autocannon.Result) => void;
    const done = new Promise<autocannon.Result>((resolve) => (finished = resolve));
    const load = autocannon({
      url: stack.gatewayUrl,
      connections: 16,
      duration: 600, // stopped below, once both switches are done
      requests: [{
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ debtorRecords(first: 5) { totalCount edges { node { caseNumber court organization: debtor { name } } } } }' }),
        onResponse: (status: number, body: string) => {
          if (status !== 200 || body.includes('"errors"')) failedBodies++;
        },
      }],
    }, (_error, result) => finished(result));
    const reloads = () => stack.logs.filter((l) => l.includes('supergraph reloaded')).length;
    const waitFor = async (predicate: () => boolean | Promise<boolean>) => {
      while (!(await predicate())) await new Promise((r) => setTimeout(r, 100));
    };
    try {
      await new Promise((r) => setTimeout(r, 1_500));
      const published = await schemaCli('publish', '--subgraph', 'court-debtors', '--sdl', withAddition, '--no-usage');
      expect(published.code, published.stdout + published.stderr).toBe(0);
      expect(published.stdout).toMatch(/已发布版本 \S+/);
      await waitFor(() => reloads() >= 1);
      await waitFor(async () => (await debtorRecordFields()).includes('courtCode'));
      await new Promise((r) => setTimeout(r, 1_000));

      const rolledBack = await schemaCli('rollback');
      expect(rolledBack.code, rolledBack.stdout + rolledBack.stderr).toBe(0);
      await waitFor(() => reloads() >= 2);
      await waitFor(async () => !(await debtorRecordFields()).includes('courtCode'));
      await new Promise((r) => setTimeout(r, 1_000));
    } finally {
      load.stop();
    }
    const result = await done;
    expect(result.requests.total).toBeGreaterThan(100);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
    expect(failedBodies).toBe(0);
    expect(readFileSync(join(schemaDir, 'supergraph.graphql'), 'utf8')).toBe(readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8'));
    const listed = await schemaCli('rollback', '--list');
    expect(listed.stdout.split('\n').filter((l) => /initial|publish/.test(l))).toHaveLength(2);
  }, 240_000);
});
