import { Entity, Index, PrimaryKey, Property, type FilterQuery } from '@mikro-orm/core';
import { FeedFollower, inPool } from './change-feed/follower.js';
import { changeStreamFor, type ChangeStream } from './change-feed/follow.js';
import { feedSourcesFromSupergraph, serviceToken } from '../../platform/change-feed/consume.js';
import { FeedCursor, saveCursors } from './change-feed/feed-cursor.js';
import { CreditError } from '../../platform/errors.js';
import { chunked } from './loaders.js';
import { SupergraphClient } from './supergraph-client.js';
import type { EntityManager } from '../../platform/orm.js';
import type { BackgroundWorker } from './subgraph.js';
import { regionCodeRange } from '../../platform/validation/region-code.js';

/**
 * The registry's feed names an official's change `PublicOfficial` (its entity class, as the API
 * names the type); entries written before that class was renamed say `Official`.
 */
const OFFICIAL_ENTITIES = new Set(['PublicOfficial', 'Official']);

/**
 * A domain's copy of the registry's organizations, as far as its region reports need them:
 * kept from the registry's change feed (the registry owns them; this copy is only read), so a
 * coverage or reconciliation report counts a whole province with one local query instead of
 * receiving 108,803 USCCs through the gateway on every request.
 */
@Entity({ tableName: 'registry_organization' })
@Index({ properties: ['regionCode', 'classified'] })
export class MirroredOrganization {
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  /**
   * The registered full name (单位全称), against which a domain checks the name a row gives a body
   * (dishonesty-records: the deciding authority). Null only in a copy built before names were kept:
   * such a copy is rebuilt (RegistryMirror.rebuildNeeded).
   */
  @Property({ type: 'string', nullable: true })
  name: string | null = null;

  @Property({ type: 'string', length: 32 })
  kind!: string;

  @Property({ type: 'string', length: 32 })
  level!: string;

  @Property({ type: 'boolean' })
  classified!: boolean;

  /** The registry's count of the unit's officials. */
  @Property({ type: 'integer' })
  officialCount!: number;
}

/** When the copy was last built from scratch (empty while a rebuild runs). */
@Entity({ tableName: 'registry_mirror_state' })
export class RegistryMirrorState {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}

/** What a subgraph adds to its entities to keep the copy. */
export const REGISTRY_MIRROR_ENTITIES = [MirroredOrganization, RegistryMirrorState, FeedCursor];

const FIELDS = 'uscc name kind level classified officialCount region { code }';
const BY_USCC = `query MirrorOrganizations($usccs: [String!]!) { organizationsByUscc(usccs: $usccs) { ${FIELDS} } }`;
const PAGE = `query MirrorPage($after: String) { organizations(first: 100, after: $after) { pageInfo { hasNextPage endCursor } totalCount edges { node { ${FIELDS} } } } }`;
type Fetched = Omit<MirroredOrganization, 'regionCode'> & { region: { code: string } };
const toRow = ({ region, ...rest }: Fetched): MirroredOrganization => Object.assign(new MirroredOrganization(), { ...rest, regionCode: region.code });
const BUILT_AT = 'builtAt';

/** The registry through the supergraph, as any federated client asks it. */
function askRegistry<T>(token: () => Promise<string>, query: string, variables: Record<string, unknown>): Promise<T> {
  return new SupergraphClient(token, 'registry-mirror').ask<T>(query, variables);
}

async function replaceRows(em: EntityManager, rows: MirroredOrganization[], gone: string[], cursors?: Record<string, number>): Promise<void> {
  await em.fork().transactional(async (tx) => {
    for (const part of chunked([...rows.map((r) => r.uscc), ...gone])) await tx.nativeDelete(MirroredOrganization, { uscc: { $in: part } });
    if (rows.length) await tx.insertMany(MirroredOrganization, rows);
    if (cursors) await saveCursors(tx, cursors);
  });
}

/**
 * Follows the registry's feed: an Organization entry (or an Official entry, which changes its
 * unit's count) names USCCs, whose rows are fetched again through the supergraph and replaced
 * (or removed, when the registry no longer knows them). Built from scratch on first start and
 * when the feed cannot continue from the cursor.
 */
export class RegistryMirror extends FeedFollower {
  private namesKept = false;

  constructor(
    private readonly em: EntityManager,
    changes: ChangeStream,
    private readonly token: () => Promise<string>,
    subgraph: string,
  ) {
    super(changes, `${subgraph} registry mirror`);
  }

  protected async rebuildNeeded(): Promise<string | null> {
    if (!(await this.em.fork().findOne(RegistryMirrorState, { key: BUILT_AT }))?.value) return 'first build';
    // A copy built before the registered names were kept is built again, names included (looked at
    // until it holds them; every row fetched since carries its name).
    if (!this.namesKept) {
      if (await this.em.fork().findOne(MirroredOrganization, { name: null }, { fields: ['uscc'] })) return 'names missing';
      this.namesKept = true;
    }
    return null;
  }

