import type { AssessmentChange } from './entities/assessment-change.js';
import type { AssessmentResult, DeductionResult, WarningResult } from './assessment.rules.js';
import { ruleSets, type RuleSetDefinition } from './rule-set.rules.js';

/** An assessment as it stood on a past day, rebuilt from the history rows up to that day. */
export interface PastAssessment {
  uscc: string;
  scoreTenths: number;
  grade: AssessmentResult['grade'];
  deductions: DeductionResult[];
  warnings: WarningResult[];
  ruleSetId: string;
  assessedOn: string;
}

/**
 * History rows are stamped in UTC (ISO 8601); a day is China Standard Time's (kit today()), which
 * ends at 16:00 UTC. The ISO string of that instant: rows before it are on or before the day.
 */
export function endOfDayUtc(day: string): string {
  return `${day}T16:00:00.000Z`;
}

/** The China Standard Time date of a UTC ISO timestamp. */
function chinaDate(at: string): string {
  return new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** What makes two deductions the same: rule, points and sources (the history's rows compare by it). */
export const deductionKey = (d: Pick<DeductionResult, 'rule' | 'points' | 'sources'>) => JSON.stringify([d.rule, d.points, d.sources]);

/**
 * Replays one organization's history rows (oldest first, all on or before the day asked for):
 * the last row gives score, grade and rule set; the deductions are the first row's plus every
 * later row's additions less its removals (a row is written whenever any of them changes). Rows
 * written before whole warnings were kept have none: their warnings are derived from the
 * deductions and the rule set, as the assessment derives them, dated from the row that raised them.
 */
export function replayHistory(rows: AssessmentChange[]): PastAssessment | null {
  const last = rows.at(-1);
  if (!last) return null;
  const deductions = new Map<string, DeductionResult>();
  const raisedOn = new Map<string, string>();
  for (const row of rows) {
    for (const d of row.deductionsRemoved) deductions.delete(deductionKey(d));
    for (const d of row.deductionsAdded) deductions.set(deductionKey(d), d);
    for (const kind of row.warningsRaised) raisedOn.set(kind, chinaDate(row.at));
  }
  const kept = [...deductions.values()];
  return {
    uscc: last.uscc,
    scoreTenths: last.scoreTenthsAfter,
    grade: last.gradeAfter as AssessmentResult['grade'],
    deductions: kept,
    warnings: last.warningsAfter ?? derivedWarnings(kept, ruleSetById(last.ruleSetId), raisedOn, chinaDate(last.at)),
    ruleSetId: last.ruleSetId,
    assessedOn: chinaDate(last.at),
  };
}

function ruleSetById(id: string): RuleSetDefinition | undefined {
  return [...ruleSets.values()].find((s) => s.id === id);
}

function derivedWarnings(deductions: DeductionResult[], ruleSet: RuleSetDefinition | undefined, raisedOn: Map<string, string>, fallback: string): WarningResult[] {
  const warnings: WarningResult[] = [];
  for (const d of deductions) {
    const rule = ruleSet?.rules.find((r) => r.id === d.rule);
    if (!rule?.warning) continue;
    const n = d.sources.length;
    warnings.push({ level: rule.warning, kind: rule.id, domain: rule.domain, message: `${rule.zh}（${n}项） (${rule.en}: ${n})`, since: raisedOn.get(rule.id) ?? fallback, sources: d.sources });
  }
  return warnings;
}
