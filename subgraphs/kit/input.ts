import { badInput } from '../../platform/errors.js';
import { idNumberProblem } from '../../platform/validation/id-number.js';
import { regionCodeProblem } from '../../platform/validation/region-code.js';
import { usccProblem, usccVerdict } from '../../platform/validation/uscc.js';

/**
 * Argument checks for resolvers. The API contract types these arguments as String (so
 * clients' `$uscc: String!` variables stay valid); the rules live here, and the error
 * names the field and the rule broken.
 */
export function requireUscc(value: string, field = 'uscc'): string {
  const problem = usccProblem(value.trim());
  if (problem) throw badInput(problem.message, { field, rule: problem.rule });
  return value.trim();
}

/** A USCC read under the pilot-code rule: the trimmed code, and why it is flagged (null when valid). */
export interface UsccReading {
  uscc: string;
  /** The CHECK_DIGIT / ORG_CODE_CHECK message of an early pilot code, or null for a valid code. */
  pilotProblem: string | null;
}

/**
 * A USCC from a caller or an import row under the pilot-code rule (`usccVerdict`): trimmed;
 * LENGTH or CHARSET is BAD_USER_INPUT naming the field and the rule; a code whose check
 * digits fail is an early pilot code, accepted, its problem returned for the caller to flag.
 */
export function readUscc(value: string, field = 'uscc'): UsccReading {
  const uscc = value.trim();
  const verdict = usccVerdict(uscc);
  if (verdict.refused) throw badInput(verdict.refused.message, { field, rule: verdict.refused.rule });
  return { uscc, pilotProblem: verdict.pilotProblem };
}

/**
 * Like requireUscc, but early pilot codes whose check digits fail are accepted: they are
 * real codes (lookups must not crash on them); imports flag them instead (`readUscc`).
 */
export function requireUsccShape(value: string, field = 'uscc'): string {
  return readUscc(value, field).uscc;
}

/** A filter's list of USCCs: 1 to `max` codes, each shaped as one (early pilot codes pass), duplicates dropped. */
export function requireUsccList(values: readonly string[], field: string, max = 100): string[] {
  if (values.length === 0 || values.length > max) throw badInput(`${field} 应为1到${max}个统一社会信用代码 (${field} takes 1–${max} codes)`, { field, rule: values.length === 0 ? 'EMPTY' : 'TOO_MANY' });
  return [...new Set(values.map((value) => requireUsccShape(value, field)))];
}

export function requireRegionCode(value: string, field = 'regionCode'): string {
  const problem = regionCodeProblem(value);
  if (problem) throw badInput(problem, { field, rule: 'REGION_CODE' });
  return value;
}

export function requireIdNumber(value: string, field = 'idNumber'): string {
  const normalized = value.trim().toUpperCase();
  const problem = idNumberProblem(normalized);
  if (problem) throw badInput(problem.message, { field, rule: problem.rule });
  return normalized;
}
