import { Counter, Gauge, type Registry } from 'prom-client';
import {
  changeStreamFor, FeedFollower, feedSourcesFromSupergraph, serviceToken, SupergraphClient, tableOf, today, type BackgroundWorker, type ChangeStream, type EntityManager, type FeedEntry, type FollowerProgress,
} from '../kit/index.js';
import { catalogueInForce, exportRows, loadCatalogues, type ExportCatalogue, type ExportRow } from './catalogue.rules.js';
import { PermanentDeliveryError, type DeliveryChannel } from './channels/channel.js';
import { ExchangeDatabaseChannel } from './channels/exchange-database.js';
import { HttpPushChannel } from './channels/http-push.js';
import { ExportedRecord } from './entities/exported-record.js';
import {
  applyReceipt, batchesAwaitingReceipts, channelCounts, failBatch, markDelivered, openBatch, previouslyExported, previouslyExportedIds, readState, recordAttempt, recordFailure, storeVersions, takeBatch, writeState, type StoredVersions,
} from './exchange.repository.js';
import { FETCHERS, fetchAll, NotNow, scopesForEntries, type Fetcher } from './exchange.inputs.js';

/** How the exchange runs, from the environment (README "Upward exchange"). */
export interface ExchangeSettings {
  channels: DeliveryChannel[];
  /** Records per batch (CREDIT_EXCHANGE_BATCH_SIZE, 500), and bytes of their data (CREDIT_EXCHANGE_BATCH_BYTES, 8 MiB), whichever is reached first. */
  batchSize: number;
  batchBytes: number;
  /** First retry after a failed send (CREDIT_EXCHANGE_RETRY_BASE_MS, 1,000), doubling up to CREDIT_EXCHANGE_RETRY_MAX_MS (60,000). */
  retryBaseMs: number;
  retryMaxMs: number;
  /** How often the exchange database's receipts are read (CREDIT_EXCHANGE_RECEIPT_POLL_MS, 2,000). */
  receiptPollMs: number;
  /** Who sends, as the province knows this platform (CREDIT_EXCHANGE_SENDER). */
  sender: string;
  /** CREDIT_EXCHANGE_START=now: a new store sends only what changes from now on (default: everything that exists, first). */
  startAtHeads: boolean;
}

const numberFrom = (value: string | undefined, fallback: number) => (value != null && Number.isFinite(Number(value)) && Number(value) >= 0 ? Number(value) : fallback);

/** The channels configured, by name, without opening them (the resolver's replay sends on these). */
export function configuredChannels(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...(env.CREDIT_EXCHANGE_DB_URL ? ['exchange-database'] : []), ...(env.CREDIT_EXCHANGE_PUSH_URL ? ['http-push'] : [])];
}

