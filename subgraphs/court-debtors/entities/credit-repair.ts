import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { RepairStatus } from './enums.js';

/** 信用修复申请 (seed 004 §四(九)): approved, the record is REPAIRED and stops counting. */
@Entity({ tableName: 'credit_repair' })
@ObjectType('CreditRepairApplication', { description: '信用修复申请 (a credit repair application)' })
export class CreditRepair {
  [OptionalProps]?: 'status' | 'decidedAt' | 'decidedBy' | 'decisionNote' | 'evidence';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  @Index()
  @Field(() => String, { description: '案号 (case number)' })
  caseNumber!: string;

  /** The token subject (no length limit). */
  @Property({ type: 'text' })
  appliedBy!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '纠正失信行为、消除不良影响的措施 (what was done to correct the behaviour and its effects)' })
  measures!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '佐证材料说明 (evidence)' })
  evidence: string | null = null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '申请日期 (date applied)' })
  appliedAt!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => RepairStatus, { description: '状态 (status)' })
  status: RepairStatus = RepairStatus.PENDING;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '决定日期 (date decided)' })
  decidedAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  decidedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审核意见 (decision notes)' })
  decisionNote: string | null = null;
}
