import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AdministrativeLevel, badInput, loadOrNull, requireDate, requireYear, today, readCursors, OrganizationKind, PageArgs, readPageArgs, requireRegionCode, type SubgraphContext } from '../kit/index.js';
import {
  IntegrityAssessment, IntegrityChangeConnection, IntegrityDomain, IntegrityGrade, IntegrityRankingConnection, IntegrityReadModelStatus, IntegrityRegionRankingEntry,
  IntegrityRegionReport, IntegrityRuleSet, RegionRankingMeasure, WarningConnection, WarningLevel,
} from './reports/types.js';
import { Organization } from './entities/federated.js';
import { toAssessmentType, toChangeType, toRankingEntry, toRegionReport, toRuleSetType, toWarningType } from './reports/mapping.js';
import { currentRuleSet, ruleSets } from './rule-set.rules.js';
import type { EvaluationLoaders } from './loaders.js';
import { readState } from './read-model.repository.js';
import { historyPage, rankingPage, regionFigures, warningPage } from './reports/read-model.js';
import { regionRanking } from './reports/region-ranking.js';
import { ReadModelWorker } from './read-model.worker.js';

type Context = SubgraphContext<EvaluationLoaders>;

const LEVEL_RANK: Record<WarningLevel, number> = { RED: 1, ORANGE: 2, YELLOW: 3 };

/** A list's id: what it was asked for, so two different lists never share one. */
const scopeId = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

@Resolver(() => Organization)
export class OrganizationIntegrityResolver {
  @FieldResolver(() => IntegrityAssessment, {
    nullable: true,
    description:
      '政务诚信评价：得分、等级、扣分明细与来源、预警、所用规则集；与排名、预警名单同出读模型，尚未评价时为 null (integrity assessment: score, grade, deductions with sources, warnings, rule set; from the same read model as rankings and warning lists; null until first assessed)',
  })
  async integrity(
    @Root() organization: Organization,
    @Arg('year', () => Int, { nullable: true, description: '年度：往年为该年12月31日终的评价，本年为当前评价 (a year: a past year\'s assessment as it stood on 31 December; this year\'s is the current one)' }) year: number | null,
    @Arg('asOf', () => String, { nullable: true, description: '截至某日（YYYY-MM-DD）的评价，由评价变动记录还原 (as it stood at the end of a day, rebuilt from the assessment history)' }) asOf: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<IntegrityAssessment | null> {
    const day = assessmentDay(year, asOf);
    if (day === null) {
      const row = await loadOrNull(loaders.assessment, organization.uscc);
      return row ? toAssessmentType(row) : null;
    }
    const past = await loaders.assessmentAsOf.load({ uscc: organization.uscc, asOf: day });
    return past ? toAssessmentType(past) : null;
  }

  @FieldResolver(() => IntegrityChangeConnection, { description: '评价变动记录：每次得分、等级或预警变化及其原因，新的在前 (assessment history: each change of score, grade or warnings with its cause, newest first)' })
  async integrityHistory(@Root() organization: Organization, @Args(() => PageArgs) page: PageArgs, @Ctx() { em }: Context): Promise<IntegrityChangeConnection> {
    const result = await historyPage(em, organization.uscc, readPageArgs(page));
    return { ...result, edges: result.edges.map((e) => ({ cursor: e.cursor, node: toChangeType(e.node) })) };
  }
}

/**
 * The past day an `integrity(year:, asOf:)` asks for, or null for the current assessment (no
 * argument, this year, or today or later).
 */
function assessmentDay(year: number | null | undefined, asOf: string | null | undefined): string | null {
  if (year != null && asOf != null) throw badInput('year 与 asOf 只能给一个 (give year or asOf, not both)', { field: 'asOf', rule: 'EXCLUSIVE' });
  const now = today();
  if (year != null) {
    requireYear(year);
    if (year > Number(now.slice(0, 4))) throw badInput('不能查询未来年度的评价 (no assessment for a future year)', { field: 'year', rule: 'FUTURE' });
    return year === Number(now.slice(0, 4)) ? null : `${year}-12-31`;
  }
  if (asOf != null) {
    const day = requireDate(asOf, 'asOf');
    return day >= now ? null : day;
  }
  return null;
}

@Resolver()
export class RegionIntegrityResolver {
  @Query(() => WarningConnection, { description: '监测预警名单，按等级由高到低、起始日期由早到晚 (the early-warning list of a region and its subregions, most severe first, then the oldest)' })
  async warnings(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('minLevel', () => WarningLevel, { nullable: true, description: '最低等级 (lowest level listed)' }) minLevel: WarningLevel | null,
    @Arg('domain', () => IntegrityDomain, { nullable: true, description: '只列该领域 (only this domain)' }) domain: IntegrityDomain | null,
    @Arg('kind', () => String, { nullable: true, description: '只列该类别，即规则标识 (only this kind: a rule id)' }) kind: string | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: Context,
  ): Promise<WarningConnection> {
    const code = requireRegionCode(regionCode);
    const window = readPageArgs(page);
    const result = await warningPage(em, { regionCode: code, maxLevelRank: minLevel ? LEVEL_RANK[minLevel] : null, domain, kind }, window);
    return {
      id: scopeId({ code, minLevel, domain, kind, first: window.first, after: page.after ?? null }),
      region: { code },
      ...result,
      edges: result.edges.map((e) => ({ cursor: e.cursor, node: toWarningType(e.node, e.node.uscc) })),
    };
  }

