import { fileURLToPath } from 'node:url';
import { AuditEntry, ensureAppendOnly, ensureSchema, openOrm, type EntityManager, type SubgraphOrm } from '../../platform/index.js';

/**
 * The gateway's audit log store (data/audit.sqlite, or schema "audit" on PostgreSQL). The
 * database itself refuses UPDATE and DELETE on it: append-only is not left to the code.
 */
export async function openAuditStore(dbName?: string): Promise<SubgraphOrm> {
  const store = await openOrm({ name: 'audit', entities: [AuditEntry], dbName, migrations: () => import('./migrations/index.js').then((m) => m.migrations), migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)) });
  await ensureSchema(store.orm);
  await ensureAppendOnly(store.orm.em.fork() as EntityManager, 'audit_entry');
  return store;
}
