// The dishonesty-records subgraph in the federation, over HTTP through the gateway (issue 16,
// phase 1): a county bureau's administrative penalty, sent by the department that decided it,
// on the bureau's public profile; sent again, nothing changes; a department cannot send a
// decision under another authority's USCC; an official's disciplinary record masked for PUBLIC,
// full for AUDITOR and PERSONNEL, and those reads audited by the gateway and by the subgraph;
// the import CLI with a JSON and a CSV file. Phase 2: a penalty's sanctions on the public profile,
// suspended by an objection, restored by its rejection, lifted by an approved repair, and the
// bureau's score following each step.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoDishonesty } from '../../scripts/demo-data/dishonesty-records.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { idNumberCheckCharacter, maskPersonName, officialPseudonym, signToken, today } from '../../subgraphs/kit/index.js';
import { bearer, daysFromToday, post } from '../helpers.js';
import { scriptCommand, startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const demo = buildDemoDishonesty(registry);
const unit = (name: string) => registry.organizations.find((o) => o.name === name)!;
const BUREAU = unit('孙吴县统计局');
const MARKET = unit('孙吴县市场监督管理局');
const DISCIPLINE = unit('中共孙吴县纪律检查委员会');

const IMPORT = 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted updated unchanged rejected errors { row field code rule message } } }';
const PROFILE = 'query($u: String!) { organization(uscc: $u) { name dishonestyRecords { totalCount edges { node { kind documentNumber decisionDate sanctionEndDate inTerm publication authority { name } } } } } }';

const penalty = {
  kind: 'ADMINISTRATIVE_PENALTY', organizationUscc: BUREAU.uscc, organizationName: BUREAU.name, authorityUscc: MARKET.uscc, authorityName: MARKET.name,
  documentNumber: '孙市监处〔2026〕57号', decisionDate: '2026-11-02', facts: '统计调查中违规收取企业填报服务费共计8,000元。',
  legalBasis: '《中华人民共和国价格法》第三十九条', severity: 'GENERAL', sanctionTermMonths: '12', publishedAt: '2026-11-09',
};

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 180_000);

afterAll(() => stack?.close());

