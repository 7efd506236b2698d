import { BigIntType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { MilestoneStatus, MilestoneType } from './enums.js';

/**
 * 履约节点 (OCDS implementation milestone). `paidFen` is the sum of the payments that settle
 * it, kept by every write that adds a payment, so that arrears are a column comparison.
 */
@Entity({ tableName: 'contract_milestone' })
@Index({ properties: ['contractId', 'dueDate'] })
@Directive('@key(fields: "id")')
@ObjectType('ContractMilestone', { description: '履约节点 (an implementation milestone)' })
export class ContractMilestone {
  [OptionalProps]?: 'amountFen' | 'paidFen' | 'dateMet' | 'updatedAt';

  /** contractId/localId */
  @PrimaryKey({ type: 'string', length: 120 })
  @Field(() => ID, { description: '节点标识：合同标识/节点编号 (global id: contract id/milestone id)' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  contractId!: string;

  @Property({ type: 'string', length: 48 })
  @Field(() => String, { description: '合同内的节点编号，即 OCDS milestones.id (id within the contract)' })
  localId!: string;

  @Property({ type: 'string', length: 300 })
  @Field(() => String, { description: '节点名称 (title)' })
  title!: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => MilestoneType, { description: '类型 (type)' })
  type!: MilestoneType;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '约定期限 (due date)' })
  dueDate!: string;

  @Property({ type: new BigIntType('number'), nullable: true })
  amountFen: number | null = null;

  @Property({ type: new BigIntType('number') })
  paidFen: number = 0;

  @Property({ type: 'string', length: 16 })
  @Field(() => MilestoneStatus, { description: '状态 (status)' })
  status!: MilestoneStatus;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '完成日期 (date met)' })
  dateMet: string | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
