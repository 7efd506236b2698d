import { isMobileNumber } from './phone.js';

/**
 * Public masking of personal data (PIPL art. 28; the court list's own practice).
 * These produce what a PUBLIC caller may see; they never return the input unchanged
 * for a value that has content to hide.
 */

/** 王小明 → 王*明, 李四 → 李*, 欧阳娜娜 → 欧**娜. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * 230102199001011234 → 230102************: only the region of registration is shown.
 * The old form (region and the last four, 230102********1234) left just the birth date
 * unknown, about 1,900 candidates over a working life once the check character is applied,
 * few enough to try one by one; the court list's rule (digits 11–14 hidden) leaves only
 * month and day, about 33. With birth date, sequence and check hidden there are millions.
 */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length !== 18) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(12)}`;
}

/** 13812345678 → 138****5678; landlines keep the area code and the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (isMobileNumber(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepHead = digits.includes('-') ? digits.indexOf('-') + 1 : 3;
  return `${digits.slice(0, keepHead)}${'*'.repeat(Math.max(digits.length - keepHead - 2, 1))}${digits.slice(-2)}`;
}

/** zhang.san@example.cn → z***@example.cn */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
