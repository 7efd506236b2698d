// The PUBLIC response cache follows writes (issue 20, item 4). Each cached answer is tagged with
// the entity keys it contains; the gateway follows every subgraph's change feed and purges the
// answers tagged with a key an entry names. Public answers can then be cached for the subgraphs'
// max-age (minutes) yet show a write within about a second.
import type { ApolloServerPlugin } from '@apollo/server';
import { visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { FeedClient, FeedCursorLost, serviceToken, type FeedEntry, type FeedPageJson, type FeedSource } from '../../platform/change-feed/consume.js';
import { parentRegionCode } from '../../platform/validation/region-code.js';
import type { GatewayMetrics } from '../metrics.js';
import type { TaggedResponseCache } from '../tagged-cache.js';

// ── Tags ────────────────────────────────────────────────────────────────────────────────────
// o:<USCC>, r:<region code>, p:<official pseudonym>, and '*' for an answer whose operation names
// no key in its arguments (a list over everything: any change may add to it or reorder it).
// Keys are recognized by their shape wherever they occur, so aliases and nesting do not hide
// them; a string that merely looks like a key only costs an extra purge.

const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const REGION = /^(?!00)\d{6}$/;
const OFFICIAL = /^[0-9a-f]{32}$/;
/** The tag every feed entry purges: answers not scoped by any key. */
export const EVERYTHING = '*';

function keyTag(value: string): string | undefined {
  if (REGION.test(value)) return `r:${value}`;
  if (USCC.test(value)) return `o:${value}`;
  if (OFFICIAL.test(value)) return `p:${value}`;
  return undefined;
}

function collect(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 64 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    const tag = keyTag(value);
    if (tag) into.add(tag);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into, depth + 1);
  } else if (typeof value === 'object') {
    for (const item of Object.values(value)) collect(item, into, depth + 1);
  }
}

export interface TaggedAnswer {
  /** The answer's data. */
  data: unknown;
  /** The request's document and the operation executed (other operations' literals are ignored). */
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  variables?: Record<string, unknown>;
}

/**
 * The tags of an answer: every USCC, region code and official pseudonym in its data, plus those its
 * operation names in arguments (literals or variables: `regionCode`, `parentCode`, `code`, `uscc`,
 * …), because a ranking of region R changes when any unit of R changes, listed on the page or not.
 * An operation naming no key at all is tagged '*'.
 */
export function answerTags({ data, document, operation, variables }: TaggedAnswer): string[] {
  const named = new Set<string>();
  collect(variables, named);
  if (document) {
    visit(document, {
      OperationDefinition: (node) => (operation && node !== operation ? false : undefined),
      StringValue: (node) => {
        const tag = keyTag(node.value);
        if (tag) named.add(tag);
      },
    });
  }
  const tags = new Set(named);
  collect(data, tags);
  if (named.size === 0) tags.add(EVERYTHING);
  return [...tags];
}

/**
 * The tags a feed entry purges: its organizations, officials and regions, each region with the
 * regions enclosing it (a county's change moves its city's and province's figures), and '*'. An
 * organization's entry purges answers tagged with its region only when the entry names the region.
 */
export function entryTags(entry: Pick<FeedEntry, 'organizations' | 'officials' | 'regions'>): string[] {
  const tags = new Set([EVERYTHING]);
  for (const uscc of entry.organizations ?? []) if (typeof uscc === 'string') tags.add(`o:${uscc}`);
  for (const id of entry.officials ?? []) if (typeof id === 'string') tags.add(`p:${id}`);
  for (const code of entry.regions ?? []) {
    for (let region: string | null = typeof code === 'string' && REGION.test(code) ? code : null; region; region = parentRegionCode(region)) tags.add(`r:${region}`);
  }
  return [...tags];
}

// ── Following the feeds ─────────────────────────────────────────────────────────────────────

export interface CacheInvalidationOptions {
  /** The PUBLIC response cache, tagged (gateway/tagged-cache.ts). */
  cache: TaggedResponseCache;
  /** The feeds to follow: every subgraph of the supergraph (build.ts, with the routing overrides). */
  sources: FeedSource[];
  /** Reads the feeds (default: FeedClient with a CONSUMER token for "gateway-response-cache", 5 s timeout). */
  client?: Pick<FeedClient, 'page' | 'head'>;
  /** Pause between two reads of one feed (default 250 ms). */
  intervalMs?: number;
  /**
   * How long a read of a feed that is at its head is held by the subgraph until something arrives
   * (default 10,000 ms; 0 asks and answers at once, every `intervalMs`).
   */
  waitMs?: number;
  /** Entries per read (default 500; a feed further behind is read page after page without pausing). */
  pageSize?: number;
  /** How long the gateway's start waits for the feeds' heads (default 2,000 ms); a feed not read by then is followed once it answers. */
  startWaitMs?: number;
  metrics?: Pick<GatewayMetrics, 'cachePurges' | 'cachePurgedAnswers' | 'cacheFeedLag' | 'cachePurgeDelay'>;
  log?: (line: object) => void;
}

interface SourceState {
  /** The last entry read; absent until the feed's head has been read (again). */
  cursor?: number;
  /** Reads attempted, successful or not. */
  reads: number;
  failing: boolean;
}

/**
 * One follower per gateway process: each feed is polled on its own (a slow or dead subgraph never
 * delays the others), from its head when the gateway starts (the cache starts empty: no history to
 * replay). With Redis every replica follows and purges the shared cache; purges are idempotent.
 *
 * Fail-safe: when a feed cannot be read (down, timing out, or FeedCursorLost: reseeded or past
 * retention) the whole PUBLIC cache is cleared once, and again whenever the follower has to
 * start again from a feed's head (entries in between were never read). A transient failure keeps
 * its cursor, so the entries written meanwhile are read when the feed answers again. A purge that
 * fails (Redis down) becomes a clear, retried until Redis answers.
 */
