import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ObjectionStatus } from './enums.js';

/**
 * 异议 (seed 004 §四(九)): while it is examined the record is UNDER_OBJECTION and carries
 * no punishment. At most one is pending per record.
 */
@Entity({ tableName: 'debtor_objection' })
@ObjectType('DebtorObjection', { description: '对失信记录的异议 (an objection to a debtor record)' })
export class DebtorObjection {
  [OptionalProps]?: 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote' | 'filerUscc';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  @Index()
  @Field(() => String, { description: '案号 (case number)' })
  caseNumber!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => String, { description: '提出方角色：ORGANIZATION（被执行单位）或 AUDITOR (role of the filer)' })
  filedByRole!: string;

  @Property({ type: 'string', length: 18, nullable: true })
  @Field(() => String, { nullable: true, description: '提出异议的单位代码（被执行单位提出时） (USCC of the objecting unit, when the debtor filed it)' })
  filerUscc: string | null = null;

  /** The token subject (no length limit). */
  @Property({ type: 'text' })
  filedBy!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '异议理由 (grounds)' })
  reason!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '提出日期 (date filed)' })
  filedAt!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => ObjectionStatus, { description: '状态 (status)' })
  status: ObjectionStatus = ObjectionStatus.PENDING;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '决定日期 (date decided)' })
  decidedAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  decidedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审查意见 (decision notes)' })
  decisionNote: string | null = null;
}
