// The dishonesty-records subgraph in-process (SQLite in memory): the demo seeded as an import
// derives it, a hand-worked fixture county for the import's rules (known authorities, owners,
// pilot codes, officials on the roster, idempotency, nothing half-written), and who reads what.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_AS_OF } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoDishonesty } from '../../scripts/demo-data/dishonesty-records.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { DishonestyRecord } from '../../subgraphs/dishonesty-records/entities/dishonesty-record.js';
import { AppliedSanction } from '../../subgraphs/dishonesty-records/entities/applied-sanction.js';
import { sanctionEndDate } from '../../subgraphs/dishonesty-records/record.rules.js';
import { subgraph } from '../../subgraphs/dishonesty-records/schema.js';
import { seed } from '../../subgraphs/dishonesty-records/seed.js';
import {
  AuditEntry, buildSubgraph, ChangeEntry, idNumberCheckCharacter, officialPseudonym, signToken, silentProgress, today, wholeDemo, type BuiltSubgraph,
} from '../../subgraphs/kit/index.js';
import { COURT, countyStore, DISCIPLINE, HOUSING, ID_BODY, MARKET, penalty, sanction, SCHOOL, ZHANG } from './fixture-county.js';
import { bearer, demoRoster, dropTestStore, fillRegistryMirror, fixtureUscc, pendingSchemaChanges, testDbName } from '../helpers.js';

const registry = buildDemoRegistry();
const demo = buildDemoDishonesty(registry);

const IMPORT = 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted updated unchanged rejected errors { row field code rule message } warnings { row field code } } }';
const FIELDS = 'id kind subjectType organizationUscc officialName official { id } documentNumber publication sanctionEndDate inTerm';

// ---- The demo ----------------------------------------------------------------------------

describe('the demo, seeded', () => {
  const dbName = testDbName('dishonesty_demo');
  let store: BuiltSubgraph;
  beforeAll(async () => {
    store = await buildSubgraph(subgraph, { dbName, roster: demoRoster(registry) });
    await store.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo({ ...demo, asOf: DEMO_AS_OF }), progress: silentProgress }));
    await fillRegistryMirror(store, registry.organizations.map((o) => ({ uscc: o.uscc, name: o.name, regionCode: o.regionCode, kind: o.kind, level: o.level, classified: o.classified })));
  });
  afterAll(() => dropTestStore(store, dbName));

  it('holds every demo record; PUBLIC sees the published ones', async () => {
    const count = async (authorization?: string) => (await store.execute('{ dishonestyRecords(first: 1) { totalCount } }', {}, authorization ? { authorization } : {})).data.dishonestyRecords.totalCount;
    expect(await count(await bearer('AUDITOR'))).toBe(demo.records.length);
    expect(await count()).toBe(demo.records.filter((r) => r.row.publication === 'PUBLISHED').length);
    expect(demo.records.length).toBe(37);
  });

  it('sent again by the credit office, every demo decision is unchanged (the seeder derives what an import does)', async () => {
    const result = await store.execute(IMPORT, { r: demo.records.map((r) => r.row) }, { authorization: await bearer('AUDITOR') });
    expect(result.errors).toBeUndefined();
    expect(result.data.importDishonestyRecords).toMatchObject({ accepted: 0, updated: 0, unchanged: demo.records.length, rejected: 0 });
  });

  it('filters by region, kind, subject and term, against the demo generator', async () => {
    const auditor = { authorization: await bearer('AUDITOR') };
    const q = async (f: Record<string, unknown>) => (await store.execute('query($f: DishonestyRecordFilter) { dishonestyRecords(filter: $f, first: 100) { totalCount } }', { f }, auditor)).data.dishonestyRecords.totalCount;
    expect(await q({ regionCode: '231124' })).toBe(demo.records.filter((r) => r.row.organizationUscc.slice(2, 8) === '231124').length);
    expect(await q({ kind: 'JUDGMENT' })).toBe(demo.records.filter((r) => r.row.kind === 'JUDGMENT').length);
    expect(await q({ subjectType: 'OFFICIAL' })).toBe(demo.records.filter((r) => r.row.idNumber).length);
    // Past their term today: the city's 2024 penalty (ended 2025-05-10) and the six-month terms decided before 2026-05-22.
    const ended = demo.records.filter((r) => { const end = sanctionEndDate(r.row.decisionDate, r.row.sanctionTermMonths ? Number(r.row.sanctionTermMonths) : null); return end !== null && end < today(); });
    // Worked out for the tests' day: six months from 2026-05-20 end on 2026-11-20, from 2026-05-21 on 2026-11-21.
    if (today() === '2026-11-22') expect(ended.map((r) => r.row.documentNumber).sort()).toEqual(['孙应急罚〔2026〕5号', '爱委问〔2026〕1号', '爱应急罚〔2026〕3号', '逊应急罚〔2026〕4号', '黑河市监处〔2024〕5号']);
    expect(await q({ inTerm: false })).toBe(ended.length);
    expect(await q({ inTerm: true })).toBe(demo.records.length - ended.length);
  });

  it('has tables exactly as the entities describe them', async () => {
    expect(await pendingSchemaChanges(store.store.orm)).toBe('');
  });
});

