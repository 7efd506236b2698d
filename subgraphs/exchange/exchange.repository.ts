import { chunked, insertRows, newRowId, saveCursors, tableOf, type EntityManager } from '../kit/index.js';
import { personalDataFound, type ExportCatalogue, type ExportRow } from './catalogue.rules.js';
import { BatchStatus, DeliveryBatch } from './entities/delivery-batch.js';
import { ExchangeState } from './entities/exchange-state.js';
import { ExportedRecord } from './entities/exported-record.js';
import { DeliveryStatus, OutboxItem } from './entities/outbox-item.js';

export const recordKey = (kind: string, recordId: string) => `${kind}:${recordId}`;
const now = () => new Date().toISOString();

export async function readState(em: EntityManager, key: string): Promise<string | null> {
  return (await em.fork().findOne(ExchangeState, { key }))?.value ?? null;
}

export async function writeState(em: EntityManager, values: Record<string, string>): Promise<void> {
  await em.fork().transactional(async (tx) => {
    for (const [key, value] of Object.entries(values)) await tx.upsert(ExchangeState, { key, value });
  });
}

/** kind → record id → scope, of these records as sent (and not withdrawn). */
export async function previouslyExportedIds(em: EntityManager, kinds: readonly string[], recordIds: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const found = new Map<string, Map<string, string>>(kinds.map((kind) => [kind, new Map()]));
  if (kinds.length === 0) return found;
  for (const part of chunked(recordIds)) {
    const rows = await em.fork().find(ExportedRecord, { recordId: { $in: part }, kind: { $in: [...kinds] }, op: 'UPSERT' }, { fields: ['kind', 'recordId', 'scope'] });
    for (const row of rows) found.get(row.kind)!.set(row.recordId, row.scope);
  }
  return found;
}

/** kind → record id → scope, of the records sent (and not withdrawn) under these scopes. */
export async function previouslyExported(em: EntityManager, kinds: readonly string[], scopes: readonly string[]): Promise<Map<string, Map<string, string>>> {
  const found = new Map<string, Map<string, string>>(kinds.map((kind) => [kind, new Map()]));
  if (kinds.length === 0) return found;
  for (const part of chunked(scopes)) {
    const rows = await em.fork().find(ExportedRecord, { scope: { $in: part }, kind: { $in: [...kinds] }, op: 'UPSERT' }, { fields: ['kind', 'recordId', 'scope'] });
    for (const row of rows) found.get(row.kind)!.set(row.recordId, row.scope);
  }
  return found;
}

export interface StoredVersions {
  /** New versions made (sent on every channel). */
  versions: number;
  /** Rows the catalogue maps as they were last sent. */
  unchanged: number;
  /** New versions the personal-data guard stopped. */
  blocked: number;
}

/**
 * Stores the rows whose digest differs from the version last sent as new versions, each with an
 * outbox item per channel, and the feed cursors, in one transaction: a crash before the commit
 * leaves the entries to be read again; after it, none is read twice.
 */
export async function storeVersions(
  em: EntityManager,
  catalogue: ExportCatalogue,
  rows: readonly ExportRow[],
  channels: readonly string[],
  cause: string,
  cursors?: Record<string, number>,
): Promise<StoredVersions> {
  const result: StoredVersions = { versions: 0, unchanged: 0, blocked: 0 };
  const at = now();
  const catalogueKey = `${catalogue.id}@${catalogue.version}`;
  const kinds = new Map(catalogue.kinds.map((k) => [k.kind, k]));
  // The last of several rows for one record wins (a record fetched under two scopes in one round).
  const byKey = new Map(rows.map((row) => [recordKey(row.kind, row.recordId), row]));
  await em.fork().transactional(async (tx) => {
    const existing = new Map<string, ExportedRecord>();
    for (const part of chunked([...byKey.keys()])) {
      for (const record of await tx.find(ExportedRecord, { key: { $in: part } })) existing.set(record.key, record);
    }
    const records: Array<Partial<ExportedRecord>> = [];
    const items: Array<Partial<OutboxItem>> = [];
    for (const [key, row] of byKey) {
      const before = existing.get(key);
      if (before ? before.digest === row.digest : row.op === 'DELETE') {
        result.unchanged++;
        continue;
      }
      const version = (before?.version ?? 0) + 1;
      const blocked = personalDataFound(kinds.get(row.kind)!, row.data);
      // A blocked version is kept by its digest alone: what it held is not stored anywhere here.
      const data = row.data && !blocked ? JSON.stringify(row.data) : null;
      records.push({ key, kind: row.kind, recordId: row.recordId, scope: row.scope, version, op: row.op, digest: row.digest, data, changedAt: at, cause });
      if (blocked) result.blocked++;
      else result.versions++;
      for (const channel of channels) {
        items.push({
          channel, recordKey: key, kind: row.kind, itemCode: row.itemCode, recordId: row.recordId, version, op: row.op, catalogue: catalogueKey,
          data, changedAt: at, status: blocked ? DeliveryStatus.BLOCKED : DeliveryStatus.PENDING, batchId: null, reason: blocked, updatedAt: at,
        });
      }
    }
    for (const part of chunked(records.filter((r) => existing.has(r.key!)).map((r) => r.key!))) await tx.nativeDelete(ExportedRecord, { key: { $in: part } });
    if (records.length) await insertRows(tx, ExportedRecord, records, () => {});
    if (items.length) await insertRows(tx, OutboxItem, items, () => {});
    if (cursors) await saveCursors(tx, cursors);
  });
  return result;
}

