import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../subgraphs/evaluation/assessment.rules.js';
import type { OrganizationFacts as Organization } from '../../subgraphs/evaluation/entities/federated.js';
import { loadRuleSets, ruleSetFor, type RuleSetDefinition } from '../../subgraphs/evaluation/rule-set.rules.js';
import { PublicationStatus, RecordStatus, Severity, SubjectType } from '../../subgraphs/dishonesty-records/entities/enums.js';
import { summarizeDishonesty } from '../../subgraphs/dishonesty-records/summary.rules.js';

const sets = loadRuleSets();
const rules2026 = ruleSetFor(sets, 2026);
/** A rule of the 2026 set, to build altered rule sets from (never to read an expected figure from). */
const rule = (id: string) => rules2026.rules.find((r) => r.id === id)!;

/*
 * Expected scores are worked out by hand from the published table of HH-2026-1 version 4 (rules/2026.json, the README's "Evaluation"),
 * written out here once, so that a test never reads the figure it expects from the file the code loads:
 *   court debtors (domain cap 40): DEBTOR_LISTED 15 per record, cap 40, RED; DEBTOR_ABOUT_TO_BE_LISTED 5 per case, cap 10, ORANGE
 *   commitments (cap 25): NO_PUBLISHED_LETTER 8 from 06-01, YELLOW; COMMITMENT_UNFULFILLED 4 per item, cap 12; COMMITMENT_OVERDUE 2 per item, cap 8, YELLOW
 *   contracts (cap 35): CONTRACT_GOVERNMENT_BREACH 8, cap 16, ORANGE; CONTRACT_ARREARS 3, cap 12, ORANGE; OLD_DEBT_COMPLAINT 10, cap 20, RED;
 *                      COMPLAINT_OVERDUE 2, cap 6
 *   training (cap 10): TRAINING_COVERAGE_LOW 5 below 0.8, YELLOW
 *   dishonesty records (cap 30; a body's own published records in force): DISHONESTY_SERIOUS 15 per record, cap 30, RED;
 *                      DISHONESTY_GENERAL 8, cap 24, ORANGE; DISHONESTY_MINOR 3, cap 9, YELLOW;
 *                      DISHONESTY_RECTIFICATION_OVERDUE 5 per record whose rectification is overdue, cap 10, ORANGE (version 4)
 *   grades: A ≥ 90, B ≥ 75, C ≥ 60, else D; base 100.
 * Seed 002 §四(二)3 asks for "按比例进行扣分" (points in proportion) without numbers: the numbers are this platform's table.
 * A change to the 2026 table is meant to fail these tests; a new year's rules get a file of their own.
 */

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
    // Version 4 added the overdue rectification (version 3: the dishonesty domain; version 2: the letter's grace day); the file holds the version in force.
    expect(ruleSetFor(sets, 2026).version).toBe(4);
    expect(ruleSetFor(sets, 2030).id).toBe('HH-2026-1');
    expect(ruleSetFor(sets, 2025).id).toBe('HH-2025-1');
  });

  it('refuses a rule set whose grace day is not MM-DD', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...rules2026, rules: [{ ...rule('NO_PUBLISHED_LETTER'), from: '6-1' }] }));
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
    // One listed record: 15 points, 100 − 15 = 85, grade B.
    expect(result.deductions).toEqual([{ rule: 'DEBTOR_LISTED', domain: 'COURT_DEBTORS', reason: expect.stringContaining('失信被执行人'), points: 15, sources: ['DebtorRecord:(2026)黑11执1号'] }]);
    expect(result).toMatchObject({ score: 85, grade: 'B' });
    expect(result.warnings).toEqual([expect.objectContaining({ level: 'RED', kind: 'DEBTOR_LISTED', since: '2026-03-01', sources: ['DebtorRecord:(2026)黑11执1号'] })]);
  });

  it('caps each rule and each domain so that one domain cannot zero a score', () => {
    const many = Array.from({ length: 20 }, (_, i) => `(2026)黑11执${i}号`);
    const result = assess(org({ debtorSummary: { activeCaseNumbers: many, aboutToBeListedCaseNumbers: many, firstListedAt: '2026-01-01' } }), rules2026, '2026-11-22');
    // 20 listed records: 20 × 15 = 300, capped at 40; 20 cases about to be listed: 100, capped at 10, but the court domain's
    // 40 is spent: 0. 100 − 40 = 60.
    expect(result.deductions.map((d) => [d.rule, d.points])).toEqual([['DEBTOR_LISTED', 40], ['DEBTOR_ABOUT_TO_BE_LISTED', 0]]);
    expect(result).toMatchObject({ score: 60, grade: 'C' });
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
    expect(rule('NO_PUBLISHED_LETTER').from).toBe('06-01');
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
    expect(assess(subject, withoutGrace, '2027-01-02').score).toBe(92); // 100 − 8
    // Open items carried from last year cost points from the first day (the summary lists them).
    const carried = { ...noLetterYet, unfulfilledItemIds: ['I-2026-3'], overdueItemIds: ['I-2026-3'] };
    expect(assess(org({ currentCommitmentSummary: carried }), rules2026, '2027-01-02').deductions.map((d) => [d.rule, d.sources])).toEqual([
      ['COMMITMENT_UNFULFILLED', ['CommitmentItem:I-2026-3']], ['COMMITMENT_OVERDUE', ['CommitmentItem:I-2026-3']],
    ]);
  });

  it('changes scores when the rule set changes, with no code change', () => {
    const subject = org({ contractSummary: { unremediedGovernmentBreachIds: ['B1'], arrearsMilestoneIds: ['M1', 'M2'], arrearsAmount: '100.00', overdueComplaintIds: [], substantiatedOldDebtComplaintIds: [] } });
    // One breach (8) and two milestones in arrears (2 × 3): 100 − 14 = 86, B.
    expect(assess(subject, rules2026, '2026-11-22')).toMatchObject({ score: 86, grade: 'B' });
    // Arrears at 5 points each: 100 − 8 − 10 = 82.
    const stricter: RuleSetDefinition = { ...rules2026, rules: rules2026.rules.map((r) => (r.id === 'CONTRACT_ARREARS' ? { ...r, pointsPerSource: 5 } : r)) };
    expect(assess(subject, stricter, '2026-11-22').score).toBe(82);
    const lenient: RuleSetDefinition = { ...rules2026, grades: { A: 80, B: 70, C: 50 } };
    expect(assess(subject, lenient, '2026-11-22').grade).toBe('A');
  });
});

