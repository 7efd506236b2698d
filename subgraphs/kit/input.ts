import { badInput } from './errors.js';
import { idNumberProblem } from './validation/id-number.js';
import { regionCodeProblem } from './validation/region-code.js';
import { usccProblem } from './validation/uscc.js';

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

/**
 * Like requireUscc, but early pilot codes whose check digits fail are accepted: they are
 * real codes (lookups must not crash on them); imports flag them instead.
 */
export function requireUsccShape(value: string, field = 'uscc'): string {
  const problem = usccProblem(value.trim());
  if (problem && (problem.rule === 'LENGTH' || problem.rule === 'CHARSET')) {
    throw badInput(problem.message, { field, rule: problem.rule });
  }
  return value.trim();
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
