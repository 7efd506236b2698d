import {
  IntegrityDomain, IntegrityGrade, SourceType, WarningLevel, type Deduction, type SourceRef, type IntegrityAssessment, type IntegrityChange, type IntegrityRankingEntry, type IntegrityRegionReport,
  type IntegrityRuleSet, type IntegritySnapshot, type IntegritySnapshotEntry, type IntegritySnapshotRegionEntry, type Warning,
} from './types.js';
import type { DeductionResult } from '../assessment.rules.js';
import type { IntegritySnapshotRegion, IntegritySnapshotRow } from '../entities/integrity-snapshot.js';
import type { AssessmentChange } from '../entities/assessment-change.js';
import type { RegionFigure } from '../entities/region-figure.js';
import type { StoredAssessment } from '../entities/stored-assessment.js';
import type { StoredWarning } from '../entities/stored-warning.js';
import type { RankedRow } from './read-model.js';
import { currentRuleSet, ruleSets, type RuleSetDefinition } from '../rule-set.rules.js';
import type { SnapshotRankedRow, SnapshotRegionRankedRow } from '../snapshot.repository.js';

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
      severity: r.severity ?? null,
      warning: (r.warning as WarningLevel | undefined) ?? null,
      appliesFrom: r.from ?? null,
      appliesFromBasis: r.fromBasis ?? null,
      basis: r.basis ?? null,
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

/**
 * A cited source ("<Type>:<id>", assessment.rules.ts detect) as a typed reference whose record the
 * gateway fetches from its owner; a summary ("<Type>:<uscc>:<year>") names its unit and year.
 * A source of a type this code does not know is left out of the references (still in `sources`).
 */
export function toSourceRef(source: string): SourceRef | null {
  const colon = source.indexOf(':');
  const type = source.slice(0, colon) as SourceType;
  const id = source.slice(colon + 1);
  if (colon < 0 || !Object.values(SourceType).includes(type)) return null;
  const ref: SourceRef = {
    type, id, debtorRecord: null, pendingCase: null, commitmentLetter: null, commitmentItem: null, contractBreach: null, contractMilestone: null, contractComplaint: null,
    dishonestyRecord: null, organization: null, year: null,
  };
  switch (type) {
    case SourceType.DebtorRecord: ref.debtorRecord = { caseNumber: id }; break;
    case SourceType.PendingCase: ref.pendingCase = { caseNumber: id }; break;
    case SourceType.CommitmentLetter: ref.commitmentLetter = { id }; break;
    case SourceType.CommitmentItem: ref.commitmentItem = { id }; break;
    case SourceType.ContractBreach: ref.contractBreach = { id }; break;
    case SourceType.ContractMilestone: ref.contractMilestone = { id }; break;
    case SourceType.ContractComplaint: ref.contractComplaint = { id }; break;
    case SourceType.DishonestyRecord: ref.dishonestyRecord = { id }; break;
    case SourceType.CommitmentSummary:
    case SourceType.TrainingSummary: {
      const [uscc, year] = id.split(':');
      ref.organization = uscc ? { uscc } : null;
      ref.year = year && /^\d{4}$/.test(year) ? Number(year) : null;
      break;
    }
  }
  return ref;
}

function toDeductionType(d: DeductionResult): Deduction {
  return { ...d, domain: d.domain as IntegrityDomain, sourceRefs: d.sources.map(toSourceRef).filter((r): r is SourceRef => r !== null) };
}

export function toAssessmentType(row: Pick<StoredAssessment, 'uscc' | 'scoreTenths' | 'grade' | 'deductions' | 'warnings' | 'ruleSetId' | 'assessedOn'>): IntegrityAssessment {
  return {
    score: score(row.scoreTenths),
    grade: row.grade as IntegrityGrade,
    deductions: row.deductions.map(toDeductionType),
    warnings: row.warnings.map((w) => toWarningType(w, row.uscc)),
    ruleSet: toRuleSetType(ruleSetById(row.ruleSetId)),
    assessedOn: row.assessedOn,
  };
}

