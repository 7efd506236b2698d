import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '../../platform/orm.js';

export interface SeedProgress {
  /** Starts a named stage of `total` rows; returns a tick function to call with rows done. */
  stage(name: string, total: number): (rows: number) => void;
}

/**
 * One part of the demo world as a seeder's caller hands it over: the whole demo, or one
 * province city (its rows built only when its turn comes, and let go before the next).
 */
export interface SeedPart<T> {
  /** One progress stage for all of the part's tables (a province city); without it, a stage per table (the demo). */
  stage?: string;
  rows(): T;
}

export interface SeedOptions<T> {
  /** The seeder's part of the demo world, in order. The seeder builds none of it: its caller (scripts/lib/seeding.ts, a test) does. */
  parts: Iterable<SeedPart<T>>;
  progress: SeedProgress;
}

/**
 * What `subgraphs/<name>/seed.ts` exports: fills an empty store with the demo rows it is
 * handed. `T` is the part of the demo world it reads, declared by the seeder itself (a
 * subgraph never imports the demo world, scripts/demo-data/).
 */
export type Seeder<T = any> = (em: EntityManager, options: SeedOptions<T>) => Promise<void>;

/** The whole demo as the one part a seeder is handed (tests that seed a store directly). */
export function wholeDemo<T>(rows: T): Array<SeedPart<T>> {
  return [{ rows: () => rows }];
}

/** A seeder that turns each part into tables and inserts them: a stage per table, or one per part that names one. */
export function tableSeeder<T>(tables: (rows: T) => TableRows[]): Seeder<T> {
  return async (em, { parts, progress }) => {
    for (const part of parts) {
      if (part.stage === undefined) await insertTables(em, tables(part.rows()), progress);
      else await insertTablesAsOneStage(em, tables(part.rows()), progress, part.stage);
    }
  };
}

/**
 * A row of the demo world as a seeder declares it: the entity's properties `Keys`, with the
 * `Loose` ones among them (enum columns) as plain strings: the demo world knows their values
 * but not the subgraph's enums, and the seeder casts them.
 */
export type DemoRowOf<E, Keys extends keyof E, Loose extends Keys = never> = Pick<E, Exclude<Keys, Loose>> & { [P in Loose]: string };

export const silentProgress: SeedProgress = { stage: () => () => {} };

/** One table's rows as a seeder prepared them, and the progress stage that names them. */
export interface TableRows<T extends object = any> {
  entity: new () => T;
  stage: string;
  rows: Array<Partial<T>>;
}

export function tableRows<T extends object>(entity: new () => T, stage: string, rows: Array<Partial<T>>): TableRows<T> {
  return { entity, stage, rows };
}

/** Inserts the tables in order, a progress stage each (the demo). */
export async function insertTables(em: EntityManager, tables: readonly TableRows[], progress: SeedProgress): Promise<void> {
  for (const table of tables) await insertRows(em, table.entity, table.rows, progress.stage(table.stage, table.rows.length));
}

/** Inserts the tables in order under one stage (a province slice: one bar per city, not per table). */
export async function insertTablesAsOneStage(em: EntityManager, tables: readonly TableRows[], progress: SeedProgress, stage: string): Promise<void> {
  const tick = progress.stage(stage, tables.reduce((sum, table) => sum + table.rows.length, 0));
  for (const table of tables) await insertRows(em, table.entity, table.rows, tick);
}

/**
 * Bind parameters one statement may carry: SQLite's limit is 32,766 and PostgreSQL's
 * 65,535, so one bound serves both stores.
 */
const MAX_BIND_PARAMETERS = 30_000;

/** What better-sqlite3 answers to a prepared INSERT's run (knex hands its raw connection over on SQLite). */
interface SqliteConnection {
  prepare(sql: string): { run(params: unknown[]): unknown };
}

/** Rows a SQLite statement writes between two progress ticks. */
const SQLITE_TICK_ROWS = 1_000;

/**
 * Inserts rows with plain INSERT statements built from the entity's metadata, bypassing
 * MikroORM's per-row processing: the province seed writes millions of rows and `insertMany`
 * spends most of its time there. Values are converted as MikroORM would (JSON properties
 * serialized, dates through the platform; booleans and dates bound as the driver binds them), so
 * rows read back through the ORM exactly like inserted ones. Runs in the EntityManager's
 * transaction, or in one of its own. Every row must carry the same properties as the first.
 *
 * On SQLite, one prepared single-row statement run once per row on knex's own connection: SQLite
 * parses a multi-row statement of 30,000 parameters afresh each time (better-sqlite3 caches no
 * statements, nor does knex), and 450,000 applied sanctions took 8.4 s as single-row runs against
 * 15–17 s as multi-row statements (docs/benchmarks.md). On PostgreSQL, multi-row statements, a
 * round trip each.
 */
