import { createHash } from 'node:crypto';
import {
  badInput, checkRows, fieldRowsFrom, parseCaseNumber, idNumberProblem, isDate, readUscc, RegistrantType, today, usccProblem, usccRegionCode, usccRegistrant, type DuplicateKey, type ImportResult, type ImportRow,
} from '../kit/index.js';
import { CaseNumberForm, DishonestBehaviour, Performance } from './entities/enums.js';
import { COURT_FIELDS, type CourtRow, type DebtorRecordInput, type PendingCaseInput } from './inputs.js';
import { parseAmountFen } from '../kit/money.js';

/**
 * Reading the court's rows as they come: dates in several notations, behaviours as free
 * text, amounts inside sentences. Every problem names the court's own field.
 */

/** 2019-06-12, 2019/6/12, 20190612, 2019年6月12日, 2019.06.12 → 2019-06-12. */
export function readCourtDate(value: string | null | undefined, field: string): string {
  const text = (value ?? '').trim();
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const date = match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` : '';
  if (!isDate(date)) {
    throw badInput(`${field} 应为有效日期，如 2019-06-12 或 2019年6月12日 (${field} must be a date such as 2019-06-12 or 2019年6月12日)`, { field, rule: 'DATE' });
  }
  return date;
}

function requireField(value: string | null | undefined, field: string, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw badInput(`${field} 不能为空 (${field} is required)`, { field, rule: 'REQUIRED' });
  if (text.length > max) throw badInput(`${field} 不能超过${max}字 (${field} has at most ${max} characters)`, { field, rule: 'TOO_LONG' });
  return text;
}

function optionalField(value: string | null | undefined, field: string, max: number): string | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  if (text.length > max) throw badInput(`${field} 不能超过${max}字 (${field} has at most ${max} characters)`, { field, rule: 'TOO_LONG' });
  return text;
}

const PERFORMANCE_TEXT: Record<string, Performance> = {
  全部未履行: Performance.NONE_PERFORMED,
  部分未履行: Performance.PARTLY_PERFORMED,
  部分履行: Performance.PARTLY_PERFORMED,
  全部履行: Performance.FULLY_PERFORMED,
  已全部履行: Performance.FULLY_PERFORMED,
};

export function readPerformance(value: string | null | undefined, field = 'performance'): Performance {
  const text = (value ?? '').trim();
  const performance = PERFORMANCE_TEXT[text] ?? (Object.values(Performance) as string[]).find((p) => p === text);
  if (!performance) {
    throw badInput(`${field} 应为"全部未履行""部分未履行"或"全部履行" (${field} must be 全部未履行, 部分未履行 or 全部履行)`, { field, rule: 'PERFORMANCE' });
  }
  return performance as Performance;
}

/** Keywords of the statutory forms; the settlement form is tested first (it also says 拒不履行). */
const BEHAVIOUR_KEYWORDS: Array<[DishonestBehaviour, RegExp]> = [
  [DishonestBehaviour.BREACHES_SETTLEMENT, /和解协议/],
  [DishonestBehaviour.REFUSES_DESPITE_ABILITY, /有履行能力而拒不履行/],
  [DishonestBehaviour.OBSTRUCTS_EXECUTION, /妨碍|抗拒执行/],
  [DishonestBehaviour.EVADES_EXECUTION, /规避执行|虚假诉讼|虚假仲裁|隐匿|转移财产/],
  [DishonestBehaviour.VIOLATES_PROPERTY_REPORTING, /财产报告/],
  [DishonestBehaviour.VIOLATES_CONSUMPTION_RESTRICTION, /限制消费|消费令/],
];

/** The court writes several behaviours in one field, separated by commas or semicolons. */
export function classifyBehaviours(text: string): DishonestBehaviour[] {
  const found = new Set<DishonestBehaviour>();
  for (const part of text.split(/[,，;；]/).map((p) => p.trim()).filter(Boolean)) {
    found.add(BEHAVIOUR_KEYWORDS.find(([, pattern]) => pattern.test(part))?.[0] ?? DishonestBehaviour.OTHER);
  }
  return Object.values(DishonestBehaviour).filter((b) => found.has(b));
}

/** Forms (2)–(6) of art. 1 carry a two-year listing term (art. 2); form (1) alone has none. */
const TERMED_BEHAVIOURS: readonly DishonestBehaviour[] = [
  DishonestBehaviour.OBSTRUCTS_EXECUTION,
  DishonestBehaviour.EVADES_EXECUTION,
  DishonestBehaviour.VIOLATES_PROPERTY_REPORTING,
  DishonestBehaviour.VIOLATES_CONSUMPTION_RESTRICTION,
  DishonestBehaviour.BREACHES_SETTLEMENT,
];
export const LISTING_TERM_YEARS = 2;

export function listingTermEnd(publishDate: string, behaviours: readonly DishonestBehaviour[]): string | null {
  if (!behaviours.some((b) => TERMED_BEHAVIOURS.includes(b))) return null;
  const end = new Date(`${publishDate}T00:00:00Z`);
  end.setUTCFullYear(end.getUTCFullYear() + LISTING_TERM_YEARS);
  return end.toISOString().slice(0, 10);
}

export interface DebtorCode {
  uscc: string;
  checkPassed: boolean;
  /** Why the check failed, for the PILOT_CODE warning. */
  pilotProblem: string | null;
  debtorType: RegistrantType;
  regionCode: string;
}

/**
 * The debtor's USCC. Early pilot codes (check digits wrong) are accepted and flagged; a
 * resident ID number is refused without being repeated (this list holds organizations only).
 */
export function readDebtorCode(value: string | null | undefined, field = 'cardNum'): DebtorCode {
  const code = (value ?? '').trim().toUpperCase();
  if (!code) throw badInput(`${field} 不能为空 (${field} is required)`, { field, rule: 'REQUIRED' });
  if (/\*/.test(code) || (code.length === 18 && idNumberProblem(code) === null && usccProblem(code) !== null)) {
    throw badInput(`${field} 是自然人身份号码，本平台只接收单位被执行人 (${field} is a person's ID number; this list takes organizations only)`, { field, rule: 'NATURAL_PERSON' });
  }
  const { uscc, pilotProblem } = readUscc(code, field);
  return {
    uscc,
    checkPassed: pilotProblem === null,
    pilotProblem,
    debtorType: usccRegistrant(uscc) as RegistrantType,
    regionCode: usccRegionCode(uscc),
  };
}

