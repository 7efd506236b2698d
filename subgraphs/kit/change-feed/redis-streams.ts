import { Redis } from 'ioredis';
import type { SubgraphOrm } from '../../../platform/orm.js';
import { ChangeEntry } from '../../../platform/change-feed/change-entry.js';
import type { FeedEntry } from '../../../platform/change-feed/consume.js';

// At scale the feeds are carried by Redis Streams (CREDIT_REDIS_URL): each subgraph relays its
// outbox into a stream whose entry ids are the outbox's sequence numbers ("<seq>-0"), and readers
// share the work through consumer groups (XREADGROUP / XACK / XAUTOCLAIM). Without Redis, readers
// page the subgraphs' HTTP feeds directly (consume.ts). The outbox stays the source of truth.

/** The stream of a subgraph's feed: `<prefix>feed:<name>` (CREDIT_REDIS_PREFIX, default "credit:"). */
export function feedStreamKey(subgraph: string, prefix = process.env.CREDIT_REDIS_PREFIX ?? 'credit:'): string {
  return `${prefix}feed:${subgraph}`;
}

export function redisClient(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  redis.on('error', () => {}); // surfaced by the failing commands, retried by their loops
  return redis;
}

const seqOf = (id: string) => Number(id.split('-')[0]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

/** The newest sequence number in a stream (0 when there is none). */
export async function streamHead(redis: Redis, key: string): Promise<number> {
  const [last] = (await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
  return last ? seqOf(last[0]) : 0;
}

export interface FeedRelay {
  /** One pass: relays what the outbox has beyond the stream's head; returns how many entries. */
  relayOnce(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Copies a subgraph's outbox into its stream, in order, with the outbox's sequence numbers as
 * the stream ids: a replica that relays the same entry again is refused by Redis (an id must
 * grow), so several replicas of a subgraph can all relay and no entry appears twice. The
 * stream keeps about `maxLength` entries (CREDIT_FEED_STREAM_MAXLEN, default 1,000,000).
 */
export function feedRelay(store: SubgraphOrm, redis: Redis, subgraph: string, options: { intervalMs?: number; batch?: number; maxLength?: number } = {}): FeedRelay {
  const key = feedStreamKey(subgraph);
  const maxLength = options.maxLength ?? Number(process.env.CREDIT_FEED_STREAM_MAXLEN ?? 1_000_000);
  let stopped = false;
  let running: Promise<void> | null = null;
  let head: number | null = null;

  async function relayOnce(): Promise<number> {
    head ??= await streamHead(redis, key);
    const entries = await store.orm.em.fork().find(ChangeEntry, { seq: { $gt: head } }, { orderBy: { seq: 'asc' }, limit: options.batch ?? 500 });
    if (entries.length === 0) return 0;
    const pipeline = redis.pipeline();
    for (const e of entries) {
      const json: FeedEntry = { seq: e.seq, at: e.at, entity: e.entity, operation: e.operation, ids: e.ids, organizations: e.organizations, officials: e.officials, regions: e.regions };
      pipeline.xadd(key, 'MAXLEN', '~', maxLength, `${e.seq}-0`, 'entry', JSON.stringify(json));
    }
    const results = (await pipeline.exec()) ?? [];
    // Another replica relayed some of them first: start again from the stream's own head.
    if (results.some(([error]) => error)) head = await streamHead(redis, key);
    else head = entries.at(-1)!.seq;
    return entries.length;
  }

  return {
    relayOnce,
    start() {
      running ??= (async () => {
        let failures = 0;
        while (!stopped) {
          try {
            const relayed = await relayOnce();
            failures = 0;
            if (relayed === 0) await sleep(options.intervalMs ?? 100);
          } catch (error) {
            head = null;
            if (++failures === 1 || failures % 50 === 0) console.error(JSON.stringify({ level: 'error', subgraph, msg: 'feed relay to Redis failed; retrying', error: String(error), failures }));
            await sleep(Math.min(5_000, 200 * failures));
          }
        }
      })();
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

/** One delivered entry: where it came from and its stream id (for XACK). */
export interface Delivery {
  source: string;
  id: string;
  entry: FeedEntry;
}

/**
 * A reader in a consumer group over the feeds' streams: Redis hands each entry to one member of
 * the group, so several workers share the load and never both process the same change; an
 * entry a member took and did not acknowledge (it crashed) is claimed by another after
 * `claimIdleMs`, and one that restarts under the same name takes its own back at once. Members
 * acknowledge only after the work is stored (at least once).
 */
export class RedisFeedGroup {
  private readonly keys: Map<string, string>;
  private ownPendingRead = false;

  constructor(
    private readonly redis: Redis,
    sources: readonly string[],
    readonly group: string,
    readonly consumer: string,
    private readonly claimIdleMs = 30_000,
  ) {
    this.keys = new Map(sources.map((s) => [s, feedStreamKey(s)]));
  }

  /** Creates the group on every stream (at `startAt[source]`, default the beginning) unless it exists. */
  async ensureGroup(startAt: Record<string, number> = {}): Promise<void> {
    for (const [source, key] of this.keys) {
      try {
        await this.redis.xgroup('CREATE', key, this.group, `${startAt[source] ?? 0}-0`, 'MKSTREAM');
      } catch (error) {
        if (!String(error).includes('BUSYGROUP')) throw error;
      }
    }
  }

  /** Every stream's newest sequence number. */
  async heads(): Promise<Record<string, number>> {
    const heads: Record<string, number> = {};
    for (const [source, key] of this.keys) heads[source] = await streamHead(this.redis, key);
    return heads;
  }

  /** Moves the group to these positions (after a rebuild: what came before is already counted). */
  async moveTo(positions: Record<string, number>): Promise<void> {
    await this.ensureGroup(positions);
    for (const [source, key] of this.keys) await this.redis.xgroup('SETID', key, this.group, `${positions[source] ?? 0}-0`);
  }

  /**
   * Up to `count` entries: first those other members took and left unacknowledged for too long,
   * then new ones (waiting up to `blockMs` when there are none).
   */
  async read(count: number, blockMs: number): Promise<Delivery[]> {
    const deliveries: Delivery[] = [];
    const streams = [...this.keys.values()];
    const sourceOf = new Map([...this.keys].map(([source, key]) => [key, source]));
    // First what this member took before it stopped (a restart under the same name), then what others left.
    if (!this.ownPendingRead) {
      const own = (await this.redis.xreadgroup('GROUP', this.group, this.consumer, 'COUNT', count, 'STREAMS', ...streams, ...streams.map(() => '0'))) as Array<[string, Array<[string, string[]]>]> | null;
      for (const [key, items] of own ?? []) for (const item of items) if (item[1]) deliveries.push(this.delivery(sourceOf.get(key)!, item));
      if (deliveries.length > 0) return deliveries;
      this.ownPendingRead = true;
    }
    for (const [source, key] of this.keys) {
      const [, claimed] = (await this.redis.xautoclaim(key, this.group, this.consumer, this.claimIdleMs, '0-0', 'COUNT', count)) as [string, Array<[string, string[]] | null>];
      for (const item of claimed) if (item) deliveries.push(this.delivery(source, item));
    }
    if (deliveries.length > 0) return deliveries;
    const answer = (await this.redis.xreadgroup('GROUP', this.group, this.consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', ...streams, ...streams.map(() => '>'))) as Array<[string, Array<[string, string[]]>]> | null;
    for (const [key, items] of answer ?? []) for (const item of items) deliveries.push(this.delivery(sourceOf.get(key)!, item));
    return deliveries;
  }

  async ack(deliveries: readonly Delivery[]): Promise<void> {
    const bySource = new Map<string, string[]>();
    for (const d of deliveries) bySource.set(d.source, [...(bySource.get(d.source) ?? []), d.id]);
    for (const [source, ids] of bySource) await this.redis.xack(this.keys.get(source)!, this.group, ...ids);
  }

  private delivery(source: string, [id, fields]: [string, string[]]): Delivery {
    const json = fields[fields.indexOf('entry') + 1]!;
    return { source, id, entry: JSON.parse(json) as FeedEntry };
  }
}
