import { authChecker, buildFederatedSchema, type SubgraphDefinition } from '../kit/index.js';
import { OrganizationIntegrityResolver, RegionIntegrityResolver } from './integrity.resolver.js';
import { referenceResolvers } from './references.js';

/**
 * 政务诚信评价: scores, warnings and rankings computed from the other domains' summaries,
 * which the gateway fetches through @requires. This subgraph stores no other domain's data
 * (it has no tables at all); its rules are data in rules/<year>.json.
 */
export const subgraph: SubgraphDefinition<Record<string, never>> = {
  name: 'evaluation',
  publicCacheSeconds: 60,
  entities: [],
  buildSchema: () => buildFederatedSchema({ resolvers: [OrganizationIntegrityResolver, RegionIntegrityResolver], authChecker }, referenceResolvers),
  createLoaders: () => ({}),
};
