import { loadOrNull, type ReferenceResolvers, type SubgraphContext } from '../kit/index.js';
import type { CourtDebtorLoaders } from './loaders.js';
import { canSeeRecord } from './record.rules.js';
import { canSeePending } from './pending.repository.js';

type Context = SubgraphContext<CourtDebtorLoaders>;

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends.
  Organization: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
  // The records an assessment cites (evaluation's Deduction.sourceRefs): null to a caller who may not see them.
  DebtorRecord: {
    __resolveReference: async (ref: { caseNumber: string }, { loaders, caller }: Context) => {
      const record = await loadOrNull(loaders.record, ref.caseNumber);
      return record && canSeeRecord(caller, record) ? record : null;
    },
  },
  PendingDebtorCase: {
    __resolveReference: async (ref: { caseNumber: string }, { loaders, caller }: Context) => {
      const pending = await loadOrNull(loaders.pending, ref.caseNumber);
      return pending && canSeePending(caller, pending) ? pending : null;
    },
  },
};
