import type { RequestHandler } from 'express';
import { auditPageParams, readAuditPage, type SubgraphOrm } from '../../platform/index.js';
import { guardedCaller } from './guard.js';

/**
 * GET /audit?after=<id>&limit=<n>: ADMIN reads the gateway's audit log in id order, a page at a
 * time (bad parameters: platform's BAD_USER_INPUT, answered 400 JSON by the error handler).
 */
export function auditHandlers(audit: SubgraphOrm): RequestHandler[] {
  return [
    async (req, res) => {
      guardedCaller(res).require('ADMIN');
      res.json({ entries: await readAuditPage(audit, auditPageParams(req.query as Record<string, unknown>)) });
    },
  ];
}
