import type { DishonestySummary, OrganizationFacts as Organization } from './entities/federated.js';
import type { Detector, Domain, Level, RuleDefinition, RuleSetDefinition, Severity } from './rule-set.rules.js';

export interface DeductionResult {
  rule: string;
  domain: Domain;
  reason: string;
  points: number;
  sources: string[];
}

export interface WarningResult {
  level: Level;
  kind: string;
  domain: Domain;
  message: string;
  since: string;
  sources: string[];
}

export interface AssessmentResult {
  uscc: string;
  score: number;
  grade: 'A' | 'B' | 'C' | 'D';
  deductions: DeductionResult[];
  warnings: WarningResult[];
  ruleSet: RuleSetDefinition;
  assessedOn: string;
}

/** Where a dishonesty rule finds the records of its severity in the summary. */
const DISHONESTY_IDS: Record<Severity, keyof DishonestySummary> = { SERIOUS: 'seriousRecordIds', GENERAL: 'generalRecordIds', MINOR: 'minorRecordIds' };

/**
 * What each detector finds in an organization's summaries: the source records as
 * "<Type>:<id>" (an auditor can open each one), or [] when the condition does not hold.
 */
function detect(detector: Detector, rule: RuleDefinition, org: Organization, year: number): string[] {
  const commitments = org.currentCommitmentSummary;
  const debtors = org.debtorSummary;
  const contracts = org.contractSummary;
  switch (detector) {
    case 'activeDebtorRecords':
      return (debtors?.activeCaseNumbers ?? []).map((n) => `DebtorRecord:${n}`);
    case 'aboutToBeListedCases':
      return (debtors?.aboutToBeListedCaseNumbers ?? []).map((n) => `PendingCase:${n}`);
    case 'noPublishedLetter':
      // Classified bodies make no public commitments; an unknown summary proves nothing.
      if (org.classified || !commitments || commitments.published) return [];
      return [commitments.letterId ? `CommitmentLetter:${commitments.letterId}` : `CommitmentSummary:${org.uscc}:${commitments.year ?? year}`];
    case 'unfulfilledItems':
      return (commitments?.unfulfilledItemIds ?? []).map((id) => `CommitmentItem:${id}`);
    case 'overdueItems':
      return (commitments?.overdueItemIds ?? []).map((id) => `CommitmentItem:${id}`);
    case 'unremediedGovernmentBreaches':
      return (contracts?.unremediedGovernmentBreachIds ?? []).map((id) => `ContractBreach:${id}`);
    case 'arrears':
      return (contracts?.arrearsMilestoneIds ?? []).map((id) => `ContractMilestone:${id}`);
    case 'substantiatedOldDebtComplaints':
      return (contracts?.substantiatedOldDebtComplaintIds ?? []).map((id) => `ContractComplaint:${id}`);
    case 'overdueComplaints':
      return (contracts?.overdueComplaintIds ?? []).map((id) => `ContractComplaint:${id}`);
    case 'trainingCoverageBelow': {
      const training = org.currentTrainingSummary;
      if (!training || training.coverageRate === null || training.coverageRate >= rule.threshold!) return [];
      return [`TrainingSummary:${org.uscc}:${training.year}`];
    }
    case 'dishonestyRecordsInForce':
      // The body's own published records in force, of the rule's severity (the summary holds no others).
      return (org.dishonestySummary?.[DISHONESTY_IDS[rule.severity!]] ?? []).map((id) => `DishonestyRecord:${id}`);
    case 'overdueRectifications':
      // Of those records, the ones whose written explanation and rectification are past their deadline.
      return (org.dishonestySummary?.overdueRectificationRecordIds ?? []).map((id) => `DishonestyRecord:${id}`);
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/**
 * The explainable score: each rule costs its points (per source, up to its cap), each
 * domain at most its cap, so one domain cannot zero a score alone. No deduction without a
 * source. The same inputs and rule set always give the same assessment.
 */
export function assess(org: Organization, ruleSet: RuleSetDefinition, today: string): AssessmentResult {
  const year = Number(today.slice(0, 4));
  const deductions: DeductionResult[] = [];
  const warnings: WarningResult[] = [];
  const byDomain = new Map<Domain, number>();
  for (const rule of ruleSet.rules) {
    if (rule.from !== undefined && today.slice(5) < rule.from) continue;
    const sources = detect(rule.detector, rule, org, year);
    if (sources.length === 0) continue;
    const raw = rule.pointsPerSource !== undefined ? Math.min(rule.pointsPerSource * sources.length, rule.cap ?? Infinity) : rule.points!;
    const domainLeft = (ruleSet.domainCaps[rule.domain] ?? Infinity) - (byDomain.get(rule.domain) ?? 0);
    const points = round1(Math.max(0, Math.min(raw, domainLeft)));
    byDomain.set(rule.domain, (byDomain.get(rule.domain) ?? 0) + points);
    const reason = `${rule.zh} (${rule.en})`;
    deductions.push({ rule: rule.id, domain: rule.domain, reason, points, sources });
    if (rule.warning) {
      const since = rule.detector === 'activeDebtorRecords' && org.debtorSummary?.firstListedAt ? org.debtorSummary.firstListedAt : today;
      warnings.push({ level: rule.warning, kind: rule.id, domain: rule.domain, message: `${rule.zh}（${sources.length}项） (${rule.en}: ${sources.length})`, since, sources });
    }
  }
  const total = deductions.reduce((sum, d) => sum + d.points, 0);
  const score = round1(Math.max(0, ruleSet.baseScore - total));
  const grade = score >= ruleSet.grades.A ? 'A' : score >= ruleSet.grades.B ? 'B' : score >= ruleSet.grades.C ? 'C' : 'D';
  return { uscc: org.uscc, score, grade, deductions, warnings, ruleSet, assessedOn: today };
}

export const LEVEL_ORDER: Record<Level, number> = { RED: 3, ORANGE: 2, YELLOW: 1 };
