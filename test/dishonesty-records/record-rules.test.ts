// The dishonesty-records row rules, against hand-worked cases: GB/T 9704 document numbers and
// court case numbers, the sanction term's last day (民法典 arts. 201–202), and every bad input
// of issue 16 (unknown kind, malformed document number, a decision date in the future, an ID
// number failing its check, a USCC failing its shape) reported with field and rule, Chinese first.
import { describe, expect, it } from 'vitest';
import { Caller, idNumberCheckCharacter, parseCaseNumber } from '../../subgraphs/kit/index.js';
import { parseDocumentNumber, readDocumentNumber } from '../../subgraphs/dishonesty-records/document-number.rules.js';
import { DishonestyKind } from '../../subgraphs/dishonesty-records/entities/enums.js';
import type { DishonestyRecordInput } from '../../subgraphs/dishonesty-records/inputs.js';
import { readRecordRow, readTermMonths } from '../../subgraphs/dishonesty-records/record.rows.js';
import { inTerm, kindsImportableBy, NAME_WITHHELD, sameBodyName, sanctionEndDate, textFor } from '../../subgraphs/dishonesty-records/record.rules.js';
import { fixtureUscc } from '../helpers.js';

const MARKET = fixtureUscc('11', '231124', 2);
const HOUSING = fixtureUscc('11', '231124', 3);
const ID_BODY = '23112419800101123';
const ID_NUMBER = ID_BODY + idNumberCheckCharacter(ID_BODY);
const ON = '2026-11-22';

const auditor = new Caller('t-auditor', new Set(['PUBLIC', 'AUDITOR']), null);
const market = new Caller('t-market', new Set(['PUBLIC', 'ORGANIZATION']), MARKET);
const court = new Caller('t-court', new Set(['PUBLIC', 'COURT']), null);
const personnel = new Caller('t-personnel', new Set(['PUBLIC', 'PERSONNEL']), null);

/** A penalty of 孙吴县市场监督管理局 on 孙吴县住房和城乡建设局, correct in every field. */
const penalty: DishonestyRecordInput = {
  kind: 'ADMINISTRATIVE_PENALTY', organizationUscc: HOUSING, organizationName: '孙吴县住房和城乡建设局', authorityUscc: MARKET, authorityName: '孙吴县市场监督管理局',
  documentNumber: '孙市监处〔2026〕12号', decisionDate: '2026-03-15', facts: '违规收取技术服务费', legalBasis: '《中华人民共和国价格法》第三十九条', severity: 'GENERAL',
  sanctionTermMonths: '12', publication: null, publishedAt: null,
};
const read = (row: Partial<DishonestyRecordInput>, caller: Caller = auditor) => readRecordRow({ ...penalty, ...row }, { caller, allowed: kindsImportableBy(caller), on: ON });
function problem(row: Partial<DishonestyRecordInput>, caller: Caller = auditor): { code: unknown; field: unknown; rule: unknown; message: string } {
  try {
    read(row, caller);
  } catch (error) {
    const e = error as { extensions: Record<string, unknown>; message: string };
    return { code: e.extensions.code, field: e.extensions.field, rule: e.extensions.rule, message: e.message };
  }
  throw new Error('the row was accepted');
}

