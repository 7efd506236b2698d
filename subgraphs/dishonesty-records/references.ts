import { loadOrNull, type ReferenceResolvers, type SubgraphContext } from '../kit/index.js';
import type { DishonestyLoaders } from './loaders.js';
import { canSeeRecord } from './record.rules.js';

type Context = SubgraphContext<DishonestyLoaders>;

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends.
  Organization: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
  PublicOfficial: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  // A record another subgraph names (phase 2: an assessment's source): null to a caller who may not see it.
  DishonestyRecord: {
    __resolveReference: async (ref: { id: string }, { loaders, caller }: Context) => {
      const record = await loadOrNull(loaders.record, ref.id);
      return record && canSeeRecord(caller, record) ? record : null;
    },
  },
};
