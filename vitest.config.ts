import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** The date the tests run at unless CREDIT_TODAY says otherwise: inside the demo world's year. */
export const TESTS_TODAY = '2026-11-22';

export default defineConfig({
  resolve: {
    // One graphql for tests, Apollo and type-graphql alike (else "another module or realm").
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A pinned "today" (kit/dates.ts reads CREDIT_TODAY) for every test and every process a test
    // starts: figures that speak of overdue or scheduled must not change with the wall clock.
    // Set CREDIT_TODAY to run the suite at another date.
    env: { NODE_ENV: 'test', CREDIT_TODAY: process.env.CREDIT_TODAY || TESTS_TODAY },
  },
});