describe('document numbers (发文字号, GB/T 9704-2012 §7.2.4)', () => {
  it('reads 机关代字〔年份〕序号号 and normalizes the brackets exports use', () => {
    expect(parseDocumentNumber('黑河市监处〔2026〕12号')).toEqual({ documentNumber: '黑河市监处〔2026〕12号', year: 2026 });
    expect(parseDocumentNumber('黑河市监处[2026]12号')).toEqual({ documentNumber: '黑河市监处〔2026〕12号', year: 2026 });
    expect(parseDocumentNumber('黑河市监处【2026】12号')).toEqual({ documentNumber: '黑河市监处〔2026〕12号', year: 2026 });
    expect(parseDocumentNumber(' 孙纪处（２０２６）３号 ')).toEqual({ documentNumber: '孙纪处〔2026〕3号', year: 2026 });
    expect(parseDocumentNumber('国发〔2016〕76号')).toEqual({ documentNumber: '国发〔2016〕76号', year: 2016 });
    // The look-alikes input methods offer beside 〔〕 (security review 2026-12-01: refused before).
    expect(parseDocumentNumber('黑河市监处﹝2026﹞12号')).toEqual({ documentNumber: '黑河市监处〔2026〕12号', year: 2026 });
    expect(parseDocumentNumber('黑河市监处〖2026〗12号')).toEqual({ documentNumber: '黑河市监处〔2026〕12号', year: 2026 });
    expect(parseDocumentNumber('黑河市监处〘2026〙12号')).toEqual({ documentNumber: '黑河市监处〔2026〕12号', year: 2026 });
  });

  it('refuses 第, leading zeros ("不编虚位") and anything else, saying which', () => {
    expect(parseDocumentNumber('黑河市监处〔2026〕第12号')).toMatchObject({ problem: expect.stringContaining('不加"第"字') });
    expect(parseDocumentNumber('黑河市监处〔2026〕012号')).toMatchObject({ problem: expect.stringContaining('不编虚位') });
    for (const bad of ['黑河市监处〔26〕12号', '〔2026〕12号', '黑河市监处2026年12号', '黑河市监处〔2026〕12', 'HH〔2026〕12号', '黑河市监处〔2026〕0号']) {
      expect(parseDocumentNumber(bad), bad).toHaveProperty('problem');
    }
  });

  it('numbers a judgment by its case number, of any case type (the kit\'s rule)', () => {
    expect(parseCaseNumber('(2026)黑11民初123号', 'ANY')).toEqual({ caseNumber: '(2026)黑11民初123号', form: 'CURRENT', year: 2026 });
    expect(parseCaseNumber('（2025）黑1124行终7号', 'ANY')).toEqual({ caseNumber: '(2025)黑1124行终7号', form: 'CURRENT', year: 2025 });
    expect(parseCaseNumber('(2015)黑河中法民初字第00012号', 'ANY')).toEqual({ caseNumber: '(2015)黑河中法民初字第00012号', form: 'PRE_2016', year: 2015 });
    for (const raw of ['﹝2026﹞黑11民初123号', '〖2026〗黑11民初123号', '【2026】黑11民初123号']) expect(parseCaseNumber(raw, 'ANY'), raw).toMatchObject({ caseNumber: '(2026)黑11民初123号' });
    // The court list's rule stays what it was: execution cases only.
    expect(parseCaseNumber('(2026)黑11民初123号')).toHaveProperty('problem');
    expect(readDocumentNumber(DishonestyKind.JUDGMENT, '(2026)黑11民初123号', '2026-05-01')).toBe('(2026)黑11民初123号');
  });

  it('wants the form of the record\'s kind, and no year after the decision\'s', () => {
    expect(() => readDocumentNumber(DishonestyKind.JUDGMENT, '黑河市监处〔2026〕12号', '2026-05-01')).toThrow(/司法判决应填案号/);
    expect(() => readDocumentNumber(DishonestyKind.ADMINISTRATIVE_PENALTY, '(2026)黑11民初123号', '2026-05-01')).toThrow(/非司法判决应填发文字号/);
    expect(() => readDocumentNumber(DishonestyKind.ADMINISTRATIVE_PENALTY, '黑河市监处〔2027〕1号', '2026-12-31')).toThrow(/DOCUMENT_YEAR|晚于决定日期/);
    // Nor a year before the People's Republic numbered anything: 〔0000〕 was accepted with a decision of 0000-01-01.
    expect(() => readDocumentNumber(DishonestyKind.ADMINISTRATIVE_PENALTY, '黑河市监处〔1948〕1号', '2026-12-31')).toThrow(/早于1949年/);
    expect(() => readDocumentNumber(DishonestyKind.JUDGMENT, '(0000)黑河中法民初字第1号', '2026-12-31')).toThrow(/早于1949年/);
    expect(readDocumentNumber(DishonestyKind.ADMINISTRATIVE_PENALTY, '黑河市监处〔1949〕1号', '1949-10-01')).toBe('黑河市监处〔1949〕1号');
    // A case filed in 2025 and judged in 2026 is fine.
    expect(readDocumentNumber(DishonestyKind.JUDGMENT, '(2025)黑1124民初302号', '2026-04-08')).toBe('(2025)黑1124民初302号');
  });
});