export function exchangeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ExchangeSettings {
  const channels: DeliveryChannel[] = [];
  if (env.CREDIT_EXCHANGE_DB_URL) channels.push(new ExchangeDatabaseChannel(env.CREDIT_EXCHANGE_DB_URL, env.CREDIT_EXCHANGE_DB_SCHEMA ?? 'credit_exchange'));
  if (env.CREDIT_EXCHANGE_PUSH_URL) {
    const secret = env.CREDIT_EXCHANGE_PUSH_SECRET;
    // Batches hold the province's data and their signature: never over plain HTTP to another machine in production.
    const url = new URL(env.CREDIT_EXCHANGE_PUSH_URL);
    if (env.NODE_ENV === 'production' && url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      throw new Error('CREDIT_EXCHANGE_PUSH_URL must be https:// in production (推送地址须为 https)');
    }
    if (!secret && env.NODE_ENV === 'production') throw new Error('CREDIT_EXCHANGE_PUSH_SECRET is required with CREDIT_EXCHANGE_PUSH_URL in production (推送签名密钥未配置)');
    if (!secret) console.warn(JSON.stringify({ level: 'warn', msg: 'CREDIT_EXCHANGE_PUSH_SECRET unset: batches are signed with a development secret' }));
    channels.push(new HttpPushChannel(env.CREDIT_EXCHANGE_PUSH_URL, secret ?? 'development-exchange-secret', numberFrom(env.CREDIT_EXCHANGE_PUSH_TIMEOUT_MS, 30_000)));
  }
  return {
    channels,
    batchSize: Math.max(1, Math.min(5_000, numberFrom(env.CREDIT_EXCHANGE_BATCH_SIZE, 500))),
    batchBytes: Math.max(64 * 1024, numberFrom(env.CREDIT_EXCHANGE_BATCH_BYTES, 8 * 1024 * 1024)),
    // Floors: a wait of 0 would make a failing channel or the receipt reader spin.
    retryBaseMs: Math.max(10, numberFrom(env.CREDIT_EXCHANGE_RETRY_BASE_MS, 1_000)),
    retryMaxMs: Math.max(10, numberFrom(env.CREDIT_EXCHANGE_RETRY_MAX_MS, 60_000)),
    receiptPollMs: Math.max(100, numberFrom(env.CREDIT_EXCHANGE_RECEIPT_POLL_MS, 2_000)),
    sender: env.CREDIT_EXCHANGE_SENDER ?? '231100-HEIHE-CREDIT-PLATFORM',
    startAtHeads: env.CREDIT_EXCHANGE_START === 'now',
  };
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
});

const BUILT_FOR = 'builtFor';
/** Scopes a source could not answer well yet (NotNow), by fetcher: read again at the next rounds. */
const DEFERRED = 'deferred';
const DEFERRED_RETRY_MS = 5_000;
/** Scopes read and stored at a time within a round. */
const ROUND_PART = 1_000;
const REBUILD_REQUESTED = 'rebuildRequested';
/** Set once the exchange has started (from scratch or at the heads): CREDIT_EXCHANGE_START=now applies to a new store only. */
const STARTED = 'started';
export const PROGRESS = 'progress';

