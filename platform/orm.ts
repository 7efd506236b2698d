import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, MikroORM, type EventSubscriber, type LoggerOptions, type LogContext, type MigrationObject, type Options } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { config } from './config.js';

export type EntityManager = SqlEntityManager;

/**
 * Counts the SQL statements an ORM runs. Tests read it to prove that a batch of entity
 * references costs one statement; `CREDIT_SQL_LOG=1` also prints them.
 */
export class StatementCounter {
  count = 0;
  readonly recent: string[] = [];

  reset(): void {
    this.count = 0;
    this.recent.length = 0;
  }
}

class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly counter: StatementCounter,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    // Transaction control is not a statement a resolver chose to run.
    if (!/^(begin|commit|rollback|savepoint|release savepoint|pragma)/i.test(context.query)) {
      this.counter.count++;
      if (this.counter.recent.length < 200) this.counter.recent.push(context.query);
    }
    super.logQuery(context);
  }
}

export interface SubgraphOrm {
  orm: MikroORM;
  statements: StatementCounter;
  close(): Promise<void>;
}

/** subgraphs/: each subgraph's migrations live in subgraphs/<name>/migrations. */
const SUBGRAPHS_DIR = fileURLToPath(new URL('../subgraphs/', import.meta.url));

/** A store's migrations, or a function that imports them when the store is on PostgreSQL. */
export type MigrationsList = MigrationObject[] | (() => Promise<MigrationObject[]>);

export interface OrmOptions {
  /** The subgraph's name: its SQLite file is data/<name>.sqlite, its PostgreSQL schema <name>. */
  name: string;
  entities: Function[];
  /** Overrides the database, e.g. ':memory:' in tests. */
  dbName?: string;
  /**
   * The store's PostgreSQL migrations, in order (each folder's migrations/index.ts lists them), or
   * a function that imports them: a store on SQLite then never loads them, nor
   * @mikro-orm/migrations, which the migration classes extend (about 0.3 CPU-s at every start).
   */
  migrations?: MigrationsList;
  /** Where new PostgreSQL migrations are written (default subgraphs/<name>/migrations). */
  migrationsPath?: string;
  /** Flush and transaction listeners (the change feed's). */
  subscribers?: EventSubscriber[];
}

/**
 * The PostgreSQL schema of a store: the subgraph's name, or `dbName` when given, after the
 * optional CREDIT_DB_SCHEMA_PREFIX (test runs and several deployments share one database).
 */
export function postgresSchema(options: Pick<OrmOptions, 'name' | 'dbName'>): string {
  return `${process.env.CREDIT_DB_SCHEMA_PREFIX ?? ''}${options.dbName ?? options.name}`.replace(/-/g, '_');
}

/**
 * Opens the subgraph's own store: SQLite under CREDIT_DATA_DIR by default, PostgreSQL
 * (one schema per subgraph) when CREDIT_DB_DRIVER=postgresql. The entities are the same.
 */