/** An import through the gateway; the subgraph's copy of the registry may still be catching up just after start. */
async function send(rows: unknown[], authorization: string) {
  for (let attempt = 0; ; attempt++) {
    const result = await post(stack.gatewayUrl, IMPORT, { r: rows }, { authorization });
    if (result.errors?.[0]?.extensions?.code !== 'SUBGRAPH_UNAVAILABLE' || attempt === 50) return result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function auditAfter(base: string, after: number): Promise<Array<{ id: number; callerId: string; personalFields: Record<string, number> }>> {
  const response = await fetch(`${base}/audit?after=${after}&limit=500`, { headers: { authorization: await bearer('ADMIN') } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: any[] }).entries;
}

async function auditEnd(base: string): Promise<number> {
  let last = 0;
  for (let page = await auditAfter(base, 0); page.length > 0; page = await auditAfter(base, last)) last = page.at(-1)!.id;
  return last;
}

describe('an administrative penalty, sent by the department that decided it', () => {
  it('appears on the bureau\'s public profile; sent again it changes nothing', async () => {
    const market = await bearer('ORGANIZATION', { uscc: MARKET.uscc });
    const first = await send([penalty], market);
    expect(first.errors).toBeUndefined();
    expect(first.data.importDishonestyRecords).toMatchObject({ accepted: 1, updated: 0, unchanged: 0, rejected: 0 });
    const expected = {
      kind: 'ADMINISTRATIVE_PENALTY', documentNumber: '孙市监处〔2026〕57号', decisionDate: '2026-11-02', sanctionEndDate: '2027-11-02', inTerm: today() <= '2027-11-02', // the suite runs on any day of 2027 too
      publication: 'PUBLISHED', authority: { name: MARKET.name },
    };
    // Anonymous answers are cached; the gateway purges them when the subgraph's feed names the bureau.
    await expect.poll(async () => (await post(stack.gatewayUrl, PROFILE, { u: BUREAU.uscc })).data?.organization?.dishonestyRecords?.edges.map((e: any) => e.node), { timeout: 15_000, interval: 200 }).toContainEqual(expected);
    const profile = await post(stack.gatewayUrl, PROFILE, { u: BUREAU.uscc });
    expect(profile.data.organization.name).toBe(BUREAU.name);

    const again = await send([{ ...penalty, documentNumber: '孙市监处[2026]57号', kind: '行政处罚' }], market);
    expect(again.data.importDishonestyRecords).toMatchObject({ accepted: 0, updated: 0, unchanged: 1, rejected: 0 });
    // One record of the decision, whatever other tests of this file have sent about the bureau.
    const onBureau = await post(stack.gatewayUrl, 'query($f: DishonestyRecordFilter) { dishonestyRecords(filter: $f, first: 100) { edges { node { documentNumber } } } }', { f: { organizationUscc: BUREAU.uscc } }, { authorization: await bearer('AUDITOR') });
    expect(onBureau.data.dishonestyRecords.edges.filter((e: any) => e.node.documentNumber === '孙市监处〔2026〕57号')).toHaveLength(1);
  });

  it('a department cannot send a decision under another authority\'s USCC, nor another kind; nothing is written', async () => {
    const bureau = await bearer('ORGANIZATION', { uscc: BUREAU.uscc });
    const forged = { ...penalty, organizationUscc: MARKET.uscc, organizationName: MARKET.name, documentNumber: '孙市监处〔2026〕58号' };
    const result = await send([forged, { ...forged, kind: 'DISCIPLINARY_SANCTION', authorityUscc: BUREAU.uscc, authorityName: BUREAU.name, documentNumber: '孙统〔2026〕1号' }], bureau);
    expect(result.errors).toBeUndefined();
    expect(result.data.importDishonestyRecords.errors.map((e: any) => [e.row, e.field, e.code, e.rule])).toEqual([
      [1, 'authorityUscc', 'FORBIDDEN', 'OWN_AUTHORITY'], [2, 'kind', 'FORBIDDEN', 'KIND_NOT_ALLOWED'],
    ]);
    const on = await post(stack.gatewayUrl, 'query($f: DishonestyRecordFilter) { dishonestyRecords(filter: $f) { totalCount } }', { f: { organizationUscc: MARKET.uscc } }, { authorization: await bearer('AUDITOR') });
    expect(on.data.dishonestyRecords.totalCount).toBe(0);
    // A decision of the market regulator's own, sent again by the bureau it penalized with softer facts: refused, unchanged.
    const own = { ...penalty, documentNumber: '孙市监处〔2026〕59号' };
    expect((await send([own], await bearer('ORGANIZATION', { uscc: MARKET.uscc }))).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    const rewritten = await send([{ ...own, facts: '无违规收费。', severity: 'MINOR' }], bureau);
    expect(rewritten.data.importDishonestyRecords.errors.map((e: any) => [e.row, e.code, e.rule])).toEqual([[1, 'FORBIDDEN', 'OWN_AUTHORITY']]);
    const kept = await post(stack.gatewayUrl, 'query($f: DishonestyRecordFilter) { dishonestyRecords(filter: $f, first: 100) { edges { node { documentNumber facts severity } } } }', { f: { organizationUscc: BUREAU.uscc } }, { authorization: await bearer('AUDITOR') });
    expect(kept.data.dishonestyRecords.edges.map((e: any) => e.node).filter((n: any) => n.documentNumber === own.documentNumber)).toEqual([{ documentNumber: own.documentNumber, facts: penalty.facts, severity: 'GENERAL' }]);
    // Other roles are refused the import outright.
    for (const role of ['FINANCE', 'TRAINING'] as const) {
      expect((await send([penalty], await bearer(role))).errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
  });
});

describe('an official\'s disciplinary record', () => {
  const record = demo.records.find((r) => r.row.kind === 'DISCIPLINARY_SANCTION' && r.row.organizationUscc.slice(2, 8) === '231124')!;
  const official = registry.officials.find((o) => o.idNumber === record.row.idNumber)!;
  const query = 'query($id: ID!) { dishonestyRecord(id: $id) { kind documentNumber officialName official { id name } organization { name } } }';

  it('carries no name for PUBLIC (no pseudonym either), the full name for AUDITOR and PERSONNEL, and those reads are audited', async () => {
    const gatewayBase = stack.gatewayUrl.replace(/\/graphql$/, '');
    const subgraphBase = stack.subgraphUrl('dishonesty-records').replace(/\/graphql$/, '');
    const [gatewayBefore, subgraphBefore] = [await auditEnd(gatewayBase), await auditEnd(subgraphBase)];

    const pub = await post(stack.gatewayUrl, query, { id: record.id });
    expect(pub.errors).toBeUndefined();
    // The record is published as its unit's (seed 002 §四(二)2); the person is named to the full readers only (B2).
    expect(pub.data.dishonestyRecord).toEqual({
      kind: 'DISCIPLINARY_SANCTION', documentNumber: record.row.documentNumber, officialName: null, official: null, organization: { name: record.row.organizationName },
    });
    expect(JSON.stringify(pub)).not.toContain(official.name);
    expect(JSON.stringify(pub)).not.toContain(maskPersonName(official.name));
    expect(JSON.stringify(pub)).not.toContain(officialPseudonym(official.idNumber));

    for (const role of ['AUDITOR', 'PERSONNEL'] as const) {
      const full = await post(stack.gatewayUrl, query, { id: record.id }, { authorization: await bearer(role) });
      expect(full.errors, role).toBeUndefined();
      expect(full.data.dishonestyRecord.officialName, role).toBe(official.name);
      expect(full.data.dishonestyRecord.official.id, role).toBe(officialPseudonym(official.idNumber));
    }
    // The registry masks the official's own name for PERSONNEL; AUDITOR reads it in full.
    const auditor = await post(stack.gatewayUrl, query, { id: record.id }, { authorization: await bearer('AUDITOR') });
    expect(auditor.data.dishonestyRecord.official.name).toBe(official.name);

    const audited = (entries: Array<{ callerId: string; personalFields: Record<string, number> }>, caller: string) =>
      // The name, and the pseudonym (tagged personal too: its reads are audited even without the name).
      entries.some((e) => e.callerId === caller && (e.personalFields['DishonestyRecord.officialName'] ?? 0) >= 1 && (e.personalFields['DishonestyRecord.official'] ?? 0) >= 1);
    const subgraphLog = await auditAfter(subgraphBase, subgraphBefore);
    const gatewayLog = await auditAfter(gatewayBase, gatewayBefore);
    for (const caller of ['test-auditor', 'test-personnel']) {
      expect(audited(subgraphLog, caller), `subgraph log, ${caller}`).toBe(true);
      expect(audited(gatewayLog, caller), `gateway log, ${caller}`).toBe(true);
    }
    // The anonymous read saw masked values only: no entry.
    expect([...subgraphLog, ...gatewayLog].some((e) => e.callerId === 'anonymous')).toBe(false);
  });

  it('is sent by PERSONNEL for an official of the roster; a number not on the unit\'s roster gets the one answer', async () => {
    const staff = registry.officials.find((o) => o.organizationUscc === BUREAU.uscc)!;
    const personnel = await bearer('PERSONNEL');
    const sanction = {
      kind: 'DISCIPLINARY_SANCTION', organizationUscc: BUREAU.uscc, organizationName: BUREAU.name, idNumber: staff.idNumber, officialName: staff.name,
      authorityUscc: DISCIPLINE.uscc, authorityName: DISCIPLINE.name, documentNumber: '孙纪处〔2026〕40号', decisionDate: '2026-11-10',
      facts: '统计数据造假，给予党内严重警告处分。', legalBasis: '《中国共产党纪律处分条例》第一百三十二条', severity: 'SERIOUS', sanctionTermMonths: '18',
    };
    const body = '23112419750505123';
    const stranger = body + idNumberCheckCharacter(body);
    const gatewayBase = stack.gatewayUrl.replace(/\/graphql$/, '');
    const auditedBefore = await auditEnd(gatewayBase);
    const result = await send([sanction, { ...sanction, idNumber: stranger, documentNumber: '孙纪处〔2026〕41号' }], personnel);
    expect(result.errors).toBeUndefined();
    expect(result.data.importDishonestyRecords).toMatchObject({ accepted: 1, rejected: 1, errors: [{ row: 2, field: 'idNumber', rule: 'NOT_REGISTERED' }] });
    // The gateway's audit entry of the write keeps neither the name nor the ID number (input fields tagged personal; security review 2026-12-01).
    const write = (await auditAfter(gatewayBase, auditedBefore)).find((e: any) => e.callerId === 'test-personnel' && e.operationType === 'mutation') as any;
    expect(write.variables.r[0]).toMatchObject({ officialName: '[REDACTED]', idNumber: '[REDACTED]', documentNumber: '孙纪处〔2026〕40号' });
    expect(JSON.stringify(write.variables)).not.toContain(staff.name);
    const mine = await post(stack.gatewayUrl, 'query($id: ID!) { official(id: $id) { dishonestyRecords { documentNumber officialName sanctionEndDate } } }', { id: officialPseudonym(staff.idNumber) }, { authorization: personnel });
    expect(mine.data.official.dishonestyRecords).toEqual([{ documentNumber: '孙纪处〔2026〕40号', officialName: staff.name, sanctionEndDate: '2028-05-10' }]);
    // PUBLIC may not list an official's records by pseudonym.
    const pub = await post(stack.gatewayUrl, 'query($id: ID!) { official(id: $id) { dishonestyRecords { documentNumber } } }', { id: officialPseudonym(staff.idNumber) });
    expect(pub.data?.official?.dishonestyRecords ?? null).toBeNull();
    expect(pub.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('B2 (security review 2026-12-01): an official\'s published record joined to the registry\'s list of officials', () => {
  /** Every string in a value. */
  const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : []);

  it('as PUBLIC, finds nothing in the record to join on the unit\'s masked officials { id name }: no name, no pseudonym', async () => {
    const LIST = 'query($f: DishonestyRecordFilter, $after: String) { dishonestyRecords(filter: $f, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id subjectType organizationUscc organizationName officialName official { id } authorityName documentNumber decisionDate facts legalBasis } } } }';
    const records: Array<Record<string, any>> = [];
    for (let after: string | null = null; ;) {
      const page: any = await post(stack.gatewayUrl, LIST, { f: { subjectType: 'OFFICIAL' }, after });
      expect(page.errors).toBeUndefined();
      records.push(...page.data.dishonestyRecords.edges.map((e: any) => e.node));
      if (!page.data.dishonestyRecords.pageInfo.hasNextPage) break;
      after = page.data.dishonestyRecords.pageInfo.endCursor;
    }
    // Still published with their unit (seed 002 §四(二)2 "通过市公共信用信息平台公示"): every published official's record of the demo.
    const published = demo.records.filter((r) => r.row.idNumber && r.row.publication === 'PUBLISHED');
    expect(records.map((r) => r.id)).toEqual(expect.arrayContaining(published.map((r) => r.id)));
    const OFFICIALS = 'query($u: String!, $after: String) { organization(uscc: $u) { officials(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name } } } } }';
    const officialsOf = new Map<string, Array<{ id: string; name: string }>>();
    for (const uscc of new Set(records.map((r) => r.organizationUscc as string))) {
      const staff: Array<{ id: string; name: string }> = [];
      for (let after: string | null = null; ;) {
        const page: any = await post(stack.gatewayUrl, OFFICIALS, { u: uscc, after });
        staff.push(...page.data.organization.officials.edges.map((e: any) => e.node));
        if (!page.data.organization.officials.pageInfo.hasNextPage) break;
        after = page.data.organization.officials.pageInfo.endCursor;
      }
      officialsOf.set(uscc, staff);
    }
    // The join: a masked name the unit's public list shows, found anywhere in the record; or the pseudonym itself.
    const joined = records.filter((record) => {
      const texts = strings(record);
      return (officialsOf.get(record.organizationUscc) ?? []).some((o) => texts.some((t) => t.includes(o.name) || t.includes(o.id)));
    });
    console.log(`B2 join: ${records.length} official records published, ${joined.length} joined to a pseudonym`);
    expect(joined.map((r) => r.documentNumber)).toEqual([]);
    expect(records.every((r) => r.officialName === null && r.official === null)).toBe(true);
  });
});

describe('sanctions, objection and repair of a penalty, through the gateway (issue 16 phase 2, seed 004 §四(八)(九))', () => {
  /** Tokens of their own subjects: the kit's separation of duties tells callers apart by subject. */
  const as = async (sub: string, uscc: string) => `Bearer ${await signToken({ sub, roles: ['ORGANIZATION'], uscc })}`;
  const decided = daysFromToday(-10);
  const number = `孙市监处〔${decided.slice(0, 4)}〕58号`;
  const STORY = 'query($u: String!) { organization(uscc: $u) { dishonestyRecords(first: 100) { edges { node { id documentNumber status inForce sanctions { id measureId state reason } } } } } }';
  /** The penalty as the public reads it on the bureau's profile (cached; purged when the feed names the bureau). */
  const publicView = async () => (await post(stack.gatewayUrl, STORY, { u: BUREAU.uscc })).data?.organization?.dishonestyRecords?.edges.map((e: any) => e.node).find((n: any) => n.documentNumber === number);
  const shape = (node: any) => node && [node.status, node.inForce, node.sanctions.map((s: any) => [s.measureId, s.state, s.reason])];
  /** The four GENERAL body measures of catalogue/2026.json, in measure order, each in `state` for `reason`. */
  const four = (state: string, reason: string) => ['ASSESSMENT_DEDUCTION', 'HONOURS_INELIGIBLE', 'PUBLIC_CRITICISM', 'WRITTEN_EXPLANATION_AND_RECTIFICATION'].map((m) => [m, state, reason]);

  // DISHONESTY_GENERAL in subgraphs/evaluation/rules/2026.json (version 4), written out: 8 points a record in force.
  const GENERAL_POINTS = 8;
  const SCORE = 'query($u: String!) { organization(uscc: $u) { integrity { score deductions { rule points sources } } } }';
  /** The bureau's score, and whether a DISHONESTY_GENERAL deduction cites `source`. */
  const scored = async (source: string) => {
    const integrity = (await post(stack.gatewayUrl, SCORE, { u: BUREAU.uscc })).data.organization.integrity;
    return { score: Math.round(integrity.score * 1000) / 1000, cited: integrity.deductions.some((d: any) => d.rule === 'DISHONESTY_GENERAL' && d.sources.includes(source)) };
  };
  /** Waits for the read model (it follows the feeds) to show the bureau's score `points` below `baseline`, citing `source` or not. */
  const scoreSettles = (source: string, baseline: number, points: number) =>
    expect.poll(() => scored(source), { timeout: 30_000, interval: 250 }).toEqual({ score: Math.round((baseline - points) * 1000) / 1000, cited: points > 0 });

  it('penalty → sanctions on the public profile → objection suspends → rejection restores → rectification reported → repair approved lifts; the score follows each step', async () => {
    const market = await as('e2e-market-clerk', MARKET.uscc);
    const bureau = await as('e2e-bureau-clerk', BUREAU.uscc);
    // The bureau's score before this penalty (another test of this file may have sent it one of its own).
    const { score: baseline } = await scored('none');
    const sent = await send([{ ...penalty, documentNumber: number, decisionDate: decided, publishedAt: decided }], market);
    expect(sent.data.importDishonestyRecords).toMatchObject({ accepted: 1, rejected: 0 });
    await expect.poll(async () => shape(await publicView()), { timeout: 15_000, interval: 200 }).toEqual(['ACTIVE', true, four('APPLIED', 'RECORD_DECIDED')]);
    const { id, sanctions } = await publicView();
    // Seed 002 §四(二)3 "对存在政务失信记录的按比例进行扣分": the record in force costs the bureau its points, cited.
    const source = `DishonestyRecord:${id}`;
    await scoreSettles(source, baseline, GENERAL_POINTS);

    const filed = await post(stack.gatewayUrl, 'mutation($id: ID!) { fileDishonestyObjection(recordId: $id, reason: "收费主体为下属事业单位，处罚对象有误") { id status } }', { id }, { authorization: bureau });
    expect(filed.data.fileDishonestyObjection.status).toBe('PENDING');
    await expect.poll(async () => shape(await publicView()), { timeout: 15_000, interval: 200 }).toEqual(['UNDER_OBJECTION', false, four('SUSPENDED', 'OBJECTION_FILED')]);
    // Seed 004 §四(九): while the objection is examined the record does not count.
    await scoreSettles(source, baseline, 0);

    const rejected = await post(stack.gatewayUrl, 'mutation($id: ID!) { decideDishonestyObjection(objectionId: $id, decision: REJECT, note: "经核实处罚对象无误") { status } }', { id: filed.data.fileDishonestyObjection.id }, { authorization: market });
    expect(rejected.data.decideDishonestyObjection.status).toBe('REJECTED');
    await expect.poll(async () => shape(await publicView()), { timeout: 15_000, interval: 200 }).toEqual(['ACTIVE', true, four('APPLIED', 'OBJECTION_REJECTED')]);
    await scoreSettles(source, baseline, GENERAL_POINTS);

    const written = sanctions.find((s: any) => s.measureId === 'WRITTEN_EXPLANATION_AND_RECTIFICATION').id;
    const reported = await post(stack.gatewayUrl, 'mutation($id: ID!) { reportDishonestyRectification(sanctionId: $id, explanation: "已退还违规收取的填报服务费8,000元，建立收费公示制度") { rectification { reportedAt overdue } } }', { id: written }, { authorization: bureau });
    expect(reported.data.reportDishonestyRectification.rectification).toEqual({ reportedAt: today(), overdue: false });

    const applied = await post(stack.gatewayUrl, 'mutation($id: ID!) { applyForDishonestyRepair(recordId: $id, measures: "已纠正违规收费并消除不良影响") { id status } }', { id }, { authorization: bureau });
    expect(applied.data.applyForDishonestyRepair.status).toBe('PENDING');
    const approved = await post(stack.gatewayUrl, 'mutation($id: ID!) { decideDishonestyRepair(applicationId: $id, approve: true, note: "符合修复条件") { status effectiveFrom } }', { id: applied.data.applyForDishonestyRepair.id }, { authorization: market });
    expect(approved.data.decideDishonestyRepair).toEqual({ status: 'APPROVED', effectiveFrom: today() });
    await expect.poll(async () => shape(await publicView()), { timeout: 15_000, interval: 200 }).toEqual(['REPAIRED', false, four('LIFTED', 'REPAIRED')]);
    // Seed 004 §四(九) "信用修复结果生效后，失信惩戒措施应给予解除": repaired, it no longer counts and the score recovers.
    await scoreSettles(source, baseline, 0);
  }, 120_000);
});

describe('npm run import:dishonesty', () => {
  it('imports the sample JSON, then the same records as CSV unchanged, rejected rows named with exit 3', async () => {
    const auditor = (await bearer('AUDITOR')).slice(7);
    const run = async (file: string) => {
      const result = await promisify(execFile)(process.execPath, [...scriptCommand('scripts/import-dishonesty.ts'), file, '--url', stack.gatewayUrl, '--quiet', '--token', auditor], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test' } })
        .then((r) => ({ ...r, code: 0 }), (e: { stdout: string; stderr: string; code: number }) => e);
      return { code: result.code, summary: JSON.parse(result.stdout.trim().split('\n').at(-1)!), stderr: result.stderr };
    };
    const json = await run('test/fixtures/dishonesty-records/records.json');
    expect(json.summary).toMatchObject({ rows: 4, accepted: 3, updated: 0, unchanged: 0, rejected: 1 });
    expect(json.code).toBe(3);
    expect(json.stderr).toMatch(/row 4 \[documentNumber\] BAD_USER_INPUT DOCUMENT_NUMBER: 发文字号/);
    const csv = await run('test/fixtures/dishonesty-records/records.csv');
    expect(csv.summary).toMatchObject({ rows: 4, accepted: 0, updated: 0, unchanged: 3, rejected: 1 });
  }, 60_000);

  it('does not run without a token (it sent as a development AUDITOR, the credit office, when none was given): nothing is sent', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
    delete env.CREDIT_TOKEN;
    const result = await promisify(execFile)(process.execPath, [...scriptCommand('scripts/import-dishonesty.ts'), 'test/fixtures/dishonesty-records/records.json', '--url', stack.gatewayUrl, '--quiet'], { cwd: ROOT, env })
      .then((r) => ({ ...r, code: 0 }), (e: { stdout: string; stderr: string; code: number }) => e);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--token/);
    expect(result.stderr).toMatch(/CREDIT_TOKEN/);
    expect(result.stderr).not.toMatch(/using a development/);
    expect(result.stdout.trim()).toBe('');
  }, 60_000);
});
