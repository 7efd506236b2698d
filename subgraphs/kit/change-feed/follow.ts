import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { config } from '../../../platform/config.js';
import type { EntityManager } from '../../../platform/orm.js';
import { FeedClient, type FeedEntry, type FeedSource } from '../../../platform/change-feed/consume.js';
import { readCursors, replaceCursors } from './feed-cursor.js';
import { RedisFeedGroup, redisClient } from './redis-streams.js';

/** Changes handed to a reader: each entry with the subgraph it came from. */
export interface ChangeBatch {
  deliveries: Array<{ source: string; entry: FeedEntry }>;
  /** Direct mode: the cursors reached, stored in the same transaction as the results. */
  cursors?: Record<string, number>;
  /** Redis mode: tells the group the entries are done, once the results are stored. */
  acknowledge(): Promise<void>;
}

/**
 * Where a feed reader's changes come from. Two modes, one reader: the subgraphs' HTTP feeds read
 * from cursors kept in the reader's own store (one machine, no Redis), or Redis Streams read
 * through a consumer group (CREDIT_REDIS_URL: several replicas of the reader share the load).
 */
export interface ChangeStream {
  readonly mode: 'direct' | 'redis-streams';
  /** Up to `limit` entries per source (direct) or in all (Redis); null when there is nothing new. */
  next(limit: number): Promise<ChangeBatch | null>;
  /**
   * After a round that found nothing: returns when a source has something new, or after
   * `waitMs`. The sources do the waiting (held reads of the HTTP feeds), not repeated asking.
   */
  waitForNews(waitMs: number): Promise<void>;
  /** Ends a wait in progress, and every later one at once (the reader is stopping). */
  interrupt(): void;
  /** Every source's newest sequence number: where a rebuild's reader continues afterwards. */
  heads(): Promise<Record<string, number>>;
  continueAfter(heads: Record<string, number>): Promise<void>;
  /** Entries each source had beyond this reader, as of the last read (direct mode). */
  readonly lag: Record<string, number>;
  /** A lease so that one worker of many rebuilds at a time (always granted in direct mode). */
  tryLeadRebuild(): Promise<boolean>;
  endRebuild(): Promise<void>;
}

export class DirectFeeds implements ChangeStream {
  readonly mode = 'direct' as const;
  readonly lag: Record<string, number> = {};
  private readonly stopping = new AbortController();

  constructor(
    private readonly em: EntityManager,
    private readonly sources: FeedSource[],
    private readonly client: Pick<FeedClient, 'page' | 'head'>,
  ) {}

  async next(limit: number): Promise<ChangeBatch | null> {
    const cursors = await readCursors(this.em);
    const deliveries: ChangeBatch['deliveries'] = [];
    const reached: Record<string, number> = {};
    await Promise.all(this.sources.map(async (source) => {
      const after = cursors.get(source.name) ?? 0;
      const page = await this.client.page(source, after, limit);
      this.lag[source.name] = page.head - page.next;
      if (page.next === after) return;
      reached[source.name] = page.next;
      for (const entry of page.entries) deliveries.push({ source: source.name, entry });
    }));
    if (Object.keys(reached).length === 0) return null;
    return { deliveries, cursors: reached, acknowledge: async () => {} };
  }

  async heads(): Promise<Record<string, number>> {
    const heads: Record<string, number> = {};
    for (const source of this.sources) heads[source.name] = await this.client.head(source);
    return heads;
  }

  continueAfter(heads: Record<string, number>): Promise<void> {
    return replaceCursors(this.em, heads);
  }

  /**
   * A held read of every source at once (limit 1); the first that has something past its cursor
   * ends the others' waits. The entries are read by the next round.
   */
  async waitForNews(waitMs: number): Promise<void> {
    if (waitMs <= 0 || this.stopping.signal.aborted) return;
    const cursors = await readCursors(this.em);
    const news = new AbortController();
    const signal = AbortSignal.any([news.signal, this.stopping.signal]);
    await Promise.all(this.sources.map(async (source) => {
      try {
        const page = await this.client.page(source, cursors.get(source.name) ?? 0, 1, { waitMs, signal });
        if (page.entries.length > 0) news.abort();
      } catch {
        // A wait ended by another source's news or by the reader stopping; a failing source is the next round's to report.
      }
    }));
  }

  interrupt(): void {
    this.stopping.abort();
  }

  async tryLeadRebuild(): Promise<boolean> {
    return true;
  }

  async endRebuild(): Promise<void> {}
}

export class RedisStreamFeeds implements ChangeStream {
  readonly mode = 'redis-streams' as const;
  readonly lag: Record<string, number> = {};
  private ready = false;

  constructor(
    private readonly redis: Redis,
    private readonly group: RedisFeedGroup,
    private readonly blockMs = 200,
    private readonly leaseKey = `${process.env.CREDIT_REDIS_PREFIX ?? 'credit:'}${group.group}:rebuild-lease`,
  ) {}

  async next(limit: number): Promise<ChangeBatch | null> {
    if (!this.ready) {
      await this.group.ensureGroup();
      this.ready = true;
    }
    const deliveries = await this.group.read(limit, this.blockMs);
    if (deliveries.length === 0) return null;
    return { deliveries: deliveries.map((d) => ({ source: d.source, entry: d.entry })), acknowledge: () => this.group.ack(deliveries) };
  }

  /** `next` already waited in Redis (XREADGROUP BLOCK `blockMs`), which answers as soon as an entry is added. */
  async waitForNews(): Promise<void> {}

  interrupt(): void {}

  heads(): Promise<Record<string, number>> {
    return this.group.heads();
  }

  async continueAfter(heads: Record<string, number>): Promise<void> {
    await this.group.moveTo(heads);
    this.ready = true;
  }

  /** A lease in Redis (renewed while the rebuild runs, gone if its holder dies): one rebuild for the group. */
  private renew: NodeJS.Timeout | undefined;
  async tryLeadRebuild(): Promise<boolean> {
    const won = (await this.redis.set(this.leaseKey, this.group.consumer, 'PX', 60_000, 'NX')) === 'OK';
    if (won) this.renew = setInterval(() => void this.redis.pexpire(this.leaseKey, 60_000).catch(() => {}), 20_000).unref();
    return won;
  }

  async endRebuild(): Promise<void> {
    clearInterval(this.renew);
    if ((await this.redis.get(this.leaseKey)) === this.group.consumer) await this.redis.del(this.leaseKey);
  }
}

/**
 * The change stream for a reader named `group` (e.g. "evaluation"): its consumer group on Redis
 * Streams when CREDIT_REDIS_URL is set (this process a member named CREDIT_WORKER_NAME, default
 * the host name, so a restart takes back what it had not finished), else the HTTP feeds from
 * cursors in `em`'s store (the store must include FeedCursor).
 */
export function changeStreamFor(em: EntityManager, sources: FeedSource[], group: string, token: () => Promise<string>): { changes: ChangeStream; close(): void } {
  const redisUrl = config.redisUrl();
  if (!redisUrl) return { changes: new DirectFeeds(em, sources, new FeedClient(token)), close: () => {} };
  const redis = redisClient(redisUrl);
  const member = process.env.CREDIT_WORKER_NAME ?? hostname();
  return { changes: new RedisStreamFeeds(redis, new RedisFeedGroup(redis, sources.map((s) => s.name), group, member)), close: () => redis.disconnect() };
}
