import { config } from './config.js';
import type { EntityManager } from './orm.js';

export type RefusedOperation = 'update' | 'delete';

/**
 * The store's half of "append-only": triggers that make the database itself refuse to rewrite
 * or remove rows of a table, whoever connects (a script, a console, a bug). Idempotent; run
 * after the tables exist. On PostgreSQL TRUNCATE is refused too. Dropping the tables (seed
 * --reset) still works.
 */
export async function ensureAppendOnly(em: EntityManager, table: string, refused: readonly RefusedOperation[] = ['update', 'delete']): Promise<void> {
  // em.execute runs inside the caller's transaction (a seed's), if any.
  if (config.dbDriver() === 'postgresql') {
    const schema = `"${String(em.config.get('schema'))}"`;
    await em.execute(`create or replace function ${schema}.refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'append-only: % on % is refused (只增不改不删)', tg_op, tg_table_name; end $$`);
    await em.execute(`drop trigger if exists ${table}_append_only on ${schema}.${table}`);
    await em.execute(`create trigger ${table}_append_only before ${refused.join(' or ')} on ${schema}.${table} for each row execute function ${schema}.refuse_change()`);
    await em.execute(`drop trigger if exists ${table}_no_truncate on ${schema}.${table}`);
    await em.execute(`create trigger ${table}_no_truncate before truncate on ${schema}.${table} for each statement execute function ${schema}.refuse_change()`);
    return;
  }
  for (const operation of refused) {
    await em.execute(`create trigger if not exists ${table}_no_${operation} before ${operation} on ${table}
      begin select raise(abort, 'append-only: ${operation} on ${table} is refused (只增不改不删)'); end`);
  }
}
