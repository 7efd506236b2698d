import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { TrainingTopic } from './enums.js';
import { PlanRepository } from '../plan.repository.js';

/** 年度培训计划: one per unit per year (seed 001 task 4: 各级党委、政府及其部门要制定年度培训计划). */
@Entity({ tableName: 'training_plan', repository: () => PlanRepository })
@Unique({ properties: ['organizationUscc', 'year'] })
@Index({ properties: ['regionCode', 'year'] })
@ObjectType('TrainingPlan', { description: '年度诚信教育培训计划 (a unit\'s annual training plan)' })
export class TrainingPlan {
  [EntityRepositoryType]?: PlanRepository;
  [OptionalProps]?: 'notes' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '计划标识 (plan id)' })
  id!: string;

  @Property({ type: 'string', length: 18 })
  organizationUscc!: string;

  /** GB/T 2260 code from USCC positions 3–8: for listing plans by region without the registry. */
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '计划培训场次 (planned sessions)' })
  plannedSessions!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '计划培训人次 (target participants)' })
  targetParticipants!: number;

  @Property({ type: 'json' })
  @Field(() => [TrainingTopic], { description: '计划培训内容 (planned topics)' })
  topics!: TrainingTopic[];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '备注 (notes)' })
  notes: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
