import { raw } from '@mikro-orm/core';
import type { Express, Request, Response } from 'express';
import { Gauge, type Registry } from 'prom-client';
import { callerFromAuthorization, type Caller } from '../../../platform/auth.js';
import { headerValue } from '../../../platform/request.js';
import { CreditError } from '../../../platform/errors.js';
import type { EntityManager, SubgraphOrm } from '../../../platform/orm.js';
import { ChangeEntry } from '../../../platform/change-feed/change-entry.js';

export const FEED_PAGE_DEFAULT = 100;
export const FEED_PAGE_MAX = 1_000;

export interface FeedPage {
  entries: ChangeEntry[];
  /** The newest sequence number in the feed (0 when it is empty). */
  head: number;
  /** The cursor to ask with next: the last entry's seq, or `after` when nothing was newer. */
  next: number;
}

/** head = the newest seq; oldest = the oldest retained (pruning always keeps the newest entry). */
async function bounds(store: SubgraphOrm): Promise<{ head: number; oldest: number }> {
  const em = store.orm.em.fork() as EntityManager;
  const [row] = await em.createQueryBuilder(ChangeEntry).select([raw('max(seq) as head'), raw('min(seq) as oldest')]).execute<Array<{ head: number | null; oldest: number | null }>>('all', false);
  return { head: Number(row?.head ?? 0), oldest: Number(row?.oldest ?? 0) };
}

function cursor(value: unknown, field: string, fallback: number | undefined, max: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const number = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number > max) {
    throw new CreditError('BAD_USER_INPUT', `参数 ${field} 应为 0 到 ${max} 之间的整数`, `${field} must be an integer from 0 to ${max}`, { field, rule: 'CURSOR' });
  }
  return number;
}

/**
 * A page of the feed after a cursor. A cursor is never silently restarted: one ahead of the head
 * is BAD_USER_INPUT (rule CURSOR_AHEAD: it was not issued by this feed), one older than the
 * retained entries is FEED_CURSOR_EXPIRED (the consumer must rebuild from scratch).
 */
export async function readFeed(store: SubgraphOrm, query: Record<string, unknown>): Promise<FeedPage> {
  const after = cursor(query.after, 'after', undefined, Number.MAX_SAFE_INTEGER);
  const limit = cursor(query.limit, 'limit', FEED_PAGE_DEFAULT, FEED_PAGE_MAX);
  const { head, oldest } = await bounds(store);
  if (after > head) {
    throw new CreditError('BAD_USER_INPUT', `游标 ${after} 超过变更流的最新序号 ${head}`, `cursor ${after} is ahead of the feed's head ${head}`, { field: 'after', rule: 'CURSOR_AHEAD', head });
  }
  if (oldest > 0 && after < oldest - 1) {
    throw new CreditError('FEED_CURSOR_EXPIRED', `游标 ${after} 之后的变更已过保留期被清除，请从头重建`, `the changes after cursor ${after} are past retention and gone: rebuild from scratch`, { field: 'after', oldest });
  }
  const entries = limit === 0 ? [] : await store.orm.em.fork().find(ChangeEntry, { seq: { $gt: after } }, { orderBy: { seq: 'asc' }, limit });
  return { entries, head, next: entries.at(-1)?.seq ?? after };
}

/** Deletes entries older than the retention period, always keeping the newest (the head). */
export async function pruneFeed(store: SubgraphOrm, retentionDays = Number(process.env.CREDIT_FEED_RETENTION_DAYS ?? 30)): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000).toISOString();
  const { head } = await bounds(store);
  return store.orm.em.fork().nativeDelete(ChangeEntry, { at: { $lt: cutoff }, seq: { $lt: head } });
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, FEED_CURSOR_EXPIRED: 410 };

/**
 * GET /changes?after=<seq>&limit=<n>: the feed for its consumers (role CONSUMER, or ADMIN), and
 * GET /changes/head: its newest and oldest sequence numbers;
 * with its metrics: the head, and each consumer's lag behind it as of its last read.
 */
export function serveFeed(app: Express, store: SubgraphOrm, registry: Registry): void {
  const head = new Gauge({ name: 'credit_feed_head', help: 'Newest sequence number of this subgraph\'s change feed', registers: [registry] });
  const lag = new Gauge({ name: 'credit_feed_consumer_lag', help: 'Entries between a consumer\'s last cursor and the head, as of its last read', labelNames: ['consumer'], registers: [registry] });
  const answer = (read: (caller: Caller, query: Record<string, unknown>) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      const caller = await callerFromAuthorization(headerValue(req.headers, 'authorization'));
      caller.require('CONSUMER', 'ADMIN');
      res.json(await read(caller, req.query as Record<string, unknown>));
    } catch (error) {
      const code = String((error as CreditError).extensions?.code ?? 'INTERNAL_SERVER_ERROR');
      const status = STATUS[code] ?? 500;
      if (status === 500) console.error(JSON.stringify({ level: 'error', msg: 'feed read failed', error: String(error) }));
      res.status(status).json({ errors: [{ message: status === 500 ? '服务器内部错误 (internal server error)' : (error as Error).message, extensions: status === 500 ? { code } : { ...(error as CreditError).extensions } }] });
    }
  };
  app.get('/changes', answer(async (caller, query) => {
    const page = await readFeed(store, query);
    head.set(page.head);
    lag.set({ consumer: caller.id }, page.head - page.next);
    return page;
  }));
  // Where a consumer that rebuilds from scratch starts reading afterwards.
  app.get('/changes/head', answer(async () => {
    const found = await bounds(store);
    head.set(found.head);
    return found;
  }));
}
