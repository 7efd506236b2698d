import { changeFeed } from './changes.js';
import { authChecker, buildFederatedSchema, type SubgraphDefinition } from '../kit/index.js';
import { ComplaintActionResolver, ComplaintResolver } from './complaint.resolver.js';
import {
  ContractPartyResolver, ContractResolver, MilestoneResolver, PaymentResolver, PppResponsibilityResolver, PublicOfficialContractsResolver,
} from './contract.resolver.js';
import { ContractAmendment } from './entities/amendment.js';
import { ContractBreach } from './entities/breach.js';
import { ContractComplaint } from './entities/complaint.js';
import { ContractComplaintAction } from './entities/complaint-action.js';
import { Contract } from './entities/contract.js';
import { ContractMilestone } from './entities/milestone.js';
import { ContractPayment } from './entities/payment.js';
import { PppResponsibility } from './entities/ppp-responsibility.js';
import { ensureAppendOnlyTriggers } from './complaint.repository.js';
import { createLoaders, type ContractLoaders } from './loaders.js';
import { OrganizationContractsResolver } from './organization.resolver.js';
import { referenceResolvers } from './references.js';

/** 合同履约: the contract ledger, milestones, payments, breaches, PPP responsibility and the complaint ledger. */
export const subgraph: SubgraphDefinition<ContractLoaders> = {
  name: 'contracts',
  publicCacheSeconds: 60,
  // Contract first: the seeder looks at the first entity to tell whether the store is empty.
  entities: [Contract, ContractMilestone, ContractPayment, ContractBreach, ContractAmendment, PppResponsibility, ContractComplaint, ContractComplaintAction],
  changeFeed,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          ContractResolver, ContractPartyResolver, MilestoneResolver, PaymentResolver, PppResponsibilityResolver, PublicOfficialContractsResolver,
          OrganizationContractsResolver, ComplaintResolver, ComplaintActionResolver,
        ],
        authChecker,
      },
      referenceResolvers,
    ),
  createLoaders,
  migrations: () => import('./migrations/index.js').then((m) => m.migrations),
  prepareStore: ensureAppendOnlyTriggers,
};
