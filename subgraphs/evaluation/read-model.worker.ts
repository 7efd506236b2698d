import {
  changeStreamFor, FeedCursorLost, feedSourcesFromSupergraph, serviceToken, today, type BackgroundWorker, type ChangeStream, type EntityManager, type FeedEntry,
} from '../kit/index.js';
import { currentRuleSet } from './evaluation.js';
import { assess } from './assess.js';
import type { OrganizationFacts } from './entities/federated.js';
import { INPUT_BATCH, SupergraphInputs } from './inputs.js';
import { readState, storeBatch, storedUsccs, writeState } from './read-model.repository.js';
import type { RuleSetDefinition } from './rule-set.js';

export interface ReadModelProgress {
  /** starting, rebuilding, catching-up, current, or failing (the last error is kept). */
  state: 'starting' | 'rebuilding' | 'catching-up' | 'current' | 'failing';
  /** During a rebuild: organizations assessed so far, and how many there are. */
  done: number;
  total: number;
  reason?: string;
  lastError?: string;
  /** Entries each feed had beyond this reader's cursor at its last read (direct mode). */
  lag: Record<string, number>;
  /** Feed entries this worker has processed since it started (several workers share a Redis group). */
  processed: number;
  /** direct or redis-streams. */
  mode?: string;
}

export interface ReadModelWorkerOptions {
  /** How long to wait when every feed is read to its head (default 200 ms: changes show within about a second). */
  pollMs?: number;
  /** Feed entries read per source per round (default 100). */
  pageSize?: number;
  /** Input fetches in flight at once while catching up (default 2) and while rebuilding (default 4). */
  concurrency?: number;
  rebuildConcurrency?: number;
  /** The rule set in force today (default: evaluation's current one). */
  ruleSet: () => RuleSetDefinition;
  log?: (line: object) => void;
}

/** State keys: the day and rule set the assessments were built for; a requested rebuild. */
const BUILT_FOR = 'builtFor';
const RULE_SET = 'ruleSet';
const REBUILD_REQUESTED = 'rebuildRequested';
const PROGRESS = 'progress';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref?.());

/** "court-debtors#812:DebtorRecord.create": where an auditor finds what moved a score. */
const causeOf = (source: string, entry: FeedEntry) => `${source}#${entry.seq}:${entry.entity}.${entry.operation}`;

