import { Entity, Index, OptionalProps, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DECISION_STATUS, ObjectionColumns, onePendingPerRecord } from '../../kit/index.js';
import { DishonestyObjectionStatus } from './enums.js';

/**
 * 异议 (seed 004 §四(九) "信用信息异议处理、核实期间暂不执行联合惩戒措施"), in the kit's model
 * (`subgraphs/kit/remedies.ts`): while it is examined the record is UNDER_OBJECTION and its
 * sanctions SUSPENDED. At most one is pending per record.
 */
@Entity({ tableName: 'dishonesty_objection' })
// At most one PENDING per record, kept by the store too (two requests at once): kit/remedies.ts.
@Unique(onePendingPerRecord<DishonestyObjection>('dishonesty_objection', 'recordId'))
@ObjectType('DishonestyObjection', { description: '对政务失信记录的异议 (an objection to a dishonesty record)' })
export class DishonestyObjection extends ObjectionColumns {
  [OptionalProps]?: 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote' | 'filerUscc';

  @Property({ type: 'string', length: 36 })
  @Index()
  @Field(() => String, { description: '记录标识 (the record\'s id)' })
  recordId!: string;

  @Property(DECISION_STATUS)
  @Field(() => DishonestyObjectionStatus, { description: '状态 (status)' })
  override status: DishonestyObjectionStatus = DishonestyObjectionStatus.PENDING;
}
