// Registry + training + gateway as real processes: coverage from the registry's counts through
// @requires, what PUBLIC may and may not read, one `_entities` request for 100 organizations
// (counted on the wire by a proxy in front of each subgraph), and the import CLI.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { buildDemoTraining, type DemoSession } from '../../scripts/demo-data/training.js';
import { freePort, startStack, type Stack } from '../../scripts/lib/stack.js';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { idNumberCheckCharacter, officialPseudonym, regionPrefix, today } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { countingProxy, scriptCommand, startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const demo = buildDemoTraining(registry);
const sessionById = new Map(demo.sessions.map((s) => [s.id, s]));
const counts = (s: DemoSession) => s.topics.includes('INTEGRITY') || s.topics.includes('CREDIT_KNOWLEDGE');
/**
 * Officials this file adds to the registry (one test does, and the tests run in any order): the demo's
 * officials and these, with the unit each is in now, are what the registry holds.
 */
const addedOfficials = new Map<string, string>();
const allOfficials = () => [...registry.officials, ...[...addedOfficials].map(([idNumber, organizationUscc]) => ({ idNumber, organizationUscc }))];
const staffOf = (uscc: string) => allOfficials().filter((o) => o.organizationUscc === uscc);
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function trainedIn(usccs: Set<string>, year: number): Set<string> {
  return new Set(demo.attendance.filter((a) => usccs.has(a.organizationUscc) && sessionById.get(a.sessionId)!.year === year && counts(sessionById.get(a.sessionId)!)).map((a) => a.idNumber));
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 180_000);

afterAll(() => stack?.close());

describe('training through the gateway', () => {
  it('answers name, officialCount and the training summary of an organization in one query, matching a brute-force count', async () => {
    const unit = registry.organizations.find((o) => o.regionCode === '231124' && o.kind === 'GOVERNMENT_DEPARTMENT')!;
    const result = await post(stack.gatewayUrl, 'query($u: String!) { organization(uscc: $u) { name officialCount trainingSummary(year: 2026) { officialsTrained coverageRate } } }', { u: unit.uscc });
    expect(result.errors).toBeUndefined();
    const officials = staffOf(unit.uscc).length;
    const trained = trainedIn(new Set([unit.uscc]), 2026).size;
    expect(result.data.organization).toEqual({ name: unit.name, officialCount: officials, trainingSummary: { officialsTrained: trained, coverageRate: Math.min(1, round4(trained / officials)) } });
  });

  it('lets PUBLIC read regional coverage, computed from the registry\'s officials and organizations', async () => {
    for (const regionCode of ['231100', '231124']) {
      const result = await post(stack.gatewayUrl, 'query($r: String!) { trainingCoverage(regionCode: $r, year: 2026) { region { name } organizations officialCount officialsTrained coverageRate meetsTarget } }', { r: regionCode });
      expect(result.errors).toBeUndefined();
      const units = new Set(registry.organizations.filter((o) => o.regionCode.startsWith(regionPrefix(regionCode))).map((o) => o.uscc));
      const officials = allOfficials().filter((o) => units.has(o.organizationUscc)).length;
      const trained = trainedIn(units, 2026).size;
      expect(result.data.trainingCoverage).toEqual({
        region: { name: registry.regions.find((r) => r.code === regionCode)!.name },
        organizations: units.size,
        officialCount: officials,
        officialsTrained: trained,
        coverageRate: round4(trained / officials),
        meetsTarget: round4(trained / officials) >= 0.8,
      });
    }
  });

  it('follows the registry\'s officials: one added to a county unit, then moved to another county, moves both counties\' official counts within seconds', async () => {
    const count = async (code: string) => (await post(stack.gatewayUrl, `{ trainingCoverage(regionCode: "${code}", year: 2026) { officialCount } }`)).data.trainingCoverage.officialCount as number;
    const sunwu = registry.organizations.find((o) => o.regionCode === '231124' && !o.classified)!;
    const aihui = registry.organizations.find((o) => o.regionCode === '231102' && !o.classified)!;
    const [sunwuBefore, aihuiBefore] = [await count('231124'), await count('231102')];
    const admin = { authorization: await bearer('ADMIN') };
    const body = '231124198001019' + '87';
    const input = { idNumber: body + idNumberCheckCharacter(body), name: '镜像测试', phone: '13800000000', organizationUscc: sunwu.uscc, position: '科员' };
    const upsert = 'mutation($i: OfficialInput!) { upsertOfficial(input: $i) { id } }';
    expect((await post(stack.gatewayUrl, upsert, { i: input }, admin)).errors).toBeUndefined();
    addedOfficials.set(input.idNumber, sunwu.uscc);
    await expect.poll(() => count('231124'), { timeout: 15_000, interval: 100 }).toBe(sunwuBefore + 1);
    expect((await post(stack.gatewayUrl, upsert, { i: { ...input, organizationUscc: aihui.uscc } }, admin)).errors).toBeUndefined();
    addedOfficials.set(input.idNumber, aihui.uscc);
    await expect.poll(() => count('231102'), { timeout: 15_000, interval: 100 }).toBe(aihuiBefore + 1);
    // The official's old unit is named by the update's feed entry too (the registry declares both).
    await expect.poll(() => count('231124'), { timeout: 15_000, interval: 100 }).toBe(sunwuBefore);
  });

  it('answers a well-formed region code the registry does not know with an empty region, not an internal error (found by the fuzzer)', async () => {
    const result = await post(stack.gatewayUrl, '{ trainingCoverage(regionCode: "999999", year: 2021) { regionCode organizations officialCount officialsTrained officialsPassed coverageRate meetsTarget } }');
    expect(result.errors).toBeUndefined();
    expect(result.data.trainingCoverage).toEqual({ regionCode: '999999', organizations: 0, officialCount: 0, officialsTrained: 0, officialsPassed: 0, coverageRate: null, meetsTarget: null });
  });

  it('never gives PUBLIC an official\'s archive or attendance tied to a name; AUDITOR gets the archive, TRAINING the records', async () => {
    const person = registry.officials.find((o) => demo.attendance.some((a) => a.idNumber === o.idNumber) && demo.assessments.some((a) => a.idNumber === o.idNumber))!;
    const query = 'query($id: ID!) { official(id: $id) { name integrityArchive { latestResult } trainingRecords(year: 2026) { hours session { title } } } }';
    const id = officialPseudonym(person.idNumber);

    const anonymous = await post(stack.gatewayUrl, query, { id });
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(expect.arrayContaining(['UNAUTHENTICATED']));
    expect(anonymous.data.official.integrityArchive).toBeNull();
    expect(anonymous.data.official.trainingRecords).toBeNull();
    expect(anonymous.data.official.name).not.toBe(person.name);

    const session = demo.attendance.find((a) => a.idNumber === person.idNumber)!.sessionId;
    const roster = await post(stack.gatewayUrl, 'query($id: ID!) { trainingSession(id: $id) { title attendeeCount attendance(first: 100) { edges { node { official { name } } } } } }', { id: session });
    expect(roster.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(roster.data.trainingSession.attendance).toBeNull();
    expect(roster.data.trainingSession.attendeeCount).toBe(demo.attendance.filter((a) => a.sessionId === session).length);

    const audited = await post(stack.gatewayUrl, query.replace(' trainingRecords(year: 2026) { hours session { title } }', ''), { id }, { authorization: await bearer('AUDITOR') });
    expect(audited.errors).toBeUndefined();
    expect(audited.data.official).toEqual({ name: person.name, integrityArchive: { latestResult: demo.assessments.find((a) => a.idNumber === person.idNumber)!.result } });

    const trainer = await post(stack.gatewayUrl, 'query($id: ID!) { official(id: $id) { name trainingRecords(year: 2026) { hours } } }', { id }, { authorization: await bearer('TRAINING') });
    expect(trainer.errors).toBeUndefined();
    expect(trainer.data.official.name).not.toBe(person.name); // the registry masks names for TRAINING
    expect(trainer.data.official.trainingRecords).toHaveLength(demo.attendance.filter((a) => a.idNumber === person.idNumber && sessionById.get(a.sessionId)!.year === 2026).length);
  });
});

describe('one _entities request for 100 organizations', () => {
  let gateway: Stack;
  let registryProxy: Awaited<ReturnType<typeof countingProxy>>;
  let trainingProxy: Awaited<ReturnType<typeof countingProxy>>;
  const gatewayDataDir = mkdtempSync(join(tmpdir(), 'credit-e2e-gateway-'));

  beforeAll(async () => {
    registryProxy = await countingProxy(stack.subgraphUrl('registry'));
    trainingProxy = await countingProxy(stack.subgraphUrl('training'));
    // A second gateway process, exactly as `npm start` runs it, whose subgraph URLs are the proxies.
    gateway = await startStack({
      subgraphs: [],
      gatewayPort: await freePort(),
      env: { NODE_ENV: 'test', CREDIT_DATA_DIR: gatewayDataDir, CREDIT_SUBGRAPH_URL_REGISTRY: registryProxy.url, CREDIT_SUBGRAPH_URL_TRAINING: trainingProxy.url },
    });
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    await registryProxy?.close();
    await trainingProxy?.close();
    rmSync(gatewayDataDir, { recursive: true, force: true });
  });

  it('sends one request to the registry and one to training, with correct rates for every organization', async () => {
    registryProxy.posts = 0;
    trainingProxy.posts = 0;
    const result = await post(gateway.gatewayUrl, '{ organizations(first: 100, filter: { regionCode: "231124" }) { edges { node { uscc officialCount trainingSummary(year: 2026) { officialsTrained coverageRate } } } } }');
    expect(result.errors).toBeUndefined();
    const nodes = result.data.organizations.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(100);
    expect(registryProxy.posts).toBe(1);
    expect(trainingProxy.posts).toBe(1);
    for (const node of nodes) {
      const officials = staffOf(node.uscc).length;
      const trained = trainedIn(new Set([node.uscc]), 2026).size;
      expect(node.officialCount).toBe(officials);
      expect(node.trainingSummary).toEqual({ officialsTrained: trained, coverageRate: officials === 0 ? null : Math.min(1, round4(trained / officials)) });
    }
  });
});

describe('npm run import:training', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'credit-import-training-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function importFile(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [...scriptCommand('scripts/import-training.ts'), file, '--url', stack.gatewayUrl, '--token', (await bearer('TRAINING')).slice(7)], { cwd: ROOT });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('imports a CSV through the gateway, reporting bad rows by number, and the summary counts the new attendance', async () => {
    // Attendance at a 2025 session: the tests above check the demo's 2026 figures, which this
    // import leaves as they are, whichever test runs first.
    const year = 2025;
    const session = demo.sessions.find((s) => s.year === year && counts(s) && !s.cancelledAt && s.date <= today())!;
    const unit = registry.organizations.find((o) => staffOf(o.uscc).length >= 3 && staffOf(o.uscc).some((p) => !trainedIn(new Set([o.uscc]), year).has(p.idNumber)))!;
    const person = staffOf(unit.uscc).find((p) => !trainedIn(new Set([unit.uscc]), year).has(p.idNumber))!;
    const wrongCheck = person.idNumber.slice(0, 17) + (idNumberCheckCharacter(person.idNumber.slice(0, 17)) === '0' ? '1' : '0');
    const summary = `query($u: String!) { organization(uscc: $u) { trainingSummary(year: ${year}) { officialsTrained } } }`;
    const before = (await post(stack.gatewayUrl, summary, { u: unit.uscc })).data.organization.trainingSummary.officialsTrained;

    const file = join(dir, 'attendance.csv');
    writeFileSync(file, [
      'idNumber,sessionId,organizationUscc,hours,passed,score',
      `${person.idNumber},${session.id},${unit.uscc},,是,`,
      `${wrongCheck},${session.id},${unit.uscc},,是,`,
      `${person.idNumber},00000000-0000-4000-a000-000000000000,${unit.uscc},1,否,55`,
    ].join('\n'));
    const first = await importFile(file);
    expect(first.code).toBe(3);
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1)!)).toMatchObject({ rows: 3, accepted: 1, rejected: 2 });
    expect(first.stderr).toMatch(/row 2 \[idNumber\] BAD_USER_INPUT: .*校验位/);
    expect(first.stderr).toMatch(/row 3 \[sessionId\] NOT_FOUND/);
    expect(first.stderr + first.stdout).not.toContain(wrongCheck);
    expect((await post(stack.gatewayUrl, summary, { u: unit.uscc })).data.organization.trainingSummary.officialsTrained).toBe(before + 1);

    const again = await importFile(file);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ accepted: 0, unchanged: 1, rejected: 2 });

    const malformed = join(dir, 'malformed.csv');
    writeFileSync(malformed, `idNumber,sessionId,organizationUscc,hours,passed,score\n${person.idNumber},${session.id},${unit.uscc},two,maybe,\n`);
    const refused = await importFile(malformed);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('row 1 [hours]');
    expect(refused.stderr).toContain('row 1 [passed]');
  });
});
