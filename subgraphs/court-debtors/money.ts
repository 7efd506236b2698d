/**
 * Money in exact integer fen (分). The court list writes amounts inside free text
 * ("未支付工程款1,234,567.89元", "人民币50万元", "0"); they are read exactly, never through a float.
 */

/** 1,234,567.89 元 / 50.5万元 / 人民币 12 元 / 12.3 (bare) — an amount, with or without 万. */
const AMOUNT = /(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*元/g;
const BARE_AMOUNT = /^(?:人民币)?\s*(\d[\d,]*(?:\.\d+)?)\s*(万)?\s*(?:元)?$/;

/** `digits` (e.g. "1,234.5") times 10^scale, exactly; null when it has more decimals than the scale allows. */
function scaled(digits: string, scale: number): bigint | null {
  const [whole, fraction = ''] = digits.replace(/,/g, '').split('.');
  if (fraction.length > scale) return null;
  return BigInt(whole! + fraction.padEnd(scale, '0'));
}

/** 9,999,999,999,999.99 yuan: more is a typing error, and would not fit a bigint column for long. */
export const MAX_FEN = 999_999_999_999_999n;

function toFen(digits: string, tenThousands: boolean): bigint | null {
  const fen = scaled(digits, tenThousands ? 6 : 2);
  return fen !== null && fen <= MAX_FEN ? fen : null;
}

/**
 * The amount a court text states, in fen: a bare number, or the single "…元" amount in a
 * sentence. Null when the text states none, several, one finer than a fen, or an impossible one.
 */
export function parseAmountFen(text: string | null | undefined): bigint | null {
  if (!text) return null;
  const trimmed = text.trim();
  const bare = BARE_AMOUNT.exec(trimmed);
  if (bare) return toFen(bare[1]!, bare[2] === '万');
  const matches = [...trimmed.matchAll(AMOUNT)];
  if (matches.length !== 1) return null;
  return toFen(matches[0]![1]!, matches[0]![2] === '万');
}

/** 123456789n → "1234567.89" (the API's decimal string, CNY). */
export function formatFen(fen: bigint): string {
  const negative = fen < 0n;
  const digits = (negative ? -fen : fen).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