// ---- A hand-worked county ------------------------------------------------------------------
//
// 孙吴县 (231124), made up: a court, a market regulator and a housing bureau, the discipline
// commission, a school, one registered body with an early pilot code. One official (张三) is
// registered in the housing bureau.

const valid6 = fixtureUscc('12', '231124', 6);
/** A registered early pilot code: its last character is wrong. */
const PILOT = valid6.slice(0, 17) + (valid6[17] === '0' ? '1' : '0');
const unregisteredValid7 = fixtureUscc('12', '231124', 7);
const UNREGISTERED_PILOT = unregisteredValid7.slice(0, 17) + (unregisteredValid7[17] === '0' ? '1' : '0');
const STRANGER = fixtureUscc('11', '231124', 8);
const OTHER_BODY = '23112419810202456';
const NOBODY = OTHER_BODY + idNumberCheckCharacter(OTHER_BODY);


// Each test starts from the county's registry and an empty store of its own, and sends the
// decisions it reads (the tests pass in any order: vitest --sequence.shuffle).
describe('a hand-worked county', () => {
  let dbName: string;
  let store: BuiltSubgraph;
  let auditor: Record<string, string>;
  beforeEach(async () => {
    dbName = testDbName('dishonesty_fixture');
    store = await countyStore(dbName, [{ uscc: PILOT, name: '孙吴县试点单位', kind: 'PUBLIC_INSTITUTION' }]);
    auditor = { authorization: await bearer('AUDITOR') };
  });
  afterEach(() => dropTestStore(store, dbName));
  const run = (rows: unknown[], headers: Record<string, string>) => store.execute(IMPORT, { r: rows }, headers);
  const stored = async () => (await store.store.orm.em.fork().find(DishonestyRecord, {}, { orderBy: { documentNumber: 'asc' } }))
    .map((r) => ({ authority_uscc: r.authorityUscc, document_number: r.documentNumber, facts: r.facts }));
  /** The market regulator's penalty on the housing bureau and the discipline commission's sanction on 张三, as sent. */
  const sendBoth = async () => {
    expect((await run([penalty], { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) })).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    expect((await run([sanction], auditor)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
  };

  it('a department cannot send a decision under another authority\'s USCC; its own is accepted (attack first)', async () => {
    const housing = { authorization: await bearer('ORGANIZATION', { uscc: HOUSING }) };
    // 孙吴县住房和城乡建设局 claims the market regulator's penalty on itself, and a penalty "by the market regulator" on the school.
    const forged = await run([penalty, { ...penalty, organizationUscc: SCHOOL, organizationName: '孙吴县第一中学', documentNumber: '孙市监处〔2026〕13号' }], housing);
    expect(forged.data.importDishonestyRecords).toMatchObject({ accepted: 0, rejected: 2 });
    expect(forged.data.importDishonestyRecords.errors.map((e: any) => [e.row, e.field, e.code, e.rule])).toEqual([
      [1, 'authorityUscc', 'FORBIDDEN', 'OWN_AUTHORITY'], [2, 'authorityUscc', 'FORBIDDEN', 'OWN_AUTHORITY'],
    ]);
    expect(await stored()).toEqual([]);
    const market = { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) };
    expect((await run([penalty], market)).data.importDishonestyRecords).toMatchObject({ accepted: 1, rejected: 0 });
    // And a unit may not send other kinds, even under its own USCC.
    const other = await run([{ ...sanction, authorityUscc: MARKET, authorityName: '孙吴县市场监督管理局' }], market);
    expect(other.data.importDishonestyRecords.errors[0]).toMatchObject({ field: 'kind', code: 'FORBIDDEN', rule: 'KIND_NOT_ALLOWED' });
  });

  it('is idempotent by (authority, document number): again unchanged, in another notation unchanged, changed facts updated', async () => {
    const market = { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) };
    expect((await run([penalty], market)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    expect((await run([penalty], market)).data.importDishonestyRecords).toMatchObject({ accepted: 0, updated: 0, unchanged: 1 });
    expect((await run([{ ...penalty, documentNumber: '孙市监处[2026]12号', kind: '行政处罚' }], market)).data.importDishonestyRecords).toMatchObject({ unchanged: 1 });
    expect((await run([{ ...penalty, facts: '违规收取技术服务费共计32,500元' }], market)).data.importDishonestyRecords).toMatchObject({ updated: 1 });
    expect(await stored()).toEqual([{ authority_uscc: MARKET, document_number: '孙市监处〔2026〕12号', facts: '违规收取技术服务费共计32,500元' }]);
  });

  it('reports every bad row with field and rule and writes only the good ones, in one transaction', async () => {
    const before = (await stored()).length;
    const result = await run([
      { ...penalty, authorityUscc: STRANGER, documentNumber: '孙市监处〔2026〕20号' }, // 1: no registered body
      { ...penalty, authorityUscc: SCHOOL, authorityName: '孙吴县第一中学', documentNumber: '孙市监处〔2026〕21号' }, // 2: a school imposes no penalties
      { ...penalty, organizationUscc: UNREGISTERED_PILOT, documentNumber: '孙市监处〔2026〕22号' }, // 3: check digit wrong, not registered
      { ...penalty, organizationUscc: PILOT, organizationName: '孙吴县试点单位', documentNumber: '孙市监处〔2026〕23号' }, // 4: a registered pilot code
      { ...sanction, idNumber: NOBODY, documentNumber: '孙纪处〔2026〕9号' }, // 5: nobody the registry knows
      { ...sanction }, // 6: 张三, registered in the housing bureau
      { ...sanction, documentNumber: '孙纪处[2026]3号' }, // 7: the same decision again
      { ...penalty, decisionDate: '2099-01-01', documentNumber: '孙市监处〔2026〕24号' }, // 8: in the future
      { ...penalty, documentNumber: '孙市监处〔2026〕第25号' }, // 9: 第
      { ...sanction, idNumber: `${ID_BODY}${idNumberCheckCharacter(ID_BODY) === '0' ? '1' : '0'}`, documentNumber: '孙纪处〔2026〕4号' }, // 10: check character wrong
      { ...penalty, kind: 'JUDGMENT', authorityUscc: COURT, authorityName: '孙吴县人民法院', documentNumber: '(2026)黑1124民初15号' }, // 11: a judgment, fine
    ], auditor);
    expect(result.errors).toBeUndefined();
    const answer = result.data.importDishonestyRecords;
    expect(answer.errors.map((e: any) => [e.row, e.field, e.code, e.rule])).toEqual([
      [1, 'authorityUscc', 'BAD_USER_INPUT', 'UNKNOWN_AUTHORITY'],
      [2, 'authorityUscc', 'BAD_USER_INPUT', 'UNKNOWN_AUTHORITY'],
      [3, 'organizationUscc', 'BAD_USER_INPUT', 'CHECK_DIGIT'],
      [5, 'idNumber', 'BAD_USER_INPUT', 'NOT_REGISTERED'],
      [7, 'documentNumber', 'BAD_USER_INPUT', 'DUPLICATE'],
      [8, 'decisionDate', 'BAD_USER_INPUT', 'DATE_IN_FUTURE'],
      [9, 'documentNumber', 'BAD_USER_INPUT', 'DOCUMENT_NUMBER'],
      [10, 'idNumber', 'BAD_USER_INPUT', 'CHECK_DIGIT'],
    ]);
    expect(answer.errors.every((e: any) => /^[^(]*[\u4e00-\u9fff]/.test(e.message) && /\([^)]*[a-z]/.test(e.message))).toBe(true);
    expect(answer.warnings).toEqual([{ row: 4, field: 'organizationUscc', code: 'PILOT_CODE' }]);
    expect(answer).toMatchObject({ accepted: 3, updated: 0, unchanged: 0, rejected: 8 });
    expect((await stored()).length).toBe(before + 3);
  });

  it('writes nothing of a batch whose transaction fails midway, and the same batch sent again is written whole', async () => {
    const rows = [1, 2, 3].map((n) => ({ ...penalty, documentNumber: `孙市监处〔2026〕${300 + n}号` }));
    const before = { records: (await stored()).length, sanctions: await store.store.orm.em.fork().count(AppliedSanction, {}), entries: await store.store.orm.em.fork().count(ChangeEntry, {}) };
    const driver = Object.getPrototypeOf(Object.getPrototypeOf(store.store.orm.em.getDriver())) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const spies = ['nativeInsert', 'nativeInsertMany'].map((method) => {
      const original = driver[method]!;
      return vi.spyOn(driver, method as never).mockImplementation(function (this: unknown, ...args: unknown[]) {
        // The records and their sanctions go in as multi-row statements (record.repository.ts insertNewRecords,
        // not through these methods); then their change-feed entries, the first insert seen here, fail.
        if (++inserts === 1) return Promise.reject(new Error('disk full (simulated)'));
        return original.apply(this, args);
      } as never);
    });
    let inserts = 0;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const failed = await run(rows, auditor);
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      // Their feed entries (failed), then the audit entry of a write that bypassed the gateway.
      expect(inserts).toBe(2);
    } finally {
      for (const spy of spies) spy.mockRestore();
      logged.mockRestore();
    }
    expect((await stored()).length).toBe(before.records);
    expect(await store.store.orm.em.fork().count(AppliedSanction, {})).toBe(before.sanctions);
    expect(await store.store.orm.em.fork().count(ChangeEntry, {})).toBe(before.entries);
    expect((await run(rows, auditor)).data.importDishonestyRecords).toMatchObject({ accepted: 3, rejected: 0 });
    expect((await stored()).length).toBe(before.records + 3);
  });

  it('two imports of the same new decisions at once: one accepts them, the other counts them unchanged, never a server error', async () => {
    const rows = [1, 2, 3].map((n) => ({ ...penalty, documentNumber: `孙市监处〔2026〕${400 + n}号` }));
    // Each import looks its keys up before it inserts; both lookups are let through together, so
    // both find the decisions missing (on PostgreSQL the second insert then meets the unique index
    // once the first commits; SQLite has one writer, and the lookups meet no one and go on).
    const connection = store.store.orm.em.getConnection();
    const execute = connection.execute.bind(connection);
    let lookups = 0;
    let release!: () => void;
    const together = new Promise<void>((resolve) => { release = resolve; });
    const spy = vi.spyOn(connection, 'execute').mockImplementation(async (...args: Parameters<typeof connection.execute>) => {
      if (String(args[0]).includes('document_number) in')) {
        if (++lookups === 2) release();
        await Promise.race([together, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      }
      return execute(...args);
    });
    try {
      const answers = await Promise.all([run(rows, auditor), run(rows, auditor)]);
      expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
      expect(answers.map((a) => [a.data.importDishonestyRecords.accepted, a.data.importDishonestyRecords.unchanged]).sort()).toEqual([[0, 3], [3, 0]]);
    } finally {
      spy.mockRestore();
    }
    expect((await stored()).filter((r) => r.document_number.startsWith('孙市监处〔2026〕40'))).toHaveLength(3);
    // One set of sanctions, applied once.
    expect(await store.store.orm.em.fork().count(AppliedSanction, {})).toBe(3 * 4);
  });

  it('gives a body\'s record and its sanctions time-ordered ids (UUID v7), an official\'s random ones (v4): no import order beside a masked name', async () => {
    await sendBoth();
    const em = store.store.orm.em.fork();
    const version = (id: string) => id[14];
    for (const record of await em.find(DishonestyRecord, {})) {
      const sanctions = await em.find(AppliedSanction, { recordId: record.id });
      expect(sanctions.length, record.documentNumber).toBeGreaterThan(0);
      const expected = record.officialId ? '4' : '7';
      expect([record.documentNumber, version(record.id), ...sanctions.map((s) => version(s.id))]).toEqual([record.documentNumber, expected, ...sanctions.map(() => expected)]);
    }
  });

  it('is no ID-number oracle: a candidate list is refused whole (RATE_LIMITED), a short list for another unit gets one error for every row', async () => {
    const attacker = async () => ({ authorization: `Bearer ${await signToken({ sub: `oracle-${Math.random()}`, roles: ['PERSONNEL'] })}` });
    const before = (await stored()).length;
    // 30 numbers of one birth year, 张三's among them: over the daily budget of 20 unregistered numbers.
    const candidates = Array.from({ length: 30 }, (_, i) => {
      const body = `2311241980${String(1 + Math.floor(i / 28)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}123`;
      return body + idNumberCheckCharacter(body);
    });
    expect(candidates).toContain(ZHANG);
    const rows = candidates.map((idNumber, i) => ({ ...sanction, idNumber, documentNumber: `孙纪处〔2026〕${100 + i}号` }));
    const refused = await run(rows, await attacker());
    expect(refused.data?.importDishonestyRecords ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const short = await run(candidates.slice(0, 5).map((idNumber, i) => ({ ...sanction, idNumber, organizationUscc: MARKET, documentNumber: `孙纪处〔2026〕${200 + i}号` })), await attacker());
    expect(short.data.importDishonestyRecords).toMatchObject({ accepted: 0, rejected: 5 });
    expect(new Set(short.data.importDishonestyRecords.errors.map((e: any) => `${e.field} ${e.code} ${e.rule} ${e.message}`)).size).toBe(1);
    expect((await stored()).length).toBe(before);
  });

  it('writes the change feed in the import\'s transaction, naming each published record, its unit and the region, never the official', async () => {
    await sendBoth();
    const entries = await store.store.orm.em.fork().find(ChangeEntry, { entity: 'DishonestyRecord' }, { orderBy: { seq: 'asc' } });
    const records = await store.store.orm.em.fork().find(DishonestyRecord, {});
    expect(records.every((r) => r.publication === 'PUBLISHED')).toBe(true);
    expect(new Set(entries.flatMap((e) => e.ids))).toEqual(new Set(records.map((r) => r.id)));
    const sanctionId = records.find((r) => r.officialId !== null)!.id;
    const official = entries.find((e) => e.ids.includes(sanctionId))!;
    expect(official.organizations).toContain(HOUSING);
    expect(official).toMatchObject({ operation: 'create', officials: [], regions: ['231124'] });
    expect(entries.flatMap((e) => e.officials)).toEqual([]);
  });

  it('withholds an official\'s name and pseudonym from PUBLIC; AUDITOR and PERSONNEL read both in full, audited', async () => {
    await sendBoth();
    const query = `query($f: DishonestyRecordFilter) { dishonestyRecords(filter: $f) { edges { node { ${FIELDS} } } } }`;
    const read = async (headers: Record<string, string>) => (await store.execute(query, { f: { subjectType: 'OFFICIAL' } }, headers)).data.dishonestyRecords.edges.map((e: any) => e.node);
    const auditsBefore = await store.store.orm.em.fork().count(AuditEntry, {});
    const [pub] = await read({});
    expect(pub).toMatchObject({ officialName: null, official: null, subjectType: 'OFFICIAL', documentNumber: '孙纪处〔2026〕3号', sanctionEndDate: '2027-06-15', inTerm: today() <= '2027-06-15' });
    expect(await store.store.orm.em.fork().count(AuditEntry, {})).toBe(auditsBefore);
    for (const role of ['AUDITOR', 'PERSONNEL'] as const) {
      const [full] = await read({ authorization: await bearer(role) });
      expect(full, role).toMatchObject({ officialName: '张三', official: { id: officialPseudonym(ZHANG) } });
      const entry = (await store.store.orm.em.fork().find(AuditEntry, {}, { orderBy: { id: 'desc' }, limit: 1 }))[0]!;
      expect(entry.roles, role).toContain(role);
      expect(entry.personalFields, role).toEqual({ 'DishonestyRecord.officialName': 1, 'DishonestyRecord.official': 1 });
    }
    for (const role of ['COURT', 'TRAINING'] as const) {
      const [other] = await read({ authorization: await bearer(role) });
      expect(other, role).toMatchObject({ officialName: null, official: null });
    }
  });

  it('gives an official\'s records by pseudonym to AUDITOR, ADMIN and PERSONNEL only', async () => {
    await sendBoth();
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on PublicOfficial { dishonestyRecords { documentNumber officialName } } } }';
    const r = [{ __typename: 'PublicOfficial', id: officialPseudonym(ZHANG) }];
    expect((await store.execute(query, { r })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await store.execute(query, { r }, { authorization: await bearer('COURT') })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const full = await store.execute(query, { r }, { authorization: await bearer('PERSONNEL') });
    expect(full.data._entities[0].dishonestyRecords).toEqual([{ documentNumber: '孙纪处〔2026〕3号', officialName: '张三' }]);
  });

  it('shows an unpublished record to the credit office, its subject and its authority only', async () => {
    const hidden = { ...penalty, documentNumber: '孙市监处〔2026〕30号', publication: 'UNPUBLISHED' };
    expect((await run([hidden], auditor)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { dishonestyRecords(subjectType: ORGANIZATION, first: 100) { edges { node { documentNumber } } } } } }';
    const numbers = async (headers: Record<string, string>) => (await store.execute(query, { r: [{ __typename: 'Organization', uscc: HOUSING }] }, headers)).data._entities[0].dishonestyRecords.edges.map((e: any) => e.node.documentNumber);
    expect(await numbers({})).not.toContain('孙市监处〔2026〕30号');
    expect(await numbers({ authorization: await bearer('ORGANIZATION', { uscc: SCHOOL }) })).not.toContain('孙市监处〔2026〕30号');
    for (const uscc of [HOUSING, MARKET]) expect(await numbers({ authorization: await bearer('ORGANIZATION', { uscc }) }), uscc).toContain('孙市监处〔2026〕30号');
    expect(await numbers(auditor)).toContain('孙市监处〔2026〕30号');
  });
});
