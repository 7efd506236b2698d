import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../subgraphs/evaluation/assessment.rules.js';
import type { OrganizationFacts as Organization } from '../../subgraphs/evaluation/entities/federated.js';
import { loadRuleSets, ruleSetFor, type RuleSetDefinition } from '../../subgraphs/evaluation/rule-set.rules.js';

const sets = loadRuleSets();
const rules2026 = ruleSetFor(sets, 2026);
const points = (id: string) => rules2026.rules.find((r) => r.id === id)!;

function org(overrides: Partial<Organization> = {}): Organization {
  return {
    uscc: '11231102MA0000001X',
    regionCode: '231102',
    kind: 'GOVERNMENT_DEPARTMENT',
    level: 'COUNTY',
    classified: false,
    currentCommitmentSummary: { year: 2026, letterId: 'L1', published: true, unfulfilledItemIds: [], overdueItemIds: [] },
    debtorSummary: { activeCaseNumbers: [], aboutToBeListedCaseNumbers: [], firstListedAt: null },
    contractSummary: { unremediedGovernmentBreachIds: [], arrearsMilestoneIds: [], arrearsAmount: '0.00', overdueComplaintIds: [], substantiatedOldDebtComplaintIds: [] },
    currentTrainingSummary: { year: 2026, coverageRate: 0.95 },
    ...overrides,
  };
}

describe('rule sets', () => {
  it('keeps one versioned rule set per year and picks the latest in force', () => {
    expect([...sets.keys()].sort()).toEqual([2025, 2026]);
    expect(ruleSetFor(sets, 2026).id).toBe('HH-2026-1');
    expect(ruleSetFor(sets, 2030).id).toBe('HH-2026-1');
    expect(ruleSetFor(sets, 2025).id).toBe('HH-2025-1');
  });

  it('refuses a rule set whose grace day is not MM-DD', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...rules2026, rules: [{ ...points('NO_PUBLISHED_LETTER'), from: '6-1' }] }));
    expect(() => loadRuleSets(dir)).toThrow(/from must be MM-DD/);
  });

  it('refuses a rule set with an unknown detector or ambiguous points', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const bad: RuleSetDefinition = { ...rules2026, rules: [{ ...rules2026.rules[0]!, detector: 'madeUp' as any }, { ...rules2026.rules[1]!, points: 3 }] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    expect(() => loadRuleSets(dir)).toThrow(/unknown detector madeUp.*exactly one of points, pointsPerSource/);
  });
});

