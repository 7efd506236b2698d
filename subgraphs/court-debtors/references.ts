import type { ReferenceResolvers } from '../kit/index.js';

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends.
  Organization: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
};
