import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { BreachingParty } from './enums.js';

/** 违约记录: a breach by either party, and whether it was remedied. */
@Entity({ tableName: 'contract_breach' })
@Directive('@key(fields: "id")')
@ObjectType('ContractBreach', { description: '违约记录 (a breach of the contract)' })
export class ContractBreach {
  [OptionalProps]?: 'remedied' | 'remediedAt' | 'remedyNote' | 'updatedAt';

  /** contractId/localId */
  @PrimaryKey({ type: 'string', length: 120 })
  @Field(() => ID, { description: '违约记录标识：合同标识/记录编号 (global id: contract id/breach id)' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  @Index()
  contractId!: string;

  @Property({ type: 'string', length: 48 })
  @Field(() => String, { description: '合同内的记录编号 (id within the contract)' })
  localId!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '违约日期 (date)' })
  date!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => BreachingParty, { description: '违约方 (breaching party)' })
  party!: BreachingParty;

  @Property({ type: 'text' })
  @Field(() => String, { description: '违约情形 (what happened)' })
  description!: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '是否已纠正 (remedied?)' })
  remedied: boolean = false;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '纠正日期 (date remedied)' })
  remediedAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '纠正情况 (how it was remedied)' })
  remedyNote: string | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
