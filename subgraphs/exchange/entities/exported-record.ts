import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The newest version of each record the exchange has sent up, by kind and id: what the next
 * fetch is compared with (same digest: nothing to send) and what a DELETE is decided from (sent
 * under this scope before, missing now). One row per record, rewritten at each new version.
 */
@Entity({ tableName: 'exported_record' })
@Index({ properties: ['scope', 'kind'] })
@Index({ properties: ['changedAt'] })
export class ExportedRecord {
  /** "DEBTOR_RECORD:(2025)黑11执287号". */
  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'string', length: 64 })
  kind!: string;

  @Property({ type: 'string', length: 200 })
  recordId!: string;

  /** The organization (USCC) or region period ("231100:2026H2") it was fetched under. */
  @Property({ type: 'string', length: 64 })
  scope!: string;

  /** 1 for the first version sent, +1 at each change (the province's idempotent key is kind, id and version). */
  @Property({ type: 'integer' })
  version!: number;

  /** UPSERT or DELETE. */
  @Property({ type: 'string', length: 8 })
  op!: string;

  @Property({ type: 'string', length: 64 })
  digest!: string;

  /** The catalogue's fields of this version (JSON), null for a DELETE. */
  @Property({ type: 'text', nullable: true })
  data: string | null = null;

  /** When this version was made (ISO 8601, UTC). */
  @Property({ type: 'string', length: 30 })
  changedAt!: string;

  /** The feed entry (or rebuild) that made it: "court-debtors#812". */
  @Property({ type: 'string', length: 128 })
  cause!: string;
}