  protected async rebuildFrom(): Promise<void> {
    await this.em.fork().upsert(RegistryMirrorState, { key: BUILT_AT, value: '' });
    const seen = new Set<string>();
    let after: string | null = null;
    do {
      if (this.isStopped) return;
      const data: { organizations: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number; edges: Array<{ node: Fetched }> } } = await askRegistry(this.token, PAGE, { after });
      const rows = data.organizations.edges.map((e) => toRow(e.node));
      await replaceRows(this.em, rows, []);
      for (const row of rows) seen.add(row.uscc);
      this.progress.done = seen.size;
      this.progress.total = data.organizations.totalCount;
      after = data.organizations.pageInfo.hasNextPage ? data.organizations.pageInfo.endCursor : null;
    } while (after);
    const stored = await this.em.fork().createQueryBuilder(MirroredOrganization).select('uscc').execute<Array<{ uscc: string }>>('all', false);
    await replaceRows(this.em, [], stored.map((r) => r.uscc).filter((u) => !seen.has(u)));
    await this.em.fork().upsert(RegistryMirrorState, { key: BUILT_AT, value: new Date().toISOString() });
  }

  async catchUp(): Promise<boolean> {
    const batch = await this.changes.next(100);
    if (!batch) return false;
    await this.enter('catching-up');
    const usccs = [...new Set(batch.deliveries.flatMap(({ entry }) => (entry.entity === 'Organization' ? [...entry.ids, ...entry.organizations] : OFFICIAL_ENTITIES.has(entry.entity) ? entry.organizations : [])))];
    await inPool(chunked(usccs, 100), 2, async (part) => {
      const found = (await askRegistry<{ organizationsByUscc: Array<Fetched | null> }>(this.token, BY_USCC, { usccs: part })).organizationsByUscc;
      await replaceRows(this.em, found.filter((f): f is Fetched => f !== null).map(toRow), part.filter((_, i) => found[i] === null));
    });
    await replaceRows(this.em, [], [], batch.cursors);
    await batch.acknowledge();
    this.progress.processed += batch.deliveries.length;
    return true;
  }
}

/** The worker a subgraph that keeps the copy runs (its SubgraphDefinition's `worker`). */
export function registryMirror(em: EntityManager, subgraph: string): BackgroundWorker {
  const token = serviceToken(`${subgraph}-registry-mirror`);
  const registry = feedSourcesFromSupergraph(subgraph).filter((s) => s.name === 'registry');
  const { changes, close } = changeStreamFor(em, registry, `${subgraph}-registry-mirror`, token);
  const mirror = new RegistryMirror(em, changes, token, subgraph);
  return {
    start: () => mirror.start(),
    stop: async () => {
      await mirror.stop();
      close();
    },
    status: () => mirror.progress,
  };
}

/**
 * The copy's organizations of a region and its subregions (all, or only the non-classified).
 * Refuses while the copy has never been built: an empty copy would report zero coverage.
 */
export async function mirroredOrganizations(em: EntityManager, regionCode: string, options: { unclassifiedOnly?: boolean } = {}): Promise<MirroredOrganization[]> {
  await requireMirrorBuilt(em);
  return em.fork().find(MirroredOrganization, { regionCode: regionCodeRange(regionCode), ...(options.unclassifiedOnly ? { classified: false } : {}) }, { orderBy: { uscc: 'asc' } });
}

/** The registered kind and name of each of these codes the copy knows (unknown codes are absent). Refuses like mirroredOrganizations. */
export async function mirroredBodies(em: EntityManager, usccs: readonly string[]): Promise<Map<string, { kind: string; name: string | null }>> {
  await requireMirrorBuilt(em);
  const bodies = new Map<string, { kind: string; name: string | null }>();
  for (const part of chunked([...usccs], 5_000)) {
    const rows = await em.fork().find(MirroredOrganization, { uscc: { $in: part } }, { fields: ['uscc', 'kind', 'name'], disableIdentityMap: true });
    for (const row of rows) bodies.set(row.uscc, { kind: row.kind, name: row.name });
  }
  return bodies;
}

/** The registered kind of each of these codes the copy knows (unknown codes are absent). Refuses like mirroredOrganizations. */
export async function mirroredKinds(em: EntityManager, usccs: readonly string[]): Promise<Map<string, string>> {
  return new Map([...(await mirroredBodies(em, usccs))].map(([uscc, { kind }]) => [uscc, kind]));
}

/**
 * A subquery of the codes of the copy's organizations matching `where` (kind, level, …), for a
 * domain's own query to filter by what the registry says of a body. Refuses like mirroredOrganizations.
 */
export async function mirroredUsccsWhere(em: EntityManager, where: FilterQuery<MirroredOrganization>): Promise<{ subquery: unknown }> {
  await requireMirrorBuilt(em);
  // Wrapped: a knex query is thenable, and returning it from an async function would run it.
  return { subquery: em.createQueryBuilder(MirroredOrganization, 'm').select('m.uscc').where(where as any).getKnexQuery() };
}

async function requireMirrorBuilt(em: EntityManager): Promise<void> {
  if (!(await em.fork().findOne(RegistryMirrorState, { key: BUILT_AT }))?.value) {
    throw new CreditError('SUBGRAPH_UNAVAILABLE', '正在同步机构编制数据，请稍后重试', 'the copy of the registry is still being built; try again shortly', { service: 'registry' });
  }
}
