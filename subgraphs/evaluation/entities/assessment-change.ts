import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { DeductionResult } from '../assessment.rules.js';

/**
 * The history of an organization's assessment: one row each time its score, grade or
 * warnings changed, with the deductions that came and went and the changes that caused it,
 * so "why did 孙吴县统计局 drop from 92 to 74 in March?" has an answer. Append-only.
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

  @Property({ type: 'string', length: 32 })
  ruleSetId!: string;

  @Property({ type: 'json' })
  causes!: string[];
}
