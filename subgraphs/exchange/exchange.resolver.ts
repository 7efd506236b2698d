import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { FilterQuery } from '@mikro-orm/core';
import { errors, PageArgs, readCursors, tableOf, readPageArgs, requireDate, toPage, type SubgraphContext } from '../kit/index.js';
import { catalogueInForce, loadCatalogues } from './catalogue.rules.js';
import { BatchStatus, DeliveryBatch } from './entities/delivery-batch.js';
import { DeliveryStatus, OutboxItem } from './entities/outbox-item.js';
import { channelCounts, kindCounts, readState, replayStep } from './exchange.repository.js';
import { configuredChannels, ExchangeFollower, PROGRESS } from './exchange.worker.js';
import { ExchangeBatch, ExchangeBatchConnection, ExchangeRecordVersion, ExchangeRecordVersionConnection, ExchangeReplayStep, ExchangeStatus } from './reports/types.js';

type Context = SubgraphContext<Record<string, never>>;

/** The channels configured in this process and those this store has used. */
async function knownChannels(em: Context['em']): Promise<string[]> {
  const knex = em.getConnection().getKnex();
  const rows = await knex(tableOf(em, OutboxItem)).distinct('channel').union((q) => q.distinct('channel').from(tableOf(em, DeliveryBatch)));
  return [...new Set([...configuredChannels(), ...rows.map((r: any) => String(r.channel))])].sort();
}

const CHANNELS = ['exchange-database', 'http-push'];

/** An argument that must be one of a few names: anything else is BAD_USER_INPUT, not an empty list. */
function oneOf(value: string | null, allowed: readonly string[], field: string): string | null {
  if (value == null) return null;
  if (!allowed.includes(value)) throw errors.badInput(`${field} 应为 ${allowed.join('、')} 之一`, `${field} must be one of ${allowed.join(', ')}`, field);
  return value;
}