/** The batch a channel was sending when it stopped (a crash, a failure): sent again as it is. */
export async function openBatch(em: EntityManager, channel: string): Promise<{ batch: DeliveryBatch; items: OutboxItem[] } | null> {
  const fork = em.fork();
  const batch = await fork.findOne(DeliveryBatch, { channel, status: BatchStatus.SENDING }, { orderBy: { id: 'asc' } });
  if (!batch) return null;
  return { batch, items: await fork.find(OutboxItem, { batchId: batch.id }, { orderBy: { id: 'asc' } }) };
}

/**
 * The next batch of a channel: its oldest pending items, at most `size`, taken into a new batch
 * in one transaction. Items are taken in the order made, so a record's versions go up in order.
 */
export async function takeBatch(em: EntityManager, channel: string, size: number, maxBytes = Number.POSITIVE_INFINITY): Promise<{ batch: DeliveryBatch; items: OutboxItem[] } | null> {
  return em.fork().transactional(async (tx) => {
    const candidates = await tx.find(OutboxItem, { channel, status: DeliveryStatus.PENDING }, { orderBy: { id: 'asc' }, limit: size });
    // Within the byte budget too (a letter may carry fifty long items): at least one item.
    let bytes = 0;
    const taken = candidates.filter((item, i) => (bytes += Buffer.byteLength(item.data ?? '') + 256) <= maxBytes || i === 0);
    if (taken.length === 0) return null;
    const at = now();
    const id = newRowId();
    // Only items still pending: another process taking the same ones at once gets none of them.
    const updated = await tx.nativeUpdate(OutboxItem, { id: { $in: taken.map((i) => i.id) }, status: DeliveryStatus.PENDING }, { status: DeliveryStatus.SENDING, batchId: id, updatedAt: at });
    if (updated === 0) return null;
    const items = updated === taken.length ? taken.map((item) => Object.assign(item, { status: DeliveryStatus.SENDING, batchId: id })) : await tx.find(OutboxItem, { batchId: id }, { orderBy: { id: 'asc' }, refresh: true });
    const batch = tx.create(DeliveryBatch, { id, channel, status: BatchStatus.SENDING, records: items.length, accepted: 0, refused: 0, attempts: 0, createdAt: at });
    await tx.flush();
    return { batch, items };
  });
}

/** A batch the province refused as a whole: set aside with the reason on each of its records. */
export async function failBatch(em: EntityManager, batchId: string, reason: string): Promise<void> {
  await em.fork().transactional(async (tx) => {
    const at = now();
    await tx.nativeUpdate(DeliveryBatch, { id: batchId }, { status: BatchStatus.FAILED, lastError: reason.slice(0, 1000), settledAt: at });
    await tx.nativeUpdate(OutboxItem, { batchId }, { status: DeliveryStatus.FAILED, reason: reason.slice(0, 2000), updatedAt: at });
  });
}

/** Counts an attempt before it is made (a crash during it counts too); returns the count. */
export async function recordAttempt(em: EntityManager, batchId: string): Promise<number> {
  const fork = em.fork();
  const batch = await fork.findOneOrFail(DeliveryBatch, { id: batchId });
  batch.attempts++;
  await fork.flush();
  return batch.attempts;
}

