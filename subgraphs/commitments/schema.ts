import { changeFeed } from './changes.js';
import { authChecker, buildFederatedSchema, ensureAppendOnly, REGISTRY_MIRROR_ENTITIES, registryMirror, type EntityManager, type SubgraphDefinition } from '../kit/index.js';
import { ComplaintResolver } from './complaint.resolver.js';
import { CoverageResolver } from './coverage.resolver.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { FulfilmentRecord } from './entities/fulfilment-record.js';
import { CommitmentComplaint } from './entities/complaint.js';
import { OfficialCommitment } from './entities/official-commitment.js';
import { ItemResolver } from './item.resolver.js';
import { LetterResolver } from './letter.resolver.js';
import { createLoaders, type CommitmentLoaders } from './loaders.js';
import { OfficialCommitmentResolver, PublicOfficialResolver } from './official-commitment.resolver.js';
import { OrganizationCommitmentsResolver } from './organization.resolver.js';
import { referenceResolvers } from './references.js';

/** 政务诚信承诺: letters, items, officials' commitments, complaints and coverage. */
export const subgraph: SubgraphDefinition<CommitmentLoaders> = {
  name: 'commitments',
  publicCacheSeconds: 60,
  entities: [CommitmentLetter, CommitmentItem, FulfilmentRecord, OfficialCommitment, CommitmentComplaint, ...REGISTRY_MIRROR_ENTITIES],
  changeFeed,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [LetterResolver, ItemResolver, OfficialCommitmentResolver, PublicOfficialResolver, ComplaintResolver, OrganizationCommitmentsResolver, CoverageResolver],
        authChecker,
      },
      referenceResolvers,
    ),
  createLoaders,
  migrations: () => import('./migrations/index.js').then((m) => m.migrations),
  // Fulfilment records are never rewritten or removed, whoever connects to the store.
  prepareStore: (em) => ensureAppendOnly(em, 'commitment_fulfilment_record', ['update', 'delete']),
  // Coverage counts the registry's organizations of a region from a local copy kept from its feed.
  worker: (built) => registryMirror(built.store.orm.em as EntityManager, 'commitments'),
};