export class CacheFeedFollower {
  private readonly states = new Map<string, SourceState>();
  private readonly client: Pick<FeedClient, 'page' | 'head'>;
  private readonly intervalMs: number;
  private readonly pageSize: number;
  private readonly log: (line: object) => void;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private clearPending = false;
  private stopped = false;
  /** Ends the held reads when the follower stops. */
  private readonly stopping = new AbortController();

  constructor(private readonly options: CacheInvalidationOptions) {
    this.client = options.client ?? new FeedClient(serviceToken('gateway-response-cache'), 5_000);
    this.intervalMs = options.intervalMs ?? 250;
    this.pageSize = options.pageSize ?? 500;
    this.log = options.log ?? (() => {});
    for (const source of options.sources) this.states.set(source.name, { reads: 0, failing: false });
  }

  /** Reads every feed's head once (bounded by startWaitMs), then follows each feed on its own. */
  async start(): Promise<void> {
    const first = this.options.sources.map((source) => this.round(source));
    let waiting: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(first), new Promise((resolve) => (waiting = setTimeout(resolve, this.options.startWaitMs ?? 2_000)))]);
    clearTimeout(waiting);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.inFlight]);
  }

  /** Sources and their cursors (tests, diagnostics). */
  cursors(): Record<string, number | undefined> {
    return Object.fromEntries([...this.states].map(([name, state]) => [name, state.cursor]));
  }

  /** Reads one feed now, then again `intervalMs` after each read ends, until stopped. */
  private async round(source: FeedSource): Promise<void> {
    const read = this.follow(source);
    this.inFlight.add(read);
    await read;
    this.inFlight.delete(read);
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.round(source);
    }, this.intervalMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** One round for one feed: its head if needed, then every entry after the cursor. */
  async follow(source: FeedSource): Promise<void> {
    const state = this.states.get(source.name)!;
    if (this.clearPending) await this.clear('redis_error');
    try {
      if (state.cursor === undefined) {
        const head = await this.client.head(source);
        if (!Number.isSafeInteger(head) || head < 0) throw new Error(`${source.name}: the feed's head is not a sequence number`);
        // Not at the first read: entries up to this head were never read, so nothing cached can be trusted.
        if (state.reads > 0) await this.clear('feed_lost');
        state.cursor = head;
      }
      // The first read of a round waits at the feed for something new; pages after it are read at once.
      let waitMs = state.reads > 0 && !state.failing ? (this.options.waitMs ?? 10_000) : 0;
      for (;;) {
        const page = await this.client.page(source, state.cursor, this.pageSize, { waitMs, signal: this.stopping.signal });
        waitMs = 0;
        if (!Array.isArray(page?.entries) || !Number.isSafeInteger(page.next)) throw new Error(`${source.name}: the feed answered no page of entries`);
        if (page.entries.length > 0) await this.purge(page);
        state.cursor = page.next;
        this.options.metrics?.cacheFeedLag.set({ source: source.name }, Math.max(0, page.head - page.next));
        if (page.entries.length < this.pageSize || page.next >= page.head) break;
      }
      if (state.failing) this.log({ level: 'info', msg: 'cache follower reads the feed again', source: source.name, cursor: state.cursor });
      state.failing = false;
    } catch (error) {
      if (this.stopped) return;
      if (error instanceof FeedCursorLost) state.cursor = undefined;
      this.options.metrics?.cacheFeedLag.set({ source: source.name }, -1);
      if (!state.failing) {
        state.failing = true;
        this.log({ level: 'warn', msg: 'cache follower cannot read a feed: PUBLIC response cache cleared', source: source.name, error: String((error as Error).message ?? error).slice(0, 300) });
        await this.clear('feed_lost');
      }
    } finally {
      state.reads++;
    }
  }

  private async purge(page: FeedPageJson): Promise<void> {
    const tags = new Set<string>();
    for (const entry of page.entries) for (const tag of entryTags(entry)) tags.add(tag);
    try {
      const purged = await this.options.cache.purge([...tags]);
      this.options.metrics?.cachePurges.inc({ reason: 'entries' });
      this.options.metrics?.cachePurgedAnswers.inc(purged);
      const now = Date.now();
      for (const entry of page.entries) {
        const at = Date.parse(entry.at);
        if (Number.isFinite(at)) this.options.metrics?.cachePurgeDelay.observe(Math.max(0, now - at) / 1000);
      }
    } catch (error) {
      this.log({ level: 'warn', msg: 'cache purge failed: the PUBLIC response cache will be cleared', error: String((error as Error).message ?? error).slice(0, 300) });
      this.clearPending = true;
    }
  }

  private async clear(reason: 'feed_lost' | 'redis_error'): Promise<void> {
    try {
      await this.options.cache.clear();
      this.clearPending = false;
      this.options.metrics?.cachePurges.inc({ reason });
    } catch {
      this.clearPending = true;
    }
  }
}

/**
 * Follows the feeds for as long as the server runs. The server's start waits at most
 * `startWaitMs` for the feeds' heads, so no answer is cached before its feed is followed; a
 * subgraph whose feed is unreachable does not stop the gateway from starting.
 */
export function useCacheInvalidation(options: CacheInvalidationOptions): ApolloServerPlugin & { follower: CacheFeedFollower } {
  const follower = new CacheFeedFollower(options);
  return {
    follower,
    async serverWillStart() {
      await follower.start();
      return {
        async serverWillStop() {
          await follower.stop();
        },
      };
    },
  };
}
