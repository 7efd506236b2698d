import { loadOrNull, type ReferenceResolvers, type SubgraphContext } from '../kit/index.js';
import { canSee } from './letter.rules.js';
import type { CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends.
  Organization: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
  PublicOfficial: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  // The records an assessment cites (evaluation's Deduction.sourceRefs): as visible as their letter.
  CommitmentLetter: {
    __resolveReference: async (ref: { id: string }, { loaders, caller }: Context) => {
      const letter = await loadOrNull(loaders.letter, ref.id);
      return letter && canSee(caller, letter) ? letter : null;
    },
  },
  CommitmentItem: {
    __resolveReference: async (ref: { id: string }, { loaders, caller }: Context) => {
      const item = await loadOrNull(loaders.item, ref.id);
      const letter = item ? await loadOrNull(loaders.letter, item.letterId) : null;
      return item && letter && canSee(caller, letter) ? item : null;
    },
  },
};
