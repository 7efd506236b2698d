import { changeFeed } from './changes.js';
import { authChecker, buildFederatedSchema, REGISTRY_MIRROR_ENTITIES, registryMirror, type EntityManager, type SubgraphDefinition } from '../kit/index.js';
import { CreditRepair } from './entities/credit-repair.js';
import { DebtorRecord } from './entities/debtor-record.js';
import { DebtorObjection } from './entities/objection.js';
import { PendingCase } from './entities/pending-case.js';
import { PushAction } from './entities/push-action.js';
import { createLoaders, type CourtDebtorLoaders } from './loaders.js';
import { OrganizationDebtorResolver } from './organization.resolver.js';
import { PendingCaseResolver } from './pending.resolver.js';
import { PushActionResolver } from './push.resolver.js';
import { DebtorRecordResolver } from './record.resolver.js';
import { referenceResolvers } from './references.js';
import { CreditRepairResolver, DebtorObjectionResolver } from './remedy.resolver.js';
import { PushCoverageResolver, ReconciliationResolver } from './report.resolver.js';

/** 失信被执行人: the courts' records, the government-body ledger, push to perform, objections and repair. */
export const subgraph: SubgraphDefinition<CourtDebtorLoaders> = {
  name: 'court-debtors',
  publicCacheSeconds: 60,
  entities: [DebtorRecord, PendingCase, PushAction, DebtorObjection, CreditRepair, ...REGISTRY_MIRROR_ENTITIES],
  changeFeed,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          DebtorRecordResolver, OrganizationDebtorResolver, PushActionResolver, PendingCaseResolver, DebtorObjectionResolver, CreditRepairResolver,
          PushCoverageResolver, ReconciliationResolver,
        ],
        authChecker,
      },
      referenceResolvers,
    ),
  createLoaders,
  migrations: () => import('./migrations/index.js').then((m) => m.migrations),
  // Reconciliation reads the registry's organizations of a region from a local copy kept from its feed.
  worker: (built) => registryMirror(built.store.orm.em as EntityManager, 'court-debtors'),
};
