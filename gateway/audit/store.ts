import { fileURLToPath } from 'node:url';
import { config, ensureSchema, openOrm, postgresSchema, type SubgraphOrm } from '../../subgraphs/kit/index.js';
import { AuditEntry } from './audit-entry.js';
import { migrations } from './migrations/index.js';

/**
 * The audit log's own store (data/audit.sqlite, or schema "audit" on PostgreSQL). The
 * database itself refuses UPDATE and DELETE on it: append-only is not left to the code.
 */
export async function openAuditStore(dbName?: string): Promise<SubgraphOrm> {
  const store = await openOrm({ name: 'audit', entities: [AuditEntry], dbName, migrations, migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)) });
  await ensureSchema(store.orm);
  const connection = store.orm.em.getConnection();
  if (config.dbDriver() === 'postgresql') {
    const table = `"${postgresSchema({ name: 'audit', dbName })}"."audit_entry"`;
    await connection.execute(`create or replace function audit_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit log is append-only'; end $$`);
    await connection.execute(`drop trigger if exists audit_append_only on ${table}`);
    await connection.execute(`create trigger audit_append_only before update or delete on ${table} for each row execute function audit_append_only()`);
  } else {
    await connection.execute(`create trigger if not exists audit_no_update before update on audit_entry begin select raise(abort, 'audit log is append-only'); end`);
    await connection.execute(`create trigger if not exists audit_no_delete before delete on audit_entry begin select raise(abort, 'audit log is append-only'); end`);
  }
  return store;
}