describe('the sanction term (民法典 第二百零一条、第二百零二条)', () => {
  it('ends on the corresponding day of its last month, or that month\'s last day', () => {
    // Decided 2026-03-15, 12 months: counted from 03-16, the corresponding day 2027-03-15 is the last.
    expect(sanctionEndDate('2026-03-15', 12)).toBe('2027-03-15');
    // One month from 2026-01-31: February has no 31st, its last day is.
    expect(sanctionEndDate('2026-01-31', 1)).toBe('2026-02-28');
    // Into a leap year: 2028-02-29 exists.
    expect(sanctionEndDate('2027-11-30', 3)).toBe('2028-02-29');
    // Across the year: 6 months from 2026-08-31 end on 2027-02-28.
    expect(sanctionEndDate('2026-08-31', 6)).toBe('2027-02-28');
    expect(sanctionEndDate('2026-12-01', 120)).toBe('2036-12-01');
    expect(sanctionEndDate('2026-03-15', null)).toBeNull();
  });

  it('counts a record in its term from its decision day to its last day, inclusive', () => {
    const record = { decisionDate: '2026-03-15', sanctionEndDate: '2027-03-15' };
    expect(inTerm(record, '2026-03-14')).toBe(false);
    expect(inTerm(record, '2026-03-15')).toBe(true);
    expect(inTerm(record, '2027-03-15')).toBe(true);
    expect(inTerm(record, '2027-03-16')).toBe(false);
    expect(inTerm({ decisionDate: '2020-01-01', sanctionEndDate: null }, ON)).toBe(true);
  });

  it('takes 1 to 120 whole months, or none', () => {
    expect(readTermMonths('12')).toBe(12);
    expect(readTermMonths(' ')).toBeNull();
    for (const bad of ['0', '121', '1.5', '-3', '十二', '1e2']) expect(() => readTermMonths(bad), bad).toThrow(/TERM|整月数/);
  });
});

