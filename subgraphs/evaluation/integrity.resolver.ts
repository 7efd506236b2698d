import { Arg, Args, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, readPageArgs, requireRegionCode } from '../kit/index.js';
import { IntegrityAssessment, IntegrityRankingConnection, IntegrityRegionReport, IntegrityRuleSet, WarningConnection, WarningLevel } from './assessment.js';
import { assess } from './assess.js';
import { ASSESSMENT_INPUTS, Organization } from './entities/federated.js';
import { currentRuleSet, encodeScope, ruleSets, toAssessmentType, toRuleSetType } from './evaluation.js';
import { today } from '../kit/index.js';

@Resolver(() => Organization)
export class OrganizationIntegrityResolver {
  @FieldResolver(() => IntegrityAssessment, {
    nullable: true,
    description: '政务诚信评价：得分、等级、扣分明细与来源、预警、所用规则集 (integrity assessment: score, grade, deductions with sources, warnings, rule set)',
  })
  @Directive(`@requires(fields: "${ASSESSMENT_INPUTS}")`)
  integrity(@Root() organization: Organization): IntegrityAssessment {
    return toAssessmentType(assess(organization, currentRuleSet(), today()));
  }
}

@Resolver()
export class RegionIntegrityResolver {
  @Query(() => WarningConnection, { description: '监测预警名单，按等级由高到低 (the early-warning list of a region and its subregions, most severe first)' })
  warnings(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('minLevel', () => WarningLevel, { nullable: true, description: '最低等级 (lowest level listed)' }) minLevel: WarningLevel | null,
    @Args(() => PageArgs) page: PageArgs,
  ): Partial<WarningConnection> {
    const code = requireRegionCode(regionCode);
    const window = readPageArgs(page);
    return { id: encodeScope({ regionCode: code, minLevel, first: window.first, after: page.after ?? null }), region: { code } };
  }

  @Query(() => IntegrityRankingConnection, { description: '区划内单位按得分排名（季度晾晒） (organizations of a region ranked by score)' })
  integrityRanking(@Arg('regionCode', () => String) regionCode: string, @Args(() => PageArgs) page: PageArgs): Partial<IntegrityRankingConnection> {
    const code = requireRegionCode(regionCode);
    const window = readPageArgs(page);
    return { id: encodeScope({ regionCode: code, first: window.first, after: page.after ?? null }), region: { code } };
  }

  @Query(() => IntegrityRegionReport, { description: '区划诚信概况 (region figures)' })
  integrityRegionReport(@Arg('regionCode', () => String) regionCode: string): Partial<IntegrityRegionReport> {
    const code = requireRegionCode(regionCode);
    return { regionCode: code, region: { code } };
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
