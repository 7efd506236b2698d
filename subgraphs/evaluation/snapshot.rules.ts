import { badInput, today as kitToday } from '../kit/index.js';

// Quarters of the quarterly 晾晒 (snapshot.repository.ts freezes them): how a quarter is written,
// which quarter a day lies in, and which quarter arguments are accepted.

const QUARTER = /^(\d{4})Q([1-4])$/;

export interface Quarter {
  year: number;
  q: 1 | 2 | 3 | 4;
}

export const quarterString = ({ year, q }: Quarter): string => `${year}Q${q}`;

/** The quarter a day (YYYY-MM-DD) lies in. */
export function quarterOf(day: string): Quarter {
  return { year: Number(day.slice(0, 4)), q: (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) as Quarter['q'] };
}

export function previousQuarter({ year, q }: Quarter): Quarter {
  return q === 1 ? { year: year - 1, q: 4 } : { year, q: (q - 1) as Quarter['q'] };
}

/** The first day of a quarter, YYYY-MM-DD. */
export function quarterStart({ year, q }: Quarter): string {
  return `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/**
 * A quarter argument ("2026Q3"), or BAD_USER_INPUT: malformed (rule QUARTER) or not begun yet
 * on `on` (rule QUARTER_FUTURE). A past quarter without a snapshot is not an error here.
 */
export function requireQuarter(value: string, on: string = kitToday(), field = 'quarter'): Quarter {
  const match = QUARTER.exec(value);
  const year = Number(match?.[1]);
  if (!match || year < 2000 || year > 2100) {
    throw badInput(`季度格式应为"年份Q季度"，如 2026Q3，实际为"${value.slice(0, 20)}" (a quarter is written YYYYQn, e.g. 2026Q3, got "${value.slice(0, 20)}")`, { field, rule: 'QUARTER' });
  }
  const quarter = { year, q: Number(match[2]) as Quarter['q'] };
  if (quarterStart(quarter) > on) {
    throw badInput(`季度 ${value} 尚未开始，今天是 ${on} (quarter ${value} has not begun yet; today is ${on})`, { field, rule: 'QUARTER_FUTURE' });
  }
  return quarter;
}
