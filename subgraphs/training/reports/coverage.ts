import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ratio, type EntityManager } from '../../kit/index.js';
import { Region } from '../entities/federated.js';
import { trainedOfficials, unitFigures } from './figures.js';
import { coverageRate, hoursPer, TRAINING_COVERAGE_TARGET } from './summary.js';

/**
 * 培训覆盖率 of a region and its subregions in a year. The registry's organizations of the
 * region and their officials come from this subgraph's copy of the registry (kept from the
 * registry's change feed, kit/registry-mirror.ts); this subgraph counts sessions, plans and
 * the distinct officials those organizations sent to integrity or credit sessions.
 */
@ObjectType('TrainingCoverageReport', { description: '区域诚信教育培训覆盖率 (training coverage of a region and its subregions in a year)' })
export class TrainingCoverageReport {
  @Field(() => String, { description: '行政区划代码 (region code)' })
  regionCode!: string;

  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Field(() => Region, { description: '行政区划 (region)' })
  region!: Region;

  @Field(() => Int, { description: '区划内单位数（取自机构编制子图） (organizations in the region and below, from the registry)' })
  organizations!: number;

  @Field(() => Int, { description: '制定了年度培训计划的单位数 (organizations with a plan for the year)' })
  organizationsWithPlan!: number;

  @Field(() => Int, { description: '已完成年度计划的单位数：已开展场次不少于计划场次 (organizations whose held sessions reach their planned sessions)' })
  organizationsMeetingPlan!: number;

  @Field(() => Float, { nullable: true, description: '计划完成率 = 完成计划的单位 ÷ 有计划的单位 (organizations meeting their plan ÷ organizations with a plan; null when none planned)' })
  planCompletionRate!: number | null;

  @Field(() => Int, { description: '区划内单位主办且已举办的场次 (held sessions organised by the region\'s organizations)' })
  sessionsHeld!: number;

  @Field(() => Int, { description: '在职公职人员数（区划及下级，取自机构编制子图） (officials in the region and below, from the registry)' })
  officialCount!: number;

  @Field(() => Int, { description: '参加过诚信或信用知识培训的人数（去重） (distinct officials at an integrity or credit-knowledge session)' })
  officialsTrained!: number;

  @Field(() => Int, { description: '其中合格人数 (of whom passed)' })
  officialsPassed!: number;

  @Field(() => Float, { nullable: true, description: '培训覆盖率 = 参训人数 ÷ 在职人数（至多为1） (coverage = trained ÷ officials, at most 1; null without officials)' })
  coverageRate!: number | null;

  @Field(() => Float, { description: '总学时 (hours attended, every topic)' })
  trainingHours!: number;

  @Field(() => Float, { nullable: true, description: '人均学时 (hours per official)' })
  hoursPerOfficial!: number | null;

  @Field(() => Float, { description: '覆盖率目标 80% (coverage target)' })
  target!: number;

  @Field(() => Boolean, { nullable: true, description: '覆盖率是否达标 (coverage meets the target; null without officials)' })
  meetsTarget!: boolean | null;
}

/** The report for a region, given the registry's figures for it. */
export async function computeTrainingCoverage(
  em: EntityManager,
  regionCode: string,
  year: number,
  registry: { officialCount: number; organizationUsccs: string[] },
): Promise<TrainingCoverageReport> {
  const usccs = registry.organizationUsccs;
  const figures = [...(await unitFigures(em, usccs.map((uscc) => ({ uscc, year })))).values()];
  const { trained, passed } = await trainedOfficials(em, usccs, year);
  const withPlan = figures.filter((f) => f.plannedSessions !== null);
  const meetingPlan = withPlan.filter((f) => f.sessionsHeld >= f.plannedSessions!).length;
  const hours = figures.reduce((sum, f) => sum + f.trainingHours, 0);
  const rate = coverageRate(trained.size, registry.officialCount);
  return {
    regionCode,
    year,
    region: { code: regionCode },
    organizations: usccs.length,
    organizationsWithPlan: withPlan.length,
    organizationsMeetingPlan: meetingPlan,
    planCompletionRate: ratio(meetingPlan, withPlan.length, null),
    sessionsHeld: figures.reduce((sum, f) => sum + f.sessionsOrganized, 0),
    officialCount: registry.officialCount,
    officialsTrained: trained.size,
    officialsPassed: passed.size,
    coverageRate: rate,
    trainingHours: hours,
    hoursPerOfficial: hoursPer(hours, registry.officialCount),
    target: TRAINING_COVERAGE_TARGET,
    meetsTarget: rate === null ? null : rate >= TRAINING_COVERAGE_TARGET,
  };
}
