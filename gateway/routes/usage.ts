import type { RequestHandler } from 'express';
import { CreditError } from '../../platform/index.js';
import type { OperationUsageStore } from '../usage/store.js';
import { guardedCaller } from './guard.js';

export const USAGE_DAYS_DEFAULT = 30;
export const USAGE_LIMIT_MAX = 5_000;

function integerParam(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1 || number > max) {
    throw new CreditError('BAD_USER_INPUT', `参数 ${field} 应为 1 到 ${max} 之间的整数`, `${field} must be an integer from 1 to ${max}`, { field });
  }
  return number;
}

/**
 * GET /usage?days=<n>&limit=<n>: ADMIN reads which operations clients ran in the last n days
 * (default 30), most run first, with their texts (literals blanked): what `npm run schema:check
 * -- --gateway URL` validates a proposed schema against.
 */
export function usageHandlers(usage: OperationUsageStore | undefined, flush: () => Promise<void>): RequestHandler[] {
  return [
    async (req, res) => {
      guardedCaller(res).require('ADMIN');
      const query = req.query as Record<string, unknown>;
      const days = integerParam(query.days, 'days', USAGE_DAYS_DEFAULT, 3_650);
      const limit = integerParam(query.limit, 'limit', 1_000, USAGE_LIMIT_MAX);
      if (!usage) throw new CreditError('NOT_FOUND', '本网关未记录操作使用情况', 'this gateway does not record operation usage (CREDIT_USAGE_STORE=off)');
      await flush(); // what this replica counted so far is part of the answer
      const since = new Date(Date.now() - days * 86_400_000).toISOString();
      res.json({ since, operations: await usage.list({ since, limit }) });
    },
  ];
}
