import type { ReferenceResolvers, SubgraphContext } from '../kit/index.js';
import { computeCoverage } from './coverage.resolver.js';
import type { CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends.
  Organization: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
  PublicOfficial: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  CoverageReport: {
    __resolveReference: (ref: { regionCode: string; year: number; region?: { unclassifiedOrganizationUsccs?: string[] } }, { em }: Context) =>
      computeCoverage(em, ref.regionCode, ref.year, ref.region?.unclassifiedOrganizationUsccs ?? []),
  },
};
