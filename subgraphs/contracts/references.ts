import { loadOrNull, type ReferenceResolvers, type SubgraphContext } from '../kit/index.js';
import type { ContractLoaders } from './loaders.js';

type Context = SubgraphContext<ContractLoaders>;

export const referenceResolvers: ReferenceResolvers = {
  // Owned by the registry: this subgraph only adds fields, keyed by what the gateway sends.
  Organization: { __resolveReference: (ref: { uscc: string }) => ({ uscc: ref.uscc }) },
  PublicOfficial: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  Contract: { __resolveReference: (ref: { id: string }, { loaders }: Context) => loadOrNull(loaders.contract, ref.id) },
  // The records an assessment cites (evaluation's Deduction.sourceRefs), as public as their contract.
  // A complaint only to those who keep the ledger: its id is public in an assessment's sources, and
  // the enterprise that complained must not be named to anyone, the unit complained about included.
  ContractBreach: { __resolveReference: (ref: { id: string }, { loaders }: Context) => loadOrNull(loaders.breach, ref.id) },
  ContractMilestone: { __resolveReference: (ref: { id: string }, { loaders }: Context) => loadOrNull(loaders.milestone, ref.id) },
  ContractComplaint: {
    __resolveReference: async (ref: { id: string }, { loaders, caller }: Context) => (caller.has('AUDITOR', 'ADMIN', 'FINANCE') ? loadOrNull(loaders.complaint, ref.id) : null),
  },
};