async function pool<T>(items: readonly T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

/**
 * The read model's consumer: reads every subgraph's change feed from its cursor, fetches the
 * named organizations' inputs through the supergraph, assesses them and stores the results with
 * the cursors. Rebuilds from scratch when there is nothing yet, when a feed cannot continue from
 * the cursor (reseeded, past retention), when the rule set in force or the day changes, or on
 * ADMIN's request. Delivery is at least once; storing is idempotent.
 */
export class ReadModelWorker {
  private stopped = false;
  private running: Promise<void> | null = null;
  private rebuildReason: string | null = null;
  readonly progress: ReadModelProgress = { state: 'starting', done: 0, total: 0, lag: {}, processed: 0 };

  constructor(
    private readonly em: EntityManager,
    private readonly changes: ChangeStream,
    private readonly inputs: SupergraphInputs,
    private readonly options: ReadModelWorkerOptions,
  ) {}

  private log(line: object): void {
    (this.options.log ?? ((l) => console.log(JSON.stringify(l))))({ level: 'info', subgraph: 'evaluation', ...line });
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const reason = await this.rebuildNeeded();
        // With several workers (Redis Streams), one holds the rebuild lease; the others keep reading changes.
        if (reason && (await this.changes.tryLeadRebuild())) {
          try {
            await this.rebuild(reason);
          } finally {
            await this.changes.endRebuild();
          }
          continue;
        }
        const worked = await this.catchUp();
        failures = 0;
        if (!worked) {
          if (!reason) await this.enter('current');
          // A Redis reader already waited for new entries (XREADGROUP BLOCK).
          if (this.changes.mode === 'direct') await sleep(this.options.pollMs ?? 200);
        }
      } catch (error) {
        if (error instanceof FeedCursorLost) {
          this.rebuildReason = `${error.source} feed: ${error.code}`;
          continue;
        }
        failures++;
        this.progress.lastError = String((error as Error).message ?? error).slice(0, 500);
        await this.enter('failing').catch(() => {});
        if (failures === 1 || failures % 20 === 0) console.error(JSON.stringify({ level: 'error', subgraph: 'evaluation', msg: 'read model round failed; retrying', error: this.progress.lastError, failures }));
        await sleep(Math.min(5_000, 250 * 2 ** Math.min(failures, 5)));
      }
    }
  }

  private ruleSetKey(): string {
    const set = this.options.ruleSet();
    return `${set.id}:${set.version}`;
  }

  /** Why everything must be assessed again, or null. */
  private async rebuildNeeded(): Promise<string | null> {
    if (this.rebuildReason) return this.rebuildReason;
    if (await readState(this.em, REBUILD_REQUESTED)) return 'requested';
    const builtFor = await readState(this.em, BUILT_FOR);
    if (!builtFor) return 'first build';
    if (builtFor !== today()) return `new day ${today()}`;
    if ((await readState(this.em, RULE_SET)) !== this.ruleSetKey()) return `rule set ${this.ruleSetKey()}`;
    return null;
  }

  /** A new state is saved at once (integrityReadModel reads it from the store, whichever worker holds it). */
  private async enter(state: ReadModelProgress['state']): Promise<void> {
    if (this.progress.state === state) return;
    this.progress.state = state;
    await this.saveProgress();
  }

  private async saveProgress(): Promise<void> {
    await writeState(this.em, { [PROGRESS]: JSON.stringify({ ...this.progress, at: new Date().toISOString() }) });
  }

  /**
   * Every organization the registry lists, assessed again. The feeds' heads are taken first and
   * become the cursors at the end: a change during the rebuild is read again afterwards.
   */
  async rebuild(reason: string): Promise<void> {
    const started = Date.now();
    const ruleSet = this.options.ruleSet();
    const on = today();
    Object.assign(this.progress, { state: 'rebuilding', done: 0, total: 0, reason });
    this.log({ msg: 'read model rebuild started', reason });
    await writeState(this.em, { [BUILT_FOR]: '', [REBUILD_REQUESTED]: '' });
    const heads = await this.changes.heads();
    // First every USCC (cheap pages), then the inputs in batches, several in flight: the
    // gateway and the subgraphs are processes of their own and work while one batch is stored.
    const usccs: string[] = [];
    let after: string | null = null;
    do {
      if (this.stopped) return;
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
    await pool(batches, this.options.rebuildConcurrency ?? 4, async (batch) => {
      if (this.stopped) return;
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
    if (this.stopped) return;
    const gone = [...(await storedUsccs(this.em))].filter((u) => !seen.has(u));
    if (gone.length > 0) await storeBatch(this.em, { assessed: [], gone, inputsAsOf: Date.now(), causes: () => [`rebuild: ${reason}`] });
    await this.changes.continueAfter(heads);
    await writeState(this.em, { [BUILT_FOR]: on, [RULE_SET]: `${ruleSet.id}:${ruleSet.version}` });
    this.rebuildReason = null;
    await this.enter('catching-up');
    this.log({ msg: 'read model rebuilt', reason, organizations: seen.size, removed: gone.length, ms: Date.now() - started });
  }

  /**
   * One round: a page of every feed after its cursor; the organizations the entries name are
   * assessed again in batches; then the cursors move. Returns whether there was anything to read.
   */
  async catchUp(): Promise<boolean> {
    const batch = await this.changes.next(this.options.pageSize ?? 100);
    this.progress.lag = { ...this.changes.lag };
    if (!batch) return false;
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
    await pool(batches, this.options.concurrency ?? 2, async (part) => {
      const inputsAsOf = Date.now();
      const found = await this.inputs.byUscc(part);
      const assessed = [...found.values()].filter((f): f is OrganizationFacts => f !== null).map((facts) => ({ facts, result: assess(facts, ruleSet, on) }));
      const gone = [...found].filter(([, f]) => f === null).map(([uscc]) => uscc);
      await storeBatch(this.em, { assessed, gone, inputsAsOf, causes: (uscc) => causes.get(uscc) ?? [] });
    });
    // The cursors move (direct) or the entries are acknowledged (Redis) only once every organization they named is stored.
    if (batch.cursors) await storeBatch(this.em, { assessed: [], inputsAsOf: Date.now(), causes: () => [], cursors: batch.cursors });
    await batch.acknowledge();
    this.progress.processed += batch.deliveries.length;
    return true;
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
  worker.progress.mode = changes.mode;
  return {
    start: () => worker.start(),
    stop: async () => {
      await worker.stop();
      close();
    },
    status: () => worker.progress,
  };
}