export function toRankingEntry({ row, rank }: RankedRow): IntegrityRankingEntry {
  return { rank, organization: { uscc: row.uscc }, score: score(row.scoreTenths), grade: row.grade as IntegrityGrade, warnings: row.warningCount };
}

/** Warnings by level, most severe first (figures keep them as three columns). */
const warningLevelCounts = (row: { warningsRed: number; warningsOrange: number; warningsYellow: number }) => [
  { level: WarningLevel.RED, count: Number(row.warningsRed) }, { level: WarningLevel.ORANGE, count: Number(row.warningsOrange) }, { level: WarningLevel.YELLOW, count: Number(row.warningsYellow) },
];

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
    warningCounts: warningLevelCounts(figure),
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
    deductionsAdded: change.deductionsAdded.map(toDeductionType),
    deductionsRemoved: change.deductionsRemoved.map(toDeductionType),
    warningsRaised: change.warningsRaised,
    warningsCleared: change.warningsCleared,
    ruleSetId: change.ruleSetId,
    causes: change.causes,
  };
}

/** `takenBy` only for those who may see who published (AUDITOR, ADMIN). */
export function toSnapshotType(row: IntegritySnapshotRow, showTakenBy: boolean): IntegritySnapshot {
  return {
    quarter: row.quarter, takenAt: row.takenAt, trigger: row.trigger, takenBy: showTakenBy ? row.takenBy : null, builtFor: row.builtFor, ruleSet: row.ruleSet,
    organizations: Number(row.organizations), regions: Number(row.regions),
  };
}

export function toSnapshotEntry({ row, rank, previous }: SnapshotRankedRow): IntegritySnapshotEntry {
  return {
    rank: Number(rank),
    organization: { uscc: row.uscc },
    regionCode: row.regionCode,
    score: score(row.scoreTenths),
    grade: row.grade as IntegrityGrade,
    warnings: row.warningCount,
    warningCounts: warningLevelCounts(row),
    regionRank: row.regionRank,
    cityRank: row.cityRank,
    provinceRank: row.provinceRank,
    previousRank: previous ? previous.rank : null,
    rankChange: previous ? previous.rank - rank : null,
    previousScore: previous ? score(previous.scoreTenths) : null,
    scoreChange: previous ? score(row.scoreTenths - previous.scoreTenths) : null,
  };
}

export function toSnapshotRegionEntry({ row, previous }: SnapshotRegionRankedRow): IntegritySnapshotRegionEntry {
  return {
    rank: row.rank,
    regionCode: row.regionCode,
    region: { code: row.regionCode },
    organizations: row.organizations,
    meanScore: score(row.meanTenths),
    gradeCounts: [
      { grade: IntegrityGrade.A, count: row.gradeA }, { grade: IntegrityGrade.B, count: row.gradeB },
      { grade: IntegrityGrade.C, count: row.gradeC }, { grade: IntegrityGrade.D, count: row.gradeD },
    ],
    warningCounts: warningLevelCounts(row),
    previousRank: previous ? previous.rank : null,
    rankChange: previous ? previous.rank - row.rank : null,
    previousMeanScore: previous ? score(previous.meanTenths) : null,
    meanScoreChange: previous ? score(row.meanTenths - previous.meanTenths) : null,
    indicators: frozenIndicators(row),
    previousIndicators: previous ? frozenIndicators(previous) : null,
  };
}

function frozenIndicators(row: Pick<IntegritySnapshotRegion, 'commitmentCoverage' | 'publicationRate' | 'pushCoverage' | 'trainingCoverage'>) {
  return { commitmentCoverage: row.commitmentCoverage, publicationRate: row.publicationRate, pushCoverage: row.pushCoverage, trainingCoverage: row.trainingCoverage };
}
