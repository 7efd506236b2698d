import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export enum BatchStatus {
  /** Being sent; re-sent as it is (same id, the idempotency key) after a failure or a restart. */
  SENDING = 'SENDING',
  /** In the exchange database; waiting for the province's receipts. */
  DELIVERED = 'DELIVERED',
  /** Every record accepted. */
  ACCEPTED = 'ACCEPTED',
  /** Receipts in, some records refused. */
  PARTIAL = 'PARTIAL',
  /** Refused as a whole in a way sending again cannot mend (a 4xx, an unreadable receipt): set aside, the channel goes on. */
  FAILED = 'FAILED',
}

/** One batch sent on one channel: its records are the outbox items carrying its id. */
@Entity({ tableName: 'delivery_batch' })
@Index({ properties: ['channel', 'status'] })
export class DeliveryBatch {
  /** Time-ordered (UUID v7): the batch id the province sees, and the HTTP push's idempotency key. */
  @PrimaryKey({ type: 'string', length: 64 })
  id!: string;

  @Property({ type: 'string', length: 32 })
  channel!: string;

  @Property({ type: 'string', length: 16 })
  status: BatchStatus = BatchStatus.SENDING;

  @Property({ type: 'integer' })
  records!: number;

  @Property({ type: 'integer' })
  accepted = 0;

  @Property({ type: 'integer' })
  refused = 0;

  /** Sending attempts so far (a failure is retried with exponential backoff). */
  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'string', length: 30 })
  createdAt!: string;

  @Property({ type: 'string', length: 30, nullable: true })
  sentAt: string | null = null;

  @Property({ type: 'string', length: 30, nullable: true })
  settledAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;
}
