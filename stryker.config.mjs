// Mutation testing of the rule modules (issue 21): `npm run mutation` (scripts/mutation.ts) runs
// Stryker once per set below and prints the scores; docs/mutation-testing.md records them and
// explains the mutants that survive. Not part of `npm test`.
//
// Stryker 9.6 (Stryker 10 needs Node 22) with its vitest runner. Each set's tests are listed in
// stryker.vitest.config.ts; `perTest` coverage runs each mutant against the tests that reach it.

const SET = process.env.CREDIT_MUTATION_SET ?? 'rules';

/** The modules mutated, per set: files, or `file:from-to` lines where the rest is declarations. */
const MUTATE = {
  rules: [
    // 统一社会信用代码, 身份号码, 行政区划代码, phone numbers, the public masking of personal data
    'platform/validation/*.ts',
    // dates, deadlines and the complaint deadline rule; exact money; who may give a complaint's source
    'subgraphs/kit/dates.ts',
    'subgraphs/kit/money.ts',
    'subgraphs/kit/complaint-intake.ts',
    // the rounding of every coverage rate
    'subgraphs/kit/figures.ts',
    // the score, the warnings and the rule sets' own checks
    'subgraphs/evaluation/assessment.rules.ts',
    'subgraphs/evaluation/rule-set.rules.ts',
    // complaint workflows and deadlines
    'subgraphs/commitments/complaint.rules.ts',
    'subgraphs/contracts/complaint.rules.ts',
    // which letters bind their unit and who sees them
    'subgraphs/commitments/letter.rules.ts',
    // overdue milestones and arrears (拖欠), which the contract summary counts; the contract workflow.
    // Lines 34-45 build the `overdue` filter's SQL: the reports set runs them against a store.
    'subgraphs/contracts/contract.rules.ts:1-33',
    'subgraphs/contracts/contract.rules.ts:46-60',
  ],
  reports: [
    'subgraphs/commitments/reports/coverage.ts',
    'subgraphs/commitments/reports/summary.ts',
    // the rest of these two files is the GraphQL object types (field descriptions, nothing to mutate)
    'subgraphs/training/reports/coverage.ts:65-96',
    'subgraphs/training/reports/summary.ts:9-21',
    'subgraphs/training/reports/summary.ts:78-99',
    // the loader; above it, the GraphQL object type. reports/figures.ts is not mutated: its rules
    // are SQL text (Stryker can only empty a string) and its JavaScript copies columns into fields.
    'subgraphs/contracts/reports/summary.ts:77-159',
    // the `overdue` contracts filter (the rest of contract.rules.ts is in the rules set)
    'subgraphs/contracts/contract.rules.ts:34-45',
  ],
};

if (!(SET in MUTATE)) throw new Error(`CREDIT_MUTATION_SET must be one of ${Object.keys(MUTATE).join(', ')}, got ${SET}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  vitest: { configFile: 'stryker.vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: MUTATE[SET],
  coverageAnalysis: 'perTest',
  // Two cores; CREDIT_MUTATION_CONCURRENCY=1 on a busy machine.
  concurrency: Number(process.env.CREDIT_MUTATION_CONCURRENCY || 2),
  // A mutant that loops is stopped at 1.5 × its tests' time plus this (seeded stores start slowly
  // when the machine is busy, so the reports set waits longer).
  timeoutFactor: 1.5,
  timeoutMS: SET === 'reports' ? 120_000 : 60_000,
  reporters: [process.stdout.isTTY ? 'progress' : 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${SET}.html` },
  jsonReporter: { fileName: `reports/mutation/${SET}.json` },
  tempDirName: '.stryker-tmp',
  // The sandbox Stryker copies the tree into needs the sources and tests, not local stores or builds.
  ignorePatterns: ['/dist', '/data', '/tmp', '/reports', '/test/artifacts', '*.sqlite*'],
  thresholds: { high: 90, low: 80, break: null },
  cleanTempDir: true,
};
