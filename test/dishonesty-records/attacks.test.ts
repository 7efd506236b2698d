// Attacks on the dishonesty-records subgraph from the security review of 2026-12-01 (findings B1, B3,
// B4), written as tests first and seen to fail before the fixes. Each test states what the rules
// (README "Dishonesty records", "Trust boundary", docs/security.md) promise. In-process, SQLite in
// memory, the fixture county of dishonesty-records.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DishonestyRecord } from '../../subgraphs/dishonesty-records/entities/dishonesty-record.js';
import { AuditEntry, ChangeEntry, idNumberCheckCharacter, maskPersonName, officialPseudonym, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { bearer, dropTestStore, fixtureUscc, testDbName } from '../helpers.js';
import { COURT, countyStore, DISCIPLINE, HOUSING, MARKET, NAMES, penalty, sanction, SCHOOL, ZHANG } from './fixture-county.js';

const IMPORT = 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted updated unchanged rejected errors { row field code rule message } } }';



describe('attacks on dishonesty-records', () => {
  // Each test on a store of its own (order independence: vitest --sequence.shuffle).
  let dbName: string;
  let store: BuiltSubgraph;
  let auditor: Record<string, string>;
  beforeEach(async () => {
    dbName = testDbName('dishonesty_attacks');
    store = await countyStore(dbName);
    auditor = { authorization: await bearer('AUDITOR') };
  });
  afterEach(() => dropTestStore(store, dbName));
  const run = (rows: unknown[], headers: Record<string, string>) => store.execute(IMPORT, { r: rows }, headers);
  const recordOf = (authorityUscc: string, documentNumber: string) => store.store.orm.em.fork().findOneOrFail(DishonestyRecord, { authorityUscc, documentNumber });

  it('PERSONNEL cannot rewrite (hide, re-kind, re-subject) the market regulator\'s published administrative penalty', async () => {
    const market = { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) };
    expect((await run([penalty], market)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    // The penalty is public: PUBLIC reads its authority and document number, all the key an upsert needs.
    const personnel = { authorization: await bearer('PERSONNEL') };
    const rewrite = {
      ...penalty, kind: 'DISCIPLINARY_SANCTION', organizationUscc: SCHOOL, organizationName: '孙吴县第一中学', publication: 'WITHDRAWN', severity: 'MINOR', facts: '（已撤销）',
    };
    const answer = (await run([rewrite], personnel)).data.importDishonestyRecords;
    const record = await recordOf(MARKET, '孙市监处〔2026〕12号');
    // Promised: PERSONNEL sends disciplinary sanctions and accountability decisions, not penalties; the penalty stays as decided.
    expect({ kind: record.kind, subject: record.organizationUscc, publication: record.publication }).toEqual({ kind: 'ADMINISTRATIVE_PENALTY', subject: HOUSING, publication: 'PUBLISHED' });
    expect(answer).toMatchObject({ updated: 0, rejected: 1 });
  });

  it('a department that is the appointing organ cannot turn an official\'s disciplinary sanction into a withdrawn penalty on nobody', async () => {
    // PERSONNEL sends a sanction decided by the housing bureau as 张三's appointing organ (政务处分法 art. 3; any organ may decide one).
    const personnel = { authorization: await bearer('PERSONNEL') };
    const byAppointingOrgan = { ...sanction, authorityUscc: HOUSING, authorityName: '孙吴县住房和城乡建设局', documentNumber: '孙住建发〔2026〕7号' };
    expect((await run([byAppointingOrgan], personnel)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    // The bureau (ORGANIZATION, its own USCC as authority: OWN_AUTHORITY passes) sends the same number as a penalty, withdrawn, no official.
    const housing = { authorization: await bearer('ORGANIZATION', { uscc: HOUSING }) };
    const cover = { ...penalty, authorityUscc: HOUSING, authorityName: '孙吴县住房和城乡建设局', documentNumber: '孙住建发〔2026〕7号', decisionDate: '2026-06-15', publication: 'WITHDRAWN' };
    const answer = (await run([cover], housing)).data.importDishonestyRecords;
    const record = await recordOf(HOUSING, '孙住建发〔2026〕7号');
    expect({ kind: record.kind, official: record.officialId, publication: record.publication }).toEqual({ kind: 'DISCIPLINARY_SANCTION', official: officialPseudonym(ZHANG), publication: 'PUBLISHED' });
    expect(answer).toMatchObject({ updated: 0, rejected: 1 });
  });

  it('an enum field holding an Object.prototype name ("constructor", "toString", "__proto__") is a row error ENUM, not FORBIDDEN or a stored function', async () => {
    const rows = [
      { ...penalty, documentNumber: '孙市监处〔2026〕40号', severity: 'constructor' },
      { ...penalty, documentNumber: '孙市监处〔2026〕41号', publication: 'toString' },
      { ...penalty, documentNumber: '孙市监处〔2026〕42号', kind: 'constructor' },
      { ...penalty, documentNumber: '孙市监处〔2026〕43号', severity: '__proto__' },
    ];
    const result = await run(rows, auditor);
    expect(result.errors).toBeUndefined();
    const answer = result.data.importDishonestyRecords;
    expect(answer.errors.map((e: any) => [e.row, e.field, e.code, e.rule])).toEqual([
      [1, 'severity', 'BAD_USER_INPUT', 'ENUM'], [2, 'publication', 'BAD_USER_INPUT', 'ENUM'], [3, 'kind', 'BAD_USER_INPUT', 'ENUM'], [4, 'severity', 'BAD_USER_INPUT', 'ENUM'],
    ]);
    expect(answer.accepted).toBe(0);
  });

  it('a unit cannot store a penalty whose publication is "toString": it would be hidden from PUBLIC and break every full reader\'s list (INTERNAL_SERVER_ERROR)', async () => {
    const market = { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) };
    const poisoned = { ...penalty, documentNumber: '孙市监处〔2026〕44号', publication: 'toString', severity: 'constructor' };
    await run([poisoned], market);
    // Whatever the import answered, the credit office's list must still be readable.
    const list = await store.execute('{ dishonestyRecords(first: 100) { totalCount edges { node { documentNumber severity publication } } } }', {}, auditor);
    expect(list.errors).toBeUndefined();
    const housing = await store.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { dishonestyRecords { edges { node { documentNumber publication } } } } } }', { r: [{ __typename: 'Organization', uscc: HOUSING }] }, auditor);
    expect(housing.errors).toBeUndefined();
  });

  it('a unit cannot publish a penalty whose severity is "constructor": PUBLIC\'s list (the portal) would fail whole with INTERNAL_SERVER_ERROR', async () => {
    const market = { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) };
    await run([{ ...penalty, documentNumber: '孙市监处〔2026〕45号', severity: 'constructor' }], market);
    const publicList = await store.execute('{ dishonestyRecords(first: 100) { totalCount edges { node { documentNumber severity } } } }');
    expect(publicList.errors).toBeUndefined();
    expect(publicList.data?.dishonestyRecords).not.toBeNull();
  });

  it('a unit cannot name officials at all: the same refusal for a registered ID number and any other (no roster oracle)', async () => {
    // A department (its own penalties, OWN_AUTHORITY satisfied) tried to probe the housing bureau's roster one candidate per request.
    const market = { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) };
    const body = '23112419900101100';
    const stranger = body + idNumberCheckCharacter(body);
    const candidate = (idNumber: string, n: number) => ({ ...penalty, authorityUscc: MARKET, idNumber, officialName: '张三', documentNumber: `孙市监处〔2026〕${700 + n}号`, publication: 'UNPUBLISHED' });
    const answers = [];
    for (const [n, idNumber] of [ZHANG, stranger, '231124199001011000'].entries()) {
      const result = await run([candidate(idNumber, n)], market);
      expect(result.errors).toBeUndefined();
      answers.push(result.data.importDishonestyRecords.errors.map((e: any) => [e.field, e.code, e.rule, e.message]));
    }
    expect(answers[0]).toEqual([['idNumber', 'FORBIDDEN', 'OFFICIAL_SUBJECT', expect.stringContaining('公职人员的记录由纪检监察')]]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]); // even a number failing its check: the refusal comes first
    expect(await store.store.orm.em.fork().count(DishonestyRecord, { authorityUscc: MARKET, officialId: { $ne: null } })).toBe(0);
  });
});