export async function recordFailure(em: EntityManager, batchId: string, error: string): Promise<void> {
  await em.fork().nativeUpdate(DeliveryBatch, { id: batchId }, { lastError: error.slice(0, 1000) });
}

/** A receipt: the records refused, with reasons; every other record of the batch accepted. */
export interface Receipt {
  refused: Array<{ key: string; version: number; reason: string }>;
}

/** The batch is written to the exchange database; its receipts come later (applyReceipts). */
export async function markDelivered(em: EntityManager, batchId: string): Promise<void> {
  await em.fork().transactional(async (tx) => {
    const at = now();
    await tx.nativeUpdate(DeliveryBatch, { id: batchId }, { status: BatchStatus.DELIVERED, sentAt: at, lastError: null });
    await tx.nativeUpdate(OutboxItem, { batchId, status: DeliveryStatus.SENDING }, { status: DeliveryStatus.DELIVERED, updatedAt: at });
  });
}

/**
 * Settles a batch from its receipt: the refused items REFUSED with their reasons, the rest
 * ACCEPTED, the batch ACCEPTED or PARTIAL with its counts. `complete` false (the exchange
 * database, receipts arriving one by one): only the items named are settled, and the batch when
 * none is left unsettled.
 */
export async function applyReceipt(em: EntityManager, batchId: string, results: Array<{ key: string; version: number; status: 'ACCEPTED' | 'REFUSED'; reason?: string | null }>, complete: boolean): Promise<number> {
  return em.fork().transactional(async (tx) => {
    let newlyRefused = 0;
    const at = now();
    const items = await tx.find(OutboxItem, { batchId });
    const byKey = new Map(items.map((item) => [`${item.recordKey}#${item.version}`, item]));
    const named = new Set<OutboxItem>();
    for (const result of results) {
      const item = byKey.get(`${result.key}#${result.version}`);
      if (!item) continue;
      named.add(item);
      const status = result.status === 'REFUSED' ? DeliveryStatus.REFUSED : DeliveryStatus.ACCEPTED;
      // A receipt read again (the exchange database's are read until the batch settles) changes nothing.
      if (item.status === status) continue;
      if (status === DeliveryStatus.REFUSED) newlyRefused++;
      item.status = status;
      item.reason = result.status === 'REFUSED' ? String(result.reason ?? '').slice(0, 2000) || '未说明理由 (no reason given)' : null;
      item.updatedAt = at;
    }
    if (complete) {
      for (const item of items) {
        if (named.has(item)) continue;
        Object.assign(item, { status: DeliveryStatus.ACCEPTED, reason: null, updatedAt: at });
      }
    }
    const batch = await tx.findOneOrFail(DeliveryBatch, { id: batchId });
    const settled = items.filter((i) => i.status === DeliveryStatus.ACCEPTED || i.status === DeliveryStatus.REFUSED);
    batch.accepted = settled.filter((i) => i.status === DeliveryStatus.ACCEPTED).length;
    batch.refused = settled.length - batch.accepted;
    batch.sentAt ??= at;
    batch.lastError = null;
    if (settled.length === items.length) {
      batch.status = batch.refused ? BatchStatus.PARTIAL : BatchStatus.ACCEPTED;
      batch.settledAt = at;
    } else if (batch.status === BatchStatus.SENDING) {
      batch.status = BatchStatus.DELIVERED;
    }
    await tx.flush();
    return newlyRefused;
  });
}

/**
 * Batches written to the exchange database whose receipts are not all in, 1,000 at a time after
 * `after` (the caller goes round them all, so batches the province never answers do not keep the
 * newer ones from being read).
 */
export async function batchesAwaitingReceipts(em: EntityManager, channel: string, after = ''): Promise<string[]> {
  return (await em.fork().find(DeliveryBatch, { channel, status: BatchStatus.DELIVERED, id: { $gt: after } }, { fields: ['id'], orderBy: { id: 'asc' }, limit: 1000 })).map((b) => b.id);
}

/**
 * One step of `npm run exchange -- replay --from <date>`: the current versions of the next
 * `limit` records (by key, after `after`) changed since the day, queued again on each channel (as
 * the same versions: the province's key dedupes what it still holds), except where that version is
 * already on its way, and never one the guard stopped. Returns how many were queued and where the
 * next step starts (null when done): each step is short, and a step repeated queues nothing twice.
 */
