import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One entry of a subgraph's change feed (a transactional outbox): written in the same
 * transaction as the change it describes, so a committed write always has its entry and a
 * rolled-back one never does. `seq` orders the feed; the keys name what the change touches, so
 * a consumer (evaluation's read model, the gateway's cache, the exchange) knows what to fetch
 * again through the supergraph.
 */
@Entity({ tableName: 'change_feed' })
export class ChangeEntry {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  /** When the change was written (ISO 8601, UTC). */
  @Index()
  @Property({ type: 'string', length: 30 })
  at!: string;

  /** The kind of record changed, e.g. DebtorRecord, CommitmentLetter. */
  @Property({ type: 'string', length: 64 })
  entity!: string;

  /** create, update or delete. */
  @Property({ type: 'string', length: 16 })
  operation!: string;

  /** The changed records' own ids (case numbers, letter ids, …), at most a batch's worth. */
  @Property({ type: 'json' })
  ids!: string[];

  /** Organizations (USCC) the change touches. */
  @Property({ type: 'json' })
  organizations!: string[];

  /** Officials (pseudonym) the change touches. */
  @Property({ type: 'json' })
  officials!: string[];

  /** Regions (code) the change touches. */
  @Property({ type: 'json' })
  regions!: string[];
}
