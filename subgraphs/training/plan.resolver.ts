import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionType, PageArgs, readPageArgs, requireUsccShape, requireYear, toPage, type SubgraphContext } from '../kit/index.js';
import { Organization } from './entities/federated.js';
import { TrainingPlan } from './entities/training-plan.js';
import { TrainingPlanFilter, TrainingPlanInput } from './inputs.js';
import type { TrainingLoaders } from './loaders.js';

type Context = SubgraphContext<TrainingLoaders>;

const TrainingPlanConnection = connectionType(TrainingPlan, 'TrainingPlan', '年度培训计划');

@Resolver(() => TrainingPlan)
export class PlanResolver {
  @Query(() => TrainingPlan, { nullable: true, description: '某单位某年度的培训计划 (a unit\'s plan for a year)' })
  trainingPlan(@Arg('organizationUscc', () => String) organizationUscc: string, @Arg('year', () => Int) year: number, @Ctx() { loaders }: Context): Promise<TrainingPlan | null> {
    return loaders.plan.load({ uscc: requireUsccShape(organizationUscc, 'organizationUscc'), year: requireYear(year) });
  }

  @Query(() => TrainingPlanConnection, { description: '培训计划列表 (plans)' })
  async trainingPlans(
    @Arg('filter', () => TrainingPlanFilter, { nullable: true }) filter: TrainingPlanFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(TrainingPlan).findPage(filter, window);
    return toPage(rows, window, (p) => p.id, total);
  }

  @FieldResolver(() => Organization, { description: '制定计划的单位 (the unit)' })
  organization(@Root() plan: TrainingPlan): Organization {
    return { uscc: plan.organizationUscc };
  }

  @Authorized('TRAINING')
  @Mutation(() => TrainingPlan, { description: '新增或替换某单位某年度的培训计划（组织部门） (create or replace a unit\'s plan for a year; TRAINING)' })
  upsertTrainingPlan(@Arg('input', () => TrainingPlanInput) input: TrainingPlanInput, @Ctx() { em }: Context): Promise<TrainingPlan> {
    return em.getRepository(TrainingPlan).savePlan(input);
  }
}
