import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { badInput, requireYear, today, type SubgraphContext } from '../kit/index.js';
import { Organization } from './entities/federated.js';
import { TrainingPlan } from './entities/training-plan.js';
import type { TrainingLoaders } from './loaders.js';
import { summarize, TrainingSummary } from './reports/summary.js';

type Context = SubgraphContext<TrainingLoaders>;

const REQUIRES_OFFICIAL_COUNT = '@requires(fields: "officialCount")';

const currentYear = () => Number(today().slice(0, 4));

/** The registry's count arrives in the representation (@requires); without it there is no rate to give. */
function officialCountOf(organization: Organization): number {
  if (typeof organization.officialCount !== 'number') {
    throw badInput('缺少机构编制子图提供的 officialCount，请经网关查询 (officialCount from the registry is missing: query through the gateway)', { field: 'officialCount' });
  }
  return organization.officialCount;
}

@Resolver(() => Organization)
export class OrganizationTrainingResolver {
  @Directive(REQUIRES_OFFICIAL_COUNT)
  @FieldResolver(() => TrainingSummary, { nullable: true, description: '年度诚信教育培训概况，默认本年；公开（只有人数与比率） (the year\'s training summarised, default this year; public: counts and rates only)' })
  async trainingSummary(
    @Root() organization: Organization,
    @Arg('year', () => Int, { nullable: true, description: '年度，默认本年 (year, default this year)' }) year: number | null,
    @Ctx() { loaders }: Context,
  ): Promise<TrainingSummary> {
    const forYear = year == null ? currentYear() : requireYear(year);
    return summarize(await loaders.figures.load({ uscc: organization.uscc, year: forYear }), officialCountOf(organization));
  }

  @Directive(REQUIRES_OFFICIAL_COUNT)
  @FieldResolver(() => TrainingSummary, { nullable: true, description: '本年度培训概况，无参数，供评价子图 @requires 使用 (this year\'s summary, without arguments, for the evaluation subgraph\'s @requires)' })
  async currentTrainingSummary(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<TrainingSummary> {
    return summarize(await loaders.figures.load({ uscc: organization.uscc, year: currentYear() }), officialCountOf(organization));
  }

  @FieldResolver(() => TrainingPlan, { nullable: true, description: '年度培训计划，默认本年 (the unit\'s plan for a year, default this year)' })
  trainingPlan(@Root() organization: Organization, @Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() { loaders }: Context): Promise<TrainingPlan | null> {
    return loaders.plan.load({ uscc: organization.uscc, year: year == null ? currentYear() : requireYear(year) });
  }
}
