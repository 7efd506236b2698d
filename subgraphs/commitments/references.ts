import type { ReferenceResolvers, SubgraphContext } from '../kit/index.js';
import { loadVisibleItem, loadVisibleLetter, type CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends.
  Organization: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
  PublicOfficial: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  // The records an assessment cites (evaluation's Deduction.sourceRefs): as visible as their letter.
  CommitmentLetter: {
    __resolveReference: (ref: { id: string }, { loaders, caller }: Context) => loadVisibleLetter(loaders, caller, ref.id),
  },
  CommitmentItem: {
    __resolveReference: (ref: { id: string }, { loaders, caller }: Context) => loadVisibleItem(loaders, caller, ref.id),
  },
};
