/**
 * A rate rounded to four decimals (0.8524), as every coverage figure reports it. What a rate
 * over nothing means differs by figure (0, 1 or unknown), so the caller says.
 */
export function ratio<Empty extends number | null>(part: number, whole: number, whenEmpty: Empty): number | Empty {
  return whole === 0 ? whenEmpty : Math.round((part / whole) * 10_000) / 10_000;
}
