// The audit logs are append-only in the database itself (README, "Audit log"): the gateway's store
// (gateway/audit/store.ts) and the audit_entry table every subgraph with data keeps
// (subgraphs/kit/subgraph.ts) refuse UPDATE and DELETE, by SQL and through the ORM alike, and on
// PostgreSQL TRUNCATE too (audit-store.postgres.test.ts runs this file there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAuditStore } from '../../gateway/audit/store.js';
import { AuditEntry, buildSubgraph, config, type BuiltSubgraph, type SubgraphOrm } from '../../subgraphs/kit/index.js';
import { subgraph as registryDefinition } from '../../subgraphs/registry/schema.js';
import { dropTestStore, testDbName } from '../helpers.js';

const gatewayDbName = testDbName('audit_gateway');
const subgraphDbName = testDbName('audit_registry');
let gatewayStore: SubgraphOrm;
let registry: BuiltSubgraph;

beforeAll(async () => {
  gatewayStore = await openAuditStore(gatewayDbName);
  registry = await buildSubgraph(registryDefinition, { dbName: subgraphDbName });
});

afterAll(async () => {
  if (gatewayStore && config.dbDriver() === 'postgresql') await gatewayStore.orm.em.getConnection().execute(`drop schema if exists "${gatewayDbName}" cascade`);
  await gatewayStore?.close();
  if (registry) await dropTestStore(registry, subgraphDbName);
});

function entry(requestId: string): Omit<AuditEntry, 'id'> {
  return {
    at: new Date().toISOString(), requestId, callerId: 'test-auditor', roles: 'AUDITOR', operationType: 'query', operationName: 'Official',
    queryHash: 'a'.repeat(64), variables: { id: 'x' }, personalFields: { 'PublicOfficial.idNumber': 1 }, outcome: 'ok',
  };
}

describe.each([
  ['the gateway\'s audit store', () => gatewayStore],
  ['a subgraph\'s audit_entry', () => registry.store],
])('%s', (_name, store) => {
  const table = () => (config.dbDriver() === 'postgresql' ? `"${String(store().orm.config.get('schema'))}".audit_entry` : 'audit_entry');
  const sql = (text: string) => store().orm.em.fork().getConnection().execute(text);
  const stored = async (id: number) => (await sql(`select request_id, outcome from ${table()} where id = ${id}`))[0];

  it('refuses UPDATE and DELETE of an entry, by SQL and through the ORM, and keeps it as written', async () => {
    const requestId = `append-only-${Math.random().toString(36).slice(2)}`;
    const id = Number(await store().orm.em.fork().insert(AuditEntry, entry(requestId)));
    expect(id).toBeGreaterThan(0);
    await expect(sql(`update ${table()} set outcome = 'rewritten' where id = ${id}`)).rejects.toThrow(/append-only/);
    await expect(sql(`update ${table()} set personal_fields = '{}'`)).rejects.toThrow(/append-only/);
    await expect(sql(`delete from ${table()} where id = ${id}`)).rejects.toThrow(/append-only/);
    await expect(sql(`delete from ${table()}`)).rejects.toThrow(/append-only/);
    const em = store().orm.em.fork();
    await expect(em.nativeUpdate(AuditEntry, { id }, { outcome: 'rewritten' })).rejects.toThrow(/append-only/);
    await expect(em.nativeDelete(AuditEntry, { id })).rejects.toThrow(/append-only/);
    const loaded = await em.findOneOrFail(AuditEntry, { id });
    loaded.callerId = 'someone-else';
    await expect(em.flush()).rejects.toThrow(/append-only/);
    if (config.dbDriver() === 'postgresql') await expect(sql(`truncate ${table()}`)).rejects.toThrow(/append-only/);
    expect(await stored(id)).toEqual({ request_id: requestId, outcome: 'ok' });
    // Appending goes on.
    const next = Number(await store().orm.em.fork().insert(AuditEntry, entry(`${requestId}-2`)));
    expect(next).toBeGreaterThan(id);
  });
});
