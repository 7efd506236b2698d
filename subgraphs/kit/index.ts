// The subgraph kit: what every subgraph shares, so that a subgraph folder holds only its domain.
import 'reflect-metadata';

// The platform (platform/, below the kit) is re-exported: a subgraph finds all it needs here.
export * from '../../platform/index.js';
export * from './change-feed/feed-cursor.js';
export * from './change-feed/follow.js';
export * from './change-feed/follower.js';
export * from './change-feed/read.js';
export * from './change-feed/record.js';
export * from './change-feed/redis-streams.js';
export * from './connection.js';
export * from './context.js';
export * from './federation.js';
export * from './federated-stubs.js';
export * from './direct-access.js';
export * from './import-result.js';
export * from './import-pipeline.js';
export * from './ids.js';
export * from './input.js';
export * from './loaders.js';
export { subgraphRequestCount } from './metrics.js';
export * from './official-roster.js';
export * from './organization-kind.js';
export * from './personal-data.js';
export * from './registry-mirror.js';
export * from './subgraph.js';
export * from './supergraph-client.js';
export * from './enums.js';
export * from './seeding.js';
export * from './dates.js';
export * from './complaint-intake.js';
export * from './case-number.js';
export * from './figures.js';
export * from './remedies.js';