  @Query(() => IntegrityRankingConnection, { description: '区划内单位按得分排名（季度晾晒），可按类别、层级、等级筛选 (organizations of a region ranked by score, optionally only some kinds, tiers or grades)' })
  async integrityRanking(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('kinds', () => [OrganizationKind], { nullable: true, description: '只排这些类别 (only these kinds)' }) kinds: OrganizationKind[] | null,
    @Arg('levels', () => [AdministrativeLevel], { nullable: true, description: '只排这些行政层级 (only these tiers)' }) levels: AdministrativeLevel[] | null,
    @Arg('grades', () => [IntegrityGrade], { nullable: true, description: '只排这些等级 (only these grades)' }) grades: IntegrityGrade[] | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: Context,
  ): Promise<IntegrityRankingConnection> {
    const code = requireRegionCode(regionCode);
    const window = readPageArgs(page);
    const result = await rankingPage(em, { regionCode: code, kinds, levels, grades }, window);
    return {
      id: scopeId({ code, kinds, levels, grades, first: window.first, after: page.after ?? null }),
      region: { code },
      ...result,
      edges: result.edges.map((e) => ({ cursor: e.cursor, node: toRankingEntry(e.node) })),
    };
  }

  @Query(() => IntegrityRegionReport, { description: '区划诚信概况 (region figures)' })
  async integrityRegionReport(@Arg('regionCode', () => String) regionCode: string, @Ctx() { em }: Context): Promise<IntegrityRegionReport> {
    return toRegionReport(await regionFigures(em, requireRegionCode(regionCode)));
  }

  @Query(() => [IntegrityRegionRankingEntry], {
    description:
      '下级区划间排名：省内各市、市内各县，按平均分或考核指标（季度晾晒） (the regions directly under one ranked by mean score or by one of the seeds\' indicators: a province\'s cities, a city\'s counties)',
  })
  async integrityRegionRanking(
    @Arg('parentCode', () => String) parentCode: string,
    @Arg('by', () => RegionRankingMeasure, { defaultValue: RegionRankingMeasure.MEAN_SCORE, description: '排名依据，默认平均分 (what to rank by; default the mean score)' }) by: RegionRankingMeasure,
    @Ctx() { em }: Context,
  ): Promise<IntegrityRegionRankingEntry[]> {
    return regionRanking(em, requireRegionCode(parentCode, 'parentCode'), by);
  }

  @Query(() => [IntegrityRuleSet], { description: '全部评价规则集 (every rule set, by year)' })
  integrityRuleSets(): IntegrityRuleSet[] {
    return [...ruleSets.values()].sort((a, b) => a.year - b.year).map(toRuleSetType);
  }

  @Query(() => IntegrityRuleSet, { description: '某年适用的评价规则集 (the rule set in force for a year)' })
  integrityRuleSet(@Arg('year', () => Int, { nullable: true, description: '默认本年 (default this year)' }) year: number | null): IntegrityRuleSet {
    return toRuleSetType(year === null ? currentRuleSet() : [...ruleSets.values()].find((s) => s.year === year) ?? currentRuleSet());
  }
}

@Resolver()
export class ReadModelResolver {
  // CONSUMER: the exchange holds region reports back while the read model rebuilds (subgraphs/exchange/sources.ts).
  @Authorized('AUDITOR', 'ADMIN', 'CONSUMER')
  @Query(() => IntegrityReadModelStatus, { description: '评价读模型状态：重建进度、各变更流读取位置（审计、管理、联邦内部读者） (the read model\'s state: rebuild progress, position in each feed; AUDITOR, ADMIN, CONSUMER)' })
  async integrityReadModel(@Ctx() { em }: Context): Promise<IntegrityReadModelStatus> {
    const progress = await ReadModelWorker.storedProgress(em);
    const cursors = await readCursors(em);
    return {
      state: progress?.state ?? 'starting',
      builtFor: (await readState(em, 'builtFor')) || null,
      ruleSet: (await readState(em, 'ruleSet')) || null,
      done: progress?.done ?? 0,
      total: progress?.total ?? 0,
      reason: progress?.reason ?? null,
      lastError: progress?.lastError ?? null,
      cursors: [...cursors].map(([source, seq]) => ({ source, seq })).sort((a, b) => a.source.localeCompare(b.source)),
      at: progress?.at ?? null,
    };
  }

  @Authorized('ADMIN')
  @Mutation(() => Boolean, { description: '从头重建全部评价（新规则集、重新导入后）；由评价工作进程执行，进度见 integrityReadModel（管理） (rebuild every assessment from scratch, e.g. after a new rule set or a reseed; a worker runs it, progress in integrityReadModel; ADMIN)' })
  async rebuildIntegrityAssessments(@Ctx() { em }: Context): Promise<boolean> {
    await ReadModelWorker.requestRebuild(em);
    return true;
  }
}
