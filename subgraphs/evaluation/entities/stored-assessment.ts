import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { DeductionResult, WarningResult } from '../assessment.rules.js';

/**
 * The current assessment of one organization, as the read model keeps it: computed from the
 * inputs fetched through the supergraph when a change feed named the organization, and read by
 * every answer (the profile's `integrity`, rankings, region figures), so they all agree.
 *
 * Orders are kept ascending so one index serves each list on SQLite and PostgreSQL alike:
 * `sortKey` = 1000 − score × 10 (the best first), ties by USCC.
 */
@Entity({ tableName: 'assessment' })
@Index({ properties: ['listed', 'provinceCode', 'sortKey', 'uscc'] })
@Index({ properties: ['listed', 'cityCode', 'sortKey', 'uscc'] })
@Index({ properties: ['listed', 'regionCode', 'sortKey', 'uscc'] })
export class StoredAssessment {
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  /** The region the registry places it in, and the city and province that region lies in. */
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'string', length: 6 })
  cityCode!: string;

  @Property({ type: 'string', length: 6 })
  provinceCode!: string;

  /** The registry's kind and administrative tier (ranking filters). */
  @Property({ type: 'string', length: 32 })
  kind!: string;

  @Property({ type: 'string', length: 32 })
  level!: string;

  /** In rankings, warning lists and region figures: every non-classified body (classified ones are assessed, not listed). */
  @Property({ type: 'boolean' })
  listed!: boolean;

  /** The score in tenths (integers add up exactly in region figures). */
  @Property({ type: 'integer' })
  scoreTenths!: number;

  @Property({ type: 'integer' })
  sortKey!: number;

  @Property({ type: 'string', length: 1 })
  grade!: 'A' | 'B' | 'C' | 'D';

  @Property({ type: 'json' })
  deductions!: DeductionResult[];

  @Property({ type: 'json' })
  warnings!: Array<Omit<WarningResult, never>>;

  @Property({ type: 'integer' })
  warningCount!: number;

  /** The rule set applied (id, e.g. HH-2026-1, and its version). */
  @Property({ type: 'string', length: 32 })
  ruleSetId!: string;

  @Property({ type: 'integer' })
  ruleSetVersion!: number;

  /** The day the assessment holds for (dates move "overdue"; a new day re-assesses). */
  @Property({ type: 'string', length: 10 })
  assessedOn!: string;

  /**
   * The inputs' version: when their fetch through the supergraph started (ms since the epoch).
   * An older fetch never overwrites a newer one (two workers may fetch the same unit).
   */
  @Property({ type: 'bigint', runtimeType: 'number' })
  inputsAsOf!: number;

  /** The feed entries (or rebuild) that caused the last recomputation, e.g. "court-debtors#812". */
  @Property({ type: 'json' })
  causes!: string[];

  @Property({ type: 'string', length: 30 })
  updatedAt!: string;
}
