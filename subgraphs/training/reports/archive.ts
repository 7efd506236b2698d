import { Field, Int, ObjectType } from 'type-graphql';
import { AnnualAssessment } from '../entities/annual-assessment.js';
import { AssessmentResult } from '../entities/enums.js';
import { IntegrityRecord } from '../entities/integrity-record.js';

/** 公务员诚信档案 (seed 004 §四(六)): an input to appointment and awards, for AUDITOR and ADMIN only. */
@ObjectType('IntegrityArchive', { description: '公职人员诚信档案：年度考核结果与诚信、违法违纪违约记录 (an official\'s integrity archive: annual assessments and integrity or violation records)' })
export class IntegrityArchive {
  @Field(() => [AnnualAssessment], { description: '年度考核结果，新年度在前 (annual assessments, latest first)' })
  assessments!: AnnualAssessment[];

  @Field(() => AssessmentResult, { nullable: true, description: '最近一年的考核结果 (the latest result)' })
  latestResult!: AssessmentResult | null;

  @Field(() => [IntegrityRecord], { description: '诚信与违法违纪违约记录，新日期在前 (integrity and violation records, latest first)' })
  records!: IntegrityRecord[];

  @Field(() => Int, { description: '违法、违纪、违约记录数 (violations of law, discipline or contract)' })
  violationCount!: number;
}
