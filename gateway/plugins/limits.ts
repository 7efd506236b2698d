import { DEFAULT_QUERY_LIMITS, formatLimitError, queryLimits, type QueryLimitProtection, type QueryLimits } from '../../platform/limits.js';

/**
 * The gateway's limits (platform's QueryLimits). The anonymous budget and the response cap are
 * optional so that settings written before they existed keep their meaning with the defaults.
 */
export type LimitSettings = Omit<QueryLimits, 'maxCostPublic' | 'maxResponseBytesPublic'> & Partial<Pick<QueryLimits, 'maxCostPublic' | 'maxResponseBytesPublic'>>;

export const DEFAULT_LIMITS: QueryLimits = DEFAULT_QUERY_LIMITS;

export { formatLimitError };

/**
 * useLimits: depth, aliases (`__typename` ones too), tokens and directives, refused before
 * anything is planned; the estimated cost with list sizes from literals and variables, against
 * a budget for anonymous callers and a larger one for callers with a token (who get the
 * estimate in `extensions.cost`); anonymous answers capped in size. The rules are platform/'s
 * (platform/limits.ts), which the subgraphs apply too.
 */
export function useLimits(settings: LimitSettings = DEFAULT_LIMITS): QueryLimitProtection {
  const given = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
  return queryLimits({ ...DEFAULT_LIMITS, ...given }, { blockFieldSuggestions: true, chargeUnaliasedTypename: true });
}
