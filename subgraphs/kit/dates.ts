import { badInput } from '../../platform/errors.js';

/**
 * Today's date as YYYY-MM-DD in China Standard Time. CREDIT_TODAY pins it (demo data and
 * tests that speak of "overdue" need a fixed today).
 */
export function today(): string {
  if (process.env.CREDIT_TODAY) return process.env.CREDIT_TODAY;
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function isDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** A calendar date argument (YYYY-MM-DD), or BAD_USER_INPUT naming the field. */
export function requireDate(value: string, field: string): string {
  if (!isDate(value)) throw badInput(`${field} 应为有效日期，格式 YYYY-MM-DD (${field} must be a valid date, YYYY-MM-DD)`, { field, rule: 'DATE' });
  return value;
}

/**
 * The earliest day a decision, listing or act of a government body this federation records can bear:
 * the founding of the People's Republic (中华人民共和国成立, 1949-10-01). `isDate` alone accepts any
 * four-digit year, 0000-01-01 included.
 */
export const EARLIEST_DATE = '1949-10-01';

/**
 * A date that has happened (a decision's, a publication's): a valid date (rule DATE), not before
 * EARLIEST_DATE (DATE_TOO_EARLY) and not after `on`, today by default (DATE_IN_FUTURE); else
 * BAD_USER_INPUT naming the field, Chinese then English.
 */
export function requirePastDate(value: string, field: string, on: string = today()): string {
  const date = requireDate(value, field);
  if (date < EARLIEST_DATE) {
    throw badInput(`${field} 不能早于 ${EARLIEST_DATE}（中华人民共和国成立之日） (${field} cannot be before ${EARLIEST_DATE}, the founding of the People's Republic)`, { field, rule: 'DATE_TOO_EARLY' });
  }
  if (date > on) throw badInput(`${field} 不能晚于今天 ${on} (${field} cannot be in the future)`, { field, rule: 'DATE_IN_FUTURE' });
  return date;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A non-empty trimmed text of at most `max` characters, or BAD_USER_INPUT naming the field. */
export function requireText(value: string | null | undefined, field: string, max = 2000): string {
  const text = (value ?? '').trim();
  if (!text || text.length > max) {
    throw badInput(`${field} 不能为空且不超过${max}字 (${field} must be 1–${max} characters)`, { field, rule: 'TEXT' });
  }
  return text;
}

/** A year between 2000 and 2100, or BAD_USER_INPUT. */
export function requireYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw badInput(`年度应在2000到2100之间，实际为${year} (year must be between 2000 and 2100, got ${year})`, { field, rule: 'YEAR' });
  }
  return year;
}

/**
 * The complaint deadline rule (办理期限), the same for every complaint ledger (commitments,
 * contracts): a complaint received on `receivedAt` is due `handlingDays` later.
 */
export function complaintDueDate(receivedAt: string, handlingDays: number): string {
  return addDays(receivedAt, handlingDays);
}

/**
 * Overdue (超期): settled (resolved or rejected) after its due date, or still open past it on
 * `on`. `settledAt` is the day it was settled, null while it is open.
 */
export function isComplaintOverdue(dueDate: string, settledAt: string | null, on: string = today()): boolean {
  if (settledAt) return settledAt > dueDate;
  return dueDate < on;
}
