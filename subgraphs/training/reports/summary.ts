import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ratio } from '../../kit/index.js';
import type { UnitFigures } from './figures.js';

/**
 * Coverage a unit or region should reach: the evaluation subgraph's rule "training
 * coverage below 80 %" reads `meetsTarget` against it.
 */
export const TRAINING_COVERAGE_TARGET = 0.8;

/**
 * Trained ÷ officials, capped at 1: attendance carries the unit of its day, so after staff
 * moves a unit may count more trained people than the registry lists today.
 */
export function coverageRate(trained: number, officials: number): number | null {
  return officials === 0 ? null : Math.min(1, ratio(trained, officials, 0));
}

export function hoursPer(hours: number, officials: number): number | null {
  return officials === 0 ? null : Math.round((hours / officials) * 100) / 100;
}

/** 单位年度培训概况: the same for every caller (counts and rates only, no names). */
@ObjectType('TrainingSummary', { description: '单位年度诚信教育培训概况 (a unit\'s training in a year: counts and rates, no names)' })
export class TrainingSummary {
  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Field(() => Boolean, { description: '是否制定了年度培训计划 (whether the unit has a plan for the year)' })
  hasPlan!: boolean;

  @Field(() => Int, { description: '计划培训场次，无计划为0 (planned sessions; 0 without a plan)' })
  sessionsPlanned!: number;

  @Field(() => Int, { description: '计划培训人次，无计划为0 (target participants; 0 without a plan)' })
  targetParticipants!: number;

  @Field(() => Int, { description: '已开展场次：本单位人员参加的已举办场次（去重，各类培训内容） (sessions held for the unit: distinct held sessions its officials attended, every topic)' })
  sessionsHeld!: number;

  @Field(() => Int, { description: '本单位主办且已举办的场次 (held sessions the unit organised)' })
  sessionsOrganized!: number;

  @Field(() => Int, { description: '本单位主办、尚未举办的场次 (sessions the unit organised, still to come)' })
  sessionsScheduled!: number;

  @Field(() => Float, { nullable: true, description: '计划完成率 = 已开展 ÷ 计划场次，可超过1；无计划为 null (held ÷ planned, may exceed 1; null without a plan)' })
  planCompletionRate!: number | null;

  @Field(() => Int, { description: '在职公职人员数（取自机构编制子图） (officials, from the registry)' })
  officialCount!: number;

  @Field(() => Int, { description: '参加过诚信或信用知识培训的本单位人数（去重） (distinct officials of the unit at an integrity or credit-knowledge session)' })
  officialsTrained!: number;

  @Field(() => Int, { description: '其中合格人数 (of whom passed)' })
  officialsPassed!: number;

  @Field(() => Int, { description: '本单位人员参训人次（全部培训内容） (attendances of the unit\'s officials, every topic)' })
  participants!: number;

  @Field(() => Float, { nullable: true, description: '培训覆盖率 = 参训人数 ÷ 在职人数（至多为1）；无在职人员为 null (coverage = trained ÷ officials, at most 1; null without officials)' })
  coverageRate!: number | null;

  @Field(() => Float, { description: '本单位人员获得的总学时 (hours attended by the unit\'s officials)' })
  trainingHours!: number;

  @Field(() => Float, { nullable: true, description: '人均学时 = 总学时 ÷ 在职人数 (hours per official; null without officials)' })
  hoursPerOfficial!: number | null;

  @Field(() => Float, { description: '覆盖率目标 80% (coverage target)' })
  target!: number;

  @Field(() => Boolean, { nullable: true, description: '覆盖率是否达标；无在职人员为 null (coverage meets the target; null without officials)' })
  meetsTarget!: boolean | null;
}

export function summarize(figures: UnitFigures, officialCount: number): TrainingSummary {
  const rate = coverageRate(figures.officialsTrained, officialCount);
  return {
    year: figures.year,
    hasPlan: figures.plannedSessions !== null,
    sessionsPlanned: figures.plannedSessions ?? 0,
    targetParticipants: figures.targetParticipants ?? 0,
    sessionsHeld: figures.sessionsHeld,
    sessionsOrganized: figures.sessionsOrganized,
    sessionsScheduled: figures.sessionsScheduled,
    planCompletionRate: figures.plannedSessions === null ? null : ratio(figures.sessionsHeld, figures.plannedSessions, null),
    officialCount,
    officialsTrained: figures.officialsTrained,
    officialsPassed: figures.officialsPassed,
    participants: figures.participants,
    coverageRate: rate,
    trainingHours: figures.trainingHours,
    hoursPerOfficial: hoursPer(figures.trainingHours, officialCount),
    target: TRAINING_COVERAGE_TARGET,
    meetsTarget: rate === null ? null : rate >= TRAINING_COVERAGE_TARGET,
  };
}
