import { config, fixedRoster, officialPseudonym, signToken, type BuiltSubgraph, type RosterFactory, type Role } from '../subgraphs/kit/index.js';

/**
 * The registry's roster of the demo world, for a subgraph tested in-process without a gateway
 * (over HTTP, subgraphs ask the real registry through the gateway).
 */
export function demoRoster(registry: { officials: ReadonlyArray<{ idNumber: string; organizationUscc: string }> }): RosterFactory {
  return fixedRoster(new Map(registry.officials.map((o) => [officialPseudonym(o.idNumber), o.organizationUscc])));
}

/**
 * A throwaway store for one test file: SQLite in memory, or with CREDIT_DB_DRIVER=postgresql
 * a fresh schema in the local PostgreSQL (dropped by `dropTestStore`).
 */
export function testDbName(name: string): string {
  return config.dbDriver() === 'postgresql' ? `test_${name}_${process.pid}_${Date.now()}` : ':memory:';
}

export async function dropTestStore(built: BuiltSubgraph, dbName: string): Promise<void> {
  if (config.dbDriver() === 'postgresql') {
    await built.store.orm.em.getConnection().execute(`drop schema if exists "${dbName}" cascade`);
  }
  await built.stop();
}

export async function bearer(role: Exclude<Role, 'PUBLIC'>, extra: { uscc?: string; expiresIn?: string | number } = {}): Promise<string> {
  return `Bearer ${await signToken({ sub: `test-${role.toLowerCase()}`, roles: [role], ...extra })}`;
}

export interface GraphQLResult {
  status: number;
  data?: any;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/** A GraphQL request over real HTTP. */
export async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GraphQLResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}