export async function replayStep(em: EntityManager, from: string, channels: readonly string[], catalogue: ExportCatalogue, after = '', limit = 2_000): Promise<{ queued: number; next: string | null }> {
  const catalogueKey = `${catalogue.id}@${catalogue.version}`;
  const kinds = new Map(catalogue.kinds.map((k) => [k.kind, k]));
  const records = await em.fork().find(ExportedRecord, { changedAt: { $gte: from }, key: { $gt: after } }, { orderBy: { key: 'asc' }, limit });
  if (records.length === 0) return { queued: 0, next: null };
  const at = now();
  const waiting = new Set<string>();
  for (const part of chunked(records.map((r) => r.key))) {
    for (const i of await em.fork().find(OutboxItem, { recordKey: { $in: part }, status: { $in: [DeliveryStatus.PENDING, DeliveryStatus.SENDING] } }, { fields: ['channel', 'recordKey', 'version'] })) waiting.add(`${i.channel}|${i.recordKey}#${i.version}`);
  }
  // A version the guard stopped kept nothing (data null): nothing to send. The guard runs again on the rest.
  const sendable = records.filter((r) => r.op === 'DELETE' || (r.data != null && kinds.has(r.kind) && !personalDataFound(kinds.get(r.kind)!, JSON.parse(r.data))));
  const items = sendable.flatMap((r) => channels.filter((channel) => !waiting.has(`${channel}|${r.key}#${r.version}`)).map((channel): Partial<OutboxItem> => ({
    channel, recordKey: r.key, kind: r.kind, itemCode: kinds.get(r.kind)?.itemCode ?? r.kind, recordId: r.recordId, version: r.version, op: r.op, data: r.data, catalogue: catalogueKey, changedAt: r.changedAt, status: DeliveryStatus.PENDING, batchId: null, reason: null, updatedAt: at,
  })));
  if (items.length) await em.fork().transactional((tx) => insertRows(tx, OutboxItem, items, () => {}));
  return { queued: items.length, next: records.length === limit ? records.at(-1)!.key : null };
}

/** Every step of a replay at once (tests, small stores). */
export async function replaySince(em: EntityManager, from: string, channels: readonly string[], catalogue: ExportCatalogue): Promise<number> {
  let queued = 0;
  let after: string | null = '';
  while (after != null) {
    const step = await replayStep(em, from, channels, catalogue, after);
    queued += step.queued;
    after = step.next;
  }
  return queued;
}

export interface ChannelCounts {
  channel: string;
  counts: Record<DeliveryStatus, number>;
  batches: Record<BatchStatus, number>;
  oldestPendingAt: string | null;
  lastSentAt: string | null;
  lastError: string | null;
}

export async function channelCounts(em: EntityManager, channel: string): Promise<ChannelCounts> {
  const knex = em.getConnection().getKnex();
  const counts = Object.fromEntries(Object.values(DeliveryStatus).map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  for (const row of (await knex(tableOf(em, OutboxItem)).where({ channel }).groupBy('status').select('status').count({ n: '*' })) as any[]) counts[row.status as DeliveryStatus] = Number(row.n);
  const batches = Object.fromEntries(Object.values(BatchStatus).map((s) => [s, 0])) as Record<BatchStatus, number>;
  for (const row of (await knex(tableOf(em, DeliveryBatch)).where({ channel }).groupBy('status').select('status').count({ n: '*' })) as any[]) batches[row.status as BatchStatus] = Number(row.n);
  const oldest = await knex(tableOf(em, OutboxItem)).where({ channel, status: DeliveryStatus.PENDING }).min({ at: 'changed_at' }).first();
  const last = await knex(tableOf(em, DeliveryBatch)).where({ channel }).max({ at: 'sent_at' }).first();
  const failing = await knex(tableOf(em, DeliveryBatch)).where({ channel, status: BatchStatus.SENDING }).whereNotNull('last_error').orderBy('id').select('last_error').first();
  return { channel, counts, batches, oldestPendingAt: oldest?.at ?? null, lastSentAt: last?.at ?? null, lastError: failing?.last_error ?? null };
}

/** Counts by kind and status on a channel (the GraphQL view's table). */
export async function kindCounts(em: EntityManager, channel: string): Promise<Array<{ kind: string; status: string; count: number }>> {
  const knex = em.getConnection().getKnex();
  const rows = await knex(tableOf(em, OutboxItem)).where({ channel }).groupBy('kind', 'status').select('kind', 'status').count({ n: '*' }).orderBy(['kind', 'status']);
  return rows.map((r: any) => ({ kind: r.kind, status: r.status, count: Number(r.n) }));
}
