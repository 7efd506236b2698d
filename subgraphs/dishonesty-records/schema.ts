import { changeFeed } from './changes.js';
import { authChecker, buildFederatedSchema, REGISTRY_MIRROR_ENTITIES, registryMirror, type EntityManager, type SubgraphDefinition } from '../kit/index.js';
import { AppliedSanction } from './entities/applied-sanction.js';
import { DishonestyRepair } from './entities/credit-repair.js';
import { DishonestyObjection } from './entities/objection.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { createLoaders, type DishonestyLoaders } from './loaders.js';
import { OfficialDishonestyResolver } from './official.resolver.js';
import { OrganizationDishonestyResolver } from './organization.resolver.js';
import { DishonestyRecordResolver } from './record.resolver.js';
import { referenceResolvers } from './references.js';
import { AppliedSanctionResolver } from './sanction.resolver.js';
import { DishonestyObjectionResolver, DishonestyRepairResolver } from './remedy.resolver.js';
import { OrganizationDishonestySummaryResolver } from './summary.resolver.js';

/** 政务失信记录: judgments, administrative penalties, disciplinary sanctions and accountability decisions against bodies and officials. */
export const subgraph: SubgraphDefinition<DishonestyLoaders> = {
  name: 'dishonesty-records',
  publicCacheSeconds: 60,
  // The first entity is the one the seeder checks for existing rows.
  entities: [DishonestyRecord, AppliedSanction, DishonestyObjection, DishonestyRepair, ...REGISTRY_MIRROR_ENTITIES],
  changeFeed,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [DishonestyRecordResolver, OrganizationDishonestyResolver, OfficialDishonestyResolver, OrganizationDishonestySummaryResolver, AppliedSanctionResolver, DishonestyObjectionResolver, DishonestyRepairResolver],
        authChecker,
      },
      referenceResolvers,
    ),
  createLoaders,
  migrations: () => import('./migrations/index.js').then((m) => m.migrations),
  // Imports check the deciding authority against a local copy of the registry kept from its feed.
  worker: (built) => registryMirror(built.store.orm.em as EntityManager, 'dishonesty-records'),
};
