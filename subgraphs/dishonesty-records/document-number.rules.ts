import { badInput, EARLIEST_DATE, normalizeNumberNotation, parseCaseNumber } from '../kit/index.js';
import { DishonestyKind } from './entities/enums.js';

/**
 * 文号: how a record's decision is numbered, and with the deciding authority what identifies it.
 *
 * - A judgment (JUDGMENT) is numbered by its court case number (案号, the kit's rule, any case
 *   type): `(2026)黑11民初123号`, before 2016 `(2015)黑河中法民初字第00012号`.
 * - Every other decision is an official document (公文), numbered as GB/T 9704-2012 §7.2.4
 *   prescribes for 发文字号: 发文机关代字 + 年份 + 发文顺序号 + 号, the year in hexagonal brackets
 *   〔〕, the sequence without leading zeros ("不编虚位") and without 第 ("不加'第'字"):
 *   `黑河市监处〔2026〕12号`, `孙纪发〔2026〕3号`.
 *
 * Exports write the brackets as [], 【】, （）, (), ﹝﹞ or 〖〗 as often as 〔〕: they are normalized to 〔〕
 * (kit/case-number.ts normalizeNumberNotation), so the same decision in another notation is the same record. Leading zeros and 第 are refused: they
 * are not the number the document bears, and accepting them would make 〔2026〕012号 and
 * 〔2026〕12号 two records.
 */
const DOCUMENT = /^([\u4e00-\u9fff]{1,20})〔(\d{4})〕([1-9]\d{0,5})号$/;

export interface ParsedDocumentNumber {
  documentNumber: string;
  year: number;
}

/** Brackets, spaces and full-width digits of a 发文字号 as exports write them → GB/T 9704's form (the kit's notation rule). */
export function normalizeDocumentNumber(raw: string): string {
  return normalizeNumberNotation(raw, '〔', '〕');
}

/** The first thing wrong with a 发文字号 (GB/T 9704), or its parts. */
export function parseDocumentNumber(raw: string): ParsedDocumentNumber | { problem: string } {
  const documentNumber = normalizeDocumentNumber(raw);
  const match = DOCUMENT.exec(documentNumber);
  if (match) return { documentNumber, year: Number(match[2]) };
  if (/〕第/.test(documentNumber)) {
    return { problem: '发文字号的顺序号不加"第"字（GB/T 9704），如 黑河市监处〔2026〕12号 (a document number carries no 第 before its sequence, GB/T 9704)' };
  }
  if (/〕0\d*号$/.test(documentNumber)) {
    return { problem: '发文字号的顺序号不编虚位（GB/T 9704），如 12号 而非 012号 (a document number\'s sequence has no leading zeros, GB/T 9704)' };
  }
  return { problem: '发文字号应为 机关代字〔年份〕序号号（GB/T 9704），如 黑河市监处〔2026〕12号 (a document number is agency code, year in 〔〕, sequence and 号, e.g. 黑河市监处〔2026〕12号)' };
}

/**
 * The record's document number for its kind, normalized, or BAD_USER_INPUT naming `field` (rule
 * DOCUMENT_NUMBER). Its year cannot be later than the decision's: a decision is numbered in the
 * year it is issued, and a case is filed before it is judged; nor earlier than 1949 (DOCUMENT_YEAR).
 */
export function readDocumentNumber(kind: DishonestyKind, raw: string, decisionDate: string, field = 'documentNumber'): string {
  const parsed = kind === DishonestyKind.JUDGMENT ? parseCaseNumber(raw, 'ANY') : parseDocumentNumber(raw);
  if ('problem' in parsed) {
    // A judgment's number given as a 发文字号 (or the reverse) says which form is wanted.
    const hint = kind === DishonestyKind.JUDGMENT && !('problem' in parseDocumentNumber(raw))
      ? '；司法判决应填案号 (a judgment is numbered by its case number)'
      : kind !== DishonestyKind.JUDGMENT && !('problem' in parseCaseNumber(raw, 'ANY')) ? '；非司法判决应填发文字号 (only judgments are numbered by case number)' : '';
    throw badInput(`${parsed.problem}${hint}`, { field, rule: 'DOCUMENT_NUMBER' });
  }
  const decisionYear = Number(decisionDate.slice(0, 4));
  if (parsed.year > decisionYear) {
    throw badInput(`文号年份${parsed.year}晚于决定日期 ${decisionDate} (the document number's year ${parsed.year} is after the decision date)`, { field, rule: 'DOCUMENT_YEAR' });
  }
  // Nor earlier than the first year a body of the People's Republic numbered anything (kit/dates.ts EARLIEST_DATE).
  const firstYear = Number(EARLIEST_DATE.slice(0, 4));
  if (parsed.year < firstYear) {
    throw badInput(`文号年份${parsed.year}早于${firstYear}年 (the document number's year ${parsed.year} is before ${firstYear})`, { field, rule: 'DOCUMENT_YEAR' });
  }
  return 'caseNumber' in parsed ? parsed.caseNumber : parsed.documentNumber;
}