/** "court-debtors#812-#830": the feed entries a version came from. */
const causeOf = (deliveries: Array<{ source: string; entry: FeedEntry }>) => {
  const bySource = new Map<string, number[]>();
  for (const { source, entry } of deliveries) bySource.set(source, [...(bySource.get(source) ?? []), entry.seq]);
  return [...bySource].map(([source, seqs]) => `${source}#${Math.min(...seqs)}${seqs.length > 1 ? `-#${Math.max(...seqs)}` : ''}`).join(',').slice(0, 128);
};

/**
 * Follows the change feeds and turns what changed into record versions to send: reads the named
 * organizations' and regions' records again through the supergraph, maps them with the export
 * catalogue in force, and stores each new version with an outbox item per channel and the feed
 * cursors in one transaction. Built from scratch on first start (every organization), swept once
 * a day (a debtor's term or a sanction's term runs out without a write), and on ADMIN's request.
 */
export class ExchangeFollower extends FeedFollower {
  private readonly fetchers: Fetcher[];
  private deferredRetryAt = 0;

  constructor(
    private readonly em: EntityManager,
    changes: ChangeStream,
    private readonly client: SupergraphClient,
    private readonly catalogue: () => ExportCatalogue,
    private readonly channelNames: readonly string[],
    private readonly stored: (result: StoredVersions) => void = () => {},
    private readonly options: {
      pageSize?: number;
      concurrency?: number;
      log?: (line: object) => void;
      /** CREDIT_EXCHANGE_START=now: a new store starts at the feeds' heads instead of sending everything that exists. */
      startAtHeads?: boolean;
    } = {},
  ) {
    super(changes, 'exchange');
    const used = new Set(catalogue().kinds.map((k) => k.source));
    this.fetchers = FETCHERS.filter((f) => f.produces.some((p) => used.has(p)));
  }

  protected override log(line: object): void {
    if (this.options.log) this.options.log(line);
    else super.log(line);
  }

  protected override stateChanged(): Promise<void> {
    return writeState(this.em, { [PROGRESS]: JSON.stringify({ ...this.progress, at: new Date().toISOString() }) });
  }

  protected async rebuildNeeded(): Promise<string | null> {
    if (await readState(this.em, REBUILD_REQUESTED)) return 'requested';
    const builtFor = await readState(this.em, BUILT_FOR);
    if (!builtFor) return this.options.startAtHeads && !(await readState(this.em, STARTED)) ? 'start at the feeds\' heads' : 'first build';
    return null;
  }

  /** ADMIN's request, kept in the store so that the worker reads it at its next round. */
  static async requestRebuild(em: EntityManager): Promise<void> {
    await writeState(em, { [REBUILD_REQUESTED]: new Date().toISOString() });
  }

  /** Reads the scopes again with each fetcher and stores what changed. */
  private async sync(fetcher: Fetcher, scopes: readonly string[], cause: string, cursors?: Record<string, number>): Promise<StoredVersions> {
    const catalogue = this.catalogue();
    let fetched;
    try {
      fetched = await fetchAll(this.client, fetcher, scopes, this.options.concurrency ?? 4);
    } catch (error) {
      if (!(error instanceof NotNow)) throw error;
      this.deferredRetryAt = Date.now() + DEFERRED_RETRY_MS;
      // Kept before the cursors move on, so a crash in between reads the entries again rather than losing them.
      await this.defer(fetcher, scopes);
      return storeVersions(this.em, catalogue, [], this.channelNames, cause, cursors);
    }
    const rows: ExportRow[] = [];
    for (const [source, sourceRows] of fetched) {
      const kinds = catalogue.kinds.filter((k) => k.source === source).map((k) => k.kind);
      // Read by record: what was sent of these records and reads nothing now is withdrawn, whatever its unit.
      const previously = fetcher.scope === 'record' ? await previouslyExportedIds(this.em, kinds, scopes) : await previouslyExported(this.em, kinds, scopes);
      const scopeSet = fetcher.scope === 'record' ? new Set([...previously.values()].flatMap((m) => [...m.values()])) : new Set(scopes);
      rows.push(...exportRows(catalogue, source, sourceRows, previously, scopeSet));
    }
    const result = await storeVersions(this.em, catalogue, rows, this.channelNames, cause, cursors);
    this.stored(result);
    return result;
  }

  /**
   * From scratch: every organization the registry lists and every region above them (first
   * build, a lost cursor, ADMIN's request); or, for the daily sweep, every scope something was
   * sent under, with the day's new half-year and quarter.
   */
  protected async rebuildFrom(reason: string): Promise<void> {
    await writeState(this.em, { [BUILT_FOR]: '', [REBUILD_REQUESTED]: '' });
    const on = today();
    if (reason.startsWith('start at')) {
      // The province already holds what exists (an earlier system sent it): only changes from now on go up.
      await writeState(this.em, { [BUILT_FOR]: on, [STARTED]: new Date().toISOString() });
      return;
    }
    const organizations = new Set<string>();
    const regions = new Set<string>();
    {
      let after: string | null = null;
      do {
        const data: any = await this.client.ask(`query ExchangeOrganizations($after: String) { organizations(first: 100, after: $after) { pageInfo { hasNextPage endCursor } totalCount edges { node { uscc region { code } } } } }`, { after });
        this.progress.total = data.organizations.totalCount;
        for (const { node } of data.organizations.edges) {
          organizations.add(node.uscc);
          regions.add(node.region.code);
        }
        after = data.organizations.pageInfo.hasNextPage ? data.organizations.pageInfo.endCursor : null;
      } while (after && !this.isStopped);
      // Government bodies the courts list that the registry does not know are debtors all the same.
      after = null;
      do {
        const data: any = await this.client.ask(`query ExchangeGovernmentDebtors($after: String) { debtorRecords(first: 100, after: $after, filter: { governmentOnly: true }) { pageInfo { hasNextPage endCursor } edges { node { debtorUscc } } } }`, { after });
        for (const { node } of data.debtorRecords.edges) organizations.add(node.debtorUscc);
        after = data.debtorRecords.pageInfo.hasNextPage ? data.debtorRecords.pageInfo.endCursor : null;
      } while (after && !this.isStopped);
    }
    this.progress.total = organizations.size + regions.size;
    this.progress.done = 0;
    const CHUNK = 500;
    // Records are reached through their units here: fetchers by record serve feed entries only.
    for (const fetcher of this.fetchers.filter((f) => f.scope !== 'record')) {
      const scopes = fetcher.scope === 'organization' ? [...organizations] : fetcher.scopesOf([...regions], on);
      for (let i = 0; i < scopes.length && !this.isStopped; i += CHUNK) {
        await this.sync(fetcher, scopes.slice(i, i + CHUNK), `rebuild:${reason}`.slice(0, 128));
        if (fetcher === this.fetchers[0] || fetcher.scope === 'organization') this.progress.done = Math.min(this.progress.total, this.progress.done + Math.min(CHUNK, scopes.length - i) / this.fetchers.length);
      }
    }
    if (this.isStopped) return;
    this.progress.done = this.progress.total;
    await writeState(this.em, { [BUILT_FOR]: on, [STARTED]: new Date().toISOString() });
  }

  private async deferred(): Promise<Record<string, string[]>> {
    return JSON.parse((await readState(this.em, DEFERRED)) || '{}');
  }

  private async defer(fetcher: Fetcher, scopes: readonly string[]): Promise<void> {
    const all = await this.deferred();
    all[fetcher.name] = [...new Set([...(all[fetcher.name] ?? []), ...scopes])];
    await writeState(this.em, { [DEFERRED]: JSON.stringify(all) });
  }

  /** The scopes held back earlier, read again (they stay held while their source still cannot answer). */
  private async retryDeferred(): Promise<boolean> {
    // A source that could not answer is asked again at most every few seconds, not at every round.
    if (Date.now() < this.deferredRetryAt) return false;
    const all = await this.deferred();
    if (Object.keys(all).length === 0) return false;
    await writeState(this.em, { [DEFERRED]: '{}' });
    for (const [name, scopes] of Object.entries(all)) {
      const fetcher = this.fetchers.find((f) => f.name === name);
      if (!fetcher || scopes.length === 0) continue;
      try {
        await this.sync(fetcher, scopes, `deferred:${name}`);
      } catch (error) {
        await this.defer(fetcher, scopes);
        throw error;
      }
    }
    return Object.keys(await this.deferred()).length === 0;
  }

  /**
   * Once a day, what changes with the date alone (a debtor's listing term running out, a new
   * half-year or quarter) is read again for every scope something was sent under. A pass beside
   * the feeds, not a rebuild: the cursors stay where they are, so no entry is skipped, and a
   * sweep cut short by a crash is simply done again.
   */
  private async sweepIfDue(): Promise<boolean> {
    const on = today();
    const builtFor = await readState(this.em, BUILT_FOR);
    if (!builtFor || builtFor === on) return false;
    const kinds = this.catalogue().kinds.filter((k) => this.fetchers.some((f) => f.changesByDate && f.produces.includes(k.source))).map((k) => k.kind);
    const organizations: string[] = [];
    const regions = new Set<string>();
    const knex = this.em.getConnection().getKnex();
    for (const row of await knex(tableOf(this.em, ExportedRecord)).distinct('scope').where({ op: 'UPSERT' }).whereIn('kind', kinds)) {
      const scope = String(row.scope);
      if (scope.includes(':')) regions.add(scope.split(':')[0]!);
      else organizations.push(scope);
    }
    this.log({ msg: 'daily sweep', on, organizations: organizations.length, regions: regions.size });
    for (const fetcher of this.fetchers.filter((f) => f.changesByDate)) {
      const scopes = fetcher.scope === 'organization' ? organizations : fetcher.scopesOf([...regions], on);
      for (let i = 0; i < scopes.length && !this.isStopped; i += 500) await this.sync(fetcher, scopes.slice(i, i + 500), `daily sweep ${on}`);
    }
    if (!this.isStopped) await writeState(this.em, { [BUILT_FOR]: on });
    return true;
  }

  async catchUp(): Promise<boolean> {
    if (await this.sweepIfDue()) return true;
    const retried = await this.retryDeferred();
    const batch = await this.changes.next(this.options.pageSize ?? 200);
    if (!batch) return retried;
    const on = today();
    const bySource = new Map<string, FeedEntry[]>();
    for (const { source, entry } of batch.deliveries) bySource.set(source, [...(bySource.get(source) ?? []), entry]);
    const due: Array<[Fetcher, string[]]> = [];
    for (const [source, entries] of bySource) {
      for (const [fetcher, scopes] of scopesForEntries(source, entries, on, this.fetchers)) due.push([fetcher, [...scopes]]);
    }
    const cause = causeOf(batch.deliveries);
    if (due.length === 0) {
      await storeVersions(this.em, this.catalogue(), [], this.channelNames, cause, batch.cursors);
    } else {
      // Stored a part at a time (a court import names 100,000 units: their versions go out while
      // the rest are read), the cursors with the last part, so a crash in between reads the
      // entries again (storing is idempotent: same digest, no new version).
      const parts = due.flatMap(([fetcher, scopes]) => Array.from({ length: Math.ceil(scopes.length / ROUND_PART) }, (_, i) => [fetcher, scopes.slice(i * ROUND_PART, (i + 1) * ROUND_PART)] as const));
      for (const [i, [fetcher, scopes]] of parts.entries()) await this.sync(fetcher, scopes, cause, i === parts.length - 1 ? batch.cursors : undefined);
    }
    await batch.acknowledge();
    this.progress.processed += batch.deliveries.length;
    return true;
  }
}

/**
 * Sends one channel's outbox, batch after batch, in order: a batch left SENDING (a failure, a
 * crash) is sent again as it is before any new one; a failed attempt waits retryBaseMs, doubling
 * up to retryMaxMs. Receipts of the exchange database are read every receiptPollMs.
 */
export class Deliverer {
  private stopped = false;
  private readonly stopping = new AbortController();
  private wakeUp: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private lastReceiptRead = 0;
  private receiptsAfter = '';
  state: 'starting' | 'idle' | 'sending' | 'retrying' | 'failing' = 'starting';
  lastError: string | null = null;

  constructor(
    private readonly em: EntityManager,
    readonly channel: DeliveryChannel,
    private readonly settings: ExchangeSettings,
    private readonly observe: { sent(channel: string, records: number): void; failed(channel: string): void; refused(channel: string, records: number): void } = { sent() {}, failed() {}, refused() {} },
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Something new is in the outbox: stop waiting. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.wake();
    await this.running;
  }

  private async idle(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => (clearTimeout(timer), resolve());
    });
    this.wakeUp = null;
  }

  private log(line: object): void {
    console.log(JSON.stringify({ level: 'info', reader: 'exchange', channel: this.channel.name, ...line }));
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (this.state === 'starting') {
          await this.channel.prepare();
          this.state = 'idle';
        }
        await this.readReceiptsIfDue();
        const next = (await openBatch(this.em, this.channel.name)) ?? (await takeBatch(this.em, this.channel.name, this.settings.batchSize, this.settings.batchBytes));
        failures = 0;
        if (!next) {
          this.state = 'idle';
          await this.idle(this.channel.receipts ? Math.min(1_000, this.settings.receiptPollMs) : 1_000);
          continue;
        }
        await this.deliver(next.batch.id, next.items);
      } catch (error) {
        // The channel could not be prepared, or the store failed: retried like a send.
        failures++;
        this.state = 'failing';
        this.lastError = String((error as Error).message ?? error).slice(0, 500);
        if (failures === 1 || failures % 20 === 0) console.error(JSON.stringify({ level: 'error', reader: 'exchange', channel: this.channel.name, msg: 'exchange round failed; retrying', error: this.lastError }));
        await sleep(Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** Math.min(failures - 1, 16)), this.stopping.signal);
      }
    }
  }

  private async readReceiptsIfDue(): Promise<void> {
    if (!this.channel.receipts || Date.now() - this.lastReceiptRead < this.settings.receiptPollMs) return;
    this.lastReceiptRead = Date.now();
    const waiting = await batchesAwaitingReceipts(this.em, this.channel.name, this.receiptsAfter);
    // Round the waiting batches 1,000 at a time, then from the start again.
    this.receiptsAfter = waiting.length === 1000 ? waiting.at(-1)! : '';
    const receipts = await this.channel.receipts(waiting);
    for (const [batchId, results] of receipts) {
      const refused = await applyReceipt(this.em, batchId, results, false);
      if (refused) this.observe.refused(this.channel.name, refused);
    }
  }

  private async deliver(batchId: string, items: Array<{ recordKey: string; kind: string; itemCode: string; recordId: string; version: number; op: string; changedAt: string; catalogue: string; data: string | null }>): Promise<void> {
    const envelope = {
      batchId,
      sender: this.settings.sender,
      records: items.map((i) => ({ key: i.recordKey, kind: i.kind, itemCode: i.itemCode, recordId: i.recordId, version: i.version, op: i.op as 'UPSERT' | 'DELETE', changedAt: i.changedAt, catalogue: i.catalogue, data: i.data ? JSON.parse(i.data) : null })),
    };
    this.state = 'sending';
    for (;;) {
      const attempts = await recordAttempt(this.em, batchId);
      try {
        const receipt = await this.channel.send(envelope);
        if (receipt) {
          const refused = await applyReceipt(this.em, batchId, receipt.results, receipt.complete);
          if (refused) this.observe.refused(this.channel.name, refused);
        } else {
          await markDelivered(this.em, batchId);
        }
        this.observe.sent(this.channel.name, items.length);
        this.lastError = null;
        this.state = 'idle';
        return;
      } catch (error) {
        this.observe.failed(this.channel.name);
        this.lastError = String((error as Error).message ?? error).slice(0, 500);
        if (error instanceof PermanentDeliveryError) {
          // Sending it again cannot help (the province refuses the request itself): the batch is set
          // aside, listed with its reason, and the channel goes on; ADMIN's replay sends its records again.
          await failBatch(this.em, batchId, this.lastError);
          console.error(JSON.stringify({ level: 'error', reader: 'exchange', channel: this.channel.name, msg: 'batch refused as a whole; set aside', batchId, error: this.lastError }));
          this.state = 'idle';
          return;
        }
        await recordFailure(this.em, batchId, this.lastError);
        this.state = 'retrying';
        this.log({ msg: 'batch not delivered; sending it again', batchId, attempts, error: this.lastError });
        if (this.stopped) return;
        await sleep(Math.min(this.settings.retryMaxMs, this.settings.retryBaseMs * 2 ** Math.min(attempts - 1, 16)), this.stopping.signal);
        if (this.stopped) return;
      }
    }
  }
}

