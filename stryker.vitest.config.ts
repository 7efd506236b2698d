import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { TESTS_TODAY } from './vitest.config.js';

const require = createRequire(import.meta.url);

/**
 * The test files Stryker runs against mutants of the rule modules (`npm run mutation`,
 * stryker.config.mjs, docs/mutation-testing.md). Not a project of vitest.config.ts: these files
 * also run in `quick` like every other in-process file; this config only picks the ones a mutant
 * run needs, so that each mutant runs its covering tests and nothing else.
 *
 * Two sets, chosen by CREDIT_MUTATION_SET (the config reads it, stryker.config.mjs sets it):
 *
 * - `rules`: unit files only, quick to import and without seeded stores. A test file that seeds a
 *   subgraph runs the validation and kit rules in its module body and its beforeAll, outside any
 *   test; Stryker counts such code as "static" and runs every test of the set for each of its
 *   mutants, so one seeded file in this set would make every kit mutant cost a full run of it.
 * - `reports`: the in-process files that compute the coverage and summary reports over seeded
 *   stores (the reports read the stores, so no unit file covers them).
 */
export const MUTATION_TESTS = {
  rules: [
    'test/kit/validation.test.ts',
    'test/kit/validation-rules.test.ts',
    'test/kit/kit-rules.test.ts',
    'test/contracts/money.test.ts',
    'test/contracts/contract-rules.test.ts',
    'test/court-debtors/court-row.test.ts',
    'test/commitments/commitment-rules.test.ts',
    'test/evaluation/assess.test.ts',
    'test/evaluation/assessment-rules.test.ts',
    'test/evaluation/rule-sets-on-file.test.ts',
  ],
  reports: [
    'test/commitments/commitments.test.ts',
    'test/training/training.test.ts',
    'test/contracts/contracts.test.ts',
    // the reports' date boundaries (overdue items, milestones and complaints from the day after)
    'test/kit/dates.test.ts',
  ],
} as const;

export type MutationSet = keyof typeof MUTATION_TESTS;

const set = (process.env.CREDIT_MUTATION_SET ?? 'rules') as MutationSet;
if (!(set in MUTATION_TESTS)) throw new Error(`CREDIT_MUTATION_SET must be one of ${Object.keys(MUTATION_TESTS).join(', ')}, got ${set}`);

export default defineConfig({
  resolve: {
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: [...MUTATION_TESTS[set]],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // SQLite in memory, and the tests' pinned today, as in the project `quick`.
    env: { NODE_ENV: 'test', CREDIT_TODAY: process.env.CREDIT_TODAY || TESTS_TODAY, CREDIT_DB_DRIVER: 'sqlite' },
  },
});
