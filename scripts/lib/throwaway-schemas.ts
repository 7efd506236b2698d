// PostgreSQL schemas of a throwaway stack (test/e2e/test-stack.ts, scripts/lib/temp-stack.ts):
// on PostgreSQL every stack gets schemas of its own, named by a prefix (CREDIT_DB_SCHEMA_PREFIX),
// and drops them when it closes. On SQLite there are none.
import { config, openOrm } from '../../subgraphs/kit/index.js';

/**
 * A prefix no other stack uses (`<tag>_<pid>_<ms>_`), or '' when the stores are not on
 * PostgreSQL (CREDIT_DB_DRIVER).
 */
export function throwawaySchemaPrefix(tag: string): string {
  return config.dbDriver() === 'postgresql' ? `${tag}_${process.pid}_${Date.now() % 1_000_000}_` : '';
}

/**
 * Drops every PostgreSQL schema whose name starts with the prefix. Compared as a plain prefix:
 * in LIKE the prefix's `_` would match any character, and `e2e_12_34_` would take
 * `e2e_12_345_…` of another stack with it.
 */
export async function dropSchemas(prefix: string): Promise<void> {
  const safe = prefix.replace(/[^a-z0-9_]/g, '');
  if (!safe) return;
  const store = await openOrm({ name: 'cleanup', entities: [] });
  try {
    const connection = store.orm.em.getConnection();
    const rows: Array<{ nspname: string }> = await connection.execute(`select nspname from pg_namespace where left(nspname, ${safe.length}) = '${safe}'`);
    for (const { nspname } of rows) await connection.execute(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await store.close();
  }
}
