import {
  changeStreamFor, FeedFollower, feedSourcesFromSupergraph, inPool, serviceToken, today, type BackgroundWorker, type ChangeStream, type EntityManager, type FeedEntry, type FollowerProgress,
} from '../kit/index.js';
import { assess } from './assessment.rules.js';
import type { OrganizationFacts } from './entities/federated.js';
import { INPUT_BATCH, SupergraphInputs } from './read-model.inputs.js';
import { readState, storeBatch, storedUsccs, writeState } from './read-model.repository.js';
import { affectedRegions, assessedRegions, refreshIndicators } from './region-indicator.repository.js';
import { QUARTER_END_TAKER, snapshotDue, takeSnapshot } from './snapshot.repository.js';
import { currentRuleSet, type RuleSetDefinition } from './rule-set.rules.js';

export type ReadModelProgress = FollowerProgress;

export interface ReadModelWorkerOptions {
  /**
   * How long a round waits at the feeds for something new when every feed is read to its head
   * (default CREDIT_FEED_WAIT_MS, 10 s; a change is answered at once, so this only bounds how
   * often an idle worker asks). Shorter while region indicators wait for their refresh.
   */
  idleWaitMs?: number;
  /** Feed entries read per source per round (default 100). */
  pageSize?: number;
  /** Input fetches in flight at once while catching up (default 2) and while rebuilding (default 4). */
  concurrency?: number;
  rebuildConcurrency?: number;
  /** The least time between two refreshes of region indicators (default CREDIT_INDICATOR_REFRESH_SECONDS, 30 s). */
  indicatorRefreshMs?: number;
  /**
   * How long a due quarter's snapshot waits for region indicators still to be refreshed (default
   * CREDIT_SNAPSHOT_INDICATOR_WAIT_SECONDS, 600 s); after that it freezes what is stored.
   */
  snapshotIndicatorWaitMs?: number;
  /** The rule set in force today (default: evaluation's current one). */
  ruleSet: () => RuleSetDefinition;
  log?: (line: object) => void;
}

/** State keys: the day and rule set the assessments were built for; a requested rebuild. */
/** The longest a region whose reports keep failing waits before they are asked again. */
const MAX_INDICATOR_BACKOFF_MS = 30 * 60_000;

/** Region indicators are the domains' whole-region reports: asked at most every CREDIT_INDICATOR_REFRESH_SECONDS (30). */
function indicatorRefreshMsFromEnv(): number {
  const seconds = Number(process.env.CREDIT_INDICATOR_REFRESH_SECONDS ?? 30);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : 30_000;
}

/** How long a due snapshot waits for region indicators: CREDIT_SNAPSHOT_INDICATOR_WAIT_SECONDS (600). */
function snapshotIndicatorWaitMsFromEnv(): number {
  const seconds = Number(process.env.CREDIT_SNAPSHOT_INDICATOR_WAIT_SECONDS ?? 600);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1_000 : 600_000;
}

const BUILT_FOR = 'builtFor';
const RULE_SET = 'ruleSet';
const REBUILD_REQUESTED = 'rebuildRequested';
const PROGRESS = 'progress';

/** "court-debtors#812:DebtorRecord.create": where an auditor finds what moved a score. */
const causeOf = (source: string, entry: FeedEntry) => `${source}#${entry.seq}:${entry.entity}.${entry.operation}`;

/**
 * The read model's consumer: reads every subgraph's change feed from its cursor, fetches the
 * named organizations' inputs through the supergraph, assesses them and stores the results with
 * the cursors. Rebuilds from scratch when there is nothing yet, when a feed cannot continue from
 * the cursor (reseeded, past retention), when the rule set in force or the day changes, or on
 * ADMIN's request. Delivery is at least once; storing is idempotent.
 */
export class ReadModelWorker extends FeedFollower {
  constructor(
    private readonly em: EntityManager,
    changes: ChangeStream,
    private readonly inputs: SupergraphInputs,
    private readonly options: ReadModelWorkerOptions,
  ) {
    super(changes, 'evaluation', options.idleWaitMs);
  }

