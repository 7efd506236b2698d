import { Entity, Index, OptionalProps, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DECISION_STATUS, onePendingPerRecord, RepairColumns } from '../../kit/index.js';
import { DishonestyRepairStatus } from './enums.js';

/**
 * 信用修复申请 (seed 004 §四(九) "信用修复结果生效后，失信惩戒措施应给予解除"), in the kit's model
 * (`subgraphs/kit/remedies.ts`): approved, the record is REPAIRED and its sanctions LIFTED.
 */
@Entity({ tableName: 'dishonesty_repair' })
// At most one PENDING per record, kept by the store too (two requests at once): kit/remedies.ts.
@Unique(onePendingPerRecord<DishonestyRepair>('dishonesty_repair', 'recordId'))
@ObjectType('DishonestyRepairApplication', { description: '政务失信记录的信用修复申请 (a credit repair application for a dishonesty record)' })
export class DishonestyRepair extends RepairColumns {
  [OptionalProps]?: 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote' | 'evidence' | 'effectiveFrom';

  @Property({ type: 'string', length: 36 })
  @Index()
  @Field(() => String, { description: '记录标识 (the record\'s id)' })
  recordId!: string;

  @Property(DECISION_STATUS)
  @Field(() => DishonestyRepairStatus, { description: '状态 (status)' })
  override status: DishonestyRepairStatus = DishonestyRepairStatus.PENDING;
}
