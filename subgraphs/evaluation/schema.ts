import { authChecker, buildFederatedSchema, type EntityManager, type SubgraphDefinition } from '../kit/index.js';
import { AssessmentChange } from './entities/assessment-change.js';
import { FeedCursor, ReadModelState } from './entities/feed-cursor.js';
import { IntegritySnapshotEntry, IntegritySnapshotRegion, IntegritySnapshotRow } from './entities/integrity-snapshot.js';
import { RegionFigure } from './entities/region-figure.js';
import { RegionIndicator } from './entities/region-indicator.js';
import { StoredAssessment } from './entities/stored-assessment.js';
import { StoredWarning } from './entities/stored-warning.js';
import { OrganizationIntegrityResolver, ReadModelResolver, RegionIntegrityResolver } from './integrity.resolver.js';
import { createLoaders, type EvaluationLoaders } from './loaders.js';
import { readModelWorker } from './read-model.worker.js';
import { referenceResolvers } from './references.js';
import { IntegritySnapshotResolver } from './snapshot.resolver.js';
import { ensureSnapshotsAppendOnly } from './snapshot.repository.js';

/**
 * 政务诚信评价: scores, warnings and rankings. A read model: its worker reads every other
 * subgraph's change feed, fetches the named organizations' summaries through the supergraph,
 * assesses them with the rules in rules/<year>.json and keeps the result, its history and the
 * region figures in this subgraph's own store. It stores no other domain's records.
 */
export const subgraph: SubgraphDefinition<EvaluationLoaders> = {
  name: 'evaluation',
  publicCacheSeconds: 60,
  entities: [StoredAssessment, StoredWarning, AssessmentChange, RegionFigure, RegionIndicator, FeedCursor, ReadModelState, IntegritySnapshotRow, IntegritySnapshotEntry, IntegritySnapshotRegion],
  buildSchema: () => buildFederatedSchema({ resolvers: [OrganizationIntegrityResolver, RegionIntegrityResolver, ReadModelResolver, IntegritySnapshotResolver], authChecker }, referenceResolvers),
  createLoaders,
  migrations: () => import('./migrations/index.js').then((m) => m.migrations),
  prepareStore: ensureSnapshotsAppendOnly,
  worker: (built) => readModelWorker(built.store.orm.em as EntityManager),
};
