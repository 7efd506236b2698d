import { Field, Float, InputType, Int } from 'type-graphql';
import { AssessmentResult, CourseType, IntegrityRecordKind, TrainingForm, TrainingTopic } from './entities/enums.js';

@InputType({ description: '年度培训计划 (an annual training plan); 按单位与年度幂等 (idempotent by unit and year)' })
export class TrainingPlanInput {
  @Field(() => String, { description: '单位统一社会信用代码 (the unit\'s USCC)' })
  organizationUscc!: string;

  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Field(() => Int, { description: '计划培训场次 (planned sessions)' })
  plannedSessions!: number;

  @Field(() => Int, { description: '计划培训人次 (target participants)' })
  targetParticipants!: number;

  @Field(() => [TrainingTopic], { description: '计划培训内容 (planned topics)' })
  topics!: TrainingTopic[];

  @Field(() => String, { nullable: true, description: '备注 (notes)' })
  notes?: string | null;
}

@InputType({ description: '培训场次 (a training session)' })
export class TrainingSessionInput {
  @Field(() => String, { description: '培训名称 (title)' })
  title!: string;

  @Field(() => String, { description: '主办单位统一社会信用代码 (organizing unit\'s USCC)' })
  organizingUnitUscc!: string;

  @Field(() => String, { description: '培训日期 YYYY-MM-DD (date)' })
  date!: string;

  @Field(() => Float, { description: '学时，0.5的整数倍 (hours, a multiple of 0.5)' })
  hours!: number;

  @Field(() => TrainingForm, { description: '培训形式 (form)' })
  form!: TrainingForm;

  @Field(() => [TrainingTopic], { description: '培训内容 (topics)' })
  topics!: TrainingTopic[];

  @Field(() => CourseType, { description: '所属培训体系 (course)' })
  courseType!: CourseType;

  @Field(() => String, { nullable: true, description: '内容简介 (description)' })
  description?: string | null;
}

@InputType({ description: '培训场次筛选 (session filter)' })
export class TrainingSessionFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（按主办单位代码第3–8位，含下级） (region, from the organizing unit\'s USCC, with subregions)' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '主办单位 (organizing unit)' })
  organizingUnitUscc?: string | null;

  @Field(() => Int, { nullable: true, description: '年度 (year)' })
  year?: number | null;

  @Field(() => TrainingTopic, { nullable: true, description: '含有该培训内容 (has this topic)' })
  topic?: TrainingTopic | null;

  @Field(() => CourseType, { nullable: true, description: '所属培训体系 (course)' })
  courseType?: CourseType | null;

  @Field(() => Boolean, { nullable: true, description: '仅计入覆盖率的诚信、信用知识培训 (only sessions that count for coverage)' })
  countsForCoverage?: boolean | null;
}

@InputType({ description: '培训计划筛选 (plan filter)' })
export class TrainingPlanFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（按单位代码第3–8位，含下级） (region, from USCC positions 3–8, with subregions)' })
  regionCode?: string | null;

  @Field(() => Int, { nullable: true, description: '年度 (year)' })
  year?: number | null;
}

@InputType({ description: '参训记录导入行 (an attendance row); 按场次与人员幂等 (idempotent by session and official)' })
export class TrainingAttendanceInput {
  @Field(() => String, { description: '参训人身份号码：仅用于计算化名，不保存 (ID number: turned into the pseudonym, never stored)' })
  idNumber!: string;

  @Field(() => String, { description: '培训场次标识 (session id)' })
  sessionId!: string;

  @Field(() => String, { description: '参训人当时所在单位的统一社会信用代码，覆盖率按此单位统计 (USCC of the official\'s unit at the time: coverage counts for this unit)' })
  organizationUscc!: string;

  @Field(() => Float, { nullable: true, description: '获得学时，默认为场次学时 (hours attended, default the session\'s hours)' })
  hours?: number | null;

  @Field(() => Boolean, { description: '是否合格 (passed)' })
  passed!: boolean;

  @Field(() => Float, { nullable: true, description: '成绩，0–100 (score)' })
  score?: number | null;
}

@InputType({ description: '年度考核结果导入行 (an annual assessment row); 按人员与年度幂等 (idempotent by official and year)' })
export class AnnualAssessmentInput {
  @Field(() => String, { description: '身份号码：仅用于计算化名，不保存 (ID number: turned into the pseudonym, never stored)' })
  idNumber!: string;

  @Field(() => Int, { description: '考核年度 (year)' })
  year!: number;

  @Field(() => AssessmentResult, { description: '考核结果 (result)' })
  result!: AssessmentResult;

  @Field(() => String, { description: '当年所在单位统一社会信用代码 (unit\'s USCC that year)' })
  organizationUscc!: string;

  @Field(() => String, { description: '来源 (source)' })
  source!: string;
}

@InputType({ description: '诚信档案记录导入行 (an integrity record row); 按人员、类别与文号幂等 (idempotent by official, kind and document number)' })
export class IntegrityRecordInput {
  @Field(() => String, { description: '身份号码：仅用于计算化名，不保存 (ID number: turned into the pseudonym, never stored)' })
  idNumber!: string;

  @Field(() => IntegrityRecordKind, { description: '类别 (kind)' })
  kind!: IntegrityRecordKind;

  @Field(() => String, { description: '日期 YYYY-MM-DD (date)' })
  date!: string;

  @Field(() => String, { description: '事由 (what happened)' })
  description!: string;

  @Field(() => String, { description: '来源单位 (source)' })
  source!: string;

  @Field(() => String, { description: '文号或登记编号 (document or register number)' })
  reference!: string;

  @Field(() => String, { nullable: true, description: '当时所在单位统一社会信用代码 (unit\'s USCC at the time)' })
  organizationUscc?: string | null;
}
