import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** What an amendment changed: a field, and its value before and after (amounts as decimal strings). */
@ObjectType('ContractChange', { description: '变更内容 (a field an amendment changed)' })
export class ContractChange {
  @Field(() => String, { description: '字段 (field)' })
  field!: string;

  @Field(() => String, { nullable: true, description: '变更前 (before)' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: '变更后 (after)' })
  to!: string | null;
}

/** 合同变更 (OCDS amendment): when, why, who decided it and who recorded it. */
@Entity({ tableName: 'contract_amendment' })
@ObjectType('ContractAmendment', { description: '合同变更 (an amendment)' })
export class ContractAmendment {
  [OptionalProps]?: 'description' | 'changes' | 'createdAt';

  /** contractId/localId */
  @PrimaryKey({ type: 'string', length: 120 })
  @Field(() => ID, { description: '变更标识：合同标识/变更编号 (global id: contract id/amendment id)' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  @Index()
  contractId!: string;

  @Property({ type: 'string', length: 48 })
  @Field(() => String, { description: '合同内的变更编号，即 OCDS amendments.id (id within the contract)' })
  localId!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '变更日期 (date)' })
  date!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '变更理由 (why: the rationale)' })
  rationale!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '变更说明 (description)' })
  description: string | null = null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '决定变更的单位或人员 (who decided the amendment)' })
  amendedBy!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '登记变更的账号 (the account that recorded it)' })
  recordedBy!: string;

  @Property({ type: 'json' })
  @Field(() => [ContractChange], { description: '变更内容（通过 amendContract 登记时） (the fields changed, when recorded through amendContract)' })
  changes: ContractChange[] = [];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
