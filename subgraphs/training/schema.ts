import { changeFeed } from './changes.js';
import { authChecker, buildFederatedSchema, REGISTRY_MIRROR_ENTITIES, registryMirror, type EntityManager, type SubgraphDefinition } from '../kit/index.js';
import { ArchiveResolver } from './archive.resolver.js';
import { AttendanceResolver } from './attendance.resolver.js';
import { TrainingCoverageResolver } from './coverage.resolver.js';
import { AnnualAssessment } from './entities/annual-assessment.js';
import { IntegrityRecord } from './entities/integrity-record.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import { TrainingPlan } from './entities/training-plan.js';
import { TrainingSession } from './entities/training-session.js';
import { createLoaders, type TrainingLoaders } from './loaders.js';
import { IntegrityRecordResolver, OfficialTrainingResolver } from './official.resolver.js';
import { OrganizationTrainingResolver } from './organization.resolver.js';
import { PlanResolver } from './plan.resolver.js';
import { referenceResolvers } from './references.js';
import { SessionResolver } from './session.resolver.js';

/** 诚信教育培训 (organization department): plans, sessions, attendance, coverage, officials' integrity archive. */
export const subgraph: SubgraphDefinition<TrainingLoaders> = {
  name: 'training',
  publicCacheSeconds: 300,
  // The first entity is the one the seeder checks for existing rows.
  entities: [TrainingSession, TrainingPlan, TrainingAttendance, AnnualAssessment, IntegrityRecord, ...REGISTRY_MIRROR_ENTITIES],
  changeFeed,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [SessionResolver, PlanResolver, AttendanceResolver, OrganizationTrainingResolver, OfficialTrainingResolver, IntegrityRecordResolver, ArchiveResolver, TrainingCoverageResolver],
        authChecker,
      },
      referenceResolvers,
    ),
  createLoaders,
  migrations: () => import('./migrations/index.js').then((m) => m.migrations),
  // Coverage counts the registry's organizations and officials of a region from a local copy kept from its feed.
  worker: (built) => registryMirror(built.store.orm.em as EntityManager, 'training'),
};
