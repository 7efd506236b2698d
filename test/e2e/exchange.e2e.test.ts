// The upward exchange (issue 17) with the real processes: every subgraph, the gateway and the
// exchange, delivering to the exchange database (a PostgreSQL schema of this run) and to an HTTP
// receiver this test runs. The receiver answers 500 to the first three requests; what was there at
// start arrives anyway, each record version once. Then a letter published, a court exit, a
// dishonesty record and its repair each arrive on both channels; the receiver refuses the
// dishonesty record's first version, which shows with its reason while the rest of its batch is
// accepted, and the repaired version is sent and accepted; the province refuses a record through
// the exchange database's receipt table. Nothing sent holds a clear ID number or phone, and
// officials' names are masked as the catalogue says.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { isValidIdNumber, signToken, today } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { startExchangeStack, type ExchangeStack } from './exchange-stack.js';
import type { ProvinceReceiver } from './province-receiver.js';
import { scriptCommand, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const unit = (name: string) => registry.organizations.find((o) => o.name === name)!;
const BUREAU = unit('孙吴县统计局');
const MARKET = unit('孙吴县市场监督管理局');
const DOCUMENT = '孙市监处〔2026〕91号';

const penalty = {
  kind: 'ADMINISTRATIVE_PENALTY', organizationUscc: BUREAU.uscc, organizationName: BUREAU.name, authorityUscc: MARKET.uscc, authorityName: MARKET.name,
  documentNumber: DOCUMENT, decisionDate: '2026-11-03', facts: '统计调查中违规收取企业填报服务费共计6,000元。', legalBasis: '《中华人民共和国价格法》第三十九条',
  severity: 'GENERAL', sanctionTermMonths: '12', publishedAt: '2026-11-10',
};

const STATUS = '{ exchangeStatus { state } }';

let exchange: ExchangeStack;
let stack: TestStack;
let receiver: ProvinceReceiver;
let db: pg.Pool;
let admin: Record<string, string>;
let SCHEMA: string;
const settled = () => exchange.settled();

/** The exchange database's rows of one record (newest version last). */
async function rowsOf(kind: string, recordId: string): Promise<Array<{ version: number; op: string; data: any; batch_id: string }>> {
  return (await db.query(`SELECT version, op, data, batch_id FROM ${SCHEMA}.exchange_record WHERE kind = $1 AND record_id = $2 ORDER BY version`, [kind, recordId])).rows;
}

const receivedOf = (kind: string, recordId: string) => receiver.accepted.filter((k) => k.startsWith(`${kind}:${recordId}#`));

beforeAll(async () => {
  exchange = await startExchangeStack('e2e', {
    failFirst: 3,
    refuse: (r) => (r.kind === 'DISHONESTY_RECORD' && r.version === 1 && r.data?.WH === DOCUMENT ? '作出决定机关代码与省库登记不符 (the authority\'s code does not match the provincial register)' : null),
  });
  ({ stack, receiver, db, admin, schema: SCHEMA } = exchange);
  await settled();
}, 240_000);

afterAll(() => exchange?.close());

describe('what exists at start', () => {
  it('reaches the province through three failed attempts, each record version once on each channel', async () => {
    expect(receiver.failures).toBe(3);
    expect(receiver.badSignatures).toBe(0);
    const first = await post(stack.gatewayUrl, '{ exchangeBatches(channel: "http-push", first: 100) { totalCount edges { node { attempts status lastError } } } }', {}, admin);
    expect(first.data.exchangeBatches.edges.map((e: any) => e.node.attempts)).toContain(4);
    expect(new Set(receiver.accepted).size).toBe(receiver.accepted.length);
    const [{ rows, versions }] = (await db.query(`SELECT count(*)::int AS rows, count(DISTINCT (record_key, version))::int AS versions FROM ${SCHEMA}.exchange_record`)).rows;
    expect(rows).toBe(versions);
    expect(rows).toBe(receiver.accepted.length);
    // Every kind the demo has goes up: letters, officials' commitments, debtor records and exits, dishonesty records and sanctions, reports.
    const kinds = (await db.query(`SELECT DISTINCT kind FROM ${SCHEMA}.exchange_record`)).rows.map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining(['COMMITMENT_LETTER', 'OFFICIAL_COMMITMENT', 'DEBTOR_RECORD', 'DEBTOR_EXIT', 'DISHONESTY_RECORD', 'DISHONESTY_SANCTION', 'COMPLAINT_HALF_YEAR_REPORT', 'QUARTERLY_INDICATORS']));
  });

  it('shows its state to AUDITOR and ADMIN only', async () => {
    expect((await post(stack.gatewayUrl, STATUS, {}, { authorization: await bearer('AUDITOR') })).data.exchangeStatus.state).toBe('current');
    expect((await post(stack.gatewayUrl, STATUS)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await post(stack.gatewayUrl, STATUS, {}, { authorization: await bearer('ORGANIZATION', { uscc: BUREAU.uscc }) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await post(stack.gatewayUrl, 'mutation { replayExchange(from: "2026-01-01") { queued } }', {}, { authorization: await bearer('AUDITOR') })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('changes, as they happen', () => {
  it('a letter published arrives on both channels', async () => {
    const owner = registry.organizations.find((o) => !o.classified && o.kind === 'GOVERNMENT_DEPARTMENT' && o.name.includes('孙吴'))!;
    const auth = { authorization: await bearer('ORGANIZATION', { uscc: owner.uscc }) };
    const input = { year: 2029, letterNumber: 'EXCHANGE-E2E-1', liability: '接受问责', complaintPhone: '0456-8226000', complaintEmail: 'x@heihe.gov.cn', items: [{ category: 'GOVERNMENT_SERVICE', content: '限时办结', dueDate: '2029-12-31' }] };
    const created = await post(stack.gatewayUrl, 'mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id } }', { i: input }, auth);
    expect(created.errors).toBeUndefined();
    const id = created.data.createCommitmentLetter.id;
    await post(stack.gatewayUrl, 'mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "王局长") { id } }', { id }, auth);
    // A draft is not public: nothing goes up until it is published.
    await settled();
    expect(await rowsOf('COMMITMENT_LETTER', id)).toEqual([]);
    expect((await post(stack.gatewayUrl, 'mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { status } }', { id }, auth)).data.publishCommitmentLetter.status).toBe('PUBLISHED');
    await settled();
    const rows = await rowsOf('COMMITMENT_LETTER', id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data).toMatchObject({ CNSBH: 'EXCHANGE-E2E-1', TYSHXYDM: owner.uscc, ZT: 'PUBLISHED', CNND: 2029 });
    expect(receivedOf('COMMITMENT_LETTER', id)).toEqual([`COMMITMENT_LETTER:${id}#1`]);
  });

  it('a court exit withdraws the listing (its next version is a DELETE) and arrives as an exit', async () => {
    const listed = (await db.query(`SELECT record_id, data FROM ${SCHEMA}.exchange_record WHERE kind = 'DEBTOR_RECORD' AND data->>'ZT' = 'ACTIVE' ORDER BY record_id LIMIT 1`)).rows[0];
    const caseNumber = listed.record_id as string;
    const exited = await post(stack.gatewayUrl, 'mutation($c: String!) { exitDebtorRecord(caseNumber: $c, reason: PERFORMED) { status exitedAt } }', { c: caseNumber }, admin);
    expect(exited.errors).toBeUndefined();
    await settled();
    expect((await rowsOf('DEBTOR_RECORD', caseNumber)).map((r) => [r.version, r.op, r.data?.ZT ?? null])).toEqual([[1, 'UPSERT', 'ACTIVE'], [2, 'DELETE', null]]);
    const [exit] = await rowsOf('DEBTOR_EXIT', caseNumber);
    expect(exit!.data).toMatchObject({ AH: caseNumber, TCYY: 'PERFORMED', TCRQ: today(), ZT: 'EXITED' });
    expect(receivedOf('DEBTOR_RECORD', caseNumber)).toEqual([`DEBTOR_RECORD:${caseNumber}#1`, `DEBTOR_RECORD:${caseNumber}#2`]);
    expect(receivedOf('DEBTOR_EXIT', caseNumber)).toEqual([`DEBTOR_EXIT:${caseNumber}#1`]);
  });

  it('a dishonesty record arrives with its sanctions; the province refuses it with a reason and takes the rest; repaired, the new version is accepted', async () => {
    const market = await bearer('ORGANIZATION', { uscc: MARKET.uscc });
    const imported = await post(stack.gatewayUrl, 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted rejected errors { message } } }', { r: [penalty] }, { authorization: market });
    expect(imported.data?.importDishonestyRecords).toMatchObject({ accepted: 1, rejected: 0 });
    const found = await post(stack.gatewayUrl, 'query($u: String!) { dishonestyRecords(filter: { organizationUscc: $u }, first: 100) { edges { node { id documentNumber sanctions { id measureId } } } } }', { u: BUREAU.uscc });
    const record = found.data.dishonestyRecords.edges.map((e: any) => e.node).find((n: any) => n.documentNumber === DOCUMENT);
    await settled();

    const [row] = await rowsOf('DISHONESTY_RECORD', record.id);
    expect(row!.data).toMatchObject({ WH: DOCUMENT, TYSHXYDM: BUREAU.uscc, ZCJDJG: MARKET.name, ZT: 'ACTIVE' });
    expect(record.sanctions.length).toBeGreaterThan(0);
    for (const s of record.sanctions) expect((await rowsOf('DISHONESTY_SANCTION', s.id)).map((r) => r.data.JLBS)).toEqual([record.id]);
    // Refused over HTTP with the province's reason; its sanctions, in the same batch, accepted.
    expect(receivedOf('DISHONESTY_RECORD', record.id)).toEqual([]);
    for (const s of record.sanctions) expect(receivedOf('DISHONESTY_SANCTION', s.id)).toEqual([`DISHONESTY_SANCTION:${s.id}#1`]);
    const refusals = await post(stack.gatewayUrl, '{ exchangeRefusals(channel: "http-push") { totalCount edges { node { recordKey version status reason batchId } } } }', {}, admin);
    expect(refusals.data.exchangeRefusals.edges.map((e: any) => e.node)).toContainEqual(expect.objectContaining({ recordKey: `DISHONESTY_RECORD:${record.id}`, version: 1, status: 'REFUSED', reason: expect.stringContaining('省库登记不符') }));
    const batchId = refusals.data.exchangeRefusals.edges.find((e: any) => e.node.recordKey === `DISHONESTY_RECORD:${record.id}`).node.batchId;
    const batches = await post(stack.gatewayUrl, '{ exchangeBatches(channel: "http-push", status: "PARTIAL") { edges { node { id refused accepted } } } }', {}, admin);
    expect(batches.data.exchangeBatches.edges.map((e: any) => e.node)).toContainEqual(expect.objectContaining({ id: batchId, refused: 1 }));

    // The repair: the rectification reported, applied for by the bureau, approved by the deciding department.
    const bureau = `Bearer ${await signToken({ sub: 'exchange-e2e-bureau-clerk', roles: ['ORGANIZATION'], uscc: BUREAU.uscc })}`;
    const written = record.sanctions.find((s: any) => s.measureId === 'WRITTEN_EXPLANATION_AND_RECTIFICATION').id;
    const reported = await post(stack.gatewayUrl, 'mutation($id: ID!) { reportDishonestyRectification(sanctionId: $id, explanation: "已退还违规收取的费用，建立收费公示制度") { id } }', { id: written }, { authorization: bureau });
    expect(reported.errors).toBeUndefined();
    const applied = await post(stack.gatewayUrl, 'mutation($id: ID!) { applyForDishonestyRepair(recordId: $id, measures: "已退还违规收取的费用并消除不良影响") { id status } }', { id: record.id }, { authorization: bureau });
    expect(applied.errors).toBeUndefined();
    const approved = await post(stack.gatewayUrl, 'mutation($id: ID!) { decideDishonestyRepair(applicationId: $id, approve: true, note: "符合修复条件") { status } }', { id: applied.data.applyForDishonestyRepair.id }, { authorization: market });
    expect(approved.errors).toBeUndefined();
    expect(approved.data.decideDishonestyRepair.status).toBe('APPROVED');
    await settled();
    const [repair] = await rowsOf('DISHONESTY_REPAIR_RESULT', record.id);
    expect(repair!.data).toMatchObject({ JLBS: record.id, WH: DOCUMENT, XFRQ: today() });
    expect(receivedOf('DISHONESTY_REPAIR_RESULT', record.id)).toEqual([`DISHONESTY_REPAIR_RESULT:${record.id}#1`]);
    // The corrected record goes up again as its next version, and this time is accepted.
    const versions = (await rowsOf('DISHONESTY_RECORD', record.id)).map((r) => [r.version, r.data.ZT]);
    expect(versions.at(-1)).toEqual([versions.length, 'REPAIRED']);
    expect(receivedOf('DISHONESTY_RECORD', record.id)).toEqual([`DISHONESTY_RECORD:${record.id}#${versions.length}`]);
  }, 120_000);

  it('a record the province refuses in the exchange database\'s receipt table shows with its reason; the rest of the batch is accepted', async () => {
    const batch = (await db.query(`SELECT batch_id FROM ${SCHEMA}.exchange_batch ORDER BY batch_id DESC LIMIT 1`)).rows[0].batch_id as string;
    const records = (await db.query(`SELECT record_key, version FROM ${SCHEMA}.exchange_record WHERE batch_id = $1 ORDER BY record_key`, [batch])).rows;
    const [refused, ...rest] = records;
    await db.query(`INSERT INTO ${SCHEMA}.exchange_receipt (batch_id, record_key, version, status, reason) SELECT $1, k, v, CASE WHEN k = $4 THEN 'REFUSED' ELSE 'ACCEPTED' END, CASE WHEN k = $4 THEN $5 END FROM unnest($2::text[], $3::int[]) AS t(k, v)`,
      [batch, records.map((r) => r.record_key), records.map((r) => r.version), refused.record_key, '数据项 TYSHXYDM 校验不通过 (item TYSHXYDM failed the check)']);
    await expect.poll(async () => {
      const result = await post(stack.gatewayUrl, '{ exchangeRefusals(channel: "exchange-database") { edges { node { recordKey version reason } } } }', {}, admin);
      return result.data.exchangeRefusals.edges.map((e: any) => e.node);
    }, { timeout: 15_000, interval: 200 }).toContainEqual({ recordKey: refused.record_key, version: refused.version, reason: expect.stringContaining('TYSHXYDM') });
    const batches = await post(stack.gatewayUrl, '{ exchangeBatches(channel: "exchange-database", status: "PARTIAL") { edges { node { id accepted refused } } } }', {}, admin);
    expect(batches.data.exchangeBatches.edges.map((e: any) => e.node)).toContainEqual({ id: batch, accepted: rest.length, refused: 1 });
  });

  it('counts refusals and the outbox on the exchange\'s /metrics', async () => {
    const text = await (await fetch(stack.subgraphUrl('exchange').replace(/graphql$/, 'metrics'))).text();
    expect(text).toMatch(/credit_exchange_refusals_total\{[^}]*channel="http-push"[^}]*\} [1-9]/);
    expect(text).toMatch(/credit_exchange_records\{[^}]*channel="exchange-database"[^}]*status="ACCEPTED"[^}]*\} [1-9]/);
    expect(text).toMatch(/credit_exchange_feed_lag\{[^}]*source="court-debtors"/);
  });
});

describe('personal data', () => {
  const ID_SHAPED = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
  const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
  const usccs = new Set(registry.organizations.map((o) => o.uscc));

  it('no clear ID number or phone in any exported row or pushed body; officials\' names only masked', async () => {
    const rows = (await db.query(`SELECT kind, data::text AS text, data FROM ${SCHEMA}.exchange_record`)).rows;
    expect(rows.length).toBeGreaterThan(1000);
    const texts = [...rows.map((r) => r.text ?? ''), ...receiver.bodies];
    for (const text of texts) {
      const ids = [...text.matchAll(ID_SHAPED)].map((m) => m[0]).filter((v) => isValidIdNumber(v.toUpperCase()) && !usccs.has(v));
      expect(ids).toEqual([]);
      expect(text).not.toMatch(MOBILE);
    }
    const clearNames = new Set(registry.officials.map((o) => o.name));
    const officials = rows.filter((r) => r.kind === 'OFFICIAL_COMMITMENT');
    expect(officials.length).toBeGreaterThan(100);
    for (const { data } of officials) {
      expect(data.CNRXM).toMatch(/^.\*+.?$/u);
      expect(clearNames.has(data.CNRXM)).toBe(false);
    }
    for (const { data } of rows.filter((r) => r.kind === 'DEBTOR_RECORD' && r.data?.FDDBR)) expect(data.FDDBR).toMatch(/\*/);
  });
});

describe('npm run exchange', () => {
  const run = async (...args: string[]) => promisify(execFile)(process.execPath, [...scriptCommand('scripts/exchange.ts'), '--url', stack.gatewayUrl, ...args], {
    cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', CREDIT_TOKEN: admin.authorization.slice(7) },
  });

  it('status prints each channel\'s figures; replay sends every version changed since the day again, as the same versions, and follows them out', async () => {
    const status = JSON.parse((await run('status', '--json')).stdout);
    expect(status.state).toBe('current');
    expect(status.channels.map((c: any) => c.channel)).toEqual(['exchange-database', 'http-push']);
    // The stack is live (evaluation's region figures keep moving): a version made while the replay runs is on
    // its way already and not queued again, so the figures below allow for the few that do.
    await settled();
    const current = new Map((await db.query(`SELECT record_key, max(version)::int AS v FROM ${SCHEMA}.exchange_record GROUP BY record_key`)).rows.map((r) => [r.record_key as string, r.v as number]));
    const since = new Date().toISOString().slice(0, 10);
    const replay = await run('replay', '--from', since);
    // Everything was made today (the first build included): each record's current version, on both channels.
    const queued = Number(/(\d+) 条记录版本已排队/.exec(replay.stdout)![1]);
    expect(queued).toBeLessThanOrEqual(2 * current.size);
    expect(queued).toBeGreaterThan(2 * current.size - 20);
    expect(replay.stdout).toContain('replay sent');
    await settled();
    // The same versions again, in new batches: the exchange database and the receiver each hold them twice now,
    // and nothing three times.
    const copies = new Map((await db.query(`SELECT record_key || '#' || version AS k, count(*)::int AS n FROM ${SCHEMA}.exchange_record GROUP BY 1`)).rows.map((r) => [r.k as string, r.n as number]));
    const received = new Map<string, number>();
    for (const k of receiver.accepted) received.set(k, (received.get(k) ?? 0) + 1);
    const twice = [...current].filter(([key, v]) => copies.get(`${key}#${v}`) === 2 && received.get(`${key}#${v}`) === 2).length;
    expect(twice).toBeGreaterThan(current.size - 10);
    expect(Math.max(...copies.values(), ...received.values())).toBeLessThanOrEqual(2);
  }, 180_000);
});
