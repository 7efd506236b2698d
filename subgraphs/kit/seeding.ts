import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from './orm.js';

export type Scale = 'demo' | 'province';

export interface SeedProgress {
  /** Starts a named stage of `total` rows; returns a tick function to call with rows done. */
  stage(name: string, total: number): (rows: number) => void;
}

export interface SeedOptions {
  scale: Scale;
  progress: SeedProgress;
}

/** What `subgraphs/<name>/seed.ts` exports: fills an empty store with deterministic demo data. */
export type Seeder = (em: EntityManager, options: SeedOptions) => Promise<void>;

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

/**
 * Inserts rows with plain multi-row INSERT statements built from the entity's metadata,
 * bypassing MikroORM's per-row processing: the province seed writes millions of rows and
 * `insertMany` spends most of its time there. Values are converted as MikroORM would (JSON
 * properties serialized, dates through the platform; the driver binds booleans), so rows
 * read back through the ORM exactly like inserted ones. Runs in the EntityManager's
 * transaction. Every row must carry the same properties as the first.
 */
export async function insertRows<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: ReadonlyArray<Partial<T>>,
  tick: (rows: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
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
  const rowPlaceholder = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ${table} (${columns.map((p) => quote(p.fieldNames[0]!)).join(', ')}) values `;
  const perStatement = Math.max(1, Math.floor(MAX_BIND_PARAMETERS / columns.length));
  // Through knex with bound parameters: MikroORM's execute() would inline every value into the SQL text.
  const knex = em.getConnection().getKnex();
  const transaction = em.getTransactionContext<Knex.Transaction>();
  let fullStatement: string | null = null;

  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    for (const row of chunk) {
      const record = row as Record<string, unknown>;
      for (let c = 0; c < columns.length; c++) params.push(convert[c]!(record[columns[c]!.name]));
    }
    // Full chunks share one SQL text (cheap to build once; the driver may cache its plan).
    const sql = chunk.length === perStatement
      ? (fullStatement ??= head + Array(perStatement).fill(rowPlaceholder).join(', '))
      : head + Array(chunk.length).fill(rowPlaceholder).join(', ');
    const statement = knex.raw(sql, params as Knex.RawBinding[]);
    await (transaction ? statement.transacting(transaction) : statement);
    tick(chunk.length);
  }
}

