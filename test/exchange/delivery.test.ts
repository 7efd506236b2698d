// The exchange's store and deliverer in process, on a real SQLite store with a channel the test
// plays: versions made only when the digest changes, the outbox per channel, the personal-data
// guard's block, batches in order, a failed batch sent again as it is with backoff, a batch left
// in flight by a crash sent again first under its id, receipts settling items, and replay.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { catalogueInForce, digestOf, loadCatalogues, type ExportRow } from '../../subgraphs/exchange/catalogue.rules.js';
import { PermanentDeliveryError, type BatchEnvelope, type DeliveryChannel, type RecordResult } from '../../subgraphs/exchange/channels/channel.js';
import { DeliveryBatch } from '../../subgraphs/exchange/entities/delivery-batch.js';
import { ExportedRecord } from '../../subgraphs/exchange/entities/exported-record.js';
import { DeliveryStatus, OutboxItem } from '../../subgraphs/exchange/entities/outbox-item.js';
import { replaySince, storeVersions, takeBatch } from '../../subgraphs/exchange/exchange.repository.js';
import { Deliverer, type ExchangeSettings } from '../../subgraphs/exchange/exchange.worker.js';
import { subgraph } from '../../subgraphs/exchange/schema.js';
import { buildSubgraph, type BuiltSubgraph, type EntityManager } from '../../subgraphs/kit/index.js';
import { dropTestStore, testDbName } from '../helpers.js';

const catalogue = catalogueInForce(loadCatalogues(), '2026-11-22');
const dbName = testDbName('exchange-delivery');
let built: BuiltSubgraph;
let em: EntityManager;

beforeAll(async () => {
  built = await buildSubgraph(subgraph, { dbName });
  em = built.store.orm.em.fork() as EntityManager;
});
afterAll(async () => {
  if (built) await dropTestStore(built, dbName);
});
beforeEach(async () => {
  for (const entity of [OutboxItem, DeliveryBatch, ExportedRecord]) await em.fork().nativeDelete(entity, {});
});

const debtor = (caseNumber: string, status = 'ACTIVE', facts = '拒不履行'): ExportRow => {
  const data = { AH: caseNumber, ZT: status, SXXWQX: facts };
  return { kind: 'DEBTOR_RECORD', itemCode: 'HLJ-ZWCX-0201', recordId: caseNumber, scope: '11231100360550620D', op: 'UPSERT', data, digest: digestOf('UPSERT', data) };
};
const removed = (caseNumber: string): ExportRow => ({ kind: 'DEBTOR_RECORD', itemCode: 'HLJ-ZWCX-0201', recordId: caseNumber, scope: '11231100360550620D', op: 'DELETE', data: null, digest: digestOf('DELETE', null) });
const CHANNELS = ['exchange-database', 'http-push'];
const items = (where: object = {}) => em.fork().find(OutboxItem, where, { orderBy: { id: 'asc' } });

describe('record versions', () => {
  it('are made only when a record\'s digest changes, each with an item per channel; a DELETE only for what was sent', async () => {
    expect(await storeVersions(em, catalogue, [debtor('A'), debtor('B')], CHANNELS, 'test#1')).toEqual({ versions: 2, unchanged: 0, blocked: 0 });
    expect(await storeVersions(em, catalogue, [debtor('A'), debtor('B', 'EXITED'), removed('C')], CHANNELS, 'test#2')).toEqual({ versions: 1, unchanged: 2, blocked: 0 });
    expect(await storeVersions(em, catalogue, [removed('A')], CHANNELS, 'test#3')).toEqual({ versions: 1, unchanged: 0, blocked: 0 });
    expect((await items({ channel: 'http-push' })).map((i) => [i.recordId, i.version, i.op])).toEqual([['A', 1, 'UPSERT'], ['B', 1, 'UPSERT'], ['B', 2, 'UPSERT'], ['A', 2, 'DELETE']]);
    expect(await items({ channel: 'exchange-database' })).toHaveLength(4);
  });

  it('holding a clear ID number, are blocked on every channel and keep nothing of what they held', async () => {
    const result = await storeVersions(em, catalogue, [debtor('A', 'ACTIVE', '被执行人身份证号230102199001011230')], CHANNELS, 'test#1');
    expect(result).toEqual({ versions: 0, unchanged: 0, blocked: 1 });
    const blocked = await items();
    expect(blocked.map((i) => [i.status, i.data, i.reason])).toEqual(CHANNELS.map(() => [DeliveryStatus.BLOCKED, null, expect.stringContaining('ID number')]));
    expect(await takeBatch(em, 'http-push', 10)).toBeNull();
  });
});

/** A channel that fails as told, and records what it was sent. */
class PlayedChannel implements DeliveryChannel {
  readonly name = 'http-push';
  sent: BatchEnvelope[] = [];
  failures = 0;
  constructor(private readonly failFirst = 0, private readonly refuse: (key: string) => string | null = () => null) {}
  async prepare() {}
  async send(batch: BatchEnvelope): Promise<{ results: RecordResult[]; complete: boolean }> {
    this.sent.push(batch);
    if (this.failures < this.failFirst) {
      this.failures++;
      throw new Error('province answered 503');
    }
    return { results: batch.records.flatMap((r) => (this.refuse(r.key) ? [{ key: r.key, version: r.version, status: 'REFUSED' as const, reason: this.refuse(r.key) }] : [])), complete: true };
  }
  async close() {}
}

const settings: ExchangeSettings = { channels: [], batchSize: 2, batchBytes: 1 << 20, retryBaseMs: 5, retryMaxMs: 20, receiptPollMs: 10, sender: 'test', startAtHeads: false };

