import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ComplaintActionKind } from './enums.js';

/**
 * One step of a complaint's handling trail. Append-only: no mutation rewrites or removes a
 * step, and store triggers (ensureAppendOnlyTriggers in complaint.repository.ts) refuse UPDATE and DELETE of this table.
 * (complaintId, seq) is unique, so two concurrent appends cannot both take the same place.
 */
@Entity({ tableName: 'contract_complaint_action' })
@Unique({ properties: ['complaintId', 'seq'] })
@ObjectType('ContractComplaintAction', { description: '投诉办理记录，只增不改 (a step in handling a complaint; append-only)' })
export class ContractComplaintAction {
  [OptionalProps]?: 'note' | 'authority' | 'recordedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '记录标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 36 })
  @Index()
  complaintId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '序号，从1开始 (position in the trail, from 1)' })
  seq!: number;

  @Property({ type: 'string', length: 16 })
  @Field(() => ComplaintActionKind, { description: '类型 (kind)' })
  kind!: ComplaintActionKind;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '日期 (date)' })
  date!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '经办账号 (who: the account that acted)' })
  by!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明 (note)' })
  note: string | null = null;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '移送的有权机关 (the authority a referral went to)' })
  authority: string | null = null;

  @Property({ type: 'datetime' })
  recordedAt: Date = new Date();
}
