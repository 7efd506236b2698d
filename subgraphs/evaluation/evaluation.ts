import { encodeCursor, readPageArgs, today, type PageWindow } from '../kit/index.js';
import { assess, LEVEL_ORDER, type AssessmentResult } from './assess.js';
import {
  IntegrityDomain, IntegrityGrade, WarningLevel, type IntegrityAssessment, type IntegrityRankingConnection, type IntegrityRegionReport,
  type IntegrityRuleSet, type Warning, type WarningConnection,
} from './assessment.js';
import type { Organization } from './entities/federated.js';
import { loadRuleSets, ruleSetFor, type Level, type RuleSetDefinition } from './rule-set.js';

/** Rule sets are read once at start; a changed file takes effect at the next start. */
export const ruleSets = loadRuleSets();

export function currentRuleSet(): RuleSetDefinition {
  return ruleSetFor(ruleSets, Number(today().slice(0, 4)));
}

export function toRuleSetType(set: RuleSetDefinition): IntegrityRuleSet {
  return {
    id: set.id,
    year: set.year,
    version: set.version,
    title: set.title,
    basis: set.basis,
    baseScore: set.baseScore,
    gradeA: set.grades.A,
    gradeB: set.grades.B,
    gradeC: set.grades.C,
    domainCaps: Object.entries(set.domainCaps).map(([domain, cap]) => ({ domain: domain as IntegrityDomain, cap })),
    rules: set.rules.map((r) => ({
      id: r.id,
      domain: r.domain as IntegrityDomain,
      reason: `${r.zh} (${r.en})`,
      points: r.points ?? null,
      pointsPerSource: r.pointsPerSource ?? null,
      cap: r.cap ?? null,
      threshold: r.threshold ?? null,
      warning: (r.warning as WarningLevel | undefined) ?? null,
    })),
  };
}

function warningsOf(result: AssessmentResult): Warning[] {
  return result.warnings.map((w) => ({
    level: w.level as WarningLevel,
    kind: w.kind,
    domain: w.domain as IntegrityDomain,
    message: w.message,
    since: w.since,
    sources: w.sources,
    organization: { uscc: result.uscc },
  }));
}

export function toAssessmentType(result: AssessmentResult): IntegrityAssessment {
  return {
    score: result.score,
    grade: result.grade as IntegrityGrade,
    deductions: result.deductions.map((d) => ({ ...d, domain: d.domain as IntegrityDomain })),
    warnings: warningsOf(result),
    ruleSet: toRuleSetType(result.ruleSet),
    assessedOn: result.assessedOn,
  };
}

export function assessAll(organizations: Organization[]): AssessmentResult[] {
  const set = currentRuleSet();
  const on = today();
  return organizations.map((org) => assess(org, set, on));
}

/** What a region list was asked for, carried in its key so the entity fetch can answer it. */
export interface Scope {
  regionCode: string;
  minLevel?: Level | null;
  first: number;
  after?: string | null;
}

export function encodeScope(scope: Scope): string {
  return Buffer.from(JSON.stringify(scope)).toString('base64url');
}

export function decodeScope(id: string): Scope {
  return JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as Scope;
}

function page<T>(items: T[], scope: Scope): { edges: Array<{ cursor: string; node: T }>; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } {
  const window: PageWindow = readPageArgs({ first: scope.first, after: scope.after });
  const start = window.afterKey === undefined ? 0 : Number(window.afterKey) + 1;
  const slice = items.slice(start, start + window.first);
  const edges = slice.map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  return { edges, pageInfo: { hasNextPage: start + window.first < items.length, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: items.length };
}

export function warningList(id: string, organizations: Organization[]): WarningConnection {
  const scope = decodeScope(id);
  const floor = scope.minLevel ? LEVEL_ORDER[scope.minLevel] : 0;
  const warnings = assessAll(organizations)
    .flatMap(warningsOf)
    .filter((w) => LEVEL_ORDER[w.level] >= floor)
    .sort((a, b) => LEVEL_ORDER[b.level] - LEVEL_ORDER[a.level] || a.since.localeCompare(b.since) || a.organization.uscc.localeCompare(b.organization.uscc) || a.kind.localeCompare(b.kind));
  return { id, region: { code: scope.regionCode }, ...page(warnings, scope) };
}

export function ranking(id: string, organizations: Organization[]): IntegrityRankingConnection {
  const scope = decodeScope(id);
  const sorted = assessAll(organizations).sort((a, b) => b.score - a.score || a.uscc.localeCompare(b.uscc));
  let rank = 0;
  let previous: number | null = null;
  const entries = sorted.map((result, index) => {
    if (result.score !== previous) rank = index + 1;
    previous = result.score;
    return { rank, organization: { uscc: result.uscc }, score: result.score, grade: result.grade as IntegrityGrade, warnings: result.warnings.length };
  });
  return { id, region: { code: scope.regionCode }, ...page(entries, scope) };
}

export function regionReport(regionCode: string, organizations: Organization[]): IntegrityRegionReport {
  const results = assessAll(organizations);
  const mean = results.length === 0 ? 0 : results.reduce((sum, r) => sum + r.score, 0) / results.length;
  return {
    regionCode,
    region: { code: regionCode },
    organizations: results.length,
    meanScore: Math.round(mean * 10) / 10,
    gradeCounts: Object.values(IntegrityGrade).map((grade) => ({ grade, count: results.filter((r) => r.grade === grade).length })),
    warningCounts: Object.values(WarningLevel).map((level) => ({ level, count: results.reduce((n, r) => n + r.warnings.filter((w) => w.level === level).length, 0) })),
    ruleSet: toRuleSetType(currentRuleSet()),
  };
}
