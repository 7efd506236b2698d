import { loadOrNull, type ReferenceResolvers, type SubgraphContext } from '../kit/index.js';
import type { RegistryLoaders } from './loaders.js';

type Context = SubgraphContext<RegistryLoaders>;

/** How the gateway's `_entities` representations become registry rows: batched, unknown → null. */
export const referenceResolvers: ReferenceResolvers = {
  Organization: { __resolveReference: (ref: { uscc: string }, { loaders }: Context) => loadOrNull(loaders.organization, ref.uscc) },
  Region: { __resolveReference: (ref: { code: string }, { loaders }: Context) => loadOrNull(loaders.region, ref.code) },
  PublicOfficial: { __resolveReference: (ref: { id: string }, { loaders }: Context) => loadOrNull(loaders.official, ref.id) },
};
