import { randomUUID } from 'node:crypto';
import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import { requireRegionCode, requireUsccShape, requireYear, usccRegionCode, regionCodeRange, type PageWindow } from '../kit/index.js';
import { TrainingPlan } from './entities/training-plan.js';
import type { TrainingPlanFilter, TrainingPlanInput } from './inputs.js';
import { requireCount, requireTopics } from './training.rules.js';

/** Annual plans, one per unit and year: writing the same unit and year again replaces the plan. */
export class PlanRepository extends EntityRepository<TrainingPlan> {
  async savePlan(input: TrainingPlanInput): Promise<TrainingPlan> {
    const organizationUscc = requireUsccShape(input.organizationUscc, 'organizationUscc');
    const year = requireYear(input.year);
    const fields = {
      plannedSessions: requireCount(input.plannedSessions, 'plannedSessions', 1, 1_000),
      targetParticipants: requireCount(input.targetParticipants, 'targetParticipants', 1, 1_000_000),
      topics: requireTopics(input.topics),
      notes: input.notes?.trim() || null,
    };
    const plan = (await this.findOne({ organizationUscc, year })) ?? this.em.create(TrainingPlan, { id: randomUUID(), organizationUscc, regionCode: usccRegionCode(organizationUscc), year, ...fields });
    this.em.assign(plan, fields);
    await this.em.flush();
    return plan;
  }

  async findPage(filter: TrainingPlanFilter | null | undefined, window: PageWindow): Promise<{ rows: TrainingPlan[]; total: number }> {
    const where: FilterQuery<TrainingPlan>[] = [];
    if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
    if (filter?.year != null) where.push({ year: requireYear(filter.year, 'filter.year') });
    const all: FilterQuery<TrainingPlan> = { $and: where };
    const page: FilterQuery<TrainingPlan> = window.afterKey === undefined ? all : { $and: [...where, { id: { $gt: String(window.afterKey) } }] };
    const rows = await this.find(page, { orderBy: { id: 'asc' }, limit: window.first + 1 });
    return { rows, total: await this.count(all) };
  }
}