async function deliverAll(channel: PlayedChannel): Promise<void> {
  const deliverer = new Deliverer(em, channel, settings);
  deliverer.start();
  await expect.poll(async () => (await items({ channel: 'http-push', status: { $in: [DeliveryStatus.PENDING, DeliveryStatus.SENDING] } })).length, { timeout: 10_000, interval: 20 }).toBe(0);
  await deliverer.stop();
}

describe('the deliverer', () => {
  it('sends batches in the order the versions were made; a failed batch goes again as it was, its attempts counted', async () => {
    await storeVersions(em, catalogue, [debtor('A'), debtor('B'), debtor('C')], ['http-push'], 'test#1');
    await storeVersions(em, catalogue, [debtor('A', 'EXITED')], ['http-push'], 'test#2');
    const channel = new PlayedChannel(2);
    await deliverAll(channel);
    expect(channel.sent.map((b) => b.records.map((r) => `${r.recordId}#${r.version}`))).toEqual([['A#1', 'B#1'], ['A#1', 'B#1'], ['A#1', 'B#1'], ['C#1', 'A#2']]);
    expect(new Set(channel.sent.slice(0, 3).map((b) => b.batchId)).size).toBe(1);
    const batches = await em.fork().find(DeliveryBatch, {}, { orderBy: { id: 'asc' } });
    expect(batches.map((b) => [b.attempts, b.status, b.accepted])).toEqual([[3, 'ACCEPTED', 2], [1, 'ACCEPTED', 2]]);
    expect((await items()).every((i) => i.status === DeliveryStatus.ACCEPTED)).toBe(true);
  });

  it('sends a batch left in flight by a crash first, under its id, before any new one', async () => {
    await storeVersions(em, catalogue, [debtor('A'), debtor('B'), debtor('C')], ['http-push'], 'test#1');
    const inFlight = await takeBatch(em, 'http-push', 2);
    const channel = new PlayedChannel();
    await deliverAll(channel);
    expect(channel.sent.map((b) => b.batchId)[0]).toBe(inFlight!.batch.id);
    expect(channel.sent.map((b) => b.records.map((r) => r.recordId))).toEqual([['A', 'B'], ['C']]);
  });

  it('keeps the province\'s refusals with their reasons and accepts the rest of the batch', async () => {
    await storeVersions(em, catalogue, [debtor('A'), debtor('B')], ['http-push'], 'test#1');
    await deliverAll(new PlayedChannel(0, (key) => (key === 'DEBTOR_RECORD:B' ? '案号格式不符' : null)));
    expect((await items()).map((i) => [i.recordId, i.status, i.reason])).toEqual([['A', 'ACCEPTED', null], ['B', 'REFUSED', '案号格式不符']]);
    expect((await em.fork().find(DeliveryBatch, {}))[0]).toMatchObject({ status: 'PARTIAL', accepted: 1, refused: 1 });
  });
});

describe('batches', () => {
  it('stay within the byte budget (at least one record each)', async () => {
    const long = (id: string) => debtor(id, 'ACTIVE', '拒'.repeat(3_000));
    await storeVersions(em, catalogue, [long('A'), long('B'), long('C')], ['http-push'], 'test#1');
    expect((await takeBatch(em, 'http-push', 10, 12_000))!.items.map((i) => i.recordId)).toEqual(['A']);
    expect((await takeBatch(em, 'http-push', 10, 25_000))!.items.map((i) => i.recordId)).toEqual(['B', 'C']);
  });

  it('refused as a whole in a way sending again cannot mend, are set aside and the channel goes on', async () => {
    await storeVersions(em, catalogue, [debtor('A'), debtor('B'), debtor('C')], ['http-push'], 'test#1');
    const channel = new PlayedChannel();
    channel.send = async (batch) => {
      channel.sent.push(batch);
      if (batch.records[0]!.recordId === 'A') throw new PermanentDeliveryError('HTTP push answered 413: payload too large');
      return { results: [], complete: true };
    };
    await deliverAll(channel);
    expect(channel.sent).toHaveLength(2);
    expect((await items()).map((i) => [i.recordId, i.status])).toEqual([['A', 'FAILED'], ['B', 'FAILED'], ['C', 'ACCEPTED']]);
    expect((await em.fork().find(DeliveryBatch, {}, { orderBy: { id: 'asc' } })).map((b) => [b.status, b.lastError])).toEqual([['FAILED', expect.stringContaining('413')], ['ACCEPTED', null]]);
  });
});

describe('replay', () => {
  it('queues each record\'s current version again on each channel where it is not already on its way, and never a blocked one', async () => {
    await storeVersions(em, catalogue, [debtor('A'), debtor('B')], ['http-push'], 'test#1');
    await storeVersions(em, catalogue, [debtor('A', 'EXITED'), debtor('B', 'ACTIVE', '身份证号230102199001011230')], ['http-push'], 'test#2');
    const before = (await items()).length;
    const queued = await replaySince(em, '2000-01-01', ['http-push', 'exchange-database'], catalogue);
    // A#2 is still pending on http-push: queued on the exchange database only. B#2 was blocked: nowhere.
    expect(queued).toBe(1);
    expect((await items()).slice(before).map((i) => [i.channel, i.recordId, i.version])).toEqual([['exchange-database', 'A', 2]]);
    // Run again at once, it queues nothing more.
    expect(await replaySince(em, '2000-01-01', ['http-push', 'exchange-database'], catalogue)).toBe(0);
    const stored = await em.fork().find(ExportedRecord, {}, { orderBy: { key: 'asc' } });
    expect(stored.map((r) => [r.recordId, r.version, r.data === null])).toEqual([['A', 2, false], ['B', 2, true]]);
    expect(await replaySince(em, '2999-01-01', ['http-push'], catalogue)).toBe(0);
  });
});
