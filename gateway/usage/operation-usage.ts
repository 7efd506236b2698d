import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * How often one operation (by the SHA-256 of its text with literals blanked, as the audit log's queryHash) was run by one
 * client (the apollographql-client-name header), and when first and last. The text is kept with
 * its literals blanked (an ID number typed into a query is not kept), so `npm run schema:check`
 * can validate what clients really run against a proposed schema.
 */
@Entity({ tableName: 'operation_usage' })
export class OperationUsage {
  @PrimaryKey({ type: 'string', length: 64 })
  queryHash!: string;

  @PrimaryKey({ type: 'string', length: 64 })
  clientName!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  operationName!: string | null;

  @Property({ type: 'string', length: 16 })
  operationType!: string;

  @Property({ type: 'text' })
  document!: string;

  /** bigint: one portal operation passes 2³¹ runs in weeks at province scale. */
  @Property({ type: new BigIntType('number') })
  count!: number;

  @Property({ type: 'string', length: 30 })
  firstSeen!: string;

  @Property({ type: 'string', length: 30, index: true })
  lastSeen!: string;
}

/** One row of usage, as stored and as GET /usage answers it. */
export type UsageRecord = Pick<OperationUsage, 'queryHash' | 'clientName' | 'operationName' | 'operationType' | 'document' | 'count' | 'firstSeen' | 'lastSeen'>;
