import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDemoCourtDebtors, DEMO_AS_OF, generateCourtRows, type DemoDebtorRecord } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { readImportFile } from '../../scripts/lib/import-cli.js';
import { courtRowsFrom } from '../../subgraphs/court-debtors/record.rows.js';
import { subgraph } from '../../subgraphs/court-debtors/schema.js';
import { seed } from '../../subgraphs/court-debtors/seed.js';
import { buildSubgraph, config, MirroredOrganization, regionPrefix, RegistryMirrorState, signToken, silentProgress, today, wholeDemo, type BuiltSubgraph, type EntityManager } from '../../subgraphs/kit/index.js';
import { CreditRepair } from '../../subgraphs/court-debtors/entities/credit-repair.js';
import { ObjectionStatus, RepairStatus } from '../../subgraphs/court-debtors/entities/enums.js';
import { DebtorObjection } from '../../subgraphs/court-debtors/entities/objection.js';
import { DebtorRecord } from '../../subgraphs/court-debtors/entities/debtor-record.js';
import * as remedy from '../../subgraphs/court-debtors/remedy.repository.js';
import type { GraphQLError } from 'graphql';
import { bearer, dropTestStore, fillRegistryMirror, fixtureUscc, lazyStore, pendingSchemaChanges, testDbName } from '../helpers.js';
import { inRegion, isGovernment, isoOf, onList, publishOf, pushCoverageOf, REGIONS, statusOf, termEndOf, unmatchedOf } from './demo-truth.js';

const registry = buildDemoRegistry();
const demo = buildDemoCourtDebtors(registry);
const registered = new Map(registry.organizations.map((o) => [o.uscc, o]));
const kindOf = (uscc: string) => registered.get(uscc)?.kind;
const levelOf = (uscc: string) => registered.get(uscc)?.level;
/** The registry's state-owned enterprises (push coverage counts the listed ones, seed 001 table row 2). */
const soes = new Set(registry.organizations.filter((o) => o.kind === 'STATE_OWNED_ENTERPRISE').map((o) => o.uscc));
const FIXTURES = 'test/fixtures/court-debtors';

const dbName = testDbName('court_debtors');
let court: BuiltSubgraph;
let auditor: string;
let courtToken: string;

async function openStore(name: string, seeded: boolean): Promise<BuiltSubgraph> {
  const built = await buildSubgraph(subgraph, { dbName: name });
  if (seeded) await built.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo({ ...demo, asOf: DEMO_AS_OF }), progress: silentProgress }));
  // The copy of the registry the running subgraph keeps from the registry's feed (kit/registry-mirror.ts), as it would hold it.
  if (seeded) await built.store.orm.em.fork().transactional(async (em) => {
    await em.insertMany(MirroredOrganization, registry.organizations.map((o) => ({ uscc: o.uscc, regionCode: o.regionCode, kind: o.kind, level: o.level, classified: o.classified, officialCount: 0 })));
    await em.insertMany(RegistryMirrorState, [{ key: 'builtAt', value: new Date().toISOString() }]);
  });
  return built;
}

// The brute-force checks read `court`, which no test writes to. Every test that writes gets a
// store of its own (the court's demo data is small), so no test depends on which ran before it.
beforeAll(async () => {
  court = await openStore(dbName, true);
  auditor = await bearer('AUDITOR');
  courtToken = await bearer('COURT');
});

afterAll(() => dropTestStore(court, dbName));

/**
 * Runs a test on a store of its own with the demo data, in a real SQLite file (not `:memory:`, so
 * writes meet as they do in a running subgraph), or in a schema of its own on PostgreSQL.
 */
async function withFileStore(test: (store: BuiltSubgraph) => Promise<void>): Promise<void> {
  const dir = config.dbDriver() === 'postgresql' ? null : mkdtempSync(join(tmpdir(), 'court-debtors-'));
  const name = dir ? join(dir, 'court-debtors.sqlite') : testDbName(`court_file_${++stores}`);
  const store = await openStore(name, true);
  try {
    await test(store);
  } finally {
    await dropTestStore(store, name);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

let stores = 0;
/** Runs a test on a store of its own, empty or with the demo data, and drops the store after. */
async function withStore(content: 'empty' | 'demo', test: (store: BuiltSubgraph) => Promise<void>): Promise<void> {
  const name = testDbName(`court_${content}_${++stores}`);
  const store = await openStore(name, content === 'demo');
  try {
    await test(store);
  } finally {
    await dropTestStore(store, name);
  }
}

// --- Brute force over the demo generator -------------------------------------------------

const on = today();
const fenOf = (text: string) => {
  const [whole, fraction = ''] = text.replace(/[,元]/g, '').split('.');
  return BigInt(whole! + fraction.padEnd(2, '0'));
};
const yuanOf = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
const pushedCases = new Set(demo.pushActions.map((a) => a.caseNumber));

async function allCaseNumbers(built: BuiltSubgraph, filter: Record<string, unknown>, authorization?: string): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const result: any = await built.execute(
      'query($f: DebtorRecordFilter, $a: String) { debtorRecords(filter: $f, first: 25, after: $a) { totalCount edges { node { caseNumber } } pageInfo { hasNextPage endCursor } } }',
      { f: filter, a: after },
      authorization ? { authorization } : {},
    );
    expect(result.errors).toBeUndefined();
    seen.push(...result.data.debtorRecords.edges.map((e: any) => e.node.caseNumber));
    if (!result.data.debtorRecords.pageInfo.hasNextPage) {
      expect(result.data.debtorRecords.totalCount).toBe(seen.length);
      return seen;
    }
    after = result.data.debtorRecords.pageInfo.endCursor;
  }
}

const sorted = (list: string[]) => [...list].sort();
const importMutation = 'mutation($rows: [DebtorRecordInput!]!) { importDebtorRecords(records: $rows) { accepted updated unchanged rejected errors { row field code message } warnings { row field code } } }';

async function importRows(built: BuiltSubgraph, rows: unknown[]) {
  const result = await built.execute(importMutation, { rows }, { authorization: courtToken });
  expect(result.errors).toBeUndefined();
  return result.data.importDebtorRecords;
}

// --- Import ---------------------------------------------------------------------------------