  /** Regions whose indicators a change may have moved, refreshed on an idle round (at most every `indicatorRefreshMs`). */
  private readonly dirtyRegions = new Set<string>();
  private lastIndicatorRefresh = 0;
  private refreshedSinceStart = false;
  /** Regions whose reports failed: when to ask again (the refresh interval, then doubling). */
  private readonly indicatorBackoff = new Map<string, { delayMs: number; until: number }>();
  private refreshing: Promise<void> | null = null;
  /** Since when a due snapshot has waited for region indicators (ms since the epoch), or null. */
  private snapshotWaitingSince: number | null = null;

  /** Indicators are refreshed on an idle round: when some are due sooner than the feeds' wait, wait only until then. */
  protected override idleWaitMs(): number {
    const wait = super.idleWaitMs();
    if (!this.refreshedSinceStart) return 0;
    if (this.refreshing) return Math.min(wait, 1_000);
    if (this.dirtyRegions.size === 0) return wait;
    const every = this.options.indicatorRefreshMs ?? indicatorRefreshMsFromEnv();
    const due = Math.max(this.lastIndicatorRefresh + every, Math.min(...[...this.dirtyRegions].map((code) => this.indicatorBackoff.get(code)?.until ?? 0)));
    return Math.max(0, Math.min(wait, due - Date.now()));
  }

  protected override log(line: object): void {
    if (this.options.log) this.options.log(line);
    else super.log(line);
  }

  private ruleSetKey(): string {
    const set = this.options.ruleSet();
    return `${set.id}:${set.version}`;
  }

  /** Why everything must be assessed again, or null. */
  protected async rebuildNeeded(): Promise<string | null> {
    if (await readState(this.em, REBUILD_REQUESTED)) return 'requested';
    const builtFor = await readState(this.em, BUILT_FOR);
    if (!builtFor) return 'first build';
    if (builtFor !== today()) return `new day ${today()}`;
    if ((await readState(this.em, RULE_SET)) !== this.ruleSetKey()) return `rule set ${this.ruleSetKey()}`;
    return null;
  }

  /** A new state is saved at once (integrityReadModel reads it from the store, whichever worker holds it). */
  protected override stateChanged(): Promise<void> {
    return this.saveProgress();
  }

  private async saveProgress(): Promise<void> {
    await writeState(this.em, { [PROGRESS]: JSON.stringify({ ...this.progress, at: new Date().toISOString() }) });
  }

  /** Every organization the registry lists, assessed again (FeedFollower takes the heads first and continues after them). */
  protected async rebuildFrom(reason: string): Promise<void> {
    const ruleSet = this.options.ruleSet();
    const on = today();
    await writeState(this.em, { [BUILT_FOR]: '', [REBUILD_REQUESTED]: '' });
    // First every USCC (cheap pages), then the inputs in batches, several in flight: the
    // gateway and the subgraphs are processes of their own and work while one batch is stored.
    const usccs: string[] = [];
    let after: string | null = null;
    do {
      if (this.isStopped) return;
      const page: { usccs: string[]; next: string | null; total: number } = await this.inputs.usccPage(after);
      usccs.push(...page.usccs);
      this.progress.total = page.total;
      after = page.next;
    } while (after);
    this.progress.total = usccs.length;
    const seen = new Set(usccs);
    const batches: string[][] = [];
    for (let start = 0; start < usccs.length; start += INPUT_BATCH) batches.push(usccs.slice(start, start + INPUT_BATCH));
    const cause = [`rebuild: ${reason}`];
    let lastSaved = 0;
    await inPool(batches, this.options.rebuildConcurrency ?? 4, async (batch) => {
      if (this.isStopped) return;
      const inputsAsOf = Date.now();
      const found = await this.inputs.byUscc(batch);
      const facts = [...found.values()].filter((f): f is OrganizationFacts => f !== null);
      await storeBatch(this.em, { assessed: facts.map((f) => ({ facts: f, result: assess(f, ruleSet, on) })), inputsAsOf, causes: () => cause });
      this.progress.done += batch.length;
      if (Date.now() - lastSaved > 1_000) {
        lastSaved = Date.now();
        await this.saveProgress();
      }
    });
    if (this.isStopped) return;
    const gone = [...(await storedUsccs(this.em))].filter((u) => !seen.has(u));
    if (gone.length > 0) await storeBatch(this.em, { assessed: [], gone, inputsAsOf: Date.now(), causes: () => [`rebuild: ${reason}`] });
    await writeState(this.em, { [BUILT_FOR]: on, [RULE_SET]: `${ruleSet.id}:${ruleSet.version}` });
    for (const code of await assessedRegions(this.em)) this.dirtyRegions.add(code);
    if (gone.length > 0) this.log({ msg: 'read model rebuild removed units the registry no longer lists', reason, removed: gone.length });
  }