describe('a row read, and every bad input of issue 16 with its field and rule', () => {
  it('derives the record\'s columns: region from the USCC, the term\'s end, published by default', () => {
    const { data } = read({});
    expect(data).toMatchObject({
      kind: 'ADMINISTRATIVE_PENALTY', subjectType: 'ORGANIZATION', regionCode: '231124', officialId: null, documentNumber: '孙市监处〔2026〕12号',
      sanctionTermMonths: 12, sanctionEndDate: '2027-03-15', publication: 'PUBLISHED', severity: 'GENERAL',
    });
    // The same decision in another notation reads the same (the digest decides "unchanged").
    expect(read({ documentNumber: '孙市监处[2026]12号', kind: '行政处罚', severity: '一般' }).data.sourceDigest).toBe(data.sourceDigest);
  });

  it('an official\'s row keeps the pseudonym only', () => {
    const { data } = read({ kind: 'DISCIPLINARY_SANCTION', idNumber: ID_NUMBER, officialName: '张三', documentNumber: '孙纪处〔2026〕3号' });
    expect(data.subjectType).toBe('OFFICIAL');
    expect(data.officialId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(data)).not.toContain(ID_BODY);
  });

  it.each([
    ['a malformed document number', { documentNumber: '孙市监处2026-12' }, 'documentNumber', 'DOCUMENT_NUMBER'],
    ['a decision date in the future', { decisionDate: '2026-11-23' }, 'decisionDate', 'DATE_IN_FUTURE'],
    ['a decision date that is no date', { decisionDate: '2026-02-30' }, 'decisionDate', 'DATE'],
    ['a decision date of 0000-01-01', { decisionDate: '0000-01-01', documentNumber: '孙市监处〔0000〕1号' }, 'decisionDate', 'DATE_TOO_EARLY'],
    ['a decision date the day before 1949-10-01', { decisionDate: '1949-09-30', documentNumber: '孙市监处〔1949〕1号' }, 'decisionDate', 'DATE_TOO_EARLY'],
    ['a publication date in the future', { publishedAt: '2026-11-23' }, 'publishedAt', 'DATE_IN_FUTURE'],
    ['an ID number failing its check', { kind: 'DISCIPLINARY_SANCTION', idNumber: `${ID_BODY}${idNumberCheckCharacter(ID_BODY) === '0' ? '1' : '0'}`, officialName: '张三' }, 'idNumber', 'CHECK_DIGIT'],
    ['a subject USCC of the wrong length', { organizationUscc: HOUSING.slice(0, 17) }, 'organizationUscc', 'LENGTH'],
    ['an authority USCC with letters no USCC has', { authorityUscc: `${MARKET.slice(0, 16)}IO` }, 'authorityUscc', 'CHARSET'],
    ['an unknown kind', { kind: 'FINE' }, 'kind', 'ENUM'],
    ['an unknown severity', { severity: 'HUGE' }, 'severity', 'ENUM'],
    ['a term of 0 months', { sanctionTermMonths: '0' }, 'sanctionTermMonths', 'TERM'],
    ['no facts', { facts: '  ' }, 'facts', 'TEXT'],
    ['a judgment by a body that is no court', { kind: 'JUDGMENT', documentNumber: '(2026)黑1124民初1号' }, 'authorityName', 'AUTHORITY_NAME'],
    ['a publication date for an unpublished record', { publication: 'UNPUBLISHED', publishedAt: '2026-03-20' }, 'publishedAt', 'PUBLICATION_DATE'],
    ['a name without an ID number', { officialName: '张三' }, 'idNumber', 'REQUIRED'],
  ])('%s', (_what, row, field, rule) => {
    const found = problem(row as Partial<DishonestyRecordInput>);
    expect(found).toMatchObject({ code: 'BAD_USER_INPUT', field, rule });
    // Chinese first, then English in parentheses.
    expect(found.message).toMatch(/^[^(]*[\u4e00-\u9fff][^]*\([^\u4e00-\u9fff]*[a-z]/);
    // An ID number is never repeated in a message.
    expect(found.message).not.toContain(ID_BODY);
  });

  it('a unit sends only its own decisions, and only administrative penalties (FORBIDDEN, before the rest of the row)', () => {
    expect(read({}, market).data.authorityUscc).toBe(MARKET);
    expect(problem({ authorityUscc: HOUSING, documentNumber: 'garbage' }, market)).toMatchObject({ code: 'FORBIDDEN', field: 'authorityUscc', rule: 'OWN_AUTHORITY' });
    expect(problem({ kind: 'DISCIPLINARY_SANCTION' }, market)).toMatchObject({ code: 'FORBIDDEN', field: 'kind', rule: 'KIND_NOT_ALLOWED' });
    expect(problem({}, court)).toMatchObject({ code: 'FORBIDDEN', rule: 'KIND_NOT_ALLOWED' });
    expect(problem({ kind: 'OTHER_BREACH' }, personnel)).toMatchObject({ code: 'FORBIDDEN', rule: 'KIND_NOT_ALLOWED' });
    expect(read({ kind: 'ACCOUNTABILITY' }, personnel).data.kind).toBe('ACCOUNTABILITY');
  });
});

describe('what an official\'s record shows, and the authority\'s registered name', () => {
  const publicCaller = new Caller('anonymous', new Set(['PUBLIC']), null);
  it('withholds the name, full or masked, from the text of an official\'s record for all but the full readers', () => {
    const record = { officialName: '欧阳明华' };
    const text = '欧阳明华同志任职期间拒不兑现承诺；欧**华另有……';
    expect(textFor(publicCaller, record, text)).toBe(`${NAME_WITHHELD}同志任职期间拒不兑现承诺；${NAME_WITHHELD}另有……`);
    expect(textFor(market, record, text)).not.toContain('欧阳');
    for (const full of [auditor, personnel]) expect(textFor(full, record, text)).toBe(text);
    expect(textFor(publicCaller, { officialName: null }, text)).toBe(text);
  });

  it('takes the registered name in another spacing or width of brackets, and nothing else', () => {
    expect(sameBodyName('孙吴县市场监督管理局', '孙吴县市场监督管理局')).toBe(true);
    expect(sameBodyName(' 孙吴县 市场监督管理局', '孙吴县市场监督管理局')).toBe(true);
    expect(sameBodyName('黑河市市场监督管理局（知识产权局）', '黑河市市场监督管理局(知识产权局)')).toBe(true);
    expect(sameBodyName('孙吴县人民政府', '孙吴县市场监督管理局')).toBe(false);
    expect(sameBodyName('孙吴县市场监督管理局', '孙吴县市场监督管理局（知识产权局）')).toBe(false);
    expect(sameBodyName('孙吴县市场监督管理局', null)).toBe(false);
  });
});
