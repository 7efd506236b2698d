import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { IntegrityRecordKind } from './enums.js';

/**
 * 诚信档案记录: a commendation, a personal-matters report, a clean-governance record, or a
 * violation of law, discipline or contract, with its date, source and document number
 * (seed 004 §四(六)). Identified by official, kind and document number, so a re-import
 * updates instead of duplicating.
 */
@Entity({ tableName: 'integrity_record' })
@Unique({ properties: ['officialId', 'kind', 'reference'] })
@ObjectType('IntegrityRecord', { description: '诚信档案记录 (an integrity or violation record)' })
export class IntegrityRecord {
  [OptionalProps]?: 'organizationUscc' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 32 })
  officialId!: string;

  @Property({ type: 'string', length: 32 })
  @Field(() => IntegrityRecordKind, { description: '类别 (kind)' })
  kind!: IntegrityRecordKind;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '日期 YYYY-MM-DD (date)' })
  date!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '事由 (what happened)' })
  description!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '来源单位，如纪委监委、人民法院 (source)' })
  source!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '文号或登记编号 (document or register number)' })
  reference!: string;

  /** The official's unit at the time, when the source names it. */
  @Property({ type: 'string', length: 18, nullable: true })
  organizationUscc: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