  /**
   * One round: a page of every feed after its cursor; the organizations the entries name are
   * assessed again in batches; then the cursors move. Returns whether there was anything to read.
   */
  async catchUp(): Promise<boolean> {
    const batch = await this.changes.next(this.options.pageSize ?? 100);
    if (!batch) {
      // Which regions were waiting for a refresh is not kept across a restart: after a start, all once.
      if (!this.refreshedSinceStart) {
        this.refreshedSinceStart = true;
        for (const code of await assessedRegions(this.em)) this.dirtyRegions.add(code);
      }
      this.refreshDirtyIndicators();
      await this.takeDueSnapshot();
      return false;
    }
    for (const { entry } of batch.deliveries) for (const code of affectedRegions(entry.regions)) this.dirtyRegions.add(code);
    const causes = new Map<string, string[]>();
    for (const { source, entry } of batch.deliveries) {
      for (const uscc of entry.organizations) {
        const list = causes.get(uscc) ?? [];
        if (list.length < 20) list.push(causeOf(source, entry));
        causes.set(uscc, list);
      }
    }
    await this.enter('catching-up');
    const usccs = [...causes.keys()].sort();
    const batches: string[][] = [];
    for (let start = 0; start < usccs.length; start += INPUT_BATCH) batches.push(usccs.slice(start, start + INPUT_BATCH));
    const ruleSet = this.options.ruleSet();
    const on = today();
    await inPool(batches, this.options.concurrency ?? 2, async (part) => {
      const inputsAsOf = Date.now();
      const found = await this.inputs.byUscc(part);
      const assessed = [...found.values()].filter((f): f is OrganizationFacts => f !== null).map((facts) => ({ facts, result: assess(facts, ruleSet, on) }));
      const gone = [...found].filter(([, f]) => f === null).map(([uscc]) => uscc);
      for (const code of affectedRegions(assessed.map((a) => a.facts.regionCode))) this.dirtyRegions.add(code);
      await storeBatch(this.em, { assessed, gone, inputsAsOf, causes: (uscc) => causes.get(uscc) ?? [] });
    });
    // The cursors move (direct) or the entries are acknowledged (Redis) only once every organization they named is stored.
    if (batch.cursors) await storeBatch(this.em, { assessed: [], inputsAsOf: Date.now(), causes: () => [], cursors: batch.cursors });
    await batch.acknowledge();
    this.progress.processed += batch.deliveries.length;
    return true;
  }

