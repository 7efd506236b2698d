import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** The date the tests run at unless CREDIT_TODAY says otherwise: inside the demo world's year. */
export const TESTS_TODAY = '2026-11-22';

// Six projects (docs/test-loop.md says what runs where and how long it takes):
//   quick         unit and in-process tests on SQLite: no child process, no PostgreSQL (npm run test:quick)
//   quick-isolated  the same kind, with modules loaded afresh for the file (the schema drift check)
//   postgres      the in-process suites again on PostgreSQL (*.postgres.test.ts, migrations)
//   e2e           real processes over HTTP: test/e2e/, the crash-safe court and dishonesty imports, the import boundaries
//   e2e-postgres  the end-to-end files that prove something about PostgreSQL, again with every store on it
//   e2e-alone     the supervisor's restart timings, with nothing else running
// `npm test` runs them all: quick and postgres first, two files at a time, then e2e and e2e-postgres
// (CREDIT_TEST_E2E_WORKERS stacks at a time, two by default), then e2e-alone. `--project NAME` runs one.

/** Tests that start child processes (subgraphs, the gateway, CLIs, dependency-cruiser). */
const CHILD_PROCESSES = ['test/e2e/**/*.test.ts', 'test/court-debtors/import-crash.test.ts', 'test/dishonesty-records/import-crash.test.ts', 'test/boundaries.test.ts'];
/**
 * Stacks the end-to-end projects start side by side: two. A stack copies the run's seeded
 * template instead of seeding and building its read models (test/e2e/stack-template.ts), so
 * starting one costs the processes' start alone; two at a time passed with the machine at a load
 * of 14–18 (docs/test-loop.md). CREDIT_TEST_E2E_WORKERS=1 runs one.
 */
const E2E_WORKERS = Number(process.env.CREDIT_TEST_E2E_WORKERS || 2);
/** End-to-end files that time processes against a wall clock (restarted "within 10 s"): run alone, last. */
const ALONE = ['test/e2e/supervisor.e2e.test.ts'];
/**
 * In-process files that need modules loaded afresh: the checked-in SDL is compared as text, and in
 * a worker that had built other subgraphs first, type-graphql printed a field's arguments in
 * another order than `npm run compose` does (contracts' `Organization.contracts`; same arguments).
 */
const ISOLATED = ['test/schema-drift.test.ts'];
/** Builds the seeded stores every end-to-end stack copies. */
const STACK_TEMPLATE = 'test/e2e/global-setup.ts';
/** In-process suites run again on PostgreSQL (each sets CREDIT_DB_DRIVER itself). */
const IN_PROCESS_POSTGRES = ['test/**/*.postgres.test.ts'];
/**
 * End-to-end files whose stores behave differently on PostgreSQL, run a second time with every store
 * on it. The others test the federation's logic over HTTP, which the in-process suites already
 * check on PostgreSQL store by store (the PostgreSQL project).
 */
export const E2E_ON_POSTGRES = [
  // hostile strings reach the stores (NUL, lone surrogates, LIKE patterns): PostgreSQL's text and jsonb refuse what SQLite keeps
  'test/e2e/fuzz.e2e.test.ts',
  'test/e2e/hostile-strings.e2e.test.ts',
  // the audit logs (gateway and subgraphs) in their PostgreSQL schemas, made by migrations, append-only by triggers
  'test/e2e/gateway-operations.e2e.test.ts',
  'test/e2e/trust-boundary.e2e.test.ts',
  // two gateway replicas on one PostgreSQL audit store and one Redis: the deployment at scale
  'test/e2e/replicas.e2e.test.ts',
  // the change feeds read across processes (sequence order under PostgreSQL's advisory lock, held
  // reads woken by PostgreSQL commits). cache-invalidation and read-model.redis follow the same
  // feeds (into the gateway's cache, through Redis Streams): run on SQLite only.
  'test/e2e/read-model.e2e.test.ts',
  // a subgraph killed inside a batch's transaction: what PostgreSQL keeps of it
  'test/court-debtors/import-crash.test.ts',
  'test/dishonesty-records/import-crash.test.ts',
];

export default defineConfig({
  resolve: {
    // One graphql for tests, Apollo and type-graphql alike (else "another module or realm").
    alias: { graphql: require.resolve('graphql/index.js') },
  },
  test: {
    // Each project names its files (an include here would be added to each project's).
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A pinned "today" (kit/dates.ts reads CREDIT_TODAY) for every test and every process a test
    // starts: figures that speak of overdue or scheduled must not change with the wall clock.
    // Set CREDIT_TODAY to run the suite at another date.
    env: { NODE_ENV: 'test', CREDIT_TODAY: process.env.CREDIT_TODAY || TESTS_TODAY },
    projects: [
      // Two files at a time: on 2 cores one runs while the other waits on PostgreSQL or a timer.
      // Not isolated: a worker keeps the modules it loaded (type-graphql, MikroORM, the kit) for its
      // next file instead of loading them again for each (quick: 52 s -> 36 s; postgres: 35 s -> 29 s).
      // Each file builds its own stores and subgraphs (passed with the files shuffled, docs/test-loop.md).
      // The end-to-end files stay isolated: they set process.env for their stacks.
      { extends: true, test: { name: 'quick', include: ['test/**/*.test.ts'], exclude: [...CHILD_PROCESSES, ...IN_PROCESS_POSTGRES, ...ISOLATED], maxWorkers: 2, isolate: false, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'quick-isolated', include: ISOLATED, maxWorkers: 1, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'postgres', include: IN_PROCESS_POSTGRES, maxWorkers: 2, isolate: false, sequence: { groupOrder: 0 } } },
      // One stack at a time unless CREDIT_TEST_E2E_WORKERS says otherwise; SQLite and PostgreSQL files in one queue.
      // Each end-to-end project builds one seeded stack's stores in the background (test/e2e/global-setup.ts), which its stacks copy.
      { extends: true, test: { name: 'e2e', include: CHILD_PROCESSES, exclude: ALONE, maxWorkers: E2E_WORKERS, globalSetup: [STACK_TEMPLATE], sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'e2e-postgres', include: E2E_ON_POSTGRES, env: { CREDIT_DB_DRIVER: 'postgresql' }, maxWorkers: E2E_WORKERS, globalSetup: [STACK_TEMPLATE], sequence: { groupOrder: 1 } } },
      // Its one stack copies the template of the project e2e (a builder of its own would cost more than it saves); run alone, it seeds itself.
      { extends: true, test: { name: 'e2e-alone', include: ALONE, maxWorkers: 1, globalSetup: [STACK_TEMPLATE], env: { CREDIT_TEST_STACK_TEMPLATE: 'from:e2e' }, sequence: { groupOrder: 2 } } },
    ],
  },
});
