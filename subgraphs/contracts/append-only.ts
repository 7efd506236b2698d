import { config, type EntityManager } from '../kit/index.js';

/**
 * The store's half of "nothing is deleted, the trail is append-only": triggers that make
 * the database itself refuse to rewrite or remove a handling action, or to delete a
 * complaint, whoever connects (a script, a console, a bug). Idempotent; run after the
 * tables exist: the kit runs it as the subgraph's prepareStore. Dropping the tables (seed --reset) still works.
 */
export async function ensureAppendOnlyTriggers(em: EntityManager): Promise<void> {
  // em.execute runs inside the caller's transaction (the seed's), if any.
  if (config.dbDriver() === 'postgresql') {
    const schema = `"${String(em.config.get('schema'))}"`;
    await em.execute(`create or replace function ${schema}.contracts_refuse_change() returns trigger language plpgsql as $$
      begin raise exception 'append-only: % on % is refused (只增不改不删)', tg_op, tg_table_name; end $$`);
    for (const [table, operations] of [['contract_complaint_action', 'update or delete'], ['contract_complaint', 'delete']] as const) {
      await em.execute(`drop trigger if exists ${table}_append_only on ${schema}.${table}`);
      await em.execute(`create trigger ${table}_append_only before ${operations} on ${schema}.${table} for each row execute function ${schema}.contracts_refuse_change()`);
      await em.execute(`drop trigger if exists ${table}_no_truncate on ${schema}.${table}`);
      await em.execute(`create trigger ${table}_no_truncate before truncate on ${schema}.${table} for each statement execute function ${schema}.contracts_refuse_change()`);
    }
    return;
  }
  for (const [table, operation] of [['contract_complaint_action', 'update'], ['contract_complaint_action', 'delete'], ['contract_complaint', 'delete']] as const) {
    await em.execute(`create trigger if not exists ${table}_no_${operation} before ${operation} on ${table}
      begin select raise(abort, 'append-only: ${operation} on ${table} is refused (只增不改不删)'); end`);
  }
}
