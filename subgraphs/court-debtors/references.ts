import type { ReferenceResolvers, SubgraphContext } from '../kit/index.js';
import type { CourtDebtorLoaders } from './loaders.js';
import { computeReconciliation } from './report.resolver.js';

type Context = SubgraphContext<CourtDebtorLoaders>;

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends.
  Organization: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
  DebtorReconciliation: {
    __resolveReference: (ref: { regionCode: string; region?: { organizationUsccs?: string[] } }, { em }: Context) =>
      computeReconciliation(em, ref.regionCode, ref.region?.organizationUsccs ?? []),
  },
};
