import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { PppStage } from './enums.js';

/**
 * 项目责任回溯 (seed 003 §二(二)2): who was the government-side responsible official of a PPP
 * project in which stage and when. A change of official or stage closes the open entry and
 * opens a new one; entries are never rewritten, so responsibility can be traced back.
 * The official is stored by pseudonym only.
 */
@Entity({ tableName: 'ppp_responsibility' })
@ObjectType('PppResponsibility', { description: 'PPP项目政府方责任人任职记录 (the government-side responsible official of a PPP project in a stage)' })
export class PppResponsibility {
  [OptionalProps]?: 'until';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '记录标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  @Index()
  contractId!: string;

  @Property({ type: 'string', length: 32 })
  @Index()
  officialId!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => PppStage, { description: '项目阶段 (stage)' })
  stage!: PppStage;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '起始日期 (from)' })
  since!: string;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '截止日期，现任为 null (until; null while current)' })
  until: string | null = null;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '登记账号 (the account that recorded it)' })
  recordedBy!: string;
}
