/** 行政区划代码 (administrative division code), GB/T 2260: six digits, PPCCDD. */

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

export function regionCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) {
    return `行政区划代码应为6位数字 (a GB/T 2260 region code is six digits, got "${code.slice(0, 20)}")`;
  }
  if (code.slice(0, 2) === '00') {
    return `行政区划代码的省级部分不能为00 (the province part of a region code cannot be 00)`;
  }
  return null;
}

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

/**
 * The prefix every code inside the region shares: 230000 → "23", 231100 → "2311",
 * 231102 → "231102".
 */
export function regionPrefix(code: string): string {
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return code.slice(0, 2);
    case 'CITY':
      return code.slice(0, 4);
    case 'COUNTY':
      return code;
  }
}

/**
 * The region and all its subregions as a range of codes: 231100 → ≥ "2311" and < "2312".
 * A range uses the region_code index on every database; SQLite's case-insensitive
 * `LIKE '2311%'` does not, and scanned every organization of a province (docs/benchmarks.md).
 */
export function regionCodeRange(code: string): { $gte: string; $lt?: string } {
  const prefix = regionPrefix(code);
  if (/^9+$/.test(prefix)) return { $gte: prefix };
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0');
  return { $gte: prefix, $lt: next };
}

/** The enclosing region's code, or null for a province. */
export function parentRegionCode(code: string): string | null {
  switch (regionLevel(code)) {
    case 'PROVINCE':
      return null;
    case 'CITY':
      return `${code.slice(0, 2)}0000`;
    case 'COUNTY':
      return `${code.slice(0, 4)}00`;
  }
}

export function isWithinRegion(code: string, regionCode: string): boolean {
  return code.startsWith(regionPrefix(regionCode));
}