describe('assess: hand-worked examples (issue 21, independent oracles)', () => {
  const noIds = { unremediedGovernmentBreachIds: [], arrearsMilestoneIds: [], arrearsAmount: '0.00', overdueComplaintIds: [], substantiatedOldDebtComplaintIds: [] };
  const summary = (published: boolean, unfulfilled: string[] = [], overdue: string[] = []) => ({ year: 2026, letterId: published ? 'L1' : null, published, unfulfilledItemIds: unfulfilled, overdueItemIds: overdue });

  it('the README\'s worked example (孙吴县统计局, 2026-11-22): 72, C', () => {
    // No published letter (8), one carried-over item overdue (2), one unremedied breach (8), one milestone in arrears (3),
    // one complaint handled late (2), training below 80 % (5): 28 points, 100 − 28 = 72, grade C (60 ≤ 72 < 75).
    const result = assess(org({
      uscc: '11231124696698813J', regionCode: '231124',
      currentCommitmentSummary: summary(false, [], ['36716936-fd51-4038-a348-c922dc36a1de']),
      contractSummary: { ...noIds, unremediedGovernmentBreachIds: ['HH-2023-CG-00629/b1'], arrearsMilestoneIds: ['HH-2023-CG-00629/m4'], overdueComplaintIds: ['6f097b32-9ac6-4e75-a45a-3fe3b93db10b'] },
      currentTrainingSummary: { year: 2026, coverageRate: 0.62 },
    }), rules2026, '2026-11-22');
    expect(result.deductions.map((d) => [d.rule, d.points, d.sources.join(' ')])).toEqual([
      ['NO_PUBLISHED_LETTER', 8, 'CommitmentSummary:11231124696698813J:2026'],
      ['COMMITMENT_OVERDUE', 2, 'CommitmentItem:36716936-fd51-4038-a348-c922dc36a1de'],
      ['CONTRACT_GOVERNMENT_BREACH', 8, 'ContractBreach:HH-2023-CG-00629/b1'],
      ['CONTRACT_ARREARS', 3, 'ContractMilestone:HH-2023-CG-00629/m4'],
      ['COMPLAINT_OVERDUE', 2, 'ContractComplaint:6f097b32-9ac6-4e75-a45a-3fe3b93db10b'],
      ['TRAINING_COVERAGE_LOW', 5, 'TrainingSummary:11231124696698813J:2026'],
    ]);
    expect(result).toMatchObject({ score: 72, grade: 'C' });
    expect(result.warnings.map((w) => `${w.level} ${w.kind}`)).toEqual([
      'YELLOW NO_PUBLISHED_LETTER', 'YELLOW COMMITMENT_OVERDUE', 'ORANGE CONTRACT_GOVERNMENT_BREACH', 'ORANGE CONTRACT_ARREARS', 'YELLOW TRAINING_COVERAGE_LOW',
    ]);
  });

  it('a rule\'s cap, then its domain\'s cap', () => {
    // Court: 3 listed records = 45, capped at 40; 2 cases about to be listed = 10, but 40 spent the domain's 40: 0.
    // Commitments: letter signed, not published (8); 5 items unfulfilled = 20, capped at 12; 2 overdue = 4: 24 ≤ 25.
    // Contracts: 3 breaches = 24, capped at 16; 5 milestones in arrears = 15, capped at 12; 1 old debt substantiated = 10,
    // but only 35 − 28 = 7 left of the domain; 2 complaints late = 4, nothing left: 0. Contracts 35.
    // Total 40 + 24 + 35 = 99: 100 − 99 = 1, grade D.
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
    const result = assess(org({
      debtorSummary: { activeCaseNumbers: ids('(2026)黑11执', 3), aboutToBeListedCaseNumbers: ids('(2026)黑11执10', 2), firstListedAt: '2026-02-01' },
      currentCommitmentSummary: { year: 2026, letterId: 'L1', published: false, unfulfilledItemIds: ids('U', 5), overdueItemIds: ids('U', 2) },
      contractSummary: { ...noIds, unremediedGovernmentBreachIds: ids('B', 3), arrearsMilestoneIds: ids('M', 5), substantiatedOldDebtComplaintIds: ['Q1'], overdueComplaintIds: ids('Q', 2) },
    }), rules2026, '2026-11-22');
    expect(result.deductions.map((d) => [d.rule, d.points])).toEqual([
      ['DEBTOR_LISTED', 40], ['DEBTOR_ABOUT_TO_BE_LISTED', 0],
      ['NO_PUBLISHED_LETTER', 8], ['COMMITMENT_UNFULFILLED', 12], ['COMMITMENT_OVERDUE', 4],
      ['CONTRACT_GOVERNMENT_BREACH', 16], ['CONTRACT_ARREARS', 12], ['OLD_DEBT_COMPLAINT', 7], ['COMPLAINT_OVERDUE', 0],
    ]);
    expect(result).toMatchObject({ score: 1, grade: 'D' });
    // The letter is cited by its id when there is one.
    expect(result.deductions.find((d) => d.rule === 'NO_PUBLISHED_LETTER')!.sources).toEqual(['CommitmentLetter:L1']);
  });

  it('grades at their thresholds: 90 is A, 87 and 75 are B, 60 is C, 58 is D', () => {
    const graded = (overrides: Partial<Organization>) => { const { score, grade } = assess(org(overrides), rules2026, '2026-11-22'); return `${score} ${grade}`; };
    // One breach (8) and one late complaint (2): 90.
    expect(graded({ contractSummary: { ...noIds, unremediedGovernmentBreachIds: ['B1'], overdueComplaintIds: ['Q1'] } })).toBe('90 A');
    // One breach, one late complaint and one milestone in arrears (3): 87.
    expect(graded({ contractSummary: { ...noIds, unremediedGovernmentBreachIds: ['B1'], overdueComplaintIds: ['Q1'], arrearsMilestoneIds: ['M1'] } })).toBe('87 B');
    // No letter (8), 3 unfulfilled (12), 3 overdue (6): 26, capped at 25: 75.
    expect(graded({ currentCommitmentSummary: summary(false, ['U1', 'U2', 'U3'], ['U1', 'U2', 'U3']) })).toBe('75 B');
    // Three listed records: 45, capped at 40: 60.
    expect(graded({ debtorSummary: { activeCaseNumbers: ['C1', 'C2', 'C3'], aboutToBeListedCaseNumbers: [], firstListedAt: '2026-01-01' } })).toBe('60 C');
    // Those 40 and one late complaint (2): 58.
    expect(graded({ debtorSummary: { activeCaseNumbers: ['C1', 'C2', 'C3'], aboutToBeListedCaseNumbers: [], firstListedAt: '2026-01-01' }, contractSummary: { ...noIds, overdueComplaintIds: ['Q1'] } })).toBe('58 D');
    // Training below 80 % alone (5): 95.
    expect(graded({ currentTrainingSummary: { year: 2026, coverageRate: 0.5 } })).toBe('95 A');
  });
});