/**
 * The worker `npm start` runs in the exchange process: off (and costing nothing) until a
 * channel is configured; then the feed follower and one deliverer per channel.
 */
export function exchangeWorker(em: EntityManager, settings: ExchangeSettings = exchangeSettingsFromEnv()): BackgroundWorker & { deliverers: Deliverer[]; follower: ExchangeFollower | null } {
  if (settings.channels.length === 0) {
    return {
      deliverers: [],
      follower: null,
      start: () => console.log(JSON.stringify({ level: 'info', reader: 'exchange', msg: 'exchange off: no channel configured (CREDIT_EXCHANGE_DB_URL, CREDIT_EXCHANGE_PUSH_URL)' })),
      stop: async () => {},
      status: () => ({ state: 'off', channels: [] }),
    };
  }
  const catalogues = loadCatalogues();
  const catalogue = () => catalogueInForce(catalogues);
  const token = serviceToken('exchange');
  const feeds = new Set(FETCHERS.map((f) => f.feed));
  const { changes, close } = changeStreamFor(em, feedSourcesFromSupergraph('exchange').filter((s) => feeds.has(s.name)), 'exchange', token);
  const metrics = exchangeMetrics();
  const deliverers = settings.channels.map((channel) => new Deliverer(em, channel, settings, metrics.observe));
  const follower = new ExchangeFollower(em, changes, new SupergraphClient(token, 'exchange'), catalogue, settings.channels.map((c) => c.name), (result) => {
    metrics.stored(result);
    if (result.versions) for (const d of deliverers) d.wake();
  }, { startAtHeads: settings.startAtHeads });
  return {
    deliverers,
    follower,
    start: () => {
      follower.start();
      for (const d of deliverers) d.start();
    },
    stop: async () => {
      await follower.stop();
      await Promise.all(deliverers.map((d) => d.stop()));
      await Promise.all(settings.channels.map((c) => c.close().catch(() => {})));
      close();
    },
    status: () => ({ ...follower.progress, channels: deliverers.map((d) => ({ channel: d.channel.name, state: d.state, lastError: d.lastError })) }),
    metrics: (registry: Registry) => metrics.register(registry, em, follower, deliverers),
  };
}

