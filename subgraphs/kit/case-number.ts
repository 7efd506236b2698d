import { badInput } from '../../platform/errors.js';

/**
 * 案号 (a court's case number), shared by every subgraph that receives court decisions: the
 * courts' dishonest-debtor lists (court-debtors: execution cases) and the judgments of the
 * government dishonesty record (dishonesty-records: any case type).
 *
 * Since 2016-01-01 (最高人民法院关于人民法院案件案号的若干规定): (year) + court code (province
 * abbreviation and 2 or 4 digits; 最高法 for the Supreme People's Court) + case type (执, 执恢,
 * 民初, 行终 …) + sequence + 号: `(2019)皖1122执1194号`, `(2026)黑11民初123号`.
 * Before: (year) + court abbreviation + type + 字第 + sequence + 号: `(2015)黑河中法执字第00012号`.
 */
export enum CaseNumberForm {
  CURRENT = 'CURRENT',
  PRE_2016 = 'PRE_2016',
}

/** Which case types a case number may name: execution cases only (执…), or any. */
export type CaseTypeScope = 'EXECUTION' | 'ANY';

const TYPE: Record<CaseTypeScope, string> = { EXECUTION: '执[\\u4e00-\\u9fff]{0,2}?', ANY: '[\\u4e00-\\u9fff]{1,4}?' };
const CURRENT: Record<CaseTypeScope, RegExp> = {
  EXECUTION: new RegExp(`^\\((\\d{4})\\)(最高法|[\\u4e00-\\u9fff](?:\\d{2}|\\d{4})?)(${TYPE.EXECUTION})(\\d{1,6})号$`),
  ANY: new RegExp(`^\\((\\d{4})\\)(最高法|[\\u4e00-\\u9fff](?:\\d{2}|\\d{4})?)(${TYPE.ANY})(\\d{1,6})号$`),
};
const PRE_2016: Record<CaseTypeScope, RegExp> = {
  EXECUTION: new RegExp(`^\\((\\d{4})\\)([\\u4e00-\\u9fff]{1,12}?)(${TYPE.EXECUTION})字第(\\d{1,6})号$`),
  ANY: new RegExp(`^\\((\\d{4})\\)([\\u4e00-\\u9fff]{1,12}?)(${TYPE.ANY})字第(\\d{1,6})号$`),
};

const EXAMPLES: Record<CaseTypeScope, { zh: string; en: string }> = {
  EXECUTION: {
    zh: '案号格式不正确，应如 (2019)皖1122执1194号 或 (2015)黑河中法执字第00012号',
    en: 'the case number should look like (2019)皖1122执1194号 or, before 2016, (2015)黑河中法执字第00012号',
  },
  ANY: {
    zh: '案号格式不正确，应如 (2026)黑11民初123号 或 (2015)黑河中法民初字第00012号',
    en: 'the case number should look like (2026)黑11民初123号 or, before 2016, (2015)黑河中法民初字第00012号',
  },
};

export interface ParsedCaseNumber {
  /** Normalized: ASCII parentheses, no spaces. */
  caseNumber: string;
  form: CaseNumberForm;
  year: number;
}

/**
 * The brackets exports put around a number's year, every form seen for one pair: ( ) （ ） [ ] ［ ］
 * 【 】 〔 〕 and the look-alikes input methods offer beside 〔〕: ﹝ ﹞ (small), 〖 〗 (white
 * lenticular), 〘 〙 (white tortoise shell), ﹙ ﹚ (small parentheses).
 */
const OPENING_BRACKETS = /[(（[［【〔﹝〖〘﹙]/g;
const CLOSING_BRACKETS = /[)）\]］】〕﹞〗〙﹚]/g;

/**
 * A case or document number as exports write it, in one notation: spaces dropped, any form of
 * bracket around the year as `open` and `close`, full-width digits as ASCII. Case numbers use
 * ( ), 发文字号 〔 〕 (document-number.rules.ts).
 */
export function normalizeNumberNotation(raw: string, open: string, close: string): string {
  return raw
    .replace(/\s+/g, '')
    .replace(OPENING_BRACKETS, open)
    .replace(CLOSING_BRACKETS, close)
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

/** Court exports write （2019）, 〔2019〕 or ﹝2019﹞ as often as (2019); full-width digits occur too. */
export function normalizeCaseNumber(raw: string): string {
  return normalizeNumberNotation(raw, '(', ')');
}

/** The first thing wrong with a case number, or its parts. `scope`: execution cases only (the default) or any case type. */
export function parseCaseNumber(raw: string, scope: CaseTypeScope = 'EXECUTION'): ParsedCaseNumber | { problem: string } {
  const caseNumber = normalizeCaseNumber(raw);
  // The old form first: its 字第 would otherwise pass for a case type of the current form.
  const old = PRE_2016[scope].exec(caseNumber);
  if (old) {
    const year = Number(old[1]);
    if (year > 2015) return { problem: `"字第"格式的案号只用于2016年以前，实际为${year} (the 字第 form was used before 2016, got ${year})` };
    return { caseNumber, form: CaseNumberForm.PRE_2016, year };
  }
  const current = CURRENT[scope].exec(caseNumber);
  if (current && !current[3]!.endsWith('字第')) {
    const year = Number(current[1]);
    if (year < 2016) return { problem: `现行格式的案号年度应不早于2016年，实际为${year} (a current-form case number is from 2016 or later, got ${year})` };
    return { caseNumber, form: CaseNumberForm.CURRENT, year };
  }
  return { problem: `${EXAMPLES[scope].zh} (${EXAMPLES[scope].en})` };
}

/** A case number argument, normalized, or BAD_USER_INPUT naming the field (rule CASE_NUMBER). */
export function requireCaseNumber(raw: string, field = 'caseNumber', scope: CaseTypeScope = 'EXECUTION'): string {
  const parsed = parseCaseNumber(raw, scope);
  if ('problem' in parsed) throw badInput(parsed.problem, { field, rule: 'CASE_NUMBER' });
  return parsed.caseNumber;
}
