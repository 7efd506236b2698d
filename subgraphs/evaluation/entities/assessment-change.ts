import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { DeductionResult, WarningResult } from '../assessment.rules.js';

/**
 * The history of an organization's assessment: one row each time its score, grade, warnings or
 * deductions changed, with the deductions that came and went and the changes that caused it,
 * so "why did 孙吴县统计局 drop from 92 to 74 in March?" has an answer, and the assessment as of
 * any past day can be rebuilt from the rows up to it (`integrity(asOf:)`). Append-only.
 */
@Entity({ tableName: 'assessment_change' })
@Index({ properties: ['uscc', 'id'] })
export class AssessmentChange {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 30 })
  at!: string;

  /** Null on the first assessment. */
  @Property({ type: 'integer', nullable: true })
  scoreTenthsBefore!: number | null;

  @Property({ type: 'integer' })
  scoreTenthsAfter!: number;

  @Property({ type: 'string', length: 1, nullable: true })
  gradeBefore!: string | null;

  @Property({ type: 'string', length: 1 })
  gradeAfter!: string;

  @Property({ type: 'json' })
  deductionsAdded!: DeductionResult[];

  @Property({ type: 'json' })
  deductionsRemoved!: DeductionResult[];

  /** Warning kinds raised and cleared by this change. */
  @Property({ type: 'json' })
  warningsRaised!: string[];

  @Property({ type: 'json' })
  warningsCleared!: string[];

  /** The warnings in force after this change, whole (null on rows written before they were kept). */
  @Property({ type: 'json', nullable: true })
  warningsAfter!: WarningResult[] | null;

  @Property({ type: 'string', length: 32 })
  ruleSetId!: string;

  @Property({ type: 'json' })
  causes!: string[];
}
