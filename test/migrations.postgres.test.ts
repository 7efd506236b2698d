// Every PostgreSQL store is built by its checked-in migrations, and they match the entities:
// after `up`, the schema diff is empty (else run `npm run migrations` and commit the result).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, storeEntities } from '../subgraphs/kit/index.js';
import { migrations as auditMigrations } from '../gateway/audit/migrations/index.js';
import { loadDefinition, readSubgraphList, ROOT } from '../scripts/lib/subgraphs.js';
import { ensureSchema, openOrm, type OrmOptions } from '../subgraphs/kit/index.js';
import { pendingSchemaChanges } from './helpers.js';

process.env.CREDIT_DB_DRIVER = 'postgresql';
const created: string[] = [];

// The stores built here get schemas of their own. The prefix is this file's alone: the postgres
// project runs its files in one worker one after another (isolate: false), and a prefix left in
// process.env moved the next file's stores into "mig_…" schemas its own SQL did not name.
const previousPrefix = process.env.CREDIT_DB_SCHEMA_PREFIX;
beforeAll(() => {
  process.env.CREDIT_DB_SCHEMA_PREFIX = `mig_${process.pid}_`;
});

afterAll(async () => {
  if (previousPrefix === undefined) delete process.env.CREDIT_DB_SCHEMA_PREFIX;
  else process.env.CREDIT_DB_SCHEMA_PREFIX = previousPrefix;
  const store = await openOrm({ name: 'cleanup', entities: [] });
  for (const schema of created) await store.orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
  await store.close();
});

describe('PostgreSQL migrations', () => {
  it('name no schema but their own: several stores share one database', () => {
    const files = [
      ...readdirSync(join(ROOT, 'subgraphs')).flatMap((name) => {
        const dir = join(ROOT, 'subgraphs', name, 'migrations');
        return existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('Migration')).map((f) => join(dir, f)) : [];
      }),
      ...readdirSync(join(ROOT, 'gateway', 'audit', 'migrations')).filter((f) => f.startsWith('Migration')).map((f) => join(ROOT, 'gateway', 'audit', 'migrations', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) expect(readFileSync(file, 'utf8').match(/"[a-z0-9_]+"\."/g), file).toBeNull();
  });

  it('create every store exactly as its entities describe it, and run again as a no-op', async () => {
    const stores: OrmOptions[] = [{ name: 'audit', entities: [AuditEntry], migrations: auditMigrations }];
    for (const entry of readSubgraphList()) {
      const definition = await loadDefinition(entry.name);
      const entities = storeEntities(definition);
      if (entities.length > 0) stores.push({ name: entry.name, entities, migrations: definition.migrations });
    }
    expect(stores.map((s) => s.name)).toEqual(expect.arrayContaining(['audit', 'registry', 'commitments', 'court-debtors', 'contracts', 'training']));
    for (const options of stores) {
      const store = await openOrm(options);
      try {
        created.push(store.orm.config.get('schema')!);
        await ensureSchema(store.orm);
        expect((await store.orm.getMigrator().getExecutedMigrations()).length, options.name).toBeGreaterThan(0);
        expect(await pendingSchemaChanges(store.orm), options.name).toBe('');
        await ensureSchema(store.orm); // a restart applies nothing twice
        expect(await store.orm.getMigrator().getPendingMigrations(), options.name).toEqual([]);
      } finally {
        await store.close();
      }
    }
  });
});
