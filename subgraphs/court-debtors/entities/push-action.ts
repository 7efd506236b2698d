import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { PushKind } from './enums.js';

/**
 * 督促履行: one measure taken to push a listed (or about-to-be-listed) body to perform,
 * by which unit and when, and the body's feedback. Keyed to the case, not the body, so a
 * corrected debtor code on the court list carries its actions along.
 */
@Entity({ tableName: 'push_action' })
@ObjectType('PushAction', { description: '督促履行措施 (a measure pushing a body to perform)' })
export class PushAction {
  [OptionalProps]?: 'note' | 'feedback' | 'feedbackAt' | 'createdAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  @Index()
  @Field(() => String, { description: '案号 (case number)' })
  caseNumber!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => PushKind, { description: '措施 (measure)' })
  kind!: PushKind;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '实施单位，如市营商环境建设监督局 (unit that took it)' })
  unit!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '实施日期 (date)' })
  actedAt!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明 (notes)' })
  note: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '被督促单位的反馈 (the body\'s feedback)' })
  feedback: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '反馈日期 (feedback date)' })
  feedbackAt: string | null = null;

  /** The token subject (no length limit). */
  @Property({ type: 'text' })
  recordedBy!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
