import { Entity, Index, OptionalProps, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DECISION_STATUS, onePendingPerRecord, RepairColumns } from '../../kit/index.js';
import { RepairStatus } from './enums.js';

/**
 * 信用修复申请 (seed 004 §四(九)), in the kit's model of repair (`subgraphs/kit/remedies.ts`):
 * approved, the record is REPAIRED and stops counting.
 */
@Entity({ tableName: 'credit_repair' })
// At most one PENDING per case, kept by the store too (two requests at once): kit/remedies.ts.
@Unique(onePendingPerRecord<CreditRepair>('credit_repair', 'caseNumber'))
@ObjectType('CreditRepairApplication', { description: '信用修复申请 (a credit repair application)' })
export class CreditRepair extends RepairColumns {
  [OptionalProps]?: 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote' | 'evidence' | 'effectiveFrom';

  @Property({ type: 'string', length: 64 })
  @Index()
  @Field(() => String, { description: '案号 (case number)' })
  caseNumber!: string;

  @Property(DECISION_STATUS)
  @Field(() => RepairStatus, { description: '状态 (status)' })
  override status: RepairStatus = RepairStatus.PENDING;
}