// The findings the review left open (docs/security.md, "Attacker review of 2026-12-01 (dishonesty records, the kit's
// remedies)"): each written as the attack first and seen to succeed, then closed. B2's join against the registry's
// list of officials needs the registry: test/e2e/dishonesty-records.e2e.test.ts has it end to end.

const RECORD_FIELDS = 'id kind subjectType organizationUscc organizationName regionCode officialName official { id } authorityUscc authorityName documentNumber decisionDate facts legalBasis severity sanctionTermMonths sanctionEndDate publication publishedAt inTerm';
const NATURAL_RESOURCES = fixtureUscc('11', '231124', 9);

describe('attacks on dishonesty-records: the findings left open on 2026-12-01', () => {
  // Each test on a store of its own, sending the decisions it reads (order independence).
  let dbName: string;
  let store: BuiltSubgraph;
  let auditor: Record<string, string>;
  let personnel: Record<string, string>;
  beforeEach(async () => {
    dbName = testDbName('dishonesty_attacks_open');
    store = await countyStore(dbName);
    auditor = { authorization: await bearer('AUDITOR') };
    personnel = { authorization: await bearer('PERSONNEL') };
  });
  afterEach(() => dropTestStore(store, dbName));
  const run = (rows: unknown[], headers: Record<string, string>) => store.execute(IMPORT, { r: rows }, headers);
  const em = () => store.store.orm.em.fork();
  const lastAudit = async () => (await em().find(AuditEntry, {}, { orderBy: { id: 'desc' }, limit: 1 }))[0];

  /** 张三's sanction, its facts naming him as a decision's text does. */
  const naming = { ...sanction, facts: '张三在任孙吴县住房和城乡建设局局长期间，拒不兑现前任作出的配套承诺，给予张三党内警告处分' };

  it('B2: an official\'s record carries no name for those who may not read it in full, in no field, so it joins nothing in the registry\'s masked list', async () => {
    expect((await run([naming], personnel)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    const query = `query($f: DishonestyRecordFilter) { dishonestyRecords(filter: $f) { edges { node { ${RECORD_FIELDS} } } } }`;
    const read = async (headers: Record<string, string>) => (await store.execute(query, { f: { subjectType: 'OFFICIAL' } }, headers)).data.dishonestyRecords.edges.map((e: any) => e.node);
    const callers: Array<[string, Record<string, string>]> = [
      ['PUBLIC', {}], ['COURT', { authorization: await bearer('COURT') }], ['TRAINING', { authorization: await bearer('TRAINING') }],
      ['CONSUMER', { authorization: await bearer('CONSUMER') }], ['the official\'s own unit', { authorization: await bearer('ORGANIZATION', { uscc: HOUSING }) }],
    ];
    for (const [who, headers] of callers) {
      const [record] = await read(headers);
      // Still published (seed 002 §四(二)2 "通过市公共信用信息平台公示"): the kind of subject and the unit show.
      expect(record, who).toMatchObject({ subjectType: 'OFFICIAL', organizationUscc: HOUSING, documentNumber: '孙纪处〔2026〕3号', officialName: null, official: null });
      const text = JSON.stringify(record);
      // Neither the name, nor the masked form the registry lists officials by ('张*'), nor the pseudonym: nothing to join on.
      for (const leak of ['张三', maskPersonName('张三'), officialPseudonym(ZHANG)]) expect(text, `${who}: ${leak}`).not.toContain(leak);
    }
    // The same record by id, and as an entity another subgraph names.
    const byId = (await store.execute(`query($id: ID!) { dishonestyRecord(id: $id) { ${RECORD_FIELDS} } }`, { id: (await read(personnel))[0].id })).data.dishonestyRecord;
    expect(byId.officialName).toBeNull();
    expect(JSON.stringify(byId)).not.toContain('张');
    // PERSONNEL (and AUDITOR) read it as decided.
    const [full] = await read(personnel);
    expect(full).toMatchObject({ officialName: '张三', official: { id: officialPseudonym(ZHANG) }, facts: naming.facts });
  });

  it('the change feed carries no pseudonym, and nothing of a record CONSUMER may not read (an unpublished one)', async () => {
    const entriesBefore = await em().count(ChangeEntry, {});
    const hidden = { ...penalty, organizationUscc: SCHOOL, organizationName: NAMES[SCHOOL], documentNumber: '孙市监处〔2026〕60号', publication: 'UNPUBLISHED' };
    expect((await run([hidden], auditor)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    const hiddenId = (await em().findOneOrFail(DishonestyRecord, { documentNumber: '孙市监处〔2026〕60号' })).id;
    // CONSUMER cannot read it through GraphQL…
    expect((await store.execute('query($id: ID!) { dishonestyRecord(id: $id) { id } }', { id: hiddenId }, { authorization: await bearer('CONSUMER') })).data.dishonestyRecord).toBeNull();
    // …so the feed (GET /changes, CONSUMER) says nothing of it: no entry at all.
    expect(await em().count(ChangeEntry, {})).toBe(entriesBefore);

    // 张三's published sanction is named, without the pseudonym.
    expect((await run([naming], personnel)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    const entries = await em().find(ChangeEntry, { entity: 'DishonestyRecord' });
    expect(entries).toHaveLength(1);
    expect(entries.flatMap((e) => e.officials), 'no official by pseudonym').toEqual([]);
    expect(JSON.stringify(entries)).not.toContain(officialPseudonym(ZHANG));
    expect(entries.flatMap((e) => e.ids)).not.toContain(hiddenId);

    // A published penalty withdrawn leaves the public list: that change is named, with its unit (the gateway purges its cached profile).
    const shown = { ...penalty, organizationUscc: SCHOOL, organizationName: NAMES[SCHOOL], documentNumber: '孙市监处〔2026〕61号' };
    expect((await run([shown], auditor)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    const shownId = (await em().findOneOrFail(DishonestyRecord, { documentNumber: '孙市监处〔2026〕61号' })).id;
    expect((await run([{ ...shown, publication: 'WITHDRAWN' }], auditor)).data.importDishonestyRecords).toMatchObject({ updated: 1 });
    const withdrawn = (await em().find(ChangeEntry, { entity: 'DishonestyRecord' }, { orderBy: { seq: 'desc' }, limit: 1 }))[0]!;
    expect(withdrawn).toMatchObject({ operation: 'update', ids: [shownId], organizations: [SCHOOL], officials: [], regions: ['231124'] });
    // Changed again while withdrawn: nobody but the full readers can see it, so no entry.
    const afterWithdrawal = await em().count(ChangeEntry, {});
    expect((await run([{ ...shown, publication: 'WITHDRAWN', facts: '（已撤回）' }], auditor)).data.importDishonestyRecords).toMatchObject({ updated: 1 });
    expect(await em().count(ChangeEntry, {})).toBe(afterWithdrawal);
  });

  it('PERSONNEL\'s reads of the pseudonym without the name are audited like the name\'s', async () => {
    expect((await run([naming], personnel)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    await store.execute('{ dishonestyRecords(filter: { subjectType: OFFICIAL }) { edges { node { documentNumber official { id } } } } }', {}, personnel);
    expect(await lastAudit()).toMatchObject({ callerId: 'test-personnel', personalFields: { 'DishonestyRecord.official': 1 } });
    const byPseudonym = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on PublicOfficial { dishonestyRecords { documentNumber } } } }';
    const answer = await store.execute(byPseudonym, { r: [{ __typename: 'PublicOfficial', id: officialPseudonym(ZHANG) }] }, personnel);
    expect(answer.data._entities[0].dishonestyRecords).toEqual([{ documentNumber: '孙纪处〔2026〕3号' }]);
    expect(await lastAudit()).toMatchObject({ callerId: 'test-personnel', personalFields: { 'PublicOfficial.dishonestyRecords': 1 } });
  });

  it('a unit cannot publish under its own USCC with another body\'s name; nor can anyone name an authority otherwise than the registry does', async () => {
    const market = { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) };
    const borrowed = { ...penalty, authorityName: NAMES[DISCIPLINE], documentNumber: '孙市监处〔2026〕70号' };
    const answer = (await run([borrowed, { ...penalty, authorityName: '孙吴县人民政府', documentNumber: '孙市监处〔2026〕71号' }], market)).data.importDishonestyRecords;
    expect(answer.errors.map((e: any) => [e.row, e.field, e.code, e.rule])).toEqual([[1, 'authorityName', 'BAD_USER_INPUT', 'REGISTERED_NAME'], [2, 'authorityName', 'BAD_USER_INPUT', 'REGISTERED_NAME']]);
    expect(answer.errors[0].message).toMatch(/^[^(]*[\u4e00-\u9fff].*\([^)]*[a-z]/);
    const asAuditor = (await run([{ ...borrowed, authorityName: NAMES[HOUSING], documentNumber: '孙市监处〔2026〕72号' }], auditor)).data.importDishonestyRecords;
    expect(asAuditor.errors.map((e: any) => [e.field, e.rule])).toEqual([['authorityName', 'REGISTERED_NAME']]);
    expect(await em().count(DishonestyRecord, { documentNumber: { $in: ['孙市监处〔2026〕70号', '孙市监处〔2026〕71号', '孙市监处〔2026〕72号'] } })).toBe(0);
    // The registered name, in another spacing or width of brackets, is the same name.
    expect((await run([{ ...penalty, authorityName: ' 孙吴县 市场监督管理局', documentNumber: '孙市监处〔2026〕73号' }], market)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
  });

  it('the audit log keeps no official\'s name (nor ID number) from an import\'s variables, wherever in the row it stands', async () => {
    const row = { ...naming, documentNumber: '孙纪处〔2026〕80号' };
    expect((await run([row], personnel)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    const entry = (await lastAudit())!;
    expect(entry).toMatchObject({ callerId: 'test-personnel', operationType: 'mutation' });
    const logged = JSON.stringify(entry.variables);
    expect(logged).toContain('孙纪处〔2026〕80号');
    for (const leak of ['张三', ZHANG]) expect(logged).not.toContain(leak);
  });

  it('an oversized import names its argument, records, not rows', async () => {
    const result = await store.execute(IMPORT, { r: Array.from({ length: 10_001 }, () => ({})) }, auditor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'records' });
  });

  it('refuses a decision dated before 1949-10-01 (0000-01-01 was accepted) or numbered in such a year', async () => {
    const rows = [
      { ...penalty, decisionDate: '0000-01-01', documentNumber: '孙市监处〔0000〕1号' },
      { ...penalty, decisionDate: '1949-09-30', documentNumber: '孙市监处〔1949〕2号' },
      { ...penalty, documentNumber: '孙市监处〔1900〕3号' },
      { ...penalty, decisionDate: '1949-10-01', documentNumber: '孙市监处〔1949〕4号', sanctionTermMonths: '' },
    ];
    const answer = (await run(rows, auditor)).data.importDishonestyRecords;
    expect(answer.errors.map((e: any) => [e.row, e.field, e.code, e.rule])).toEqual([
      [1, 'decisionDate', 'BAD_USER_INPUT', 'DATE_TOO_EARLY'], [2, 'decisionDate', 'BAD_USER_INPUT', 'DATE_TOO_EARLY'], [3, 'documentNumber', 'BAD_USER_INPUT', 'DOCUMENT_YEAR'],
    ]);
    expect(answer.accepted).toBe(1);
  });

  it('normalizes ﹝﹞ and 〖〗 in document and case numbers to the same record, as it does [] 【】 （）', async () => {
    const market = { authorization: await bearer('ORGANIZATION', { uscc: MARKET }) };
    expect((await run([penalty], market)).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    for (const documentNumber of ['孙市监处﹝2026﹞12号', '孙市监处〖2026〗12号']) {
      expect((await run([{ ...penalty, documentNumber }], market)).data.importDishonestyRecords, documentNumber).toMatchObject({ unchanged: 1, rejected: 0 });
    }
    const judgment = { ...penalty, kind: 'JUDGMENT', authorityUscc: COURT, authorityName: NAMES[COURT], documentNumber: '﹝2026﹞黑1124民初15号' };
    expect((await run([judgment], { authorization: await bearer('COURT') })).data.importDishonestyRecords).toMatchObject({ accepted: 1 });
    expect((await run([{ ...judgment, documentNumber: '〖2026〗黑1124民初15号' }], { authorization: await bearer('COURT') })).data.importDishonestyRecords).toMatchObject({ unchanged: 1 });
    expect(await em().count(DishonestyRecord, { authorityUscc: COURT, documentNumber: '(2026)黑1124民初15号' })).toBe(1);
  });

  it('pages a unit\'s records (Organization.dishonestyRecords): 20 by default, at most 100, newest first, the rest after the cursor', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({
      ...penalty, organizationUscc: NATURAL_RESOURCES, organizationName: '孙吴县自然资源局', documentNumber: `孙市监处〔2026〕${200 + i}号`, decisionDate: `2026-0${1 + (i % 9)}-${String(1 + i).padStart(2, '0')}`,
    }));
    expect((await run(rows, auditor)).data.importDishonestyRecords).toMatchObject({ accepted: 25 });
    const query = 'query($r: [_Any!]!, $first: Int, $after: String) { _entities(representations: $r) { ... on Organization { dishonestyRecords(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { documentNumber decisionDate } } } } } }';
    const page = async (variables: Record<string, unknown>) => store.execute(query, { r: [{ __typename: 'Organization', uscc: NATURAL_RESOURCES }], ...variables });
    const first = (await page({})).data._entities[0].dishonestyRecords;
    expect(first.totalCount).toBe(25);
    expect(first.edges).toHaveLength(20);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = (await page({ after: first.pageInfo.endCursor })).data._entities[0].dishonestyRecords;
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const all = [...first.edges, ...rest.edges].map((e: any) => e.node);
    expect(all.map((n: any) => n.documentNumber).sort()).toEqual(rows.map((r) => r.documentNumber).sort());
    expect(all.map((n: any) => n.decisionDate)).toEqual([...all.map((n: any) => n.decisionDate)].sort().reverse());
    expect((await page({ first: 101 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
