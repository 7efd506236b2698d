import { config, fixedRoster, MirroredOrganization, officialPseudonym, orgCodeCheckCharacter, RegistryMirrorState, signToken, today, usccCheckCharacter, type BuiltSubgraph, type RosterFactory, type Role } from '../subgraphs/kit/index.js';

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

/**
 * A store of a test file's own that is opened when a test first asks for it and dropped by
 * `drop` (call it in afterAll). Suites keep the demo data their brute-force checks read in one
 * store and let the tests that write work on another, so that no check depends on which writes
 * ran before it.
 */
export function lazyStore(name: string, open: (dbName: string) => Promise<BuiltSubgraph>): { readonly dbName: string; get(): Promise<BuiltSubgraph>; drop(): Promise<void> } {
  const dbName = testDbName(name);
  let opened: Promise<BuiltSubgraph> | undefined;
  return {
    dbName,
    get: () => (opened ??= open(dbName)),
    drop: async () => {
      if (opened) await dropTestStore(await opened, dbName);
    },
  };
}

/**
 * What a safe schema update would still change in a store: '' once its tables are exactly as its
 * entities describe them. On PostgreSQL, MikroORM reads the catalog of every schema of the
 * database that holds tables of these names, and other test files create and drop throwaway
 * schemas all the time: one dropped between two of those reads fails the read ("schema … does
 * not exist", or a NULL index definition) though this store is not concerned. Such a read is made
 * again; a fault in this store's own tables fails all ten attempts.
 */
export async function pendingSchemaChanges(orm: BuiltSubgraph['store']['orm']): Promise<string> {
  const own = orm.config.get('schema');
  for (let attempt = 1; ; attempt++) {
    try {
      return (await orm.getSchemaGenerator().getUpdateSchemaSQL({ safe: true })).trim();
    } catch (error) {
      // The error quotes the whole catalogue query, which names this store's schema too: look at the one that vanished.
      const vanished = /(?:schema|relation) "([^"]+)" does not exist/.exec(String((error as Error).message))?.[1];
      const anotherSchemaVanished = vanished !== undefined && !(own && vanished.startsWith(own));
      // pg_get_indexdef() and its kin answer NULL for an index dropped between two catalogue reads,
      // and MikroORM then fails on `null.replace`: the same race, seen one step later.
      const catalogueAnsweredNull = error instanceof TypeError && /Cannot read properties of null/.test(error.message);
      if (config.dbDriver() !== 'postgresql' || !(anotherSchemaVanished || catalogueAnsweredNull) || attempt === 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
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

// ---------------------------------------------------------------------------
// Hand-worked fixtures (issue 21): small worlds whose expected figures are written out in the tests.
// ---------------------------------------------------------------------------

/**
 * A well-formed USCC for a fixture's body: registrant type (`11` organ, `12` public institution,
 * `54` committee, `91` enterprise), region code (positions 3–8) and a serial as the organization
 * code's body, with both check characters (GB 11714, GB 32100) so that it passes validation like
 * a real one. Codes of one type and region sort by serial.
 */
export function fixtureUscc(type: string, regionCode: string, serial: number): string {
  const orgBody = String(serial).padStart(8, '0');
  const first17 = `${type}${regionCode}${orgBody}${orgCodeCheckCharacter(orgBody)}`;
  return first17 + usccCheckCharacter(first17);
}

/** The day `days` after the tests' pinned day (negative: before it), as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  return new Date(Date.parse(`${today()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Fills a store's copy of the registry (kit/registry-mirror.ts) with a fixture's bodies, as the running subgraph would hold it. */
export async function fillRegistryMirror(built: Pick<BuiltSubgraph, 'store'>, organizations: Array<{ uscc: string; name?: string; regionCode: string; kind: string; level?: string; classified?: boolean; officialCount?: number }>): Promise<void> {
  await built.store.orm.em.fork().transactional(async (em) => {
    await em.insertMany(MirroredOrganization, organizations.map((o) => ({ level: 'COUNTY', classified: false, officialCount: 0, ...o })));
    await em.insertMany(RegistryMirrorState, [{ key: 'builtAt', value: new Date().toISOString() }]);
  });
}
