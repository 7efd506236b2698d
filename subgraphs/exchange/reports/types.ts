import { Field, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../kit/index.js';

@ObjectType({ description: '交换服务读取某一变更流的位置与落后条数 (the exchange\'s position in one change feed, and how far behind it is)' })
export class ExchangeFeedPosition {
  @Field(() => String, { description: '子图 (subgraph)' })
  source!: string;

  @Field(() => Int, { description: '已读到的序号 (sequence number read up to)' })
  seq!: number;

  @Field(() => Int, { nullable: true, description: '上次读取时其后尚有的条数 (entries beyond the cursor at the last read)' })
  lag!: number | null;
}

@ObjectType({ description: '某类记录在某状态的条数 (versions of one kind in one status)' })
export class ExchangeKindCount {
  @Field(() => String, { description: '记录类别（交换目录） (record kind, as the catalogue names it)' })
  kind!: string;

  @Field(() => String, { description: '状态：PENDING 待发、SENDING 发送中、DELIVERED 已写入前置库待回执、ACCEPTED 已接收、REFUSED 被拒、BLOCKED 含明文个人信息未发送 (status)' })
  status!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: '一个交换通道的状态 (the state of one delivery channel)' })
export class ExchangeChannelStatus {
  @Field(() => String, { description: 'exchange-database 前置库 或 http-push 接口推送 (the channel)' })
  channel!: string;

  @Field(() => String, { description: 'idle 空闲、sending 有批次在发、retrying 批次发送失败正在重试 (idle, a batch being sent, or one being retried after a failure)' })
  state!: string;

  @Field(() => Int) pending!: number;
  @Field(() => Int) sending!: number;
  @Field(() => Int) delivered!: number;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) refused!: number;
  @Field(() => Int) blocked!: number;

  @Field(() => Int, { description: '已发出、回执未齐的批次 (batches delivered, receipts not all in)' })
  batchesAwaitingReceipts!: number;

  @Field(() => Int, { description: '发送中（含重试中）的批次 (batches being sent or retried)' })
  batchesSending!: number;

  @Field(() => Int, { description: '已结清的批次 (batches settled)' })
  batchesSettled!: number;

  @Field(() => String, { nullable: true, description: '最早一条待发记录的产生时间 (when the oldest pending version was made)' })
  oldestPendingAt!: string | null;

  @Field(() => String, { nullable: true, description: '最近一次发出时间 (when a batch last went out)' })
  lastSentAt!: string | null;

  @Field(() => String, { nullable: true, description: '正在重试的批次的最近错误 (the last error of a batch being retried)' })
  lastError!: string | null;

  @Field(() => [ExchangeKindCount], { description: '按类别与状态的条数 (counts by kind and status)' })
  byKind!: ExchangeKindCount[];
}

@ObjectType({ description: '向省公共信用信息平台的数据交换状态（审计、管理） (the upward exchange\'s state; AUDITOR, ADMIN)' })
export class ExchangeStatus {
  @Field(() => String, { description: 'off 未配置通道、starting、rebuilding、catching-up、current、failing (state)' })
  state!: string;

  @Field(() => String, { description: '在用的交换目录及版本 (the export catalogue in force, id@version)' })
  catalogue!: string;

  @Field(() => String, { nullable: true, description: '上次从头构建或日巡检的日期 (the day of the last build or daily sweep)' })
  builtFor!: string | null;

  @Field(() => Int, { description: '重建进度：已完成 (rebuild progress: done)' })
  done!: number;

  @Field(() => Int, { description: '重建进度：总数 (rebuild progress: total)' })
  total!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => [ExchangeFeedPosition], { description: '各变更流的读取位置与落后条数 (position in, and lag behind, each feed)' })
  feeds!: ExchangeFeedPosition[];

  @Field(() => [ExchangeChannelStatus])
  channels!: ExchangeChannelStatus[];
}

@ObjectType({ description: '一个交换批次 (one batch sent to the province)' })
export class ExchangeBatch {
  @Field(() => String, { description: '批次号，亦为接口推送的幂等键 (batch id, also the HTTP push\'s idempotency key)' })
  id!: string;

  @Field(() => String) channel!: string;

  @Field(() => String, { description: 'SENDING 发送中、DELIVERED 已写入待回执、ACCEPTED 全部接收、PARTIAL 部分被拒 (status)' })
  status!: string;

  @Field(() => Int) records!: number;
  @Field(() => Int) accepted!: number;
  @Field(() => Int) refused!: number;

  @Field(() => Int, { description: '发送次数（失败后按指数退避重发） (attempts; failures are retried with exponential backoff)' })
  attempts!: number;

  @Field(() => String) createdAt!: string;
  @Field(() => String, { nullable: true }) sentAt!: string | null;
  @Field(() => String, { nullable: true }) settledAt!: string | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
}

@ObjectType({ description: '一条记录版本在一个通道上的交换情况 (one record version on one channel)' })
export class ExchangeRecordVersion {
  @Field(() => String, { description: '类别:标识 (kind:id)' }) recordKey!: string;
  @Field(() => String) kind!: string;
  @Field(() => String, { description: '数据项代码 (item code)' }) itemCode!: string;
  @Field(() => String) recordId!: string;
  @Field(() => Int) version!: number;
  @Field(() => String, { description: 'UPSERT 新增或变更、DELETE 撤销 (op)' }) op!: string;
  @Field(() => String) channel!: string;
  @Field(() => String) status!: string;
  @Field(() => String, { nullable: true, description: '被拒或未发送的原因 (why refused or not sent)' }) reason!: string | null;
  @Field(() => String, { nullable: true }) batchId!: string | null;
  @Field(() => String) changedAt!: string;
  @Field(() => String) updatedAt!: string;
}

@ObjectType({ description: '重放的一步 (one step of a replay)' })
export class ExchangeReplayStep {
  @Field(() => Int, { description: '本步排队的记录版本数（各通道合计） (record versions queued by this step, all channels)' })
  queued!: number;

  @Field(() => String, { nullable: true, description: '下一步的 after；为 null 时重放已全部排队 (the next step\'s after; null when the replay is all queued)' })
  next!: string | null;
}

export const ExchangeBatchConnection = connectionType(ExchangeBatch, 'ExchangeBatch', '交换批次');
export const ExchangeRecordVersionConnection = connectionType(ExchangeRecordVersion, 'ExchangeRecordVersion', '交换记录版本');
