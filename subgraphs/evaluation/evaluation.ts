import { today } from '../kit/index.js';
import {
  IntegrityDomain, IntegrityGrade, WarningLevel, type IntegrityAssessment, type IntegrityChange, type IntegrityRankingEntry, type IntegrityRegionReport,
  type IntegrityRuleSet, type Warning,
} from './assessment.js';
import type { AssessmentChange } from './entities/assessment-change.js';
import type { RegionFigure } from './entities/region-figure.js';
import type { StoredAssessment } from './entities/stored-assessment.js';
import type { StoredWarning } from './entities/stored-warning.js';
import type { RankedRow } from './read-model.reports.js';
import { loadRuleSets, ruleSetFor, type RuleSetDefinition } from './rule-set.js';

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

/** The rule set an assessment was computed with, by its id (the current one if it is gone). */
function ruleSetById(id: string): RuleSetDefinition {
  return [...ruleSets.values()].find((s) => s.id === id) ?? currentRuleSet();
}

const score = (tenths: number) => tenths / 10;

export function toWarningType(w: Pick<StoredWarning, 'level' | 'kind' | 'domain' | 'message' | 'since' | 'sources'>, uscc: string): Warning {
  return { level: w.level as WarningLevel, kind: w.kind, domain: w.domain as IntegrityDomain, message: w.message, since: w.since, sources: w.sources, organization: { uscc } };
}

export function toAssessmentType(row: StoredAssessment): IntegrityAssessment {
  return {
    score: score(row.scoreTenths),
    grade: row.grade as IntegrityGrade,
    deductions: row.deductions.map((d) => ({ ...d, domain: d.domain as IntegrityDomain })),
    warnings: row.warnings.map((w) => toWarningType(w, row.uscc)),
    ruleSet: toRuleSetType(ruleSetById(row.ruleSetId)),
    assessedOn: row.assessedOn,
  };
}

export function toRankingEntry({ row, rank }: RankedRow): IntegrityRankingEntry {
  return { rank, organization: { uscc: row.uscc }, score: score(row.scoreTenths), grade: row.grade as IntegrityGrade, warnings: row.warningCount };
}

export function toRegionReport(figure: RegionFigure): IntegrityRegionReport {
  const organizations = Number(figure.organizations);
  return {
    regionCode: figure.regionCode,
    region: { code: figure.regionCode },
    organizations,
    meanScore: organizations === 0 ? 0 : Math.round(Number(figure.scoreTenthsSum) / organizations) / 10,
    gradeCounts: [
      { grade: IntegrityGrade.A, count: figure.gradeA }, { grade: IntegrityGrade.B, count: figure.gradeB },
      { grade: IntegrityGrade.C, count: figure.gradeC }, { grade: IntegrityGrade.D, count: figure.gradeD },
    ],
    warningCounts: [
      { level: WarningLevel.RED, count: figure.warningsRed }, { level: WarningLevel.ORANGE, count: figure.warningsOrange }, { level: WarningLevel.YELLOW, count: figure.warningsYellow },
    ],
    ruleSet: toRuleSetType(currentRuleSet()),
  };
}

export function toChangeType(change: AssessmentChange): IntegrityChange {
  return {
    id: String(change.id),
    at: change.at,
    scoreBefore: change.scoreTenthsBefore === null ? null : score(change.scoreTenthsBefore),
    scoreAfter: score(change.scoreTenthsAfter),
    gradeBefore: change.gradeBefore as IntegrityGrade | null,
    gradeAfter: change.gradeAfter as IntegrityGrade,
    deductionsAdded: change.deductionsAdded.map((d) => ({ ...d, domain: d.domain as IntegrityDomain })),
    deductionsRemoved: change.deductionsRemoved.map((d) => ({ ...d, domain: d.domain as IntegrityDomain })),
    warningsRaised: change.warningsRaised,
    warningsCleared: change.warningsCleared,
    ruleSetId: change.ruleSetId,
    causes: change.causes,
  };
}
