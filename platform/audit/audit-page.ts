import { CreditError } from '../errors.js';
import type { SubgraphOrm } from '../orm.js';
import { AuditEntry } from './audit-entry.js';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;

/**
 * A query parameter that must be a non-negative integer of at most `max`: absent → the default;
 * anything else (letters, signs, decimals, exponents, repeats, empty) → BAD_USER_INPUT naming it.
 */
function nonNegativeInteger(value: unknown, field: string, fallback: number, max: number, zh: string, en: string): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number > max) throw new CreditError('BAD_USER_INPUT', zh, en, { field });
  return number;
}

/** `?after=<id>&limit=<n>` of GET /audit (the gateway's and every subgraph's). */
export function auditPageParams(query: Record<string, unknown>): { after: number; limit: number } {
  return {
    after: nonNegativeInteger(query.after, 'after', 0, Number.MAX_SAFE_INTEGER, '参数 after 应为非负整数（审计记录编号）', 'after must be a non-negative integer, an audit entry id'),
    limit: nonNegativeInteger(query.limit, 'limit', AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, `参数 limit 应为 0 到 ${AUDIT_PAGE_MAX} 之间的整数`, `limit must be an integer from 0 to ${AUDIT_PAGE_MAX}`),
  };
}

/** One page of an audit log, in id order. */
export async function readAuditPage(store: SubgraphOrm, page: { after: number; limit: number }): Promise<AuditEntry[]> {
  if (page.limit === 0) return [];
  return store.orm.em.fork().find(AuditEntry, { id: { $gt: page.after } }, { orderBy: { id: 'asc' }, limit: page.limit });
}