export async function insertRows<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: ReadonlyArray<Partial<T>>,
  tick: (rows: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  // All or nothing: outside a transaction each statement (on SQLite each row) would commit alone.
  if (!em.getTransactionContext()) return em.transactional((tx) => insertRows(tx as EntityManager, entity, rows, tick));
  const meta = em.getMetadata().get(entity.name);
  const platform = em.getPlatform();
  const quote = (name: string) => platform.quoteIdentifier(name);
  const present = new Set(Object.keys(rows[0]!));
  const columns = meta.props.filter((p) => present.has(p.name) && p.persist !== false && p.fieldNames?.length === 1);
  const schema = meta.schema ?? em.config.get('schema');
  const table = schema && schema !== '*' ? `${quote(schema)}.${quote(meta.tableName)}` : quote(meta.tableName);
  const convert = columns.map((p) => (value: unknown): unknown => {
    if (value === undefined || value === null) return null;
    if (p.customType) return p.customType.convertToDatabaseValue(value, platform, { mode: 'query' });
    return value instanceof Date ? platform.processDateProperty(value) : value;
  });
  const valuesOf = (row: Partial<T>, into: unknown[]): void => {
    const record = row as Record<string, unknown>;
    for (let c = 0; c < columns.length; c++) into.push(convert[c]!(record[columns[c]!.name]));
  };
  const rowPlaceholder = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ${table} (${columns.map((p) => quote(p.fieldNames[0]!)).join(', ')}) values `;
  const knex = em.getConnection().getKnex();
  const logger = em.config.getLogger();
  const transaction = em.getTransactionContext<Knex.Transaction>();
  // Logged like MikroORM's own statements when query logging is on (CREDIT_SQL_LOG), without the values.
  const logged = (count: number, started: number) => logger.logQuery({ query: `${head}${rowPlaceholder} × ${count}`, took: Date.now() - started, affected: count, level: 'info' });
  const failed = (error: unknown) => em.getDriver().convertException(error as Error);

  const client = (transaction ?? knex).client as unknown as {
    driverName: string;
    acquireConnection(): Promise<SqliteConnection>;
    releaseConnection(connection: SqliteConnection): Promise<void>;
    _formatBindings(bindings: unknown[]): unknown[];
  };
  if (client.driverName === 'better-sqlite3') {
    const connection = await client.acquireConnection();
    try {
      let statement: ReturnType<SqliteConnection['prepare']>;
      try {
        statement = connection.prepare(head + rowPlaceholder);
      } catch (error) {
        throw failed(error);
      }
      for (let start = 0; start < rows.length; start += SQLITE_TICK_ROWS) {
        const started = Date.now();
        const end = Math.min(rows.length, start + SQLITE_TICK_ROWS);
        for (let r = start; r < end; r++) {
          const params: unknown[] = [];
          valuesOf(rows[r]!, params);
          try {
            statement.run(client._formatBindings(params));
          } catch (error) {
            // As MikroORM's own statements fail (a unique index met is UniqueConstraintViolationException), not the driver's raw error.
            throw failed(error);
          }
        }
        logged(end - start, started);
        tick(end - start);
      }
    } finally {
      // In a transaction the connection is the transaction's and stays with it; otherwise back to the pool.
      await client.releaseConnection(connection);
    }
    return;
  }

  const perStatement = Math.max(1, Math.floor(MAX_BIND_PARAMETERS / columns.length));
  let fullStatement: string | null = null;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    for (const row of chunk) valuesOf(row, params);
    // Full chunks share one SQL text (cheap to build once; the driver may cache its plan).
    const sql = chunk.length === perStatement
      ? (fullStatement ??= head + Array(perStatement).fill(rowPlaceholder).join(', '))
      : head + Array(chunk.length).fill(rowPlaceholder).join(', ');
    // Through knex with bound parameters: MikroORM's execute() would inline every value into the SQL text.
    const statement = knex.raw(sql, params as Knex.RawBinding[]);
    const started = Date.now();
    try {
      await (transaction ? statement.transacting(transaction) : statement);
    } catch (error) {
      throw failed(error);
    }
    logged(chunk.length, started);
    tick(chunk.length);
  }
}

