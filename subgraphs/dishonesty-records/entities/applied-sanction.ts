import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { SanctionReason, SanctionState } from '../sanction.rules.js';
import { AppliedSanctionReason, AppliedSanctionState } from './enums.js';

/** One change of an applied sanction's state: the day, why, and the caller (token subject) who caused it. */
@ObjectType('AppliedSanctionEvent', { description: '惩戒措施的一次状态变化 (one change of an applied sanction\'s state)' })
export class SanctionEvent {
  @Field(() => AppliedSanctionState, { description: '变化后的状态 (the state it went to)' })
  state!: SanctionState;

  @Field(() => AppliedSanctionReason, { description: '原因 (why)' })
  reason!: SanctionReason;

  @Field(() => String, { description: '日期 YYYY-MM-DD (the day)' })
  at!: string;

  /** The token subject: not shown (a caller's id is the audit log's). */
  by!: string;
}

/**
 * 联合惩戒措施 (seed 004 §四(八)), as applied to one record: a measure of the sanctions catalogue
 * (catalogue/, sanction.rules.ts), named by catalogue id, version and measure id. Its wording, basis
 * and who applies it are read from that version (sanction.resolver.ts), which stays on file unchanged
 * once in force (a revision is a new version): what was applied, without copying some 270 bytes into
 * each of the ~4.5 sanctions a record brings on. Its stored state is what was decided; a term that
 * ends lifts it lazily (record.rules.ts effectiveSanction). The record's visibility is its own:
 * record.resolver.ts `sanctions`.
 */
@Entity({ tableName: 'applied_sanction' })
@Index({ properties: ['recordId'] })
@ObjectType('AppliedSanction', { description: '对一条政务失信记录实施的惩戒措施（黄石方案§四(八)） (a sanction applied for a dishonesty record; seed 004 §四(八))' })
export class AppliedSanction {
  [OptionalProps]?: 'rectificationDueDate' | 'rectificationExplanation' | 'rectificationReportedAt' | 'rectificationReportedBy' | 'history' | 'stateReason' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 36 })
  recordId!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '措施代码（清单中的标识） (measure id in the catalogue)' })
  measureId!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '惩戒措施清单标识 (catalogue id)' })
  catalogueId!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '清单版本 (catalogue version)' })
  catalogueVersion!: number;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '实施日期 YYYY-MM-DD (the day it was applied)' })
  appliedOn!: string;

  /** As decided; read through record.rules.ts effectiveSanction (a term that ends lifts it). */
  @Property({ type: 'string', length: 16 })
  state!: SanctionState;

  /** Why it is in its stored state, and since when. */
  @Property({ type: 'string', length: 24 })
  stateReason: SanctionReason = 'RECORD_DECIDED';

  @Property({ type: 'string', length: 10 })
  stateSince!: string;

  /** Seed 004 §四(八) "限期加以整改": the day the rectification is due, for a measure that asks for one. */
  @Property({ type: 'string', length: 10, nullable: true })
  rectificationDueDate: string | null = null;

  /** The unit's written explanation and its report of the rectification done (书面说明原因、整改情况). */
  @Property({ type: 'text', nullable: true })
  rectificationExplanation: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  rectificationReportedAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  rectificationReportedBy: string | null = null;

  @Property({ type: 'json' })
  @Field(() => [SanctionEvent], { description: '状态变化记录，先后为序 (each change of state, oldest first)' })
  history: SanctionEvent[] = [];

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