describe('assess', () => {
  it('gives a clean organization full marks and no deduction', () => {
    const result = assess(org(), rules2026, '2026-11-22');
    expect(result).toMatchObject({ score: 100, grade: 'A', deductions: [], warnings: [] });
  });

  it('deducts per source, cites every source, and warns', () => {
    const result = assess(org({ debtorSummary: { activeCaseNumbers: ['(2026)黑11执1号'], aboutToBeListedCaseNumbers: [], firstListedAt: '2026-03-01' } }), rules2026, '2026-11-22');
    expect(result.deductions).toEqual([{ rule: 'DEBTOR_LISTED', domain: 'COURT_DEBTORS', reason: expect.stringContaining('失信被执行人'), points: points('DEBTOR_LISTED').pointsPerSource, sources: ['DebtorRecord:(2026)黑11执1号'] }]);
    expect(result.score).toBe(100 - points('DEBTOR_LISTED').pointsPerSource!);
    expect(result.warnings).toEqual([expect.objectContaining({ level: 'RED', kind: 'DEBTOR_LISTED', since: '2026-03-01', sources: ['DebtorRecord:(2026)黑11执1号'] })]);
  });

  it('caps each rule and each domain so that one domain cannot zero a score', () => {
    const many = Array.from({ length: 20 }, (_, i) => `(2026)黑11执${i}号`);
    const result = assess(org({ debtorSummary: { activeCaseNumbers: many, aboutToBeListedCaseNumbers: many, firstListedAt: '2026-01-01' } }), rules2026, '2026-11-22');
    const court = result.deductions.filter((d) => d.domain === 'COURT_DEBTORS').reduce((sum, d) => sum + d.points, 0);
    expect(court).toBe(rules2026.domainCaps.COURT_DEBTORS);
    expect(result.deductions[0]!.points).toBe(points('DEBTOR_LISTED').cap);
    expect(result.score).toBe(100 - rules2026.domainCaps.COURT_DEBTORS);
  });

  it('charges a missing letter to unclassified units only, and low training coverage by threshold', () => {
    const noLetter = { year: 2026, letterId: null, published: false, unfulfilledItemIds: [], overdueItemIds: [] };
    expect(assess(org({ currentCommitmentSummary: noLetter }), rules2026, '2026-11-22').deductions.map((d) => [d.rule, d.sources])).toEqual([['NO_PUBLISHED_LETTER', ['CommitmentSummary:11231102MA0000001X:2026']]]);
    expect(assess(org({ classified: true, currentCommitmentSummary: noLetter }), rules2026, '2026-11-22').deductions).toEqual([]);
    expect(assess(org({ currentTrainingSummary: { year: 2026, coverageRate: 0.79 } }), rules2026, '2026-11-22').deductions.map((d) => d.rule)).toEqual(['TRAINING_COVERAGE_LOW']);
    expect(assess(org({ currentTrainingSummary: { year: 2026, coverageRate: 0.8 } }), rules2026, '2026-11-22').deductions).toEqual([]);
    // Unknown summaries (a subgraph that did not answer) cost nothing: no deduction without a source.
    expect(assess(org({ currentCommitmentSummary: null, debtorSummary: null, contractSummary: null, currentTrainingSummary: null }), rules2026, '2026-11-22').deductions).toEqual([]);
  });

  it('gives a new year\'s missing letter the grace the rule set states (seed 000 §五: published by 31 May), and no more', () => {
    const rule = points('NO_PUBLISHED_LETTER');
    expect(rule.from).toBe('06-01');
    const noLetterYet = { year: 2027, letterId: null, published: false, unfulfilledItemIds: [], overdueItemIds: [] };
    const subject = org({ currentCommitmentSummary: noLetterYet });
    // 2 January: last year's letter was published, this year's is not due yet: no 8 points, no YELLOW warning.
    for (const day of ['2027-01-02', '2027-04-20', '2027-05-31']) {
      const result = assess(subject, rules2026, day);
      expect([day, result.score, result.warnings]).toEqual([day, 100, []]);
    }
    const june = assess(subject, rules2026, '2027-06-01');
    expect(june.deductions.map((d) => d.rule)).toEqual(['NO_PUBLISHED_LETTER']);
    expect(june.warnings.map((w) => w.level)).toEqual(['YELLOW']);
    // The grace is data: a rule set without it charges on 2 January.
    const withoutGrace: RuleSetDefinition = { ...rules2026, rules: rules2026.rules.map((r) => (r.id === 'NO_PUBLISHED_LETTER' ? { ...r, from: undefined } : r)) };
    expect(assess(subject, withoutGrace, '2027-01-02').score).toBe(100 - rule.points!);
    // Open items carried from last year cost points from the first day (the summary lists them).
    const carried = { ...noLetterYet, unfulfilledItemIds: ['I-2026-3'], overdueItemIds: ['I-2026-3'] };
    expect(assess(org({ currentCommitmentSummary: carried }), rules2026, '2027-01-02').deductions.map((d) => [d.rule, d.sources])).toEqual([
      ['COMMITMENT_UNFULFILLED', ['CommitmentItem:I-2026-3']], ['COMMITMENT_OVERDUE', ['CommitmentItem:I-2026-3']],
    ]);
  });

  it('changes scores when the rule set changes, with no code change', () => {
    const subject = org({ contractSummary: { unremediedGovernmentBreachIds: ['B1'], arrearsMilestoneIds: ['M1', 'M2'], arrearsAmount: '100.00', overdueComplaintIds: [], substantiatedOldDebtComplaintIds: [] } });
    const before = assess(subject, rules2026, '2026-11-22').score;
    const stricter: RuleSetDefinition = { ...rules2026, rules: rules2026.rules.map((r) => (r.id === 'CONTRACT_ARREARS' ? { ...r, pointsPerSource: 5 } : r)) };
    expect(assess(subject, stricter, '2026-11-22').score).toBe(before - 2 * (5 - points('CONTRACT_ARREARS').pointsPerSource!));
    const lenient: RuleSetDefinition = { ...rules2026, grades: { A: 80, B: 70, C: 50 } };
    expect(assess(subject, lenient, '2026-11-22').grade).toBe('A');
  });
});
