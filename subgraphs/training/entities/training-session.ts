import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CourseType, TrainingForm } from './enums.js';
import { SessionRepository } from '../session.repository.js';

/**
 * 培训场次: one session (班次) organised by a unit. Hours are multiples of half an hour,
 * exact in a binary double, so sums of hours stay exact.
 */
@Entity({ tableName: 'training_session', repository: () => SessionRepository })
@Index({ properties: ['organizingUnitUscc', 'year'] })
@Index({ properties: ['regionCode', 'year'] })
@ObjectType('TrainingSession', { description: '诚信教育培训场次 (a training session)' })
export class TrainingSession {
  [EntityRepositoryType]?: SessionRepository;
  [OptionalProps]?: 'description' | 'cancelledAt' | 'cancelReason' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '场次标识 (session id)' })
  id!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '培训名称 (title)' })
  title!: string;

  @Property({ type: 'string', length: 18 })
  organizingUnitUscc!: string;

  /** GB/T 2260 code from the organizing unit's USCC (positions 3–8): for region filters. */
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '培训日期 YYYY-MM-DD (date)' })
  date!: string;

  /** The date's year, stored for indexed per-year figures. */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Property({ type: 'double', runtimeType: 'number' })
  @Field(() => Float, { description: '学时 (hours, in half hours)' })
  hours!: number;

  @Property({ type: 'string', length: 16 })
  @Field(() => TrainingForm, { description: '培训形式 (form)' })
  form!: TrainingForm;

  /** Sorted topic names joined by commas: filterable with LIKE on SQLite and PostgreSQL alike. */
  @Property({ type: 'string', length: 100 })
  topicList!: string;

  /** Whether a topic is integrity or credit knowledge (the sessions that count for coverage). */
  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '是否为诚信或信用知识培训，计入培训覆盖率 (integrity or credit-knowledge session: counts for coverage)' })
  countsForCoverage!: boolean;

  @Property({ type: 'string', length: 16 })
  @Field(() => CourseType, { description: '所属培训体系：公务员培训、领导干部进修等 (course: civil-servant training, leadership course …)' })
  courseType!: CourseType;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '内容简介 (description)' })
  description: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '取消日期 (date cancelled)' })
  cancelledAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '取消理由 (reason for cancelling)' })
  cancelReason: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