function digest(values: Array<string | null | undefined>): string {
  return createHash('sha256').update(JSON.stringify(values.map((v) => (v ?? '').trim()))).digest('hex');
}

/** A validated court row: the record's columns, derived ones included. */
export interface RecordData {
  caseNumber: string;
  caseNumberForm: CaseNumberForm;
  caseYear: number;
  court: string;
  province: string;
  debtorName: string;
  debtorUscc: string;
  usccCheckPassed: boolean;
  debtorType: RegistrantType;
  regionCode: string;
  legalRepresentative: string | null;
  basisDocumentNumber: string;
  basisIssuer: string;
  obligation: string;
  performance: Performance;
  performedPart: string | null;
  unperformedPart: string | null;
  performedFen: bigint | null;
  unperformedFen: bigint | null;
  dishonestBehaviours: DishonestBehaviour[];
  dishonestBehaviourText: string;
  filingDate: string;
  publishDate: string;
  listingTermEnd: string | null;
  sourceDigest: string;
}

export function readCaseCode(value: string | null | undefined, field = 'caseCode'): { caseNumber: string; form: CaseNumberForm; year: number } {
  const parsed = parseCaseNumber(requireField(value, field, 64));
  if ('problem' in parsed) throw badInput(parsed.problem, { field, rule: 'CASE_NUMBER' });
  return parsed;
}

