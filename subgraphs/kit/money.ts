import { badInput } from '../../platform/errors.js';

/**
 * Exact money, for every subgraph. Amounts are integer fen (分, 1/100 yuan) everywhere inside:
 * stored in integer columns, added and compared as integers, and shown to clients as decimal
 * strings with two places ("12345678.91"). A float never touches an amount. Two readers:
 * `parseFen` for an amount given as such (API arguments, OCDS files; refuses with a rule), and
 * `parseAmountFen` for the amount a free text states (the court list; null when none).
 */

/**
 * The largest amount one record may carry: 9,999,999,999,999.99 yuan. Fifteen digits, so
 * every such amount is exact as a JavaScript number and as a JSON number (an OCDS file
 * writes amounts as numbers), and fits any integer column; more is a typing error.
 */
export const MAX_FEN = 999_999_999_999_999;
const MAX_FEN_BIGINT = BigInt(MAX_FEN);

const DECIMAL = /^(-?)(\d{1,13})(?:\.(\d+))?$/;

export interface MoneyOptions {
  /** Refunds and corrections may be negative; amounts owed and paid may not (default). */
  allowNegative?: boolean;
  /** Payments must be above zero (default: zero is allowed). */
  positive?: boolean;
}

/**
 * Reads an amount in yuan given as a decimal string ("12345678.91") into integer fen, or
 * BAD_USER_INPUT naming the field and the rule broken (MONEY_FORMAT, MONEY_PRECISION,
 * MONEY_NEGATIVE, MONEY_POSITIVE, MONEY_RANGE). A JSON number becomes such a string with
 * String(n), its shortest exact form: 0.1 + 0.2 arrives as "0.30000000000000004" and is refused.
 */
export function parseFen(value: string, field: string, options: MoneyOptions = {}): number {
  const text = value.trim();
  const match = DECIMAL.exec(text);
  if (!match) {
    if (/^-?\d{14,}(\.\d+)?$/.test(text)) throw rangeError(field);
    throw moneyError(field, 'MONEY_FORMAT', '金额应为十进制数，如 12345678.91，不含千分位、单位或科学计数法', 'an amount is a plain decimal such as 12345678.91, without separators, units or exponents');
  }
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > 2) throw moneyError(field, 'MONEY_PRECISION', '金额最多保留两位小数（分）', 'an amount has at most two decimals (fen)');
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (fen > MAX_FEN) throw rangeError(field);
  if (sign === '-' && fen !== 0) {
    if (!options.allowNegative) throw moneyError(field, 'MONEY_NEGATIVE', '金额不能为负数', 'an amount cannot be negative');
    return -fen;
  }
  if (options.positive && fen === 0) throw moneyError(field, 'MONEY_POSITIVE', '金额应大于零', 'an amount must be above zero');
  return fen;
}

/** 1,234,567.89 元 / 50.5万元 / 人民币 12 元 / 12.3 (bare) — an amount, with or without 万. */
const STATED_AMOUNT = /(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*元/g;
const BARE_AMOUNT = /^(?:人民币)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*(?:元)?$/;

/**
 * The amount a free text states, in fen, exactly: the court list writes amounts inside text
 * ("未支付工程款1,234,567.89元", "人民币50万元", "0"). A bare number, or the single "…元" amount in
 * a sentence; null when the text states none, several, one finer than a fen, or one over MAX_FEN.
 */
export function parseAmountFen(text: string | null | undefined): bigint | null {
  if (!text) return null;
  const trimmed = text.trim();
  const bare = BARE_AMOUNT.exec(trimmed);
  if (bare) return statedFen(bare[1]!, bare[2] === '万');
  const matches = [...trimmed.matchAll(STATED_AMOUNT)];
  if (matches.length !== 1) return null;
  return statedFen(matches[0]![1]!, matches[0]![2] === '万');
}

/** `digits` (e.g. "1,234.5") in yuan or in 万 yuan as fen; null when finer than a fen or over MAX_FEN. */
function statedFen(digits: string, tenThousands: boolean): bigint | null {
  const scale = tenThousands ? 6 : 2;
  const [whole, fraction = ''] = digits.replace(/,/g, '').split('.');
  if (fraction.length > scale) return null;
  const fen = BigInt(whole! + fraction.padEnd(scale, '0'));
  return fen <= MAX_FEN_BIGINT ? fen : null;
}

/** Integer fen as a decimal string with two places: 1234567891 → "12345678.91", -5 → "-0.05". */
export function formatFen(fen: number | bigint): string {
  if (typeof fen === 'number' && !Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const value = BigInt(fen);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The exact sum of amounts in fen; a bigint, so that no total of many records can round. */
export function sumFen(amounts: Iterable<number | bigint>): bigint {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return total;
}

function rangeError(field: string) {
  return moneyError(field, 'MONEY_RANGE', '金额超出范围（最多 9999999999999.99 元）', 'an amount is at most 9999999999999.99 yuan');
}

function moneyError(field: string, rule: string, zh: string, en: string) {
  return badInput(`${field}：${zh} (${field}: ${en})`, { field, rule });
}