describe('assess: dishonesty records (seed 002 §四(二)3 "对存在政务失信记录的按比例进行扣分"), hand-worked', () => {
  const ON = '2026-11-22';
  const none = { seriousRecordIds: [], generalRecordIds: [], minorRecordIds: [], overdueRectificationRecordIds: [] };
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  const dishonesty = (serious: string[], general: string[], minor: string[], overdue: string[] = []) =>
    org({ dishonestySummary: { seriousRecordIds: serious, generalRecordIds: general, minorRecordIds: minor, overdueRectificationRecordIds: overdue } });
  const points = (result: ReturnType<typeof assess>) => result.deductions.map((d) => [d.rule, d.points, d.sources.join(' ')]);

  it('the rule table as the README states it', () => {
    const table = rules2026.rules.filter((r) => r.domain === 'DISHONESTY').map((r) => [r.id, r.severity, r.pointsPerSource, r.cap, r.warning]);
    expect(table).toEqual([
      ['DISHONESTY_SERIOUS', 'SERIOUS', 15, 30, 'RED'], ['DISHONESTY_GENERAL', 'GENERAL', 8, 24, 'ORANGE'], ['DISHONESTY_MINOR', 'MINOR', 3, 9, 'YELLOW'],
      ['DISHONESTY_RECTIFICATION_OVERDUE', undefined, 5, 10, 'ORANGE'],
    ]);
    expect(rules2026.domainCaps.DISHONESTY).toBe(30);
    for (const r of rules2026.rules.filter((x) => x.detector === 'dishonestyRecordsInForce')) expect(r.basis, r.id).toContain('§四(二)3');
    expect(rules2026.rules.find((r) => r.id === 'DISHONESTY_RECTIFICATION_OVERDUE')!.basis).toContain('限期加以整改');
  });

  it('a body with one SERIOUS and two MINOR records in force: 15 + 2 × 3 = 21, 79, B; a record out of term, an official\'s and an unpublished one cost nothing', () => {
    // The body's records as the dishonesty-records subgraph holds them on 2026-11-22 (its summary reads them, summary.rules.ts):
    const record = (id: string, severity: Severity, changes: Partial<{ subjectType: SubjectType; publication: PublicationStatus; decisionDate: string; sanctionEndDate: string | null }> = {}) => ({
      id, severity, subjectType: SubjectType.ORGANIZATION, publication: PublicationStatus.PUBLISHED, status: RecordStatus.ACTIVE, decisionDate: '2026-06-10', sanctionEndDate: '2027-06-10', ...changes,
    });
    const summary = summarizeDishonesty([
      record('r-serious', Severity.SERIOUS, { sanctionEndDate: '2029-06-10' }),
      record('r-minor-1', Severity.MINOR, { decisionDate: '2026-09-01', sanctionEndDate: '2027-03-01' }),
      record('r-minor-2', Severity.MINOR, { decisionDate: '2026-11-22', sanctionEndDate: '2027-05-22' }), // decided today: counts
      record('r-ended', Severity.SERIOUS, { decisionDate: '2025-05-10', sanctionEndDate: '2026-11-21' }), // its term ended yesterday
      record('r-official', Severity.SERIOUS, { subjectType: SubjectType.OFFICIAL }), // an official's: the official's promotion, not the unit's score
      record('r-unpublished', Severity.GENERAL, { publication: PublicationStatus.UNPUBLISHED }),
      record('r-withdrawn', Severity.GENERAL, { publication: PublicationStatus.WITHDRAWN }),
    ], ON);
    // No sanction of theirs asks for a rectification that is overdue (that rule has its own test below).
    const result = assess(org({ dishonestySummary: { ...summary, overdueRectificationRecordIds: [] } }), rules2026, ON);
    // DISHONESTY_SERIOUS: 1 × 15 = 15 (cap 30); DISHONESTY_MINOR: 2 × 3 = 6 (cap 9); domain 21 ≤ 30. 100 − 21 = 79, B (75 ≤ 79 < 90).
    expect(points(result)).toEqual([
      ['DISHONESTY_SERIOUS', 15, 'DishonestyRecord:r-serious'],
      ['DISHONESTY_MINOR', 6, 'DishonestyRecord:r-minor-1 DishonestyRecord:r-minor-2'],
    ]);
    expect(result).toMatchObject({ score: 79, grade: 'B' });
    expect(result.deductions.every((d) => d.domain === 'DISHONESTY')).toBe(true);
    // A warning while a record is in force: RED for a serious one, YELLOW for minor ones.
    expect(result.warnings.map((w) => [w.level, w.kind, w.domain, w.sources.length])).toEqual([['RED', 'DISHONESTY_SERIOUS', 'DISHONESTY', 1], ['YELLOW', 'DISHONESTY_MINOR', 'DISHONESTY', 2]]);
  });

  it('reaches the domain\'s cap: 3 SERIOUS, 2 GENERAL, 4 MINOR cost 30, 70, C', () => {
    // SERIOUS 3 × 15 = 45, capped at 30; the domain's 30 is spent: GENERAL 2 × 8 = 16 → 0, MINOR 4 × 3 = 12 (capped at 9) → 0. 100 − 30 = 70, C.
    const result = assess(dishonesty(ids('S', 3), ids('G', 2), ids('M', 4)), rules2026, ON);
    expect(result.deductions.map((d) => [d.rule, d.points, d.sources.length])).toEqual([['DISHONESTY_SERIOUS', 30, 3], ['DISHONESTY_GENERAL', 0, 2], ['DISHONESTY_MINOR', 0, 4]]);
    expect(result).toMatchObject({ score: 70, grade: 'C' });
    // Every record is still cited and still warns, as a court listing past its domain's cap does.
    expect(result.warnings.map((w) => w.level)).toEqual(['RED', 'ORANGE', 'YELLOW']);
  });

  it('caps a rule before the domain: 4 GENERAL and 1 MINOR cost 27, 73; 4 GENERAL and 3 MINOR cost 30, 70', () => {
    // GENERAL 4 × 8 = 32, capped at 24; MINOR 1 × 3 = 3; 27 ≤ 30: 100 − 27 = 73, C.
    expect(assess(dishonesty([], ids('G', 4), ['M1']), rules2026, ON).deductions.map((d) => [d.rule, d.points])).toEqual([['DISHONESTY_GENERAL', 24], ['DISHONESTY_MINOR', 3]]);
    expect(assess(dishonesty([], ids('G', 4), ['M1']), rules2026, ON)).toMatchObject({ score: 73, grade: 'C' });
    // GENERAL 24; MINOR 3 × 3 = 9, but only 30 − 24 = 6 left of the domain: 30 in all, 70.
    expect(assess(dishonesty([], ids('G', 4), ids('M', 3)), rules2026, ON).deductions.map((d) => [d.rule, d.points])).toEqual([['DISHONESTY_GENERAL', 24], ['DISHONESTY_MINOR', 6]]);
    expect(assess(dishonesty([], ids('G', 4), ids('M', 3)), rules2026, ON).score).toBe(70);
  });

  it('adds to the other domains, each under its own cap: three court listings (40) and two serious records (30) leave 30, D', () => {
    const result = assess(org({
      debtorSummary: { activeCaseNumbers: ['C1', 'C2', 'C3'], aboutToBeListedCaseNumbers: [], firstListedAt: '2026-02-01' },
      dishonestySummary: { ...none, seriousRecordIds: ['S1', 'S2'] },
    }), rules2026, ON);
    // Court: 3 × 15 = 45, capped at 40. Dishonesty: 2 × 15 = 30. 100 − 70 = 30, D.
    expect(result.deductions.map((d) => [d.rule, d.points])).toEqual([['DEBTOR_LISTED', 40], ['DISHONESTY_SERIOUS', 30]]);
    expect(result).toMatchObject({ score: 30, grade: 'D' });
  });

  it('a rectification overdue (seed 004 §四(八) "限期加以整改") costs 5 more a record, at most 10, and warns ORANGE, citing the record', () => {
    // One GENERAL record whose rectification is overdue: 8 + 5 = 13, 87, B; warnings ORANGE for the record and ORANGE for the overdue rectification.
    const one = assess(dishonesty([], ['G1'], [], ['G1']), rules2026, ON);
    expect(points(one)).toEqual([['DISHONESTY_GENERAL', 8, 'DishonestyRecord:G1'], ['DISHONESTY_RECTIFICATION_OVERDUE', 5, 'DishonestyRecord:G1']]);
    expect(one).toMatchObject({ score: 87, grade: 'B' });
    expect(one.warnings.map((w) => [w.level, w.kind, w.sources])).toEqual([['ORANGE', 'DISHONESTY_GENERAL', ['DishonestyRecord:G1']], ['ORANGE', 'DISHONESTY_RECTIFICATION_OVERDUE', ['DishonestyRecord:G1']]]);
    // Three overdue MINOR records: 3 × 3 = 9; 3 × 5 = 15, capped at 10; 19 in all, 81.
    expect(assess(dishonesty([], [], ids('M', 3), ids('M', 3)), rules2026, ON)).toMatchObject({ score: 81, deductions: [{ points: 9 }, { points: 10 }] });
    // Within the domain's cap: two SERIOUS records (30) leave nothing for their overdue rectifications, which still warn.
    const capped = assess(dishonesty(['S1', 'S2'], [], [], ['S1']), rules2026, ON);
    expect(capped.deductions.map((d) => [d.rule, d.points])).toEqual([['DISHONESTY_SERIOUS', 30], ['DISHONESTY_RECTIFICATION_OVERDUE', 0]]);
    expect(capped.score).toBe(70);
    expect(capped.warnings.map((w) => w.kind)).toContain('DISHONESTY_RECTIFICATION_OVERDUE');
    // Reported in time (not in the list): the record's own points only.
    expect(assess(dishonesty([], ['G1'], []), rules2026, ON).score).toBe(92);
  });

  it('costs nothing without records, and nothing when the summary is unknown (no deduction without a source)', () => {
    expect(assess(org({ dishonestySummary: none }), rules2026, ON)).toMatchObject({ score: 100, deductions: [], warnings: [] });
    expect(assess(org({ dishonestySummary: null }), rules2026, ON).deductions).toEqual([]);
    // The 2025 rule set has no dishonesty rule: a 2025 assessment is not changed by the records.
    expect(assess(dishonesty(['S1'], [], []), ruleSetFor(sets, 2025), '2025-12-31').deductions).toEqual([]);
  });
});