describe('importDebtorRecords', () => {
  const json = courtRowsFrom(readImportFile(`${FIXTURES}/court-export.json`).content);
  const csv = courtRowsFrom(readImportFile(`${FIXTURES}/court-export.csv`).content);

  it('has a sample export that is the demo\'s court rows, in JSON and CSV alike', () => {
    expect(json).toEqual(demo.records.map((r) => r.row));
    expect(csv).toEqual(json);
  });

  it('imports the sample export into an empty store; a second run (JSON or CSV) changes nothing', () =>
    withStore('empty', async (fresh) => {
      const first = await importRows(fresh, json);
      expect(first).toMatchObject({ accepted: json.length, updated: 0, unchanged: 0, rejected: 0 });
      const pilotRow = json.findIndex((r) => registry.pilotCodes.includes(r.cardNum!)) + 1;
      expect(first.warnings).toEqual([{ row: pilotRow, field: 'cardNum', code: 'PILOT_CODE' }]);
      const stored = await fresh.execute('{ debtorRecords(first: 100) { totalCount edges { node { caseNumber status exitReason } } } }', {}, { authorization: auditor });
      expect(stored.data.debtorRecords.totalCount).toBe(json.length);
      const performed = json.filter((r) => r.performance === '全部履行').map((r) => r.caseCode);
      expect(sorted(stored.data.debtorRecords.edges.filter((e: any) => e.node.exitReason === 'PERFORMED').map((e: any) => e.node.caseNumber))).toEqual(sorted(performed as string[]));

      expect(await importRows(fresh, json)).toMatchObject({ accepted: 0, updated: 0, unchanged: json.length, rejected: 0 });
      expect(await importRows(fresh, csv)).toMatchObject({ accepted: 0, updated: 0, unchanged: json.length, rejected: 0 });
      const again = await fresh.execute('{ debtorRecords(first: 100) { totalCount edges { node { caseNumber status exitReason } } } }', {}, { authorization: auditor });
      expect(again.data).toEqual(stored.data);
    }));

  it('reports each malformed row with its number, field and reason, and commits the rest', async () => {
    const rows = courtRowsFrom(readImportFile(`${FIXTURES}/court-export-malformed.json`).content);
    const targetDb = testDbName('court_malformed');
    const target = await buildSubgraph(subgraph, { dbName: targetDb });
    try {
      const result = await importRows(target, rows);
      expect(result).toMatchObject({ accepted: 3, rejected: 9 });
      expect(result.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([
        [2, 'caseCode', 'BAD_USER_INPUT'], [3, 'cardNum', 'BAD_USER_INPUT'], [5, 'regDate', 'BAD_USER_INPUT'], [6, 'publishDate', 'BAD_USER_INPUT'],
        [7, 'performance', 'BAD_USER_INPUT'], [8, 'disruptTypeName', 'BAD_USER_INPUT'], [9, 'cardNum', 'BAD_USER_INPUT'], [10, 'caseCode', 'BAD_USER_INPUT'],
        [11, 'iname', 'BAD_USER_INPUT'],
      ]);
      for (const error of result.errors) expect(error.message).toMatch(/[\u4e00-\u9fff].*\(.*[a-z]/);
      // The person's ID number of row 3 is refused and never repeated.
      expect(JSON.stringify(result)).not.toContain(rows[2]!.cardNum);
      const stored = await allCaseNumbers(target, {}, auditor);
      expect(sorted(stored)).toEqual(sorted([rows[0]!, rows[3]!, rows[11]!].map((r) => r.caseCode!)));
    } finally {
      await dropTestStore(target, targetDb);
    }
  });

  it('updates a changed row, takes a row saying 全部履行 off the list, and reads other notations as the same row', () =>
    withStore('empty', async (fresh) => {
      const row = json.find((r) => r.performance === '全部未履行')!;
      expect(await importRows(fresh, [row])).toMatchObject({ accepted: 1 });
      const read = 'query($c: String!) { debtorRecord(caseNumber: $c) { status exitReason exitedAt unperformedPart unperformedAmount statusHistory { status reason } } }';
      const sameInOtherNotation = {
        ...row,
        caseCode: row.caseCode!.replace('(', '（').replace(')', '）'),
        regDate: `${row.regDate!.slice(0, 4)}-${row.regDate!.slice(4, 6)}-${row.regDate!.slice(6)}`,
        publishDate: isoOf(row.publishDate!).replace(/-/g, '/'),
      };
      expect(await importRows(fresh, [sameInOtherNotation])).toMatchObject({ unchanged: 1 });
      expect(await importRows(fresh, [{ ...row, unperformPart: '1,000.50元' }])).toMatchObject({ updated: 1 });
      expect((await fresh.execute(read, { c: row.caseCode }, { authorization: auditor })).data.debtorRecord).toMatchObject({ status: 'ACTIVE', unperformedPart: '1,000.50元', unperformedAmount: '1000.50' });
      expect(await importRows(fresh, [{ ...row, performance: '全部履行', performedPart: '全部履行完毕', unperformPart: '0' }])).toMatchObject({ updated: 1 });
      const exited = (await fresh.execute(read, { c: row.caseCode }, { authorization: auditor })).data.debtorRecord;
      expect(exited).toMatchObject({ status: 'EXITED', exitReason: 'PERFORMED', exitedAt: on, unperformedAmount: '0.00' });
      expect(exited.statusHistory.map((e: any) => e.status)).toEqual(['ACTIVE', 'EXITED']);
      // An exited record stays in the store, and PUBLIC no longer sees it.
      expect((await fresh.execute(read, { c: row.caseCode })).data.debtorRecord).toBeNull();
    }));

  it('accepts a pre-2016 case number and refuses callers other than COURT', () =>
    withStore('empty', async (fresh) => {
      const row = { ...json[0]!, caseCode: '(2015)黑河中法执字第00012号', regDate: '20150310', publishDate: '2015年05月04日' };
      expect(await importRows(fresh, [row])).toMatchObject({ accepted: 1 });
      const stored = await fresh.execute('{ debtorRecord(caseNumber: "（2015）黑河中法执字第00012号") { caseNumberForm caseYear } }', {}, { authorization: auditor });
      expect(stored.data.debtorRecord).toEqual({ caseNumberForm: 'PRE_2016', caseYear: 2015 });
      expect((await fresh.execute(importMutation, { rows: [row] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await fresh.execute(importMutation, { rows: [row] }, { authorization: auditor })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }));

  it('writes nothing of a batch whose transaction fails, and a re-run completes it', () =>
    withStore('empty', async (fresh) => {
      const rows = courtRowsFrom(generateCourtRows(1_200, 7));
      const count = async () => (await fresh.execute('{ debtorRecords(first: 0) { totalCount } }', {}, { authorization: auditor })).data.debtorRecords.totalCount;
      const before = await count();
      const em = fresh.store.orm.em;
      const prototype = Object.getPrototypeOf(em) as { insertMany: (...args: unknown[]) => Promise<unknown> };
      const original = prototype.insertMany;
      let calls = 0;
      // The second multi-row INSERT of the batch fails, after the first has run inside the transaction.
      const spy = vi.spyOn(prototype, 'insertMany').mockImplementation(function (this: unknown, ...args: unknown[]) {
        if (++calls === 2) return Promise.reject(new Error('disk full (simulated)'));
        return original.apply(this, args);
      });
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const failed = await fresh.execute(importMutation, { rows }, { authorization: courtToken });
        expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(calls).toBe(2);
        expect(logged).toHaveBeenCalledOnce();
      } finally {
        spy.mockRestore();
        logged.mockRestore();
      }
      expect(await count()).toBe(before);
      expect(await importRows(fresh, rows)).toMatchObject({ accepted: rows.length, rejected: 0 });
      expect(await count()).toBe(before + rows.length);
    }));
});

// --- Reading the seeded store -----------------------------------------------------------------

describe('debtorRecords(filter)', () => {
  it('selects exactly what a brute-force filter over the demo selects', async () => {
    const cases: Array<[Record<string, unknown>, (r: DemoDebtorRecord) => boolean]> = [
      [{}, () => true],
      [{ regionCode: '231124' }, (r) => inRegion(r.row.cardNum, '231124')],
      [{ regionCode: '231100' }, (r) => inRegion(r.row.cardNum, '231100')],
      ...(['ACTIVE', 'UNDER_OBJECTION', 'EXITED', 'REPAIRED'] as const).map((status): [Record<string, unknown>, (r: DemoDebtorRecord) => boolean] => [{ status }, (r) => statusOf(r) === status]),
      [{ court: '北安市人民法院' }, (r) => r.row.courtName === '北安市人民法院'],
      [{ debtorType: 'GRASSROOTS_SELF_GOVERNANCE' }, (r) => r.row.cardNum.startsWith('54')],
      [{ debtorType: 'ENTERPRISE' }, (r) => r.row.cardNum.startsWith('91')],
      [{ governmentOnly: true, status: 'ACTIVE', regionCode: '231182' }, (r) => isGovernment(r.row.cardNum) && statusOf(r) === 'ACTIVE' && inRegion(r.row.cardNum, '231182')],
      [{ listedFrom: '2025-06-01', listedTo: '2025-12-31' }, (r) => publishOf(r) >= '2025-06-01' && publishOf(r) <= '2025-12-31'],
      // The registry's kind and tier (bodies it does not know are left out).
      [{ debtorKinds: ['GOVERNMENT_DEPARTMENT', 'PUBLIC_INSTITUTION'], debtorLevel: 'COUNTY' }, (r) => ['GOVERNMENT_DEPARTMENT', 'PUBLIC_INSTITUTION'].includes(kindOf(r.row.cardNum) ?? '') && levelOf(r.row.cardNum) === 'COUNTY'],
      [{ debtorKinds: ['VILLAGERS_COMMITTEE'] }, (r) => kindOf(r.row.cardNum) === 'VILLAGERS_COMMITTEE'],
      [{ debtorLevel: 'TOWNSHIP', status: 'ACTIVE' }, (r) => levelOf(r.row.cardNum) === 'TOWNSHIP' && statusOf(r) === 'ACTIVE'],
    ];
    for (const [filter, keep] of cases) {
      const expected = demo.records.filter(keep).map((r) => r.row.caseCode);
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(sorted(await allCaseNumbers(court, filter, auditor)), JSON.stringify(filter)).toEqual(sorted(expected));
    }
  });

  it('shows PUBLIC the list as published (on the list, objections included), and masks the legal representative', async () => {
    expect(sorted(await allCaseNumbers(court, {}))).toEqual(sorted(demo.records.filter(onList).map((r) => r.row.caseCode)));
    expect(await allCaseNumbers(court, { status: 'REPAIRED' })).toEqual([]);
    const record = demo.records.find((r) => r.status === 'ACTIVE' && r.row.businessEntity.length === 3)!;
    const q = 'query($c: String!) { debtorRecord(caseNumber: $c) { legalRepresentative } }';
    const masked = (await court.execute(q, { c: record.row.caseCode })).data.debtorRecord.legalRepresentative;
    expect(masked).toBe(`${record.row.businessEntity[0]}*${record.row.businessEntity[2]}`);
    expect((await court.execute(q, { c: record.row.caseCode }, { authorization: courtToken })).data.debtorRecord.legalRepresentative).toBe(masked);
    expect((await court.execute(q, { c: record.row.caseCode }, { authorization: auditor })).data.debtorRecord.legalRepresentative).toBe(record.row.businessEntity);
    const own = await bearer('ORGANIZATION', { uscc: record.row.cardNum });
    expect((await court.execute(q, { c: record.row.caseCode }, { authorization: own })).data.debtorRecord.legalRepresentative).toBe(record.row.businessEntity);
    const repaired = demo.records.find((r) => r.status === 'REPAIRED')!;
    expect((await court.execute(q, { c: repaired.row.caseCode })).data.debtorRecord).toBeNull();
    const ownRepaired = await bearer('ORGANIZATION', { uscc: repaired.row.cardNum });
    expect((await court.execute(q, { c: repaired.row.caseCode }, { authorization: ownRepaired })).data.debtorRecord).not.toBeNull();
  });

  it('derives type and region from the USCC, also for debtors the registry does not know, and reads an expired term as EXITED', async () => {
    const unknown = demo.records.find((r) => !r.registered)!;
    const q = 'query($c: String!) { debtorRecord(caseNumber: $c) { debtorType regionCode governmentBody debtor { uscc } region { code } status exitReason exitedAt listingTermEnd } }';
    const read = (await court.execute(q, { c: unknown.row.caseCode }, { authorization: auditor })).data.debtorRecord;
    expect(read).toMatchObject({ regionCode: unknown.row.cardNum.slice(2, 8), governmentBody: true, debtor: { uscc: unknown.row.cardNum }, region: { code: unknown.row.cardNum.slice(2, 8) } });
    const expired = demo.records.find((r) => r.status === 'ACTIVE' && statusOf(r) === 'EXITED')!;
    expect((await court.execute(q, { c: expired.row.caseCode }, { authorization: auditor })).data.debtorRecord).toMatchObject({
      status: 'EXITED', exitReason: 'TERM_EXPIRED', exitedAt: termEndOf(expired), listingTermEnd: termEndOf(expired),
    });
  });

  it('pages of records cost the same statements for 2 rows as for 60, nested lists included', async () => {
    const statementsFor = async (first: number) => {
      court.store.statements.reset();
      const { data, errors } = await court.execute(`query($n: Int) { debtorRecords(first: $n) { totalCount edges { node { caseNumber status pushed
        pushActions { kind } objections { status } creditRepairs { status } } } } }`, { n: first }, { authorization: auditor });
      expect(errors).toBeUndefined();
      expect(data.debtorRecords.edges).toHaveLength(first);
      return court.store.statements.count;
    };
    const two = await statementsFor(2);
    expect(two).toBe(6); // page, count, pushed, measures, objections, repairs
    expect(await statementsFor(60)).toBe(two);
  });

  it('answers BAD_USER_INPUT for a malformed case number or filter, and caps pages at 100', async () => {
    expect((await court.execute('{ debtorRecord(caseNumber: "2019皖执1号") { caseNumber } }')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'CASE_NUMBER' });
    expect((await court.execute('{ debtorRecords(filter: { regionCode: "23" }) { totalCount } }')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await court.execute('{ debtorRecords(first: 101) { totalCount } }')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('pushCoverage', () => {
  it('equals a brute-force count for every region', async () => {
    const verdicts: boolean[] = [];
    for (const regionCode of REGIONS) {
      const { data, errors } = await court.execute('query($r: String!) { pushCoverage(regionCode: $r) { listedBodies pushedBodies rate target meetsTarget unpushedBodies { uscc } groups { group listedBodies pushedBodies rate } } }', { r: regionCode });
      expect(errors).toBeUndefined();
      const { listed, pushed } = pushCoverageOf(demo, regionCode, soes);
      const report = data.pushCoverage;
      expect(report, regionCode).toMatchObject({ listedBodies: listed.length, pushedBodies: pushed.length, target: 1 });
      const government = pushCoverageOf(demo, regionCode);
      const enterprises = { listed: listed.filter((u) => soes.has(u)), pushed: pushed.filter((u) => soes.has(u)) };
      expect(report.groups).toEqual([
        { group: 'GOVERNMENT_BODIES', listedBodies: government.listed.length, pushedBodies: government.pushed.length, rate: expect.closeTo(government.listed.length ? government.pushed.length / government.listed.length : 1, 4) },
        { group: 'STATE_OWNED_ENTERPRISES', listedBodies: enterprises.listed.length, pushedBodies: enterprises.pushed.length, rate: expect.closeTo(enterprises.listed.length ? enterprises.pushed.length / enterprises.listed.length : 1, 4) },
      ]);
      expect(report.rate).toBeCloseTo(listed.length === 0 ? 1 : pushed.length / listed.length, 4);
      expect(sorted(report.unpushedBodies.map((b: any) => b.uscc))).toEqual(sorted(listed.filter((u) => !pushed.includes(u))));
      verdicts.push(report.meetsTarget);
    }
    // 爱辉区 pushed every listed body; 孙吴县 did not.
    expect(verdicts[REGIONS.indexOf('231102')]).toBe(true);
    expect(verdicts[REGIONS.indexOf('231124')]).toBe(false);
  });

  it('counts the listed state-owned enterprises the registry knows, and no other enterprise', async () => {
    const listedSoes = [...new Set(demo.records.filter((r) => statusOf(r) === 'ACTIVE' && soes.has(r.row.cardNum)).map((r) => r.row.cardNum))];
    const otherEnterprises = demo.records.filter((r) => statusOf(r) === 'ACTIVE' && r.row.cardNum.startsWith('91') && !soes.has(r.row.cardNum));
    expect(listedSoes.length).toBeGreaterThan(0);
    const { data } = await court.execute('{ pushCoverage(regionCode: "230000") { listedBodies unpushedBodies { uscc } groups { group listedBodies } } }');
    expect(data.pushCoverage.groups.find((g: any) => g.group === 'STATE_OWNED_ENTERPRISES').listedBodies).toBe(listedSoes.length);
    expect(data.pushCoverage.listedBodies).toBe(pushCoverageOf(demo, '230000').listed.length + listedSoes.length);
    const unpushed = new Set(data.pushCoverage.unpushedBodies.map((b: any) => b.uscc));
    for (const r of otherEnterprises) expect(unpushed.has(r.row.cardNum)).toBe(false);
  });

  it('lists the ledger of listed bodies like the brute force, filtered by region, government type and pushed', async () => {
    const query = 'query($f: ListedDebtorFilter) { listedDebtors(filter: $f, first: 100) { totalCount edges { node { uscc governmentBody activeRecords pushed unperformedAmount } } } }';
    for (const regionCode of ['231100', '231124']) {
      const { listed, pushed } = pushCoverageOf(demo, regionCode);
      const all = (await court.execute(query, { f: { regionCode } })).data.listedDebtors;
      expect(all.edges.map((e: any) => e.node.uscc)).toEqual(sorted(listed));
      for (const { node } of all.edges) {
        const active = demo.records.filter((r) => r.row.cardNum === node.uscc && statusOf(r) === 'ACTIVE');
        expect(node).toMatchObject({ activeRecords: active.length, pushed: pushed.includes(node.uscc) });
        expect(node.unperformedAmount).toBe(yuanOf(active.reduce((sum, r) => sum + fenOf(r.corrected?.unperformPart ?? r.row.unperformPart), 0n)));
      }
      const unpushed = (await court.execute(query, { f: { regionCode, pushed: false } })).data.listedDebtors;
      expect(unpushed.edges.map((e: any) => e.node.uscc)).toEqual(sorted(listed.filter((u) => !pushed.includes(u))));
    }
    const everyType = (await court.execute(query, { f: { governmentOnly: false } })).data.listedDebtors;
    const active = [...new Set(demo.records.filter((r) => statusOf(r) === 'ACTIVE').map((r) => r.row.cardNum))];
    expect(everyType.totalCount).toBe(active.length);
    expect(everyType.edges.some((e: any) => !e.node.governmentBody)).toBe(true);
  });

  it('counts a body once a measure is recorded on its case; measures need a supervisor and a case still on the list', () =>
    withStore('demo', async (court) => {
      const before = pushCoverageOf(demo, '231124');
      const target = before.listed.find((u) => !before.pushed.includes(u))!;
      const record = demo.records.find((r) => r.row.cardNum === target && statusOf(r) === 'ACTIVE')!;
      const input = { caseNumber: record.row.caseCode, kind: 'INTERVIEW', unit: '孙吴县营商环境建设监督局', actedAt: on, note: '约谈主要负责人' };
      const mutation = 'mutation($i: PushActionInput!) { recordPushAction(input: $i) { id kind actedAt } }';
      expect((await court.execute(mutation, { i: input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await court.execute(mutation, { i: input }, { authorization: await bearer('ORGANIZATION', { uscc: target }) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const done = await court.execute(mutation, { i: input }, { authorization: auditor });
      expect(done.errors).toBeUndefined();
      const report = (await court.execute('{ pushCoverage(regionCode: "231124") { listedBodies pushedBodies } }')).data.pushCoverage;
      expect(report).toEqual({ listedBodies: before.listed.length, pushedBodies: before.pushed.length + 1 });

      const exited = demo.records.find((r) => statusOf(r) === 'EXITED')!;
      expect((await court.execute(mutation, { i: { ...input, caseNumber: exited.row.caseCode } }, { authorization: auditor })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await court.execute(mutation, { i: { ...input, caseNumber: '(2026)黑1124执99999号' } }, { authorization: auditor })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await court.execute(mutation, { i: { ...input, actedAt: '2999-01-01' } }, { authorization: auditor })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

      // The body answers; another unit may not, and an answer is given once.
      const id = done.data.recordPushAction.id;
      const feedback = 'mutation($id: ID!, $f: String!) { recordPushFeedback(actionId: $id, feedback: $f) { feedback feedbackAt } }';
      const other = demo.records.find((r) => r.row.cardNum !== target)!.row.cardNum;
      expect((await court.execute(feedback, { id, f: '已筹措资金' }, { authorization: await bearer('ORGANIZATION', { uscc: other }) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const own = await bearer('ORGANIZATION', { uscc: target });
      expect((await court.execute(feedback, { id, f: '已筹措资金，月底前履行' }, { authorization: own })).data.recordPushFeedback).toEqual({ feedback: '已筹措资金，月底前履行', feedbackAt: on });
      expect((await court.execute(feedback, { id, f: '再次反馈' }, { authorization: own })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const actions = 'query($c: String!) { debtorRecord(caseNumber: $c) { pushed pushActions { kind feedback } } }';
      expect((await court.execute(actions, { c: record.row.caseCode }, { authorization: own })).data.debtorRecord).toEqual({ pushed: true, pushActions: [{ kind: 'INTERVIEW', feedback: '已筹措资金，月底前履行' }] });
      expect((await court.execute(actions, { c: record.row.caseCode })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }));
});

describe('Organization.debtorRecords and debtorSummary', () => {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { uscc
    debtorRecords { caseNumber status } active: debtorRecords(status: ACTIVE) { caseNumber }
    debtorSummary { activeRecords underObjection exitedRecords repairedRecords unperformedAmount pushed firstListedAt activeCaseNumbers aboutToBeListed aboutToBeListedCaseNumbers } } } }`;

  function summaryOf(uscc: string) {
    const records = demo.records.filter((r) => r.row.cardNum === uscc);
    const active = records.filter((r) => statusOf(r) === 'ACTIVE');
    const listed = records.filter(onList);
    const pending = demo.pendingCases.filter((p) => p.cardNum === uscc && p.status === 'PENDING');
    return {
      activeRecords: active.length,
      underObjection: records.filter((r) => statusOf(r) === 'UNDER_OBJECTION').length,
      exitedRecords: records.filter((r) => statusOf(r) === 'EXITED').length,
      repairedRecords: records.filter((r) => statusOf(r) === 'REPAIRED').length,
      unperformedAmount: yuanOf(active.reduce((sum, r) => sum + fenOf(r.corrected?.unperformPart ?? r.row.unperformPart), 0n)),
      pushed: listed.some((r) => pushedCases.has(r.row.caseCode)),
      firstListedAt: listed.map(publishOf).sort()[0] ?? null,
      activeCaseNumbers: sorted(active.map((r) => r.row.caseCode)),
      aboutToBeListed: pending.length,
      aboutToBeListedCaseNumbers: sorted(pending.map((p) => p.caseCode)),
    };
  }

  it('summarises like a brute-force count, for bodies in every state', async () => {
    const bodies = [
      ...new Set([
        ...demo.records.filter((r) => ['UNDER_OBJECTION', 'REPAIRED', 'EXITED'].includes(r.status) || r.corrected).map((r) => r.row.cardNum),
        ...demo.records.filter((r, i, all) => all.findIndex((o) => o.row.cardNum === r.row.cardNum) !== i).map((r) => r.row.cardNum),
        ...demo.pendingCases.map((p) => p.cardNum),
        registry.organizations.find((o) => !demo.records.some((r) => r.row.cardNum === o.uscc))!.uscc,
      ]),
    ];
    const { data, errors } = await court.execute(query, { r: bodies.map((uscc) => ({ __typename: 'Organization', uscc })) }, { authorization: auditor });
    expect(errors).toBeUndefined();
    for (const entity of data._entities) {
      const records = demo.records.filter((r) => r.row.cardNum === entity.uscc);
      expect(entity.debtorSummary, entity.uscc).toEqual(summaryOf(entity.uscc));
      expect(sorted(entity.debtorRecords.map((r: any) => r.caseNumber))).toEqual(sorted(records.map((r) => r.row.caseCode)));
      expect(entity.active.map((r: any) => r.caseNumber).sort()).toEqual(summaryOf(entity.uscc).activeCaseNumbers);
    }
  });

  it('resolves 1 and 100 organizations with the same number of statements', async () => {
    const usccs = [...new Set([...demo.records.map((r) => r.row.cardNum), ...registry.organizations.map((o) => o.uscc)])];
    const statementsFor = async (count: number) => {
      const r = usccs.slice(0, count).map((uscc) => ({ __typename: 'Organization', uscc }));
      court.store.statements.reset();
      const { data, errors } = await court.execute(query, { r }, { authorization: auditor });
      expect(errors).toBeUndefined();
      expect(data._entities).toHaveLength(count);
      return court.store.statements.count;
    };
    const one = await statementsFor(1);
    expect(one).toBe(3); // records, pending cases, then which cases were pushed
    expect(await statementsFor(100)).toBe(one);
  });
});

describe('reconciliation with the registry', () => {
  it('lists the debtors on the list that the registry does not know, like a brute-force comparison', async () => {
    const query = `query($c: String!) { debtorReconciliation(regionCode: $c) { regionCode listedDebtors matchedDebtors unmatchedCount
      unmatchedDebtors(first: 100) { totalCount edges { node { uscc name governmentBody caseNumbers organization { uscc } } } } } }`;
    for (const regionCode of REGIONS) {
      const organizationUsccs = registry.organizations.filter((o) => o.regionCode.startsWith(regionPrefix(regionCode))).map((o) => o.uscc);
      const { data, errors } = await court.execute(query, { c: regionCode }, { authorization: auditor });
      expect(errors).toBeUndefined();
      const listed = demo.records.filter((r) => onList(r) && inRegion(r.row.cardNum, regionCode));
      const { debtors, unmatched } = unmatchedOf(demo, regionCode, organizationUsccs);
      const report = data.debtorReconciliation;
      expect(report, regionCode).toMatchObject({ listedDebtors: debtors.length, matchedDebtors: debtors.length - unmatched.length, unmatchedCount: unmatched.length });
      expect(report.unmatchedDebtors.edges.map((e: any) => e.node.uscc)).toEqual(unmatched);
      for (const { node } of report.unmatchedDebtors.edges) {
        expect(node.caseNumbers).toEqual(listed.filter((r) => r.row.cardNum === node.uscc).sort((a, b) => publishOf(a).localeCompare(publishOf(b))).map((r) => r.row.caseCode));
      }
    }
    expect(demo.records.filter((r) => !r.registered && onList(r)).length).toBeGreaterThan(2);
  });
});

describe('objections', () => {
  const active = demo.records.filter((r) => statusOf(r) === 'ACTIVE' && r.registered && isGovernment(r.row.cardNum) && !r.corrected);
  const file = 'mutation($c: String!, $r: String!) { fileDebtorObjection(caseNumber: $c, reason: $r) { id status filedByRole filerUscc } }';
  const decide = 'mutation($id: ID!, $d: DebtorObjectionDecision!, $n: String!, $c: DebtorCorrectionInput) { decideDebtorObjection(objectionId: $id, decision: $d, note: $n, correction: $c) { status decidedAt } }';
  const read = 'query($c: String!) { debtorRecord(caseNumber: $c) { status exitReason unperformedPart unperformedAmount objections { status } } }';
  const summary = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { debtorSummary { activeRecords underObjection activeCaseNumbers } } } }';

  it('suspends the record while pending; a rejection puts it back on the list', () =>
    withStore('demo', async (court) => {
      const record = active[0]!;
      const c = record.row.caseCode;
      const own = await bearer('ORGANIZATION', { uscc: record.row.cardNum });
      expect((await court.execute(file, { c, r: '金额有误' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await court.execute(file, { c, r: '金额有误' }, { authorization: await bearer('ORGANIZATION', { uscc: active[1]!.row.cardNum }) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await court.execute(file, { c, r: ' ' }, { authorization: own })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const filed = await court.execute(file, { c, r: '该款项已部分支付，金额有误' }, { authorization: own });
      expect(filed.data.fileDebtorObjection).toMatchObject({ status: 'PENDING', filedByRole: 'ORGANIZATION', filerUscc: record.row.cardNum });
      expect((await court.execute(file, { c, r: '再次提出' }, { authorization: own })).errors?.[0]?.extensions?.code).toBe('CONFLICT');

      const before = summaryOfBody(record.row.cardNum);
      const during = (await court.execute(summary, { r: [{ __typename: 'Organization', uscc: record.row.cardNum }] })).data._entities[0].debtorSummary;
      expect(during).toEqual({ activeRecords: before.active - 1, underObjection: before.underObjection + 1, activeCaseNumbers: before.activeCases.filter((x) => x !== c) });

      const id = filed.data.fileDebtorObjection.id;
      expect((await court.execute(decide, { id, d: 'REJECT', n: '异议不成立' }, { authorization: own })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await court.execute(decide, { id, d: 'REJECT', n: '异议不成立', c: { obligation: 'x' } }, { authorization: courtToken })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await court.execute(decide, { id, d: 'REJECT', n: '经核查异议不成立' }, { authorization: courtToken })).data.decideDebtorObjection).toEqual({ status: 'REJECTED', decidedAt: on });
      expect((await court.execute(decide, { id, d: 'REMOVE', n: '改判' }, { authorization: courtToken })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await court.execute(read, { c }, { authorization: auditor })).data.debtorRecord).toMatchObject({ status: 'ACTIVE', objections: [{ status: 'REJECTED' }] });
    }));

  it('an upheld objection corrects the record (and a re-sent court row keeps the correction) or revokes the listing', () =>
    withStore('demo', async (court) => {
      const corrected = active[2]!;
      const filed = await court.execute(file, { c: corrected.row.caseCode, r: '未履行金额有误' }, { authorization: auditor });
      expect(filed.data.fileDebtorObjection).toMatchObject({ filedByRole: 'AUDITOR', filerUscc: null });
      const id = filed.data.fileDebtorObjection.id;
      expect((await court.execute(decide, { id, d: 'CORRECT', n: '更正' }, { authorization: courtToken })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'correction' });
      expect((await court.execute(decide, { id, d: 'CORRECT', n: '异议成立，更正未履行金额', c: { unperformedPart: '尚欠12,000.00元' } }, { authorization: courtToken })).data.decideDebtorObjection.status).toBe('CORRECTED');
      expect((await court.execute(read, { c: corrected.row.caseCode }, { authorization: auditor })).data.debtorRecord).toMatchObject({ status: 'ACTIVE', unperformedPart: '尚欠12,000.00元', unperformedAmount: '12000.00' });
      expect(await importRows(court, [corrected.row])).toMatchObject({ unchanged: 1 });
      expect((await court.execute(read, { c: corrected.row.caseCode }, { authorization: auditor })).data.debtorRecord.unperformedAmount).toBe('12000.00');

      const revoked = active[3]!;
      const second = await court.execute(file, { c: revoked.row.caseCode, r: '立案前已履行' }, { authorization: await bearer('ORGANIZATION', { uscc: revoked.row.cardNum }) });
      await court.execute(decide, { id: second.data.fileDebtorObjection.id, d: 'REMOVE', n: '纳入错误，予以删除' }, { authorization: courtToken });
      expect((await court.execute(read, { c: revoked.row.caseCode }, { authorization: auditor })).data.debtorRecord).toMatchObject({ status: 'EXITED', exitReason: 'REVOKED' });
      expect((await court.execute(file, { c: revoked.row.caseCode, r: '再议' }, { authorization: auditor })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }));

  it('a record that leaves the list closes its pending objection', () =>
    withStore('demo', async (court) => {
      const record = demo.records.find((r) => r.status === 'UNDER_OBJECTION')!;
      const exit = 'mutation($c: String!) { exitDebtorRecord(caseNumber: $c, reason: SETTLED, note: "达成和解并履行完毕") { status exitReason exitedAt } }';
      expect((await court.execute(exit, { c: record.row.caseCode }, { authorization: courtToken })).data.exitDebtorRecord).toEqual({ status: 'EXITED', exitReason: 'SETTLED', exitedAt: on });
      expect((await court.execute(read, { c: record.row.caseCode }, { authorization: auditor })).data.debtorRecord.objections).toEqual([{ status: 'CLOSED' }]);
    }));

  it('the caller who filed an objection may not decide it (separation of duties); another may', () =>
    withStore('demo', async (court) => {
      const record = active[4]!;
      // One account holding both the credit office's and the court's role (or ADMIN's): it files, then decides.
      const both = `Bearer ${await signToken({ sub: 'auditor-and-court', roles: ['AUDITOR', 'COURT'] })}`;
      const filed = await court.execute(file, { c: record.row.caseCode, r: '金额有误' }, { authorization: both });
      expect(filed.data.fileDebtorObjection.status).toBe('PENDING');
      const own = await court.execute(decide, { id: filed.data.fileDebtorObjection.id, d: 'REMOVE', n: '异议成立，予以删除' }, { authorization: both });
      expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES' });
      expect(own.errors?.[0]?.message).toMatch(/^[^(]*[\u4e00-\u9fff][^(]* \(.*[a-z].*\)$/);
      expect((await court.execute(read, { c: record.row.caseCode }, { authorization: auditor })).data.debtorRecord).toMatchObject({ status: 'UNDER_OBJECTION', objections: [{ status: 'PENDING' }] });
      expect((await court.execute(decide, { id: filed.data.fileDebtorObjection.id, d: 'REJECT', n: '异议不成立' }, { authorization: courtToken })).data.decideDebtorObjection.status).toBe('REJECTED');
    }));

  it('two filings at once leave one PENDING objection and one CONFLICT, never a server error (a real store file)', () =>
    withFileStore(async (court) => {
      const [viaRepository, viaApi] = [active[5]!, active[6]!];
      const callerOf = async (authorization: string) => (await court.contextFor({ authorization })).caller;
      // The unit and the credit office at the same moment, each in its own unit of work, as two requests are.
      const [unit, credit] = [await callerOf(await bearer('ORGANIZATION', { uscc: viaRepository.row.cardNum })), await callerOf(auditor)];
      const suspensions = async () => (await court.store.orm.em.fork().findOneOrFail(DebtorRecord, { caseNumber: viaRepository.row.caseCode })).history.filter((h) => h.status === 'UNDER_OBJECTION').length;
      const suspendedBefore = await suspensions();
      const settled = await Promise.allSettled([
        remedy.fileObjection(court.store.orm.em.fork() as EntityManager, viaRepository.row.caseCode, '第一份异议：金额有误', unit),
        remedy.fileObjection(court.store.orm.em.fork() as EntityManager, viaRepository.row.caseCode, '第二份异议：主动核查', credit),
      ]);
      expect(settled.map((x) => (x.status === 'fulfilled' ? x.value.status : (x.reason as GraphQLError).extensions?.code)).sort()).toEqual(['CONFLICT', 'PENDING']);
      expect(await court.store.orm.em.fork().count(DebtorObjection, { caseNumber: viaRepository.row.caseCode, status: ObjectionStatus.PENDING })).toBe(1);
      expect((await court.execute(read, { c: viaRepository.row.caseCode }, { authorization: auditor })).data.debtorRecord).toMatchObject({ status: 'UNDER_OBJECTION', objections: [{ status: 'PENDING' }] });
      // the refused filing's suspension went with its transaction
      expect(await suspensions()).toBe(suspendedBefore + 1);

      // Through the API: the same, never INTERNAL_SERVER_ERROR.
      const c = viaApi.row.caseCode;
      const answers = await Promise.all([
        court.execute(file, { c, r: '第一份异议：金额有误' }, { authorization: await bearer('ORGANIZATION', { uscc: viaApi.row.cardNum }) }),
        court.execute(file, { c, r: '第二份异议：主动核查' }, { authorization: auditor }),
      ]);
      expect(answers.map((a) => a.errors?.[0]?.extensions?.code ?? a.data.fileDebtorObjection.status).sort()).toEqual(['CONFLICT', 'PENDING']);
      expect(await court.store.orm.em.fork().count(DebtorObjection, { caseNumber: c, status: ObjectionStatus.PENDING })).toBe(1);
    }));

  function summaryOfBody(uscc: string) {
    const records = demo.records.filter((r) => r.row.cardNum === uscc);
    const activeCases = records.filter((r) => statusOf(r) === 'ACTIVE').map((r) => r.row.caseCode).sort();
    return { active: activeCases.length, underObjection: records.filter((r) => statusOf(r) === 'UNDER_OBJECTION').length, activeCases };
  }
});

describe('exits and credit repair', () => {
  const apply = 'mutation($c: String!) { applyForCreditRepair(caseNumber: $c, measures: "已全部履行并消除影响", evidence: "履行凭证") { id status } }';
  const decide = 'mutation($id: ID!, $a: Boolean!) { decideCreditRepair(applicationId: $id, approve: $a, note: "审核意见") { status decidedAt } }';
  const read = 'query($c: String!) { debtorRecord(caseNumber: $c) { status exitReason repairedAt creditRepairs { status } statusHistory { status } } }';

  it('the court takes records off the list; a term that ends needs no call', () =>
    withStore('demo', async (court) => {
      const record = demo.records.filter((r) => statusOf(r) === 'ACTIVE' && !r.corrected).at(-1)!;
      const exit = 'mutation($c: String!, $r: DebtorExitReason!, $at: String) { exitDebtorRecord(caseNumber: $c, reason: $r, exitedAt: $at) { status exitReason exitedAt } }';
      expect((await court.execute(exit, { c: record.row.caseCode, r: 'TERM_EXPIRED' }, { authorization: courtToken })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect((await court.execute(exit, { c: record.row.caseCode, r: 'PERFORMED' }, { authorization: await bearer('ORGANIZATION', { uscc: record.row.cardNum }) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await court.execute(exit, { c: record.row.caseCode, r: 'EXECUTION_TERMINATED', at: '2001-01-01' }, { authorization: courtToken })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await court.execute(exit, { c: record.row.caseCode, r: 'EXECUTION_TERMINATED' }, { authorization: courtToken })).data.exitDebtorRecord).toEqual({ status: 'EXITED', exitReason: 'EXECUTION_TERMINATED', exitedAt: on });
      expect((await court.execute(exit, { c: record.row.caseCode, r: 'SETTLED' }, { authorization: courtToken })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await court.execute(exit, { c: '(2026)黑11执99999号', r: 'SETTLED' }, { authorization: courtToken })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }));

  it('the debtor applies, the court approves: the record is REPAIRED and stops counting', () =>
    withStore('demo', async (court) => {
      const record = demo.records.find((r) => statusOf(r) === 'EXITED' && r.registered && !demo.repairs.some((x) => x.caseNumber === r.row.caseCode) && r.exitReason === 'SETTLED')!;
      const own = await bearer('ORGANIZATION', { uscc: record.row.cardNum });
      expect((await court.execute(apply, { c: record.row.caseCode }, { authorization: await bearer('ORGANIZATION', { uscc: demo.records[0]!.row.cardNum }) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const applied = await court.execute(apply, { c: record.row.caseCode }, { authorization: own });
      expect(applied.data.applyForCreditRepair.status).toBe('PENDING');
      expect((await court.execute(apply, { c: record.row.caseCode }, { authorization: own })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await court.execute(decide, { id: applied.data.applyForCreditRepair.id, a: true }, { authorization: own })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await court.execute(decide, { id: applied.data.applyForCreditRepair.id, a: true }, { authorization: courtToken })).data.decideCreditRepair).toEqual({ status: 'APPROVED', decidedAt: on });
      const repaired = (await court.execute(read, { c: record.row.caseCode }, { authorization: own })).data.debtorRecord;
      expect(repaired).toMatchObject({ status: 'REPAIRED', exitReason: 'SETTLED', repairedAt: on, creditRepairs: [{ status: 'APPROVED' }] });
      expect(repaired.statusHistory.at(-1).status).toBe('REPAIRED');
      expect((await court.execute(apply, { c: record.row.caseCode }, { authorization: own })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }));

  it('the applicant may not decide its own application (separation of duties): one ADMIN applies, another approves', () =>
    withStore('demo', async (court) => {
      const record = demo.records.find((r) => statusOf(r) === 'EXITED' && r.registered && !demo.repairs.some((x) => x.caseNumber === r.row.caseCode))!;
      const admin = await bearer('ADMIN');
      const applied = await court.execute(apply, { c: record.row.caseCode }, { authorization: admin });
      expect(applied.data.applyForCreditRepair.status).toBe('PENDING');
      const own = await court.execute(decide, { id: applied.data.applyForCreditRepair.id, a: true }, { authorization: admin });
      expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES' });
      expect((await court.execute(read, { c: record.row.caseCode }, { authorization: auditor })).data.debtorRecord).toMatchObject({ status: 'EXITED', creditRepairs: [{ status: 'PENDING' }] });
      const another = `Bearer ${await signToken({ sub: 'second-admin', roles: ['ADMIN'] })}`;
      expect((await court.execute(decide, { id: applied.data.applyForCreditRepair.id, a: true }, { authorization: another })).data.decideCreditRepair).toEqual({ status: 'APPROVED', decidedAt: on });
    }));

  it('two applications at once leave one PENDING application and one CONFLICT, never a server error (a real store file)', () =>
    withFileStore(async (court) => {
      const [viaRepository, viaApi] = demo.records.filter((r) => statusOf(r) === 'ACTIVE' && r.registered && !demo.repairs.some((x) => x.caseNumber === r.row.caseCode));
      const callerOf = async (authorization: string) => (await court.contextFor({ authorization })).caller;
      const [unit, admin] = [await callerOf(await bearer('ORGANIZATION', { uscc: viaRepository!.row.cardNum })), await callerOf(await bearer('ADMIN'))];
      const settled = await Promise.allSettled([
        remedy.applyForRepair(court.store.orm.em.fork() as EntityManager, viaRepository!.row.caseCode, '已全部履行', null, unit),
        remedy.applyForRepair(court.store.orm.em.fork() as EntityManager, viaRepository!.row.caseCode, '已全部履行（纸质申请）', null, admin),
      ]);
      expect(settled.map((x) => (x.status === 'fulfilled' ? x.value.status : (x.reason as GraphQLError).extensions?.code)).sort()).toEqual(['CONFLICT', 'PENDING']);
      const refusal = settled.find((x) => x.status === 'rejected') as PromiseRejectedResult;
      expect((refusal.reason as Error).message).toBe('该记录已有待审核的修复申请 (the record already has a repair application under review)');
      expect(await court.store.orm.em.fork().count(CreditRepair, { caseNumber: viaRepository!.row.caseCode, status: RepairStatus.PENDING })).toBe(1);

      const c = viaApi!.row.caseCode;
      const answers = await Promise.all([
        court.execute(apply, { c }, { authorization: await bearer('ORGANIZATION', { uscc: viaApi!.row.cardNum }) }),
        court.execute(apply, { c }, { authorization: await bearer('ADMIN') }),
      ]);
      expect(answers.map((a) => a.errors?.[0]?.extensions?.code ?? a.data.applyForCreditRepair.status).sort()).toEqual(['CONFLICT', 'PENDING']);
      expect(await court.store.orm.em.fork().count(CreditRepair, { caseNumber: c, status: RepairStatus.PENDING })).toBe(1);
    }));

  it('a rejected application leaves the record as it was; a record under objection cannot be repaired', () =>
    withStore('demo', async (court) => {
      const record = demo.records.find((r) => statusOf(r) === 'ACTIVE' && !demo.repairs.some((x) => x.caseNumber === r.row.caseCode) && r.registered)!;
      const own = await bearer('ORGANIZATION', { uscc: record.row.cardNum });
      const applied = await court.execute(apply, { c: record.row.caseCode }, { authorization: own });
      expect((await court.execute(decide, { id: applied.data.applyForCreditRepair.id, a: false }, { authorization: courtToken })).data.decideCreditRepair.status).toBe('REJECTED');
      expect((await court.execute(read, { c: record.row.caseCode }, { authorization: own })).data.debtorRecord.status).toBe('ACTIVE');
      const objected = demo.records.find((r) => r.status === 'ACTIVE' && r.registered && statusOf(r) === 'ACTIVE' && r.row.cardNum !== record.row.cardNum && !r.corrected)!;
      await court.execute('mutation($c: String!) { fileDebtorObjection(caseNumber: $c, reason: "信息有误") { id } }', { c: objected.row.caseCode }, { authorization: auditor });
      expect((await court.execute(apply, { c: objected.row.caseCode }, { authorization: await bearer('ORGANIZATION', { uscc: objected.row.cardNum }) })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }));
});

describe('about to be listed', () => {
  const list = '{ aboutToBeListed(first: 100) { totalCount edges { node { caseNumber debtorUscc amount status pushActions { kind } } } } }';
  const importPending = 'mutation($c: [PendingCaseInput!]!) { importPendingCases(cases: $c) { accepted updated unchanged rejected errors { row field } } }';

  it('lists pending cases against government bodies for supervisors, a unit\'s own for the unit, nothing for PUBLIC', async () => {
    const pending = demo.pendingCases.filter((p) => p.status === 'PENDING');
    const result = await court.execute(list, {}, { authorization: auditor });
    expect(sorted(result.data.aboutToBeListed.edges.map((e: any) => e.node.caseNumber))).toEqual(sorted(pending.map((p) => p.caseCode)));
    const warned = result.data.aboutToBeListed.edges.filter((e: any) => e.node.pushActions.length > 0).map((e: any) => e.node.caseNumber);
    expect(sorted(warned)).toEqual(sorted(pending.filter((p) => pushedCases.has(p.caseCode)).map((p) => p.caseCode)));
    const own = await court.execute(list, {}, { authorization: await bearer('ORGANIZATION', { uscc: pending[0]!.cardNum }) });
    expect(own.data.aboutToBeListed.edges.map((e: any) => e.node.caseNumber)).toEqual([pending[0]!.caseCode]);
    expect((await court.execute(list)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a reported case is warned, pushed before listing, and leaves the warning list when the court lists it', () =>
    withStore('demo', async (court) => {
      const org = registry.organizations.find((o) => o.kind === 'GOVERNMENT_DEPARTMENT' && !demo.records.some((r) => r.row.cardNum === o.uscc) && !demo.pendingCases.some((p) => p.cardNum === o.uscc))!;
      const caseCode = '(2026)黑1102执2999号';
      const row = { caseCode, courtName: '黑河市爱辉区人民法院', iname: org.name, cardNum: org.uscc, duty: '支付工程款50万元', execMoney: '50万元', regDate: '20260901' };
      expect((await court.execute(importPending, { c: [row, { ...row, caseCode: 'bad' }] }, { authorization: courtToken })).data.importPendingCases).toMatchObject({ accepted: 1, rejected: 1, errors: [{ row: 2, field: 'caseCode' }] });
      expect((await court.execute(importPending, { c: [row] }, { authorization: courtToken })).data.importPendingCases).toMatchObject({ unchanged: 1 });
      await court.execute('mutation($i: PushActionInput!) { recordPushAction(input: $i) { id } }', { i: { caseNumber: caseCode, kind: 'LETTER', unit: '爱辉区营商环境建设监督局' } }, { authorization: auditor });
      const summary = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { debtorSummary { activeRecords aboutToBeListed aboutToBeListedCaseNumbers pushed } } } }';
      const r = [{ __typename: 'Organization', uscc: org.uscc }];
      expect((await court.execute(summary, { r })).data._entities[0].debtorSummary).toEqual({ activeRecords: 0, aboutToBeListed: 1, aboutToBeListedCaseNumbers: [caseCode], pushed: false });
      const listing = { ...demo.records[0]!.row, caseCode, iname: org.name, cardNum: org.uscc, regDate: '20260901', publishDate: '2026年10月20日' };
      expect(await importRows(court, [listing])).toMatchObject({ accepted: 1 });
      // Listed: the warning has done its work, and the letter sent before counts as a push.
      expect((await court.execute(summary, { r })).data._entities[0].debtorSummary).toEqual({ activeRecords: 1, aboutToBeListed: 0, aboutToBeListedCaseNumbers: [], pushed: true });
      const after = await court.execute(list, {}, { authorization: auditor });
      expect(after.data.aboutToBeListed.edges.map((e: any) => e.node.caseNumber)).not.toContain(caseCode);
    }));

  it('a case performed in time is closed once', () =>
    withStore('demo', async (court) => {
      const pending = demo.pendingCases.filter((p) => p.status === 'PENDING').at(-1)!;
      const close = 'mutation($c: String!) { closePendingCase(caseNumber: $c, outcome: PERFORMED) { status closedAt } }';
      expect((await court.execute(close, { c: pending.caseCode }, { authorization: courtToken })).data.closePendingCase).toEqual({ status: 'PERFORMED', closedAt: on });
      expect((await court.execute(close, { c: pending.caseCode }, { authorization: courtToken })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }));
});

describe('store', () => {
  it('needs no schema changes after creation', async () => {
    expect(await pendingSchemaChanges(court.store.orm)).toBe('');
    await withStore('empty', async (fresh) => {
      expect(await pendingSchemaChanges(fresh.store.orm)).toBe('');
    });
  });
});

// ---------------------------------------------------------------------------
// Hand-worked fixtures (issue 21: independent oracles): a made-up county's court list written out
// below; the expected push coverage is worked out by hand in the comments and written as literals,
// not by demo-truth.ts's rule nor by the code under test.
// ---------------------------------------------------------------------------

describe('hand-worked fixtures', () => {
  // Push coverage (督促履行覆盖率), seed 001 table row 2: "督促、推动被列为失信被执行人名单的单位履行法律义务覆盖面应达到100%",
  // "推动本级政府被列为失信被执行人名单的政府部门、事业单位和国有企业履行法律义务"; seed 002 §四(一) "行政机关、事业单位、国有企业等主体".
  // = listed bodies pushed (a measure on one of their cases on the list) ÷ listed bodies (an ACTIVE record: a case under
  // objection suspends punishment, seed 004 §四(九); an exited or term-expired one no longer lists it, 法释〔2017〕7号).
  // Government bodies are known by the USCC's type (11, 12, 13, …), registered or not; an enterprise (91) only counts when
  // the registry knows it as state-owned.
  const COUNTY = '231190';
  const O1 = fixtureUscc('11', COUNTY, 1); // organ: listed, pushed
  const O2 = fixtureUscc('12', COUNTY, 2); // public institution: listed, not pushed
  const O3 = fixtureUscc('11', COUNTY, 3); // organ: pushed on a case since performed (off the list), its other case listed and not pushed
  const O4 = fixtureUscc('54', COUNTY, 4); // committee: its only case under objection
  const O5 = fixtureUscc('13', COUNTY, 5); // mass organization the registry does not know: listed, pushed
  const O6 = fixtureUscc('11', COUNTY, 6); // organ: listed in 2023 for breaching the asset report order, two-year term over
  const E1 = fixtureUscc('91', COUNTY, 7); // the registry's state-owned enterprise: listed, pushed
  const E2 = fixtureUscc('91', COUNTY, 8); // a private enterprise: listed, out of scope
  const O7 = fixtureUscc('11', '231191', 9); // organ of the neighbouring county: listed, not pushed
  const REFUSAL = '有履行能力而拒不履行生效法律文书确定义务';
  /** [case, debtor, status, published (court form), behaviour] */
  const RECORDS: Array<[string, string, string, string, string]> = [
    ['(2026)黑1190执1号', O1, 'ACTIVE', '2026年02月10日', REFUSAL],
    ['(2026)黑1190执2号', O2, 'ACTIVE', '2026年02月11日', REFUSAL],
    ['(2025)黑1190执3号', O3, 'EXITED', '2025年05月12日', REFUSAL],
    ['(2026)黑1190执4号', O3, 'ACTIVE', '2026年03月01日', REFUSAL],
    ['(2026)黑1190执5号', O4, 'UNDER_OBJECTION', '2026年03月02日', REFUSAL],
    ['(2026)黑1190执6号', O5, 'ACTIVE', '2026年03月03日', REFUSAL],
    ['(2023)黑1190执7号', O6, 'ACTIVE', '2023年01月10日', '违反财产报告制度'],
    ['(2026)黑1190执8号', E1, 'ACTIVE', '2026年03月04日', REFUSAL],
    ['(2026)黑1190执9号', E2, 'ACTIVE', '2026年03月05日', REFUSAL],
    ['(2026)黑1191执1号', O7, 'ACTIVE', '2026年03月06日', REFUSAL],
  ];
  const PUSHED = ['(2026)黑1190执1号', '(2025)黑1190执3号', '(2026)黑1190执6号', '(2026)黑1190执8号', '(2026)黑1190执9号', '(2023)黑1190执7号'];

  const worked = lazyStore('court_worked', async (name) => {
    const built = await buildSubgraph(subgraph, { dbName: name });
    const records = RECORDS.map(([caseCode, cardNum, status, publishDate, disruptTypeName]) => {
      const iso = isoOf(publishDate);
      return {
        row: {
          iname: `测试单位${cardNum.slice(-4)}`, cardNum, caseCode, courtName: '测试县人民法院', areaName: '黑龙江', gistId: `(2025)黑1190民初${caseCode.slice(-3)}`, gistUnit: '测试县人民法院',
          duty: '支付工程款100,000.00元', performance: status === 'EXITED' ? '全部履行' : '全部未履行', performedPart: '0', unperformPart: '100,000.00元', disruptTypeName,
          regDate: iso.replace(/-/g, '').replace(/..$/, '01'), publishDate, businessEntity: '张三丰',
        },
        status, exitReason: status === 'EXITED' ? 'PERFORMED' : null, exitedAt: status === 'EXITED' ? '2026-01-20' : null, repairedAt: null, corrected: null,
        history: [{ status: 'ACTIVE', reason: null, at: iso, by: 'test', note: null }, ...(status === 'ACTIVE' ? [] : [{ status, reason: status === 'EXITED' ? 'PERFORMED' : null, at: '2026-01-20', by: 'test', note: null }])],
      };
    });
    const pushActions = PUSHED.map((caseNumber, i) => ({ id: `P-${i}`, caseNumber, kind: 'INTERVIEW', unit: '测试县营商环境局', actedAt: '2026-01-05', note: null, feedback: null, feedbackAt: null }));
    await built.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo({ asOf: DEMO_AS_OF, records, pendingCases: [], pushActions, objections: [], repairs: [] } as any), progress: silentProgress }));
    await fillRegistryMirror(built, [
      { uscc: O1, regionCode: COUNTY, kind: 'GOVERNMENT_DEPARTMENT' }, { uscc: O2, regionCode: COUNTY, kind: 'PUBLIC_INSTITUTION' }, { uscc: O3, regionCode: COUNTY, kind: 'GOVERNMENT_DEPARTMENT' },
      { uscc: O4, regionCode: COUNTY, kind: 'VILLAGERS_COMMITTEE' }, { uscc: O6, regionCode: COUNTY, kind: 'GOVERNMENT_DEPARTMENT' }, { uscc: E1, regionCode: COUNTY, kind: 'STATE_OWNED_ENTERPRISE' },
      { uscc: O7, regionCode: '231191', kind: 'GOVERNMENT_DEPARTMENT' },
    ]);
    return built;
  });
  afterAll(() => worked.drop());

  const coverage = async (regionCode: string) => {
    const { data, errors } = await (await worked.get()).execute('query($r: String!) { pushCoverage(regionCode: $r) { listedBodies pushedBodies rate target meetsTarget unpushedBodies { uscc } groups { group listedBodies pushedBodies rate } } }', { r: regionCode });
    expect(errors).toBeUndefined();
    const report = data.pushCoverage;
    return { ...report, unpushedBodies: report.unpushedBodies.map((b: any) => b.uscc).sort() };
  };

  it('counts listed organs, institutions and state-owned enterprises, pushed on a case still on the list', async () => {
    // Listed in 231190: O1, O2, O3 (its 2026 case), O5, E1 = 5. Not: O4 (under objection only), O6 (term over in 2025),
    // E2 (not state-owned). Pushed: O1, O5, E1 = 3; O3's measure was on the case it has since performed.
    // 3/5 = 0.6 < 1. Government bodies O1, O2, O3, O5: 2 of 4 pushed = 0.5; enterprises E1: 1 of 1.
    expect(await coverage('231190')).toEqual({
      listedBodies: 5, pushedBodies: 3, rate: 0.6, target: 1, meetsTarget: false, unpushedBodies: [O2, O3].sort(),
      groups: [{ group: 'GOVERNMENT_BODIES', listedBodies: 4, pushedBodies: 2, rate: 0.5 }, { group: 'STATE_OWNED_ENTERPRISES', listedBodies: 1, pushedBodies: 1, rate: 1 }],
    });
    // The city adds O7, listed and not pushed: 3/6 = 0.5.
    expect(await coverage('231100')).toMatchObject({ listedBodies: 6, pushedBodies: 3, rate: 0.5, meetsTarget: false, unpushedBodies: [O2, O3, O7].sort() });
  });
});
