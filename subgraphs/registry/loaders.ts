import { raw } from '@mikro-orm/core';
import { DataLoader } from '../kit/dataloader.js';
import { chunked, countLoader, groupLoader, partitionedPageLoader, regionCodeRange, regionPrefix, rowLoader, type EntityManager, type PartitionedPageKey } from '../kit/index.js';
import { PublicOfficial } from './entities/public-official.js';
import { Organization } from './entities/organization.js';
import { Region } from './entities/region.js';

export interface OfficialPageKey extends PartitionedPageKey {
  organizationUscc: string;
}

/** The registry's per-request loaders: each batch is one SQL statement. */
export function createLoaders(em: EntityManager) {
  const loaders = {
    organization: rowLoader<string, Organization>((usccs) => em.find(Organization, { uscc: { $in: [...usccs] } }), (o) => o.uscc, { zh: '单位', en: 'organization' }),
    region: rowLoader<string, Region>((codes) => em.find(Region, { code: { $in: [...codes] } }), (r) => r.code, { zh: '行政区划', en: 'region' }),
    official: rowLoader<string, PublicOfficial>((ids) => em.find(PublicOfficial, { id: { $in: [...ids] } }), (o) => o.id, { zh: '公职人员', en: 'official' }),
    childRegions: groupLoader<string, Region>((codes) => em.find(Region, { parentCode: { $in: [...codes] } }, { orderBy: { code: 'asc' } }), (r) => r.parentCode!),
    officialCount: countLoader<string>(async (usccs) => {
      const rows: Array<{ key: string; count: number }> = await em
        .createQueryBuilder(PublicOfficial, 'o')
        .select(['o.organization_uscc as key'])
        .addSelect(raw('count(*) as count'))
        .where({ organizationUscc: { $in: [...usccs] } })
        .groupBy('o.organization_uscc')
        .execute('all', false);
      return rows;
    }),
    officialPages: partitionedPageLoader(em, PublicOfficial, 'organizationUscc', (k: OfficialPageKey) => k.organizationUscc),
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
          for (const part of chunked(usccs, 5_000)) total += await em.count(PublicOfficial, { organizationUscc: { $in: part } });
          return total;
        }),
      ),
    ),
  };
  return loaders;
}

export type RegistryLoaders = ReturnType<typeof createLoaders>;
