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
/** The longest a reader may ask the feed to hold an empty answer (`wait`, ms): under a proxy's idle timeout. */
export const FEED_WAIT_MAX_MS = 30_000;
/** How often a held read looks at the head again (one query for all held reads of this process). */
const HEAD_CHECK_MS = Number(process.env.CREDIT_FEED_HEAD_CHECK_MS ?? 100);

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

/** The newest seq alone (the head check of held reads: one indexed lookup). */
async function headOf(store: SubgraphOrm): Promise<number> {
  const em = store.orm.em.fork() as EntityManager;
  const [row] = await em.createQueryBuilder(ChangeEntry).select(raw('max(seq) as head')).execute<Array<{ head: number | null }>>('all', false);
  return Number(row?.head ?? 0);
}

/**
 * Held reads (long polling): a reader at the head asks with `wait` and is answered as soon as an
 * entry past its cursor is committed, or with nothing when the wait is over. Readers used to ask
 * every 200 ms: at rest a stack of six subgraphs spent about a third of a core answering "nothing
 * new" (measured, docs/test-loop.md). One timer looks at the head for every held read, and only
 * while there are some; the head is read from the store, so entries written by another replica
 * of the subgraph wake them too.
 */
export class HeldReads {
  private readonly waiting = new Set<{ after: number; wake(): void }>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(
    private readonly store: SubgraphOrm,
    private readonly checkMs = HEAD_CHECK_MS,
  ) {}

  /** Resolves when the head passes `after`, after `ms`, or when `signal` aborts (the reader left), whichever is first. */
  until(after: number, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const waiter = {
        after,
        wake: () => {
          clearTimeout(timeout);
          signal.removeEventListener('abort', waiter.wake);
          this.waiting.delete(waiter);
          if (this.waiting.size === 0) this.idle();
          resolve();
        },
      };
      const timeout = setTimeout(waiter.wake, ms);
      if (signal.aborted) return waiter.wake();
      signal.addEventListener('abort', waiter.wake, { once: true });
      this.waiting.add(waiter);
      this.timer ??= setInterval(() => void this.check(), this.checkMs);
    });
  }

  /** Wakes every held read (the server is closing). */
  close(): void {
    for (const waiter of [...this.waiting]) waiter.wake();
  }

  private idle(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const head = await headOf(this.store);
      for (const waiter of [...this.waiting]) if (head > waiter.after) waiter.wake();
    } catch {
      // The store is closing or briefly unavailable: the held reads end at their deadline and are asked again.
    } finally {
      this.checking = false;
    }
  }
}

/** Deletes entries older than the retention period, always keeping the newest (the head). */
export async function pruneFeed(store: SubgraphOrm, retentionDays = Number(process.env.CREDIT_FEED_RETENTION_DAYS ?? 30)): Promise<number> {
  const cutoff = new Date(Date.now() - retentionDays * 86_400_000).toISOString();
  const { head } = await bounds(store);
  return store.orm.em.fork().nativeDelete(ChangeEntry, { at: { $lt: cutoff }, seq: { $lt: head } });
}

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, FEED_CURSOR_EXPIRED: 410 };

/**
 * GET /changes?after=<seq>&limit=<n>[&wait=<ms>]: the feed for its consumers (role CONSUMER, or
 * ADMIN); with `wait`, an answer that would be empty is held until an entry arrives or the wait
 * (at most FEED_WAIT_MAX_MS) is over. GET /changes/head: its newest and oldest sequence numbers.
 * With its metrics: the head, and each consumer's lag behind it as of its last read.
 * Returns what closes the held reads (before the server closes).
 */
export function serveFeed(app: Express, store: SubgraphOrm, registry: Registry): { close(): void } {
  const held = new HeldReads(store);
  const head = new Gauge({ name: 'credit_feed_head', help: 'Newest sequence number of this subgraph\'s change feed', registers: [registry] });
  const lag = new Gauge({ name: 'credit_feed_consumer_lag', help: 'Entries between a consumer\'s last cursor and the head, as of its last read', labelNames: ['consumer'], registers: [registry] });
  const answer = (read: (caller: Caller, query: Record<string, unknown>, res: Response) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      const caller = await callerFromAuthorization(headerValue(req.headers, 'authorization'));
      caller.require('CONSUMER', 'ADMIN');
      const body = await read(caller, req.query as Record<string, unknown>, res);
      // A held read whose reader left (or whose server is closing) has nobody to answer.
      if (!res.writableEnded && !res.destroyed) res.json(body);
    } catch (error) {
      const code = String((error as CreditError).extensions?.code ?? 'INTERNAL_SERVER_ERROR');
      const status = STATUS[code] ?? 500;
      if (status === 500) console.error(JSON.stringify({ level: 'error', msg: 'feed read failed', error: String(error) }));
      if (!res.destroyed) res.status(status).json({ errors: [{ message: status === 500 ? '服务器内部错误 (internal server error)' : (error as Error).message, extensions: status === 500 ? { code } : { ...(error as CreditError).extensions } }] });
    }
  };
  app.get('/changes', answer(async (caller, query, res) => {
    const wait = query.wait === undefined ? 0 : cursor(query.wait, 'wait', undefined, FEED_WAIT_MAX_MS);
    let page = await readFeed(store, query);
    if (page.entries.length === 0 && wait > 0 && query.limit !== '0') {
      const left = new AbortController();
      res.once('close', () => left.abort());
      await held.until(page.next, wait, left.signal);
      if (left.signal.aborted) return undefined;
      page = await readFeed(store, query);
    }
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
  return { close: () => held.close() };
}
