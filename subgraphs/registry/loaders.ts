import { raw } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { chunked, countLoader, groupLoader, regionCodeRange, regionPrefix, rowLoader, type EntityManager } from '../kit/index.js';
import { Official } from './entities/official.js';
import { Organization } from './entities/organization.js';
import { Region } from './entities/region.js';

export interface OfficialPageKey {
  organizationUscc: string;
  /** limit + 1: the extra row tells whether another page follows. */
  limit: number;
  afterId: string | null;
}

/** The registry's per-request loaders: each batch is one SQL statement. */
export function createLoaders(em: EntityManager) {
  const loaders = {
    organization: rowLoader<string, Organization>((usccs) => em.find(Organization, { uscc: { $in: [...usccs] } }), (o) => o.uscc, { zh: '单位', en: 'organization' }),
    region: rowLoader<string, Region>((codes) => em.find(Region, { code: { $in: [...codes] } }), (r) => r.code, { zh: '行政区划', en: 'region' }),
    official: rowLoader<string, Official>((ids) => em.find(Official, { id: { $in: [...ids] } }), (o) => o.id, { zh: '公职人员', en: 'official' }),
    childRegions: groupLoader<string, Region>((codes) => em.find(Region, { parentCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }), (r) => r.parentCode!),
    officialCount: countLoader<string>(async (usccs) => {
      const rows: Array<{ key: string; count: number }> = await em
        .createQueryBuilder(Official, 'o')
        .select(['o.organization_uscc as key'])
        .addSelect(raw('count(*) as count'))
        .where({ organizationUscc: { $in: [...usccs] } })
        .groupBy('o.organization_uscc')
        .execute('all', false);
      return rows;
    }),
    officialPages: officialPagesLoader(em),
    regionOrganizations: new DataLoader<string, Organization[]>(async (codes) => {
      // One statement for the batch: every region's code range OR-ed, then split by prefix.
      const prefixes = codes.map((code) => regionPrefix(code));
      const rows = await em.find(
        Organization,
        { $or: codes.map((code) => ({ regionCode: regionCodeRange(code) })) },
        { orderBy: { uscc: 'asc' } },
      );
      return prefixes.map((prefix) => rows.filter((o) => o.regionCode.startsWith(prefix)));
    }),
    regionOfficialCount: new DataLoader<string, number>(async (codes) =>
      Promise.all(
        codes.map(async (code) => {
          const usccs = (await loaders.regionOrganizations.load(code)).map((o) => o.uscc);
          let total = 0;
          for (const part of chunked(usccs, 5_000)) total += await em.count(Official, { organizationUscc: { $in: part } });
          return total;
        }),
      ),
    ),
  };
  return loaders;
}

export type RegistryLoaders = ReturnType<typeof createLoaders>;

/**
 * Pages of officials for many organizations at once: one window-function statement per
 * batch (per distinct page window, which in practice is one), not one query per row.
 */
function officialPagesLoader(em: EntityManager): DataLoader<OfficialPageKey, Official[], string> {
  return new DataLoader<OfficialPageKey, Official[], string>(
    async (keys) => {
      const windows = new Map<string, OfficialPageKey[]>();
      for (const key of keys) {
        const window = `${key.limit}:${key.afterId ?? ''}`;
        const group = windows.get(window);
        if (group) group.push(key);
        else windows.set(window, [key]);
      }
      const pages = new Map<string, Official[]>();
      for (const group of windows.values()) {
        const { limit, afterId } = group[0]!;
        const usccs = group.map((k) => k.organizationUscc);
        // The query builder qualifies the table (PostgreSQL schema per subgraph); knex wraps it for the window.
        const ranked = em
          .createQueryBuilder(Official, 'o')
          .select(['o.*', raw('row_number() over (partition by o.organization_uscc order by o.id) as page_row')])
          .where(afterId ? { organizationUscc: { $in: usccs }, id: { $gt: afterId } } : { organizationUscc: { $in: usccs } })
          .getKnexQuery();
        const rows: Array<Record<string, unknown>> = await em.execute(
          em.getKnex().select('*').from(ranked.as('ranked')).where('page_row', '<=', limit).orderBy(['organization_uscc', 'id']),
        );
        for (const row of rows) {
          delete row.page_row;
          const official = em.map(Official, row);
          const key = `${official.organizationUscc}|${limit}:${afterId ?? ''}`;
          const page = pages.get(key);
          if (page) page.push(official);
          else pages.set(key, [official]);
        }
      }
      return keys.map((k) => pages.get(`${k.organizationUscc}|${k.limit}:${k.afterId ?? ''}`) ?? []);
    },
    { cacheKeyFn: (k) => `${k.organizationUscc}|${k.limit}:${k.afterId ?? ''}` },
  );
}
