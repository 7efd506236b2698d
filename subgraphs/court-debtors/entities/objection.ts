import { Entity, Index, OptionalProps, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DECISION_STATUS, ObjectionColumns, onePendingPerRecord } from '../../kit/index.js';
import { ObjectionStatus } from './enums.js';

/**
 * 异议 (seed 004 §四(九)), in the kit's model of objections (`subgraphs/kit/remedies.ts`): while it
 * is examined the record is UNDER_OBJECTION and carries no punishment. At most one is pending per record.
 */
@Entity({ tableName: 'debtor_objection' })
// At most one PENDING per case, kept by the store too (two requests at once): kit/remedies.ts.
@Unique(onePendingPerRecord<DebtorObjection>('debtor_objection', 'caseNumber'))
@ObjectType('DebtorObjection', { description: '对失信记录的异议 (an objection to a debtor record)' })
export class DebtorObjection extends ObjectionColumns {
  [OptionalProps]?: 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote' | 'filerUscc';

  @Property({ type: 'string', length: 64 })
  @Index()
  @Field(() => String, { description: '案号 (case number)' })
  caseNumber!: string;

  @Property(DECISION_STATUS)
  @Field(() => ObjectionStatus, { description: '状态 (status)' })
  override status: ObjectionStatus = ObjectionStatus.PENDING;
}
