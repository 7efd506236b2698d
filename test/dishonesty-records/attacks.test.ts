// Attacks on the dishonesty-records subgraph from the security review of 2026-12-01 (findings B1, B3,
// B4), written as tests first and seen to fail before the fixes. Each test states what the rules
// (README "Dishonesty records", "Trust boundary", docs/security.md) promise. In-process, SQLite in
// memory, the fixture county of dishonesty-records.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DishonestyRecord } from '../../subgraphs/dishonesty-records/entities/dishonesty-record.js';
import { idNumberCheckCharacter, officialPseudonym, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { bearer, dropTestStore, testDbName } from '../helpers.js';
import { countyStore, HOUSING, MARKET, penalty, sanction, SCHOOL, ZHANG } from './fixture-county.js';

const IMPORT = 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted updated unchanged rejected errors { row field code rule message } } }';



describe('attacks on dishonesty-records', () => {
  const dbName = testDbName('dishonesty_attacks');
  let store: BuiltSubgraph;
  let auditor: Record<string, string>;
  beforeAll(async () => {
    store = await countyStore(dbName);
    auditor = { authorization: await bearer('AUDITOR') };
  });
  afterAll(() => dropTestStore(store, dbName));
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
    const housing = await store.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { dishonestyRecords { documentNumber publication } } } }', { r: [{ __typename: 'Organization', uscc: HOUSING }] }, auditor);
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