/** Prometheus: the feeds' lag, versions made and blocked, batches sent and failed, refusals, and the outbox by status. */
function exchangeMetrics() {
  const versions = new Counter({ name: 'credit_exchange_versions_total', help: 'Record versions the exchange made to send up', registers: [] });
  const blocked = new Counter({ name: 'credit_exchange_blocked_total', help: 'Record versions the personal-data guard stopped', registers: [] });
  const batches = new Counter({ name: 'credit_exchange_batches_total', help: 'Batches delivered, by channel', labelNames: ['channel'], registers: [] });
  const failures = new Counter({ name: 'credit_exchange_batch_failures_total', help: 'Failed attempts to deliver a batch, by channel', labelNames: ['channel'], registers: [] });
  const refusals = new Counter({ name: 'credit_exchange_refusals_total', help: 'Records the province refused, by channel', labelNames: ['channel'], registers: [] });
  return {
    stored(result: StoredVersions) {
      versions.inc(result.versions);
      blocked.inc(result.blocked);
    },
    observe: {
      sent: (channel: string) => batches.inc({ channel }),
      failed: (channel: string) => failures.inc({ channel }),
      refused: (channel: string, records: number) => refusals.inc({ channel }, records),
    },
    register(registry: Registry, em: EntityManager, follower: ExchangeFollower, deliverers: Deliverer[]) {
      for (const metric of [versions, blocked, batches, failures, refusals]) registry.registerMetric(metric);
      new Gauge({
        name: 'credit_exchange_feed_lag', help: 'Entries each feed had beyond the exchange\'s cursor at its last read', labelNames: ['source'], registers: [registry],
        collect() {
          for (const [source, lag] of Object.entries(follower.progress.lag)) this.set({ source }, lag);
        },
      });
      new Gauge({
        name: 'credit_exchange_records', help: 'Record versions in the outbox, by channel and status', labelNames: ['channel', 'status'], registers: [registry],
        async collect() {
          for (const d of deliverers) {
            const { counts } = await channelCounts(em, d.channel.name);
            for (const [status, n] of Object.entries(counts)) this.set({ channel: d.channel.name, status }, n);
          }
        },
      });
    },
  };
}