export async function openOrm(options: OrmOptions): Promise<SubgraphOrm> {
  const statements = new StatementCounter();
  const common: Options = {
    entities: options.entities,
    subscribers: options.subscribers ?? [],
    debug: process.env.CREDIT_SQL_LOG ? ['query'] : false,
    loggerFactory: (loggerOptions) => new CountingLogger(loggerOptions, statements),
    allowGlobalContext: false,
    // A subgraph may own no tables at all (evaluation computes from other domains' fields).
    discovery: { warnWhenNoEntities: options.entities.length > 0 },
  };

  let orm: MikroORM;
  if (config.dbDriver() === 'postgresql') {
    const { PostgreSqlDriver } = await import('@mikro-orm/postgresql');
    const { Migrator } = await import('@mikro-orm/migrations');
    orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: config.databaseUrl(),
      schema: postgresSchema(options),
      pool: { min: 1, max: 10 },
      extensions: [Migrator],
      migrations: {
        path: options.migrationsPath ?? join(SUBGRAPHS_DIR, options.name, 'migrations'),
        // Listed, not discovered: loading .ts files by path works under tsx but not in every runner.
        migrationsList: typeof options.migrations === 'function' ? await options.migrations() : options.migrations ?? [],
        emit: 'ts',
        snapshot: false,
        transactional: true,
        allOrNothing: true,
        // Other schemas in the database belong to other stores: a migration never drops tables.
        dropTables: false,
        silent: true,
      },
    });
  } else {
    const { BetterSqliteDriver } = await import('@mikro-orm/better-sqlite');
    const dbName = options.dbName ?? (options.entities.length === 0 ? ':memory:' : join(config.dataDir(), `${options.name}.sqlite`));
    if (dbName !== ':memory:') mkdirSync(config.dataDir(), { recursive: true });
    orm = await MikroORM.init({
      ...common,
      driver: BetterSqliteDriver,
      dbName,
      pool: { min: 1, max: 1 },
    });
    const connection = orm.em.getConnection();
    // WAL lets readers go on while an import writes; NORMAL is durable across process crashes.
    await connection.execute('pragma journal_mode = WAL');
    await connection.execute('pragma synchronous = NORMAL');
    await connection.execute('pragma foreign_keys = ON');
    // 64 MiB of page cache instead of SQLite's 2 MB: an import's inserts land in indexes keyed by
    // random UUIDs and document numbers, and with the default cache every batch re-read pages from
    // the file once a table outgrew it (100,000 dishonesty records: 53 s, docs/benchmarks.md).
    await connection.execute('pragma cache_size = -65536');
    // A checkpoint when the WAL reaches 64 MiB instead of 4 MiB: each 1,000-record import batch had
    // forced one, with its fsync (the same import: 52 s → 40 s).
    await connection.execute('pragma wal_autocheckpoint = 16384');
  }
  statements.reset();
  return { orm, statements, close: () => orm.close(true) };
}

/**
 * Brings the tables up to date: on PostgreSQL by the subgraph's checked-in migrations (a
 * deployment's schema changes only by reviewed steps); on embedded SQLite by a safe schema
 * update from the entities.
 */
export async function ensureSchema(orm: MikroORM): Promise<void> {
  if (config.dbDriver() === 'postgresql') {
    await orm.getMigrator().up();
    return;
  }
  await orm.getSchemaGenerator().updateSchema({ safe: true });
  await dropOrphanRequiredColumns(orm);
}

/**
 * The safe update never drops a column. A column no entity maps any more that is NOT NULL without
 * a default would refuse every insert (the applied sanctions' copied wording, dropped on
 * PostgreSQL by a migration): on SQLite it is dropped here. A column the entities no longer map
 * but that takes nulls is left alone; its values stay in the file.
 */
async function dropOrphanRequiredColumns(orm: MikroORM): Promise<void> {
  const connection = orm.em.getConnection();
  for (const meta of Object.values(orm.getMetadata().getAll())) {
    if (meta.abstract || meta.embeddable || meta.virtual || !meta.tableName) continue;
    const mapped = new Set(meta.props.flatMap((p) => p.fieldNames ?? []));
    const columns = await connection.execute<Array<{ name: string; notnull: number; dflt_value: unknown; pk: number }>>(`pragma table_info(${orm.em.getPlatform().quoteIdentifier(meta.tableName)})`);
    for (const column of columns) {
      if (mapped.has(column.name) || column.pk || !column.notnull || column.dflt_value !== null) continue;
      await connection.execute(`alter table ${orm.em.getPlatform().quoteIdentifier(meta.tableName)} drop column ${orm.em.getPlatform().quoteIdentifier(column.name)}`);
    }
  }
}

/** Drops every table of the store and creates them again (seed --reset). */
export async function resetSchema(orm: MikroORM): Promise<void> {
  if (config.dbDriver() === 'postgresql') {
    await orm.em.getConnection().execute(`drop schema if exists "${orm.config.get('schema')}" cascade`);
    await orm.getMigrator().up();
    return;
  }
  await orm.getSchemaGenerator().refreshDatabase();
}

/**
 * An entity's table as raw SQL (knex) must name it: schema-qualified on PostgreSQL, where each
 * store has a schema of its own; bare on SQLite.
 */
export function tableOf(em: EntityManager, entity: { name: string }): string {
  const meta = em.getMetadata().get(entity.name);
  const schema = meta.schema ?? em.config.get('schema');
  return schema && schema !== '*' ? `${schema}.${meta.tableName}` : meta.tableName;
}
