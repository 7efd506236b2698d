import { changeFeed } from './changes.js';
import { authChecker, buildFederatedSchema, type SubgraphDefinition } from '../kit/index.js';
import { PublicOfficial } from './entities/public-official.js';
import { Organization } from './entities/organization.js';
import { Region } from './entities/region.js';
import { createLoaders, type RegistryLoaders } from './loaders.js';
import { OfficialResolver } from './official.resolver.js';
import { OrganizationResolver } from './organization.resolver.js';
import { referenceResolvers } from './references.js';
import { RegionResolver } from './region.resolver.js';

/** 机构编制: organizations, regions and officials, and the keys every other domain joins on. */
export const subgraph: SubgraphDefinition<RegistryLoaders> = {
  name: 'registry',
  publicCacheSeconds: 300,
  entities: [Organization, Region, PublicOfficial],
  changeFeed,
  buildSchema: () =>
    buildFederatedSchema({ resolvers: [OrganizationResolver, RegionResolver, OfficialResolver], authChecker }, referenceResolvers),
  createLoaders,
  migrations: () => import('./migrations/index.js').then((m) => m.migrations),
};