  /**
   * The seeds' indicators of the regions changes touched, from the domains' own reports through the
   * supergraph. A failure leaves them for the next idle round: scores never wait for indicators.
   */
  private refreshDirtyIndicators(): void {
    // In the background, one refresh at a time: the next change's assessment never waits for the domains' reports.
    const every = this.options.indicatorRefreshMs ?? indicatorRefreshMsFromEnv();
    if (this.refreshing || this.dirtyRegions.size === 0 || Date.now() - this.lastIndicatorRefresh < every) return;
    this.lastIndicatorRefresh = Date.now();
    // A region whose reports failed waits out its backoff (still dirty): asking again every round
    // would keep three subgraphs busy with a report that does not finish.
    const regions = [...this.dirtyRegions].filter((code) => (this.indicatorBackoff.get(code)?.until ?? 0) <= Date.now());
    for (const code of regions) this.dirtyRegions.delete(code);
    if (regions.length === 0) return;
    this.refreshing = refreshIndicators(this.em, this.inputs, regions, Number(today().slice(0, 4)))
      .then(
        ({ refreshed, failed }) => {
          for (const code of refreshed) this.indicatorBackoff.delete(code);
          for (const [code] of failed) {
            this.dirtyRegions.add(code);
            const previous = this.indicatorBackoff.get(code)?.delayMs;
            const delayMs = Math.min(previous ? 2 * previous : every, MAX_INDICATOR_BACKOFF_MS);
            this.indicatorBackoff.set(code, { delayMs, until: Date.now() + delayMs });
          }
          if (failed.size > 0) {
            const [first, error] = [...failed][0]!;
            this.log({ level: 'error', msg: 'region indicators not refreshed; retrying later', regions: [...failed.keys()].slice(0, 20), failed: failed.size, refreshed: refreshed.length, first, error });
          }
        },
        (error) => {
          for (const code of regions) this.dirtyRegions.add(code);
          this.log({ level: 'error', msg: 'region indicators not refreshed; retrying later', error: String((error as Error).message ?? error).slice(0, 300) });
        },
      )
      .finally(() => {
        this.refreshing = null;
      });
  }

  /**
   * Idle and current: the quarter's 晾晒 is frozen once a new quarter has begun (seed 001 §五:
   * "每季度'晾晒'工作成绩"). It freezes the regions' indicators too (the seed's four targets), so it
   * waits while any region's indicators are still to be refreshed (after a start, all are), up to
   * `snapshotIndicatorWaitMs`; then it freezes what is stored, and says so in the log.
   */
  private async takeDueSnapshot(): Promise<void> {
    const on = today();
    const due = await snapshotDue(this.em, on);
    if (!due) {
      this.snapshotWaitingSince = null;
      return;
    }
    const pending = this.dirtyRegions.size + (this.refreshing ? 1 : 0);
    if (pending > 0) {
      this.snapshotWaitingSince ??= Date.now();
      if (Date.now() - this.snapshotWaitingSince < (this.options.snapshotIndicatorWaitMs ?? snapshotIndicatorWaitMsFromEnv())) return;
      this.log({ level: 'warn', msg: 'quarter snapshot taken before every region\'s indicators were refreshed', regionsPending: this.dirtyRegions.size, refreshInFlight: !!this.refreshing });
    }
    const { snapshot, created } = await takeSnapshot(this.em, due, { trigger: 'QUARTER_END', takenBy: QUARTER_END_TAKER });
    this.snapshotWaitingSince = null;
    if (created) this.log({ msg: 'quarter snapshot taken', quarter: snapshot.quarter, organizations: snapshot.organizations, regions: snapshot.regions });
  }

  /** Waits for a refresh in flight (tests; stopping). */
  async indicatorsSettled(): Promise<void> {
    await this.refreshing;
  }

  /** ADMIN's request, kept in the store so that whichever worker reads it next rebuilds. */
  static async requestRebuild(em: EntityManager): Promise<void> {
    await writeState(em, { [REBUILD_REQUESTED]: new Date().toISOString() });
  }

  static async storedProgress(em: EntityManager): Promise<(ReadModelProgress & { at: string }) | null> {
    const text = await readState(em, PROGRESS);
    return text ? JSON.parse(text) : null;
  }
}

/**
 * The worker `npm start` runs in the evaluation process: on Redis Streams in the consumer group
 * "evaluation" when CREDIT_REDIS_URL is set (each process a member: CREDIT_WORKER_NAME, default the host name), else on the
 * subgraphs' HTTP feeds. Sources: every subgraph of the supergraph but evaluation.
 */
export function readModelWorker(em: EntityManager): BackgroundWorker {
  const token = serviceToken('evaluation-read-model');
  const { changes, close } = changeStreamFor(em, feedSourcesFromSupergraph('evaluation'), 'evaluation', token);
  const worker = new ReadModelWorker(em, changes, new SupergraphInputs(token), { ruleSet: currentRuleSet });
  return {
    start: () => worker.start(),
    stop: async () => {
      await worker.stop();
      await worker.indicatorsSettled();
      close();
    },
    status: () => worker.progress,
  };
}
