import type { RequestHandler } from 'express';
import type { SubgraphOrm } from '../../subgraphs/kit/index.js';
import { AuditEntry } from '../audit/audit-entry.js';
import { HttpError } from '../http-errors.js';
import { guardedCaller } from './guard.js';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 500;

/**
 * A query parameter that must be a non-negative integer of at most `max`: absent → the default;
 * anything else (letters, signs, decimals, exponents, repeats, empty) → 400 BAD_USER_INPUT
 * naming the parameter.
 */
function nonNegativeInteger(value: unknown, field: string, fallback: number, max: number, zh: string, en: string): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number > max) throw new HttpError(400, 'BAD_USER_INPUT', zh, en, { field });
  return number;
}

/** GET /audit?after=<id>&limit=<n>: ADMIN reads the audit log in id order, a page at a time. */
export function auditHandlers(audit: SubgraphOrm): RequestHandler[] {
  return [
    async (req, res) => {
      guardedCaller(res).require('ADMIN');
      const after = nonNegativeInteger(req.query.after, 'after', 0, Number.MAX_SAFE_INTEGER, '参数 after 应为非负整数（审计记录编号）', 'after must be a non-negative integer, an audit entry id');
      const limit = nonNegativeInteger(req.query.limit, 'limit', AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, `参数 limit 应为 0 到 ${AUDIT_PAGE_MAX} 之间的整数`, `limit must be an integer from 0 to ${AUDIT_PAGE_MAX}`);
      const entries = limit === 0 ? [] : await audit.orm.em.fork().find(AuditEntry, { id: { $gt: after } }, { orderBy: { id: 'asc' }, limit });
      res.json({ entries });
    },
  ];
}
