// The export catalogue (subgraphs/exchange/catalogue/*.json) and its rules: which rows go up,
// with which fields, masked how; when a version is new; what is withdrawn; what never leaves.
import { describe, expect, it } from 'vitest';
import { catalogueInForce, catalogueProblems, digestOf, exportRows, loadCatalogues, personalDataFound, type ExportCatalogue } from '../../subgraphs/exchange/catalogue.rules.js';
import type { SourceRow } from '../../subgraphs/exchange/exchange.inputs.js';
import { idNumberCheckCharacter } from '../../subgraphs/kit/index.js';

const [shipped] = loadCatalogues();
const catalogue = shipped!;
const kind = (name: string) => catalogue.kinds.find((k) => k.kind === name)!;

const debtor = (caseNumber: string, extra: Record<string, unknown> = {}): SourceRow => ({
  id: caseNumber,
  scope: '11231100360550620D',
  fields: {
    caseNumber, court: '黑河市中级人民法院', debtorName: '某县某局', debtorUscc: '11231100360550620D', regionCode: '231100', basisDocumentNumber: '(2024)黑11民初1号',
    basisIssuer: '黑河市中级人民法院', dishonestBehaviourText: '有履行能力而拒不履行生效法律文书确定义务', performance: 'NONE', unperformedAmount: '100000.00', filingDate: '2025-01-02',
    publishDate: '2025-02-03', status: 'ACTIVE', exitReason: null, exitedAt: null, repairedAt: null, governmentBody: true, legalRepresentative: '王小明', ...extra,
  },
});

describe('the shipped catalogue', () => {
  it('is sound: every kind names a source that exists, fields it has, a basis and a unique item code', () => {
    expect(catalogueProblems(catalogue)).toEqual([]);
    expect(catalogue.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['COMMITMENT_LETTER', 'OFFICIAL_COMMITMENT', 'DEBTOR_RECORD', 'DEBTOR_EXIT', 'DISHONESTY_RECORD', 'DISHONESTY_SANCTION', 'DISHONESTY_REPAIR_RESULT', 'DISHONESTY_OBJECTION_RESULT', 'COMPLAINT_HALF_YEAR_REPORT', 'QUARTERLY_INDICATORS']));
  });

  it('sends officials\' names and legal representatives only masked, and no complaint phone at all', () => {
    expect(kind('OFFICIAL_COMMITMENT').fields.find((f) => f.from === 'officialName')?.personal).toBe('name');
    expect(kind('DEBTOR_RECORD').fields.find((f) => f.from === 'legalRepresentative')?.personal).toBe('name');
    expect(catalogue.kinds.flatMap((k) => k.fields.map((f) => f.from))).not.toContain('complaintPhone');
  });

  it('is the version in force from its effectiveFrom, and nothing is in force before', () => {
    const later: ExportCatalogue = { ...catalogue, version: 2, effectiveFrom: '2027-01-01' };
    expect(catalogueInForce([catalogue, later], '2026-12-31').version).toBe(1);
    expect(catalogueInForce([catalogue, later], '2027-01-01').version).toBe(2);
    expect(() => catalogueInForce([catalogue], '2025-12-31')).toThrow(/no export catalogue is in force/);
  });
});

describe('a catalogue that is not sound refuses to load', () => {
  it('names each problem: unknown source or field, a field code or item code twice, no basis', () => {
    const broken: ExportCatalogue = {
      ...catalogue,
      kinds: [
        { ...kind('DEBTOR_RECORD'), basis: '', fields: [...kind('DEBTOR_RECORD').fields, { code: 'AH', nameZh: '案号', from: 'caseNumber' }, { code: 'X', nameZh: '身份号码', from: 'idNumber' }] },
        { ...kind('DEBTOR_EXIT'), itemCode: kind('DEBTOR_RECORD').itemCode, when: { nosuch: [true] } },
        { ...kind('DISHONESTY_RECORD'), source: 'registry.people' as never },
      ],
    };
    const problems = catalogueProblems(broken);
    expect(problems).toEqual(expect.arrayContaining([
      'DEBTOR_RECORD: a basis (the seed and paragraph it comes from) is required',
      'DEBTOR_RECORD: field code AH used twice',
      'DEBTOR_RECORD.X: court-debtors.record has no field idNumber',
      `DEBTOR_EXIT: item code ${kind('DEBTOR_RECORD').itemCode} used twice`,
      'DEBTOR_EXIT: when names nosuch, which court-debtors.record does not have',
      'DISHONESTY_RECORD: unknown source registry.people',
    ]));
  });
});

