import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CommitmentCategory, Fulfilment } from './enums.js';

/** 承诺事项: a numbered item of a letter, with its fulfilment and any lawful change. */
@Entity({ tableName: 'commitment_item' })
@Directive('@key(fields: "id")')
@ObjectType('CommitmentItem', { description: '承诺事项 (a numbered item of a commitment letter)' })
export class CommitmentItem {
  [OptionalProps]?: 'fulfilment' | 'evidence' | 'lastReviewedAt' | 'changeReason' | 'changeCompensation' | 'changedAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '事项标识 (item id)' })
  id!: string;

  @Property({ type: 'string', length: 36 })
  @Index()
  letterId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '序号 (item number)' })
  number!: number;

  @Property({ type: 'string', length: 32 })
  @Field(() => CommitmentCategory, { description: '承诺内容类别 (category)' })
  category!: CommitmentCategory;

  @Property({ type: 'text' })
  @Field(() => String, { description: '承诺内容 (content)' })
  content!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '兑现期限 (due date, YYYY-MM-DD)' })
  dueDate!: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => Fulfilment, { description: '履行状态 (fulfilment)' })
  fulfilment: Fulfilment = Fulfilment.NOT_DUE;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '履行佐证说明 (evidence notes)' })
  evidence: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '最近一次按季梳理日期 (date of the last quarterly review)' })
  lastReviewedAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '依法变更的法定理由 (legal reason of a lawful change)' })
  changeReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '变更对受损方的补偿 (compensation stated for the change)' })
  changeCompensation: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '变更日期 (date of the change)' })
  changedAt: string | null = null;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
