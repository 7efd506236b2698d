import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** One audited request: a read of personal data by a privileged caller, or any write. */
@Entity({ tableName: 'audit_entry' })
export class AuditEntry {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 30 })
  at!: string;

  @Property({ type: 'string', length: 64 })
  requestId!: string;

  @Property({ type: 'string' })
  callerId!: string;

  @Property({ type: 'string' })
  roles!: string;

  /** "query", "mutation", or "export" (the gateway's explorer export: outcome "exported N rows as csv"). */
  @Property({ type: 'string', length: 16 })
  operationType!: string;

  @Property({ type: 'string', nullable: true })
  operationName!: string | null;

  /** SHA-256 of the operation with its literals blanked (blankedOperation); entries before 2026-12-02 hashed the text as sent. */
  @Property({ type: 'string', length: 64 })
  queryHash!: string;

  @Property({ type: 'json' })
  variables!: unknown;

  /** Personal fields returned, as "Type.field" → number of values. */
  @Property({ type: 'json' })
  personalFields!: Record<string, number>;

  /** "ok", or the error codes returned; for an export, "exported N rows as <format>". */
  @Property({ type: 'string' })
  outcome!: string;
}