describe('exportRows', () => {
  const scopes = new Set(['11231100360550620D']);
  const none = new Map<string, Map<string, string>>();

  it('maps a row\'s fields under the catalogue\'s codes, in its order, the legal representative masked', () => {
    const [record] = exportRows(catalogue, 'court-debtors.record', [debtor('(2025)黑11执1号')], none, scopes);
    expect(record).toMatchObject({ kind: 'DEBTOR_RECORD', itemCode: kind('DEBTOR_RECORD').itemCode, recordId: '(2025)黑11执1号', op: 'UPSERT' });
    expect(Object.keys(record!.data!)).toEqual(kind('DEBTOR_RECORD').fields.map((f) => f.code));
    expect(record!.data!.FDDBR).toBe('王*明');
    expect(JSON.stringify(record)).not.toContain('王小明');
  });

  it('puts a row in a kind only when it meets the kind\'s condition: an exit only once the record left the list', () => {
    const active = exportRows(catalogue, 'court-debtors.record', [debtor('A')], none, scopes).map((r) => r.kind);
    const exited = exportRows(catalogue, 'court-debtors.record', [debtor('A', { status: 'EXITED', exitReason: 'PERFORMED', exitedAt: '2026-11-01' })], none, scopes).map((r) => r.kind);
    const notGovernment = exportRows(catalogue, 'court-debtors.record', [debtor('A', { governmentBody: false })], none, scopes);
    expect(active).toEqual(['DEBTOR_RECORD']);
    // Off the list, the listing itself is withdrawn (the court list's own rule) and the exit goes up instead.
    expect(exited).toEqual(['DEBTOR_EXIT']);
    expect(notGovernment).toEqual([]);
  });

  it('withdraws (DELETE) what was sent under a scope read again and is missing now, and nothing under scopes not read', () => {
    const previously = new Map([['DEBTOR_RECORD', new Map([['A', '11231100360550620D'], ['B', '11231100360550620D'], ['C', '12231100MB0000000X']])]]);
    const rows = exportRows(catalogue, 'court-debtors.record', [debtor('A')], previously, scopes);
    expect(rows.map((r) => `${r.op}:${r.recordId}`)).toEqual(['UPSERT:A', 'DELETE:B']);
    expect(rows[1]).toMatchObject({ data: null, digest: digestOf('DELETE', null) });
  });

  it('gives the same digest for the same contents in any key order, another for any change', () => {
    expect(digestOf('UPSERT', { a: 1, b: 'x' })).toBe(digestOf('UPSERT', { b: 'x', a: 1 }));
    expect(digestOf('UPSERT', { a: 1, b: 'x' })).not.toBe(digestOf('UPSERT', { a: 1, b: 'y' }));
    const [one] = exportRows(catalogue, 'court-debtors.record', [debtor('A')], none, scopes);
    const [same] = exportRows(catalogue, 'court-debtors.record', [debtor('A')], none, scopes);
    const [moved] = exportRows(catalogue, 'court-debtors.record', [debtor('A', { performance: 'PART' })], none, scopes);
    expect(same!.digest).toBe(one!.digest);
    expect(moved!.digest).not.toBe(one!.digest);
  });
});

describe('the personal-data guard', () => {
  const first17 = '23010219900101123';
  const idNumber = `${first17}${idNumberCheckCharacter(first17)}`;
  const record = kind('DISHONESTY_RECORD');

  it('stops a clear ID number or mobile number anywhere in the values, free text and lists included', () => {
    expect(personalDataFound(record, { SXSS: `当事人（身份证号${idNumber}）拒不履行` })).toMatch(/^SXSS: .*ID number/);
    expect(personalDataFound(record, { SXSS: '联系电话13812345678' })).toMatch(/^SXSS: .*mobile/);
    expect(personalDataFound(kind('COMMITMENT_LETTER'), { CNSX: [{ content: `联系人 ${idNumber.toLowerCase()}` }] })).toMatch(/^CNSX/);
  });

  it('reads numbers as people write them: full-width digits, spaces and dashes, +86, the 15-digit card, a wrong check character', () => {
    const fullWidth = idNumber.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const wrongCheck = `${first17}${idNumberCheckCharacter(first17) === '0' ? '1' : '0'}`;
    for (const text of [`身份证${fullWidth}`, `号码 ${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14)}`, `旧证230102900101123`, `证号${wrongCheck}`, `ID${idNumber}`]) {
      expect(personalDataFound(record, { SXSS: text }), text).toMatch(/ID number/);
    }
    for (const text of ['电话+8613812345678', '138 1234 5678', '138-1234-5678', '００８６１３８１２３４５６７８']) {
      expect(personalDataFound(record, { SXSS: text }), text).toMatch(/mobile/);
    }
  });

  it('lets masked values, organization codes, case numbers and amounts through', () => {
    expect(personalDataFound(record, { SXSS: '230102************ 与 138****5678', TYSHXYDM: '912311001234567890', WH: '(2026)黑11民初123号', JDRQ: '2026-11-02' })).toBeNull();
    // a long number that is no ID number: no birth date where one would be, or a valid organization code
    expect(personalDataFound(record, { SXSS: '合同编号 230102209913451234，金额 1,000,000.00 元，日期 2026-11-02 至 2027-11-01' })).toBeNull();
  });
});
