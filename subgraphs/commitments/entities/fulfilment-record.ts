import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Fulfilment, FulfilmentRecordKind } from './enums.js';

/**
 * 履行记录: one report of an item's fulfilment by its unit, or one finding by an auditor. Kept
 * whole and never rewritten (append-only in the store too): the item's status is derived from
 * them (fulfilment.rules.ts), so a self-report can be disputed and the dispute stays visible.
 */
@Entity({ tableName: 'commitment_fulfilment_record' })
@Index({ properties: ['itemId', 'id'] })
@ObjectType('FulfilmentRecord', { description: '履行记录：单位自报或审核认定 (a fulfilment record: the unit\'s report or an auditor\'s finding)' })
export class FulfilmentRecord {
  [OptionalProps]?: 'id';

  /** In the order recorded: the status is derived from the order. */
  @PrimaryKey({ type: 'integer', autoincrement: true })
  @Field(() => ID)
  id!: number;

  @Property({ type: 'string', length: 36 })
  itemId!: string;

  /** The item's unit and region, for the change feed (the record is written with its letter at hand). */
  @Property({ type: 'string', length: 18 })
  organizationUscc!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => FulfilmentRecordKind, { description: '类别 (kind)' })
  kind!: FulfilmentRecordKind;

  @Property({ type: 'string', length: 20 })
  @Field(() => Fulfilment, { description: '所报或认定的履行状态 (the state reported or found)' })
  fulfilment!: Fulfilment;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '佐证或认定依据 (evidence, or the grounds of a finding)' })
  evidence!: string | null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '梳理或核查日期 (date reviewed)' })
  reviewedAt!: string;

  /** The role that recorded it (ORGANIZATION, AUDITOR, ADMIN); the caller's id stays in the audit log. */
  @Property({ type: 'string', length: 16 })
  @Field(() => String, { description: '记录角色 (role that recorded it)' })
  recordedAs!: string;

  @Property({ type: 'string', length: 30 })
  @Field(() => String, { description: '记录时间 (when it was recorded, ISO 8601)' })
  recordedAt!: string;
}
