import type { ReferenceResolvers } from '../kit/index.js';

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends
  // (with officialCount when a summary was asked for: @requires).
  Organization: { __resolveReference: (ref: { uscc: string; officialCount?: number }) => ({ uscc: ref.uscc, officialCount: ref.officialCount }) },
  PublicOfficial: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};