/** Validates one court row (throws BAD_USER_INPUT naming the field) and derives the record's columns. */
export function readCourtRow(row: DebtorRecordInput, on: string = today()): { data: RecordData; pilotProblem: string | null } {
  const { caseNumber, form, year } = readCaseCode(row.caseCode);
  const code = readDebtorCode(row.cardNum);
  const filingDate = readCourtDate(row.regDate, 'regDate');
  const publishDate = readCourtDate(row.publishDate, 'publishDate');
  if (publishDate < filingDate) {
    throw badInput('publishDate 不能早于立案时间 regDate (publishDate cannot precede regDate)', { field: 'publishDate', rule: 'DATE_ORDER' });
  }
  if (publishDate > on) throw badInput(`publishDate 不能晚于今天 ${on} (publishDate cannot be in the future)`, { field: 'publishDate', rule: 'DATE_IN_FUTURE' });
  const behaviourText = requireField(row.disruptTypeName, 'disruptTypeName', 1000);
  const behaviours = classifyBehaviours(behaviourText);
  const performedPart = optionalField(row.performedPart, 'performedPart', 2000);
  const unperformedPart = optionalField(row.unperformPart, 'unperformPart', 2000);
  const data: RecordData = {
    caseNumber,
    caseNumberForm: form,
    caseYear: year,
    court: requireField(row.courtName, 'courtName', 100),
    province: requireField(row.areaName, 'areaName', 20),
    debtorName: requireField(row.iname, 'iname', 200),
    debtorUscc: code.uscc,
    usccCheckPassed: code.checkPassed,
    debtorType: code.debtorType,
    regionCode: code.regionCode,
    legalRepresentative: optionalField(row.businessEntity, 'businessEntity', 50),
    basisDocumentNumber: requireField(row.gistId, 'gistId', 200),
    basisIssuer: requireField(row.gistUnit, 'gistUnit', 100),
    obligation: requireField(row.duty, 'duty', 5000),
    performance: readPerformance(row.performance),
    performedPart,
    unperformedPart,
    performedFen: parseAmountFen(performedPart),
    unperformedFen: parseAmountFen(unperformedPart),
    dishonestBehaviours: behaviours,
    dishonestBehaviourText: behaviourText,
    filingDate,
    publishDate,
    listingTermEnd: listingTermEnd(publishDate, behaviours),
    sourceDigest: '',
  };
  // Of the normalized row: the same data in another notation (（2019）, 2019年6月12日) is unchanged.
  data.sourceDigest = digest([
    data.caseNumber, data.court, data.province, data.debtorName, data.debtorUscc, data.legalRepresentative, data.basisDocumentNumber,
    data.basisIssuer, data.obligation, data.performance, performedPart, unperformedPart, behaviourText, filingDate, publishDate,
  ]);
  return { data, pilotProblem: code.pilotProblem };
}

export interface PendingCaseData {
  caseNumber: string;
  court: string;
  debtorName: string;
  debtorUscc: string;
  usccCheckPassed: boolean;
  debtorType: RegistrantType;
  regionCode: string;
  obligation: string;
  amountFen: bigint | null;
  filingDate: string;
  sourceDigest: string;
}

export function readPendingCaseRow(row: PendingCaseInput): { data: PendingCaseData; pilotProblem: string | null } {
  const { caseNumber } = readCaseCode(row.caseCode);
  const code = readDebtorCode(row.cardNum);
  const money = optionalField(row.execMoney, 'execMoney', 100);
  const amountFen = parseAmountFen(money);
  if (money !== null && amountFen === null) {
    throw badInput('execMoney 应为金额，如 123456.78 或 50万元 (execMoney must be an amount such as 123456.78 or 50万元)', { field: 'execMoney', rule: 'AMOUNT' });
  }
  const court = requireField(row.courtName, 'courtName', 100);
  const debtorName = requireField(row.iname, 'iname', 200);
  const obligation = requireField(row.duty, 'duty', 5000);
  const filingDate = readCourtDate(row.regDate, 'regDate');
  return {
    data: {
      caseNumber,
      court,
      debtorName,
      debtorUscc: code.uscc,
      usccCheckPassed: code.checkPassed,
      debtorType: code.debtorType,
      regionCode: code.regionCode,
      obligation,
      amountFen,
      filingDate,
      sourceDigest: digest([caseNumber, court, debtorName, code.uscc, obligation, amountFen?.toString(), filingDate]),
    },
    pilotProblem: code.pilotProblem,
  };
}

/** Two rows of one court import with the same case number: the later is refused. */
export const sameCaseAs: DuplicateKey<{ caseNumber: string }> = {
  keyOf: (data) => data.caseNumber,
  field: 'caseCode',
  message: (earlier) => `与第${earlier}行的案号重复 (same case number as row ${earlier})`,
};

/**
 * The rows of a court import read one by one (readCourtRow, readPendingCaseRow), a repeated
 * case number refused; a debtor's early pilot code is accepted and warned about (PILOT_CODE).
 */
export function readCourtRows<I, D extends { caseNumber: string }>(
  rows: readonly I[],
  result: ImportResult,
  read: (row: I) => { data: D; pilotProblem: string | null },
): Array<ImportRow<D>> {
  return checkRows(rows, result, (input, row) => {
    const { data, pilotProblem } = read(input);
    if (pilotProblem) result.warn(row, `${pilotProblem}；按早期试点代码接收并标记 (accepted and flagged as an early pilot code)`, 'cardNum', 'PILOT_CODE');
    return data;
  }, sameCaseAs);
}

/**
 * A court export file's content as rows for the import mutation (the kit's fieldRowsFrom): only
 * the list's own fields are kept (exports carry more, e.g. age, sexy, partyTypeName).
 */
export function courtRowsFrom(content: unknown): CourtRow[] {
  return fieldRowsFrom(content, COURT_FIELDS);
}