@Resolver()
export class ExchangeResolver {
  @Authorized('AUDITOR', 'ADMIN')
  @Query(() => ExchangeStatus, { description: '向省公共信用信息平台的数据交换状态：各通道待发、已接收、被拒条数，批次，落后于变更流的条数（审计、管理） (the upward exchange: per channel what is pending, accepted and refused, batches, lag behind the feeds; AUDITOR, ADMIN)' })
  async exchangeStatus(@Ctx() { em }: Context): Promise<ExchangeStatus> {
    const progress = JSON.parse((await readState(em, PROGRESS)) ?? 'null') as { state: string; done: number; total: number; lastError?: string; lag?: Record<string, number> } | null;
    const cursors = await readCursors(em);
    const catalogue = catalogueInForce(loadCatalogues());
    const channels = await Promise.all((await knownChannels(em)).map(async (channel) => {
      const c = await channelCounts(em, channel);
      return {
        channel,
        state: c.batches.SENDING ? (c.lastError ? 'retrying' : 'sending') : 'idle',
        pending: c.counts.PENDING, sending: c.counts.SENDING, delivered: c.counts.DELIVERED, accepted: c.counts.ACCEPTED, refused: c.counts.REFUSED, blocked: c.counts.BLOCKED,
        batchesAwaitingReceipts: c.batches.DELIVERED, batchesSending: c.batches.SENDING, batchesSettled: c.batches.ACCEPTED + c.batches.PARTIAL,
        oldestPendingAt: c.oldestPendingAt, lastSentAt: c.lastSentAt, lastError: c.lastError,
        byKind: await kindCounts(em, channel),
      };
    }));
    return {
      state: progress?.state ?? (channels.length ? 'starting' : 'off'),
      catalogue: `${catalogue.id}@${catalogue.version}`,
      builtFor: (await readState(em, 'builtFor')) || null,
      done: Math.round(progress?.done ?? 0),
      total: Math.round(progress?.total ?? 0),
      lastError: progress?.lastError ?? null,
      feeds: [...cursors].map(([source, seq]) => ({ source, seq, lag: progress?.lag?.[source] ?? null })).sort((a, b) => a.source.localeCompare(b.source)),
      channels,
    };
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Query(() => ExchangeBatchConnection, { description: '交换批次，新的在前（审计、管理） (batches sent, newest first; AUDITOR, ADMIN)' })
  async exchangeBatches(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('channel', () => String, { nullable: true }) channel: string | null,
    @Arg('status', () => String, { nullable: true, description: 'SENDING、DELIVERED、ACCEPTED、PARTIAL' }) status: string | null,
    @Ctx() { em }: Context,
  ) {
    const window = readPageArgs(page);
    oneOf(channel, CHANNELS, 'channel');
    oneOf(status, Object.values(BatchStatus), 'status');
    if (window.afterKey !== undefined && typeof window.afterKey !== 'string') throw errors.badInput('after 游标无效', 'the after cursor is not one this API issued', 'after');
    const where: FilterQuery<DeliveryBatch> = { ...(channel ? { channel } : {}), ...(status ? { status: status as DeliveryBatch['status'] } : {}) };
    const pageWhere = window.afterKey === undefined ? where : { ...where, id: { $lt: String(window.afterKey) } };
    const [rows, total] = await Promise.all([em.find(DeliveryBatch, pageWhere, { orderBy: { id: 'desc' }, limit: window.first + 1 }), em.count(DeliveryBatch, where)]);
    return toPage(rows as ExchangeBatch[], window, (b) => b.id, total);
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Query(() => ExchangeRecordVersionConnection, { description: '被省平台拒收的记录（含理由）、整批被拒的记录与因含明文个人信息未发送的记录，先产生的在前；更正后的新版本会再次发送（审计、管理） (records the province refused, with its reasons, records of batches refused as a whole, and versions the personal-data guard stopped, oldest first; a corrected version is sent again; AUDITOR, ADMIN)' })
  async exchangeRefusals(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('channel', () => String, { nullable: true }) channel: string | null,
    @Arg('kind', () => String, { nullable: true }) kind: string | null,
    @Ctx() { em }: Context,
  ) {
    const window = readPageArgs(page);
    oneOf(channel, CHANNELS, 'channel');
    oneOf(kind, catalogueInForce(loadCatalogues()).kinds.map((k) => k.kind), 'kind');
    if (window.afterKey !== undefined && !Number.isInteger(window.afterKey)) throw errors.badInput('after 游标无效', 'the after cursor is not one this API issued', 'after');
    const where: FilterQuery<OutboxItem> = { status: { $in: [DeliveryStatus.REFUSED, DeliveryStatus.BLOCKED, DeliveryStatus.FAILED] }, ...(channel ? { channel } : {}), ...(kind ? { kind } : {}) };
    const pageWhere = window.afterKey === undefined ? where : { ...where, id: { $gt: Number(window.afterKey) } };
    const [rows, total] = await Promise.all([em.find(OutboxItem, pageWhere, { orderBy: { id: 'asc' }, limit: window.first + 1 }), em.count(OutboxItem, where)]);
    return toPage(rows as unknown as Array<ExchangeRecordVersion & { id: number }>, window, (r) => r.id, total);
  }

  @Authorized('ADMIN')
  @Mutation(() => ExchangeReplayStep, { description: '重放的一步：某日（含，按北京时间）以来变更过的记录（按标识顺序，从 after 之后的至多2000条）的当前版本在每个已配置通道上再发一次（同一版本号，省平台按记录与版本去重；已在途的不重复排队）；返回排队条数与下一步的起点，直至 next 为 null（管理） (one step of a replay: the current versions of the next records changed since the day (China time), queued again on every configured channel as the same versions, except where already on their way; returns how many were queued and where the next step starts, until next is null; ADMIN)' })
  async replayExchange(
    @Arg('from', () => String, { description: 'YYYY-MM-DD' }) from: string,
    @Arg('after', () => String, { nullable: true, description: '上一步返回的 next (the previous step\'s next)' }) after: string | null,
    @Ctx() { em }: Context,
  ): Promise<ExchangeReplayStep> {
    const day = requireDate(from, 'from');
    if (after != null && (after.length > 300 || !after.includes(':'))) throw errors.badInput('after 无效，应为上一步返回的 next', 'after must be the previous step\'s next', 'after');
    // The day as China counts it (UTC+8), against versions stamped in UTC.
    const since = new Date(`${day}T00:00:00+08:00`).toISOString();
    return replayStep(em, since, await knownChannels(em), catalogueInForce(loadCatalogues()), after ?? '');
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: '从头重建：重新读取全部单位与区划的记录并与已发送的比对，只发送有变化的（管理） (rebuild: read every organization\'s and region\'s records again and send what differs from what was sent; ADMIN)' })
  async rebuildExchange(@Ctx() { em }: Context): Promise<boolean> {
    await ExchangeFollower.requestRebuild(em);
    return true;
  }
}
