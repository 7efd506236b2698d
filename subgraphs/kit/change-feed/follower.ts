import { FeedCursorLost } from '../../../platform/change-feed/consume.js';
import type { ChangeStream } from './follow.js';

export interface FollowerProgress {
  /** starting, rebuilding, catching-up, current, or failing (the last error is kept). */
  state: 'starting' | 'rebuilding' | 'catching-up' | 'current' | 'failing';
  /** During a rebuild: rows done so far, and how many there are. */
  done: number;
  total: number;
  reason?: string;
  lastError?: string;
  /** Entries each feed had beyond this reader's cursor at its last read (direct mode). */
  lag: Record<string, number>;
  /** Feed entries this process has handled since it started (replicas share a Redis group). */
  processed: number;
  /** direct or redis-streams. */
  mode: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * How long an idle reader's request waits at the feeds for something new (CREDIT_FEED_WAIT_MS,
 * default 10 s): held reads answer as soon as an entry arrives, so this bounds only how often an
 * idle reader asks, and how soon it notices what its rebuild check looks at.
 */
export function feedWaitMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.CREDIT_FEED_WAIT_MS ?? 10_000);
  return Number.isFinite(value) && value >= 0 ? Math.min(value, 30_000) : 10_000;
}

/** An idle round never comes back sooner than this (a reader whose source answers at once must not spin). */
const MIN_IDLE_ROUND_MS = 50;

/** Runs `run` over the items with at most `concurrency` in flight. */
export async function inPool<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

/**
 * The loop every reader of the change feeds shares (evaluation's read model, the domains'
 * mirrors of the registry): rebuild from scratch when the reader says so or a feed cannot
 * continue from its cursor (one replica at a time, holding the stream's lease), otherwise catch
 * up, and when there is nothing new, wait. A failing round is retried with backoff, its error
 * kept in `progress`. Subclasses say when to rebuild, how, and what a batch of changes does.
 */
export abstract class FeedFollower {
  private stopped = false;
  private running: Promise<void> | null = null;
  private lostCursor: string | null = null;
  readonly progress: FollowerProgress;

  protected constructor(
    protected readonly changes: ChangeStream,
    protected readonly name: string,
    private readonly waitMs = feedWaitMsFromEnv(),
  ) {
    this.progress = { state: 'starting', done: 0, total: 0, lag: {}, processed: 0, mode: changes.mode };
  }

  /** Why everything must be done again from scratch, or null. */
  protected abstract rebuildNeeded(): Promise<string | null>;
  /** Everything from scratch; the feeds' heads are taken first and continued from afterwards. */
  protected abstract rebuildFrom(reason: string): Promise<void>;
  /** One round of changes; returns whether there was anything. */
  abstract catchUp(): Promise<boolean>;
  /** How long an idle reader waits at the feeds for something new (less when it has idle work due sooner). */
  protected idleWaitMs(): number {
    return this.waitMs;
  }
  /** Called when the state changes (e.g. to save it where other replicas can read it). */
  protected async stateChanged(): Promise<void> {}

  protected get isStopped(): boolean {
    return this.stopped;
  }

  protected log(line: object): void {
    console.log(JSON.stringify({ level: 'info', reader: this.name, ...line }));
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.changes.interrupt();
    await this.running;
  }

  protected async enter(state: FollowerProgress['state']): Promise<void> {
    if (this.progress.state === state) return;
    this.progress.state = state;
    await this.stateChanged();
  }

  /** Rebuilds now (tests; the loop calls it when due): heads first, the work, then the stream continues after the heads. */
  async rebuild(reason: string): Promise<void> {
    const started = Date.now();
    Object.assign(this.progress, { state: 'rebuilding', done: 0, total: 0, reason });
    await this.stateChanged();
    this.log({ msg: 'rebuild started', reason });
    const heads = await this.changes.heads();
    await this.rebuildFrom(reason);
    if (this.stopped) return;
    await this.changes.continueAfter(heads);
    this.lostCursor = null;
    await this.enter('catching-up');
    this.log({ msg: 'rebuilt', reason, rows: this.progress.done, ms: Date.now() - started });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const reason = this.lostCursor ?? (await this.rebuildNeeded());
        // With several replicas (Redis Streams), one holds the rebuild lease; the others keep reading changes.
        if (reason && (await this.changes.tryLeadRebuild())) {
          try {
            await this.rebuild(reason);
          } finally {
            await this.changes.endRebuild();
          }
          continue;
        }
        const roundStarted = Date.now();
        const worked = await this.catchUp();
        this.progress.lag = { ...this.changes.lag };
        failures = 0;
        // A round that worked: the last failure's error no longer describes the reader.
        delete this.progress.lastError;
        if (!worked) {
          if (!reason) await this.enter('current');
          await this.changes.waitForNews(this.idleWaitMs());
          // A source that answers at once (or a wait of 0) must not make the loop spin.
          const took = Date.now() - roundStarted;
          if (took < MIN_IDLE_ROUND_MS && !this.stopped) await sleep(MIN_IDLE_ROUND_MS - took);
        }
      } catch (error) {
        if (error instanceof FeedCursorLost) {
          this.lostCursor = `${error.source} feed: ${error.code}`;
          continue;
        }
        failures++;
        this.progress.lastError = String((error as Error).message ?? error).slice(0, 500);
        await this.enter('failing').catch(() => {});
        if (failures === 1 || failures % 20 === 0) console.error(JSON.stringify({ level: 'error', reader: this.name, msg: 'feed reader round failed; retrying', error: this.progress.lastError, failures }));
        await sleep(Math.min(5_000, 250 * 2 ** Math.min(failures, 5)));
      }
    }
  }
}
