import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AssessmentResult } from './enums.js';

/** 年度考核结果, part of an official's integrity archive (诚信档案): one per official per year. */
@Entity({ tableName: 'annual_assessment' })
@Unique({ properties: ['officialId', 'year'] })
@ObjectType('AnnualAssessment', { description: '公职人员年度考核结果 (an official\'s annual assessment)' })
export class AnnualAssessment {
  [OptionalProps]?: 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 32 })
  officialId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '考核年度 (year assessed)' })
  year!: number;

  @Property({ type: 'string', length: 24 })
  @Field(() => AssessmentResult, { description: '考核结果：优秀、称职、基本称职、不称职 (result)' })
  result!: AssessmentResult;

  /** The unit the official served in that year. */
  @Property({ type: 'string', length: 18 })
  @Index()
  organizationUscc!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '来源，如考核机关 (source, e.g. the assessing body)' })
  source!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
