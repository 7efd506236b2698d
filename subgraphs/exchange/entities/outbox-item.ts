import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** Where a record version is on its way up, per channel. */
export enum DeliveryStatus {
  /** Waiting for a batch. */
  PENDING = 'PENDING',
  /** In a batch being sent (or re-sent after a failure or a crash: same batch, same key). */
  SENDING = 'SENDING',
  /** Written to the exchange database; the province's receipt not read yet. */
  DELIVERED = 'DELIVERED',
  ACCEPTED = 'ACCEPTED',
  /** The province refused it, with its reason; a corrected version is sent as a new version. */
  REFUSED = 'REFUSED',
  /** Never sent: the personal-data guard found a clear ID number or phone (the reason says where). */
  BLOCKED = 'BLOCKED',
  /** In a batch the province refused as a whole (see DeliveryBatch FAILED); ADMIN's replay sends the record again. */
  FAILED = 'FAILED',
}

/**
 * One record version to deliver on one channel, in the order made (`id`): written in the
 * transaction that stores the version and the feed cursors, so a crash loses none and makes none
 * twice. Holds the exact version sent, so a batch re-sent after a crash is the same batch.
 */
@Entity({ tableName: 'exchange_outbox' })
@Index({ properties: ['channel', 'status', 'id'] })
@Index({ properties: ['batchId'] })
@Index({ properties: ['recordKey'] })
@Index({ properties: ['channel', 'kind', 'status'] })
export class OutboxItem {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** exchange-database or http-push. */
  @Property({ type: 'string', length: 32 })
  channel!: string;

  @Property({ type: 'string', length: 255 })
  recordKey!: string;

  @Property({ type: 'string', length: 64 })
  kind!: string;

  @Property({ type: 'string', length: 64 })
  itemCode!: string;

  @Property({ type: 'string', length: 200 })
  recordId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 8 })
  op!: string;

  @Property({ type: 'text', nullable: true })
  data: string | null = null;

  /** The catalogue it was mapped by: "HH-PROVINCE-EXCHANGE-2026@1". */
  @Property({ type: 'string', length: 80 })
  catalogue!: string;

  @Property({ type: 'string', length: 30 })
  changedAt!: string;

  @Property({ type: 'string', length: 16 })
  status: DeliveryStatus = DeliveryStatus.PENDING;

  @Property({ type: 'string', length: 64, nullable: true })
  batchId: string | null = null;

  /** The province's reason for a refusal, or the guard's for a block. */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'string', length: 30 })
  updatedAt!: string;
}
