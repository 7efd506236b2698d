import { type ReferenceResolvers, type SubgraphContext } from '../kit/index.js';
import { computeTrainingCoverage } from './coverage.js';
import type { TrainingLoaders } from './loaders.js';

type Context = SubgraphContext<TrainingLoaders>;

interface CoverageReference {
  regionCode: string;
  year: number;
  /** null: the registry does not know the region. */
  region?: { officialCount?: number; organizationUsccs?: string[] } | null;
}

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends
  // (with officialCount when a summary was asked for: @requires).
  Organization: { __resolveReference: (ref: { uscc: string; officialCount?: number }) => ({ uscc: ref.uscc, officialCount: ref.officialCount }) },
  PublicOfficial: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  TrainingCoverageReport: {
    __resolveReference: (ref: CoverageReference, { em }: Context) => {
      // A well-formed code the registry does not know: a region with no organizations and no
      // officials, as commitmentCoverage answers it (before, a masked internal error).
      if (ref.region === null) return computeTrainingCoverage(em, ref.regionCode, ref.year, { officialCount: 0, organizationUsccs: [] });
      // Without the registry's figures (@requires) only the key fields can be answered.
      if (ref.region?.officialCount === undefined || ref.region.organizationUsccs === undefined) {
        return { regionCode: ref.regionCode, year: ref.year, region: { code: ref.regionCode } };
      }
      return computeTrainingCoverage(em, ref.regionCode, ref.year, { officialCount: ref.region.officialCount, organizationUsccs: ref.region.organizationUsccs });
    },
  },
};
