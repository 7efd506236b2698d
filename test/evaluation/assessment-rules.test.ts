// The scoring rules (assessment.rules.ts) and the rule sets' own checks (rule-set.rules.ts), one rule
// at a time, over rule sets written here (issue 21, mutation testing). The points, caps and grades
// of these sets are small round numbers, and every expected score is worked out in the comment
// beside it; test/evaluation/assess.test.ts covers the rule sets on file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { assess, LEVEL_ORDER } from '../../subgraphs/evaluation/assessment.rules.js';
import type { OrganizationFacts } from '../../subgraphs/evaluation/entities/federated.js';
import { currentRuleSet, DETECTORS, loadRuleSets, ruleSetFor, ruleSets, type RuleDefinition, type RuleSetDefinition } from '../../subgraphs/evaluation/rule-set.rules.js';

const USCC = '11231102MA0000001X';
const TODAY = '2026-11-22';

/** An organization with nothing against it; each test adds what it is about. */
function org(overrides: Partial<OrganizationFacts> = {}): OrganizationFacts {
  return {
    uscc: USCC,
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

const rule = (id: string, detector: RuleDefinition['detector'], domain: RuleDefinition['domain'], extra: Partial<RuleDefinition>): RuleDefinition => ({
  id, detector, domain, zh: `中文${id}`, en: `english ${id}`, ...extra,
});

/** Base 100, grades at 90 / 75 / 60, and caps of 20 (courts) and 10 (contracts); commitments and training uncapped. */
function ruleSet(rules: RuleDefinition[], changes: Partial<RuleSetDefinition> = {}): RuleSetDefinition {
  return {
    id: 'T-1', year: 2026, version: 1, title: 'test', basis: 'test', baseScore: 100,
    grades: { A: 90, B: 75, C: 60 },
    domainCaps: { COURT_DEBTORS: 20, CONTRACTS: 10 } as RuleSetDefinition['domainCaps'],
    rules, ...changes,
  };
}

const EVERY_DETECTOR: RuleDefinition[] = [
  rule('D1', 'activeDebtorRecords', 'COURT_DEBTORS', { pointsPerSource: 1 }),
  rule('D2', 'aboutToBeListedCases', 'COURT_DEBTORS', { pointsPerSource: 1 }),
  rule('C1', 'noPublishedLetter', 'COMMITMENTS', { points: 1 }),
  rule('C2', 'unfulfilledItems', 'COMMITMENTS', { pointsPerSource: 1 }),
  rule('C3', 'overdueItems', 'COMMITMENTS', { pointsPerSource: 1 }),
  rule('K1', 'unremediedGovernmentBreaches', 'CONTRACTS', { pointsPerSource: 1 }),
  rule('K2', 'arrears', 'CONTRACTS', { pointsPerSource: 1 }),
  rule('K3', 'substantiatedOldDebtComplaints', 'CONTRACTS', { pointsPerSource: 1 }),
  rule('K4', 'overdueComplaints', 'CONTRACTS', { pointsPerSource: 1 }),
  rule('T1', 'trainingCoverageBelow', 'TRAINING', { points: 1, threshold: 0.8 }),
  rule('X1', 'dishonestyRecordsInForce', 'DISHONESTY', { pointsPerSource: 1, severity: 'SERIOUS' }),
  rule('X2', 'dishonestyRecordsInForce', 'DISHONESTY', { pointsPerSource: 1, severity: 'GENERAL' }),
  rule('X3', 'dishonestyRecordsInForce', 'DISHONESTY', { pointsPerSource: 1, severity: 'MINOR' }),
];

describe('what each detector cites', () => {
  it('cites every source record as "<Type>:<id>"', () => {
    const subject = org({
      debtorSummary: { activeCaseNumbers: ['(2026)黑11执1号'], aboutToBeListedCaseNumbers: ['(2026)黑11执2号'], firstListedAt: null },
      currentCommitmentSummary: { year: 2026, letterId: 'L9', published: false, unfulfilledItemIds: ['I1'], overdueItemIds: ['I2'] },
      contractSummary: { unremediedGovernmentBreachIds: ['B1'], arrearsMilestoneIds: ['M1'], arrearsAmount: '1.00', overdueComplaintIds: ['Q1'], substantiatedOldDebtComplaintIds: ['Q2'] },
      currentTrainingSummary: { year: 2026, coverageRate: 0.5 },
      dishonestySummary: { seriousRecordIds: ['R1'], generalRecordIds: ['R2', 'R3'], minorRecordIds: ['R4'], overdueRectificationRecordIds: [] },
    });
    expect(assess(subject, ruleSet(EVERY_DETECTOR), TODAY).deductions.map((d) => [d.rule, d.sources])).toEqual([
      ['D1', ['DebtorRecord:(2026)黑11执1号']],
      ['D2', ['PendingCase:(2026)黑11执2号']],
      ['C1', ['CommitmentLetter:L9']],
      ['C2', ['CommitmentItem:I1']],
      ['C3', ['CommitmentItem:I2']],
      ['K1', ['ContractBreach:B1']],
      ['K2', ['ContractMilestone:M1']],
      ['K3', ['ContractComplaint:Q2']],
      ['K4', ['ContractComplaint:Q1']],
      ['T1', [`TrainingSummary:${USCC}:2026`]],
      // Each dishonesty rule cites the records of its own severity.
      ['X1', ['DishonestyRecord:R1']],
      ['X2', ['DishonestyRecord:R2', 'DishonestyRecord:R3']],
      ['X3', ['DishonestyRecord:R4']],
    ]);
  });

  it('finds nothing in summaries that are unknown', () => {
    const unknown = org({ currentCommitmentSummary: null, debtorSummary: null, contractSummary: null, currentTrainingSummary: null, dishonestySummary: null });
    expect(assess(unknown, ruleSet(EVERY_DETECTOR), TODAY)).toMatchObject({ score: 100, grade: 'A', deductions: [], warnings: [] });
    const absent = org({ currentCommitmentSummary: undefined, debtorSummary: undefined, contractSummary: undefined, currentTrainingSummary: undefined });
    expect(assess(absent, ruleSet(EVERY_DETECTOR), TODAY).deductions).toEqual([]);
  });

  it('cites the year\'s summary when a unit has no letter at all, in the summary\'s year or else the assessment\'s', () => {
    const noLetter = { year: 2025, letterId: null, published: false, unfulfilledItemIds: [], overdueItemIds: [] };
    expect(assess(org({ currentCommitmentSummary: noLetter }), ruleSet(EVERY_DETECTOR), TODAY).deductions[0]!.sources).toEqual([`CommitmentSummary:${USCC}:2025`]);
    const noYear = { ...noLetter, year: undefined as unknown as number };
    expect(assess(org({ currentCommitmentSummary: noYear }), ruleSet(EVERY_DETECTOR), '2027-08-01').deductions[0]!.sources).toEqual([`CommitmentSummary:${USCC}:2027`]);
  });

  it('charges no missing letter to a classified body, or for a published one', () => {
    const unpublished = { year: 2026, letterId: 'L9', published: false, unfulfilledItemIds: [], overdueItemIds: [] };
    expect(assess(org({ classified: true, currentCommitmentSummary: unpublished }), ruleSet(EVERY_DETECTOR), TODAY).deductions).toEqual([]);
    expect(assess(org(), ruleSet(EVERY_DETECTOR), TODAY).deductions).toEqual([]);
  });

  it('compares training coverage with the rule\'s threshold: below it costs, at it or unknown does not', () => {
    const training = (coverageRate: number | null) => org({ currentTrainingSummary: { year: 2026, coverageRate } });
    const low = [rule('T1', 'trainingCoverageBelow', 'TRAINING', { points: 1, threshold: 0.6 })];
    expect(assess(training(0.59), ruleSet(low), TODAY).deductions.map((d) => d.rule)).toEqual(['T1']);
    expect(assess(training(0.6), ruleSet(low), TODAY).deductions).toEqual([]);
    expect(assess(training(0.7), ruleSet(low), TODAY).deductions).toEqual([]);
    expect(assess(training(null), ruleSet(low), TODAY).deductions).toEqual([]);
    expect(assess(training(0), ruleSet(low), TODAY).deductions.map((d) => d.rule)).toEqual(['T1']);
  });
});

describe('points', () => {
  const debtor = (n: number) => org({ debtorSummary: { activeCaseNumbers: Array.from({ length: n }, (_, i) => `C${i}`), aboutToBeListedCaseNumbers: [], firstListedAt: null } });

  it('costs points per source up to the rule\'s cap, or without limit when it has none', () => {
    const capped = [rule('D1', 'activeDebtorRecords', 'COMMITMENTS', { pointsPerSource: 3, cap: 7 })];
    expect(assess(debtor(2), ruleSet(capped), TODAY).score).toBe(94); // 2 × 3 = 6
    expect(assess(debtor(3), ruleSet(capped), TODAY).score).toBe(93); // 9, capped at 7
    const uncapped = [rule('D1', 'activeDebtorRecords', 'COMMITMENTS', { pointsPerSource: 3 })];
    expect(assess(debtor(5), ruleSet(uncapped), TODAY).score).toBe(85); // 15
  });

  it('costs a fixed rule its points once, however many sources', () => {
    const once = [rule('D1', 'activeDebtorRecords', 'COMMITMENTS', { points: 4 })];
    expect(assess(debtor(3), ruleSet(once), TODAY).deductions.map((d) => [d.points, d.sources.length])).toEqual([[4, 3]]);
  });

  it('caps a domain over all its rules, in the rule set\'s order', () => {
    const rules = [
      rule('D1', 'activeDebtorRecords', 'CONTRACTS', { pointsPerSource: 6 }),
      rule('D2', 'aboutToBeListedCases', 'CONTRACTS', { pointsPerSource: 6 }),
      rule('D3', 'activeDebtorRecords', 'CONTRACTS', { points: 2 }),
    ];
    const subject = org({ debtorSummary: { activeCaseNumbers: ['C1'], aboutToBeListedCaseNumbers: ['P1'], firstListedAt: null } });
    // CONTRACTS is capped at 10: 6, then 4 of 6, then 0 of 2
    expect(assess(subject, ruleSet(rules), TODAY).deductions.map((d) => [d.rule, d.points])).toEqual([['D1', 6], ['D2', 4], ['D3', 0]]);
    expect(assess(subject, ruleSet(rules), TODAY).score).toBe(90);
  });

  it('rounds points and scores to one decimal', () => {
    const fractional = [rule('D1', 'activeDebtorRecords', 'COMMITMENTS', { pointsPerSource: 1.25 })];
    expect(assess(debtor(1), ruleSet(fractional), TODAY).deductions[0]!.points).toBe(1.3); // 1.25 → 1.3
    expect(assess(debtor(1), ruleSet(fractional), TODAY).score).toBe(98.7);
    const domainLeft = [rule('D1', 'activeDebtorRecords', 'CONTRACTS', { pointsPerSource: 4 })];
    expect(assess(debtor(3), ruleSet(domainLeft, { domainCaps: { CONTRACTS: 10.04 } as RuleSetDefinition['domainCaps'] }), TODAY).deductions[0]!.points).toBe(10); // 12, capped at 10.04 → 10
  });

  it('never adds points: a negative rule costs nothing, and a score does not fall below zero', () => {
    const bonus = [rule('D1', 'activeDebtorRecords', 'COMMITMENTS', { points: -5 })];
    expect(assess(debtor(1), ruleSet(bonus), TODAY)).toMatchObject({ score: 100, deductions: [{ rule: 'D1', points: 0 }] });
    const heavy = [rule('D1', 'activeDebtorRecords', 'COMMITMENTS', { pointsPerSource: 30 })];
    expect(assess(debtor(2), ruleSet(heavy, { baseScore: 50 }), TODAY)).toMatchObject({ score: 0, grade: 'D' });
  });

  it('explains each deduction in both languages', () => {
    const rules = [rule('D1', 'activeDebtorRecords', 'COURT_DEBTORS', { pointsPerSource: 2 })];
    expect(assess(debtor(1), ruleSet(rules), TODAY).deductions).toEqual([{ rule: 'D1', domain: 'COURT_DEBTORS', reason: '中文D1 (english D1)', points: 2, sources: ['DebtorRecord:C0'] }]);
  });
});

describe('grades', () => {
  const fixed = (points: number) => ruleSet([rule('D1', 'activeDebtorRecords', 'COMMITMENTS', { points })]);
  const listed = org({ debtorSummary: { activeCaseNumbers: ['C1'], aboutToBeListedCaseNumbers: [], firstListedAt: null } });

  it.each([
    [10, 90, 'A'], [10.1, 89.9, 'B'], [25, 75, 'B'], [25.1, 74.9, 'C'], [40, 60, 'C'], [40.1, 59.9, 'D'],
  ])('%s points off: %s, grade %s', (points, score, grade) => {
    expect(assess(listed, fixed(points), TODAY)).toMatchObject({ score, grade });
  });

  it('keeps the organization, the rule set and the day in the assessment', () => {
    const set = fixed(1);
    const result = assess(listed, set, TODAY);
    expect(result.uscc).toBe(USCC);
    expect(result.ruleSet).toBe(set);
    expect(result.assessedOn).toBe(TODAY);
  });
});

describe('grace days (from: "MM-DD")', () => {
  const graced = ruleSet([rule('C1', 'noPublishedLetter', 'COMMITMENTS', { points: 8, from: '06-01' })]);
  const noLetter = org({ currentCommitmentSummary: { year: 2027, letterId: null, published: false, unfulfilledItemIds: [], overdueItemIds: [] } });

  it('holds a rule from its day of each year on', () => {
    expect(assess(noLetter, graced, '2027-05-31').score).toBe(100);
    expect(assess(noLetter, graced, '2027-06-01').score).toBe(92);
    expect(assess(noLetter, graced, '2027-12-31').score).toBe(92);
    expect(assess(noLetter, graced, '2028-01-01').score).toBe(100);
  });
});

describe('warnings', () => {
  it('warn at the rule\'s level, counting its sources, since today', () => {
    const rules = [rule('K2', 'arrears', 'CONTRACTS', { pointsPerSource: 1, warning: 'ORANGE' })];
    const subject = org({ contractSummary: { unremediedGovernmentBreachIds: [], arrearsMilestoneIds: ['M1', 'M2'], arrearsAmount: '2.00', overdueComplaintIds: [], substantiatedOldDebtComplaintIds: [] } });
    expect(assess(subject, ruleSet(rules), TODAY).warnings).toEqual([
      { level: 'ORANGE', kind: 'K2', domain: 'CONTRACTS', message: '中文K2（2项） (english K2: 2)', since: TODAY, sources: ['ContractMilestone:M1', 'ContractMilestone:M2'] },
    ]);
  });

  it('date a listing\'s warning from the day the unit was first listed, when known', () => {
    const rules = [rule('D1', 'activeDebtorRecords', 'COURT_DEBTORS', { pointsPerSource: 1, warning: 'RED' }), rule('D2', 'aboutToBeListedCases', 'COURT_DEBTORS', { pointsPerSource: 1, warning: 'ORANGE' })];
    const listed = (firstListedAt: string | null) => org({ debtorSummary: { activeCaseNumbers: ['C1'], aboutToBeListedCaseNumbers: ['P1'], firstListedAt } });
    expect(assess(listed('2026-03-01'), ruleSet(rules), TODAY).warnings.map((w) => [w.kind, w.since])).toEqual([['D1', '2026-03-01'], ['D2', TODAY]]);
    expect(assess(listed(null), ruleSet(rules), TODAY).warnings.map((w) => [w.kind, w.since])).toEqual([['D1', TODAY], ['D2', TODAY]]);
  });

  it('are given only by rules that name a level', () => {
    const rules = [rule('D1', 'activeDebtorRecords', 'COURT_DEBTORS', { pointsPerSource: 1 })];
    const subject = org({ debtorSummary: { activeCaseNumbers: ['C1'], aboutToBeListedCaseNumbers: [], firstListedAt: '2026-03-01' } });
    expect(assess(subject, ruleSet(rules), TODAY).warnings).toEqual([]);
  });

  it('order RED above ORANGE above YELLOW', () => {
    expect(LEVEL_ORDER).toEqual({ RED: 3, ORANGE: 2, YELLOW: 1 });
  });
});

describe('rule sets: what a file may hold', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** Loads a directory holding the given files (name → content). */
  function load(files: Record<string, unknown>) {
    const dir = mkdtempSync(join(tmpdir(), 'rule-sets-'));
    dirs.push(dir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return loadRuleSets(dir);
  }
  const problemOf = (rules: RuleDefinition[]) => {
    try {
      load({ 'set.json': ruleSet(rules) });
    } catch (error) {
      return (error as Error).message;
    }
    return null;
  };

  it('loads every .json file by its year, and nothing else', () => {
    const sets = load({ 'a.json': ruleSet([], { id: 'A', year: 2030 }), 'b.json': ruleSet([], { id: 'B', year: 2031 }), 'notes.txt': 'not a rule set' });
    expect([...sets.entries()].map(([year, set]) => [year, set.id]).sort()).toEqual([[2030, 'A'], [2031, 'B']]);
  });

  it('accepts a valid rule of each kind', () => {
    expect(problemOf(EVERY_DETECTOR)).toBeNull();
    expect(problemOf([rule('C1', 'noPublishedLetter', 'COMMITMENTS', { points: 8, from: '06-01' })])).toBeNull();
  });

  it('names the file and every problem', () => {
    expect(problemOf([rule('X', 'madeUp' as RuleDefinition['detector'], 'COMMITMENTS', { points: 1 })])).toBe('invalid rule set set.json: X: unknown detector madeUp');
    expect(problemOf([rule('X', 'arrears', 'CONTRACTS', { points: 1, pointsPerSource: 1 })])).toBe('invalid rule set set.json: X: give exactly one of points, pointsPerSource');
    expect(problemOf([rule('X', 'arrears', 'CONTRACTS', {})])).toBe('invalid rule set set.json: X: give exactly one of points, pointsPerSource');
    expect(problemOf([rule('X', 'trainingCoverageBelow', 'TRAINING', { points: 1 })])).toBe('invalid rule set set.json: X: needs a threshold');
    expect(problemOf([rule('X', 'dishonestyRecordsInForce', 'DISHONESTY', { pointsPerSource: 1 })])).toBe('invalid rule set set.json: X: needs a severity of SERIOUS / GENERAL / MINOR');
    expect(problemOf([rule('X', 'dishonestyRecordsInForce', 'DISHONESTY', { pointsPerSource: 1, severity: 'GRAVE' as RuleDefinition['severity'] })])).toBe('invalid rule set set.json: X: needs a severity of SERIOUS / GENERAL / MINOR');
    expect(problemOf([rule('X', 'arrears', 'CONTRACTS', { points: 1 }), rule('X', 'overdueItems', 'COMMITMENTS', { points: 1 })])).toBe('invalid rule set set.json: rule ids repeat');
    expect(problemOf([rule('X', 'madeUp' as RuleDefinition['detector'], 'COMMITMENTS', {}), rule('Y', 'arrears', 'CONTRACTS', { points: 1, from: '6-1' })]))
      .toBe('invalid rule set set.json: X: unknown detector madeUp; X: give exactly one of points, pointsPerSource; Y: from must be MM-DD');
  });

  it('takes a grace day as MM-DD of a real month and day', () => {
    for (const from of ['01-01', '06-01', '09-30', '10-10', '12-31', '02-29', '11-19', '12-20']) expect(problemOf([rule('C1', 'noPublishedLetter', 'COMMITMENTS', { points: 1, from })]), from).toBeNull();
    for (const from of ['6-01', '06-1', '13-01', '00-10', '06-00', '06-32', '06-40', '20-01', 'x06-01', '06-01x', '0601', '']) {
      expect(problemOf([rule('C1', 'noPublishedLetter', 'COMMITMENTS', { points: 1, from })]), from).toBe('invalid rule set set.json: C1: from must be MM-DD');
    }
  });

  it('picks the year\'s set, else the latest before it, else the earliest', () => {
    const sets = load({ 'a.json': ruleSet([], { id: 'A', year: 2030 }), 'b.json': ruleSet([], { id: 'B', year: 2032 }) });
    expect(ruleSetFor(sets, 2030).id).toBe('A');
    expect(ruleSetFor(sets, 2031).id).toBe('A');
    expect(ruleSetFor(sets, 2032).id).toBe('B');
    expect(ruleSetFor(sets, 2040).id).toBe('B');
    expect(ruleSetFor(sets, 2029).id).toBe('A');
    expect(() => ruleSetFor(new Map(), 2030)).toThrow('no rule set');
  });

  it('reads the sets on file at start, and scores by the year of today', () => {
    expect([...ruleSets.keys()].sort()).toEqual([2025, 2026]);
    vi.stubEnv('CREDIT_TODAY', '2025-12-31');
    expect(currentRuleSet().id).toBe('HH-2025-1');
    vi.stubEnv('CREDIT_TODAY', '2026-01-01');
    expect(currentRuleSet().id).toBe('HH-2026-1');
    vi.stubEnv('CREDIT_TODAY', '2024-06-01');
    expect(currentRuleSet().id).toBe('HH-2025-1');
  });

  it('knows twelve detectors', () => {
    expect(DETECTORS).toEqual([
      'activeDebtorRecords', 'aboutToBeListedCases', 'noPublishedLetter', 'unfulfilledItems', 'overdueItems',
      'unremediedGovernmentBreaches', 'arrears', 'substantiatedOldDebtComplaints', 'overdueComplaints', 'trainingCoverageBelow',
      'dishonestyRecordsInForce', 'overdueRectifications',
    ]);
  });
});
