import { SingleBar, Presets } from 'cli-progress';
import { config, ensureSchema, openOrm, resetSchema, type EntityManager, type Seeder, type SeedPart, type SeedProgress } from '../../subgraphs/kit/index.js';
import type { seed as commitmentsSeed } from '../../subgraphs/commitments/seed.js';
import type { seed as contractsSeed } from '../../subgraphs/contracts/seed.js';
import type { seed as courtDebtorsSeed } from '../../subgraphs/court-debtors/seed.js';
import type { seed as dishonestyRecordsSeed } from '../../subgraphs/dishonesty-records/seed.js';
import type { seed as registrySeed } from '../../subgraphs/registry/seed.js';
import type { seed as trainingSeed } from '../../subgraphs/training/seed.js';
import { buildDemoWorld, isDemoWorldPart, provinceParts, type DemoWorld, type Scale } from '../demo-data/world.js';
import { loadDefinition, loadSeeder } from './subgraphs.js';


/** Progress bars on a terminal; one line per finished stage elsewhere (CI logs). */
export function terminalProgress(): SeedProgress & { done(): void } {
  const bars: SingleBar[] = [];
  return {
    stage(name, total) {
      if (!process.stdout.isTTY) {
        let done = 0;
        return (rows) => {
          done += rows;
          if (done >= total) console.log(`  ${name}: ${total} rows`);
        };
      }
      const bar = new SingleBar({ format: `  ${name.padEnd(32)} {bar} {percentage}% | {value}/{total} rows | {duration}s`, hideCursor: true }, Presets.shades_classic);
      bar.start(total, 0);
      bars.push(bar);
      let done = 0;
      return (rows) => {
        done += rows;
        bar.update(done);
        if (done >= total) bar.stop();
      };
    },
    done() {
      for (const bar of bars) bar.stop();
    },
  };
}

export interface SeedRequest {
  names: string[];
  scale: Scale;
  /** Drop and recreate the tables first; otherwise a store that has rows is left alone. */
  reset: boolean;
  progress: SeedProgress;
  log?: (line: string) => void;
}

type RowsOf<S> = S extends Seeder<infer T> ? T : never;
/**
 * The seeders are loaded by name, so the compiler is shown here that each part of the demo
 * world is what its seeder declares it reads.
 */
export type DemoWorldFitsSeeders = DemoWorld extends {
  registry: RowsOf<typeof registrySeed>;
  commitments: RowsOf<typeof commitmentsSeed>;
  'court-debtors': RowsOf<typeof courtDebtorsSeed>;
  contracts: RowsOf<typeof contractsSeed>;
  training: RowsOf<typeof trainingSeed>;
  'dishonesty-records': RowsOf<typeof dishonestyRecordsSeed>;
} ? true : never;
const demoWorldFitsSeeders: DemoWorldFitsSeeders = true;
void demoWorldFitsSeeders;

/**
 * Seeds each named subgraph's own store, each in one transaction, from its part of the demo
 * world (built here, once, and handed to the seeders). Returns the names seeded.
 */
export async function seedSubgraphs(request: SeedRequest): Promise<string[]> {
  const log = request.log ?? console.log;
  const seeded: string[] = [];
  let demoWorld: DemoWorld | undefined;
  const partsOf = (name: string): Array<SeedPart<unknown>> => {
    if (!isDemoWorldPart(name)) throw new Error(`${name}: has a seed.ts but no part in the demo world (scripts/demo-data/world.ts)`);
    if (request.scale === 'province') return provinceParts(name);
    const world = (demoWorld ??= buildDemoWorld());
    return [{ rows: () => world[name] }];
  };
  for (const name of request.names) {
    const seeder = await loadSeeder(name);
    if (!seeder) continue;
    const definition = await loadDefinition(name);
    const store = await openOrm({ name, entities: definition.entities, migrations: definition.migrations });
    try {
      if (request.reset) await resetSchema(store.orm);
      else await ensureSchema(store.orm);
      await definition.prepareStore?.(store.orm.em.fork() as EntityManager);
      const em = store.orm.em.fork();
      if (!request.reset && (await em.count(definition.entities[0] as any)) > 0) {
        log(`${name}: already has data, left as it is (use --reset to reseed)`);
        continue;
      }
      const started = Date.now();
      const restore = await tuneSqliteForBulkLoad(em as EntityManager);
      try {
        await em.transactional((tx) =>
          withIndexesBuiltAfter(tx as EntityManager, `${name}: indexes`, request.progress, () => seeder(tx as any, { parts: partsOf(name), progress: request.progress })),
        );
      } finally {
        await restore();
      }
      log(`${name}: seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      seeded.push(name);
    } finally {
      await store.close();
    }
  }
  return seeded;
}

/**
 * SQLite settings for one big insert, undone afterwards: a page cache large enough for the
 * province's indexes (hundreds of MB), and a rollback journal instead of the WAL: the
 * rows of an empty store are then written once, to the database, rather than to the WAL
 * and again at the checkpoint (new pages need no journal, and a crash still rolls back).
 * Where another connection holds the store, SQLite keeps the WAL and says so; that is fine.
 */
async function tuneSqliteForBulkLoad(em: EntityManager): Promise<() => Promise<void>> {
  if (config.dbDriver() !== 'sqlite') return async () => {};
  const connection = em.getConnection();
  await connection.execute('pragma cache_size = -524288');
  await connection.execute('pragma journal_mode = DELETE');
  return async () => {
    await connection.execute('pragma journal_mode = WAL');
    await connection.execute('pragma cache_size = -2000');
  };
}

/**
 * Runs `seed` with the store's secondary indexes dropped and builds them again afterwards,
 * in the same transaction, on SQLite: one sort per index is several times faster than
 * inserting millions of random UUID keys into each B-tree row by row. A unique index that
 * the rows break fails its CREATE, so the seed fails as it would have. PostgreSQL keeps its
 * indexes (its unique ones back constraints that migrations own).
 */
async function withIndexesBuiltAfter(em: EntityManager, stage: string, progress: SeedProgress, seed: () => Promise<void>): Promise<void> {
  if (config.dbDriver() !== 'sqlite') return seed();
  const connection = em.getConnection();
  const transaction = em.getTransactionContext();
  // Indexes SQLite makes for primary keys have no SQL; they stay.
  const indexes = await connection.execute<Array<{ name: string; sql: string }>>(
    "select name, sql from sqlite_master where type = 'index' and sql is not null", [], 'all', transaction,
  );
  for (const index of indexes) await connection.execute(`drop index \`${index.name}\``, [], 'run', transaction);
  await seed();
  const tick = progress.stage(stage, indexes.length);
  for (const index of indexes) {
    await connection.execute(index.sql, [], 'run', transaction);
    tick(1);
  }
}
