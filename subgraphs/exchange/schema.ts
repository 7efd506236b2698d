import { authChecker, buildFederatedSchema, type EntityManager, type SubgraphDefinition } from '../kit/index.js';
import { DeliveryBatch } from './entities/delivery-batch.js';
import { ExchangeState, FeedCursor } from './entities/exchange-state.js';
import { ExportedRecord } from './entities/exported-record.js';
import { OutboxItem } from './entities/outbox-item.js';
import { ExchangeResolver } from './exchange.resolver.js';
import { exchangeWorker } from './exchange.worker.js';
import { createLoaders, type ExchangeLoaders } from './loaders.js';

/**
 * 向省公共信用信息平台的数据交换 (upward exchange, seed 001 task 5, seed 004 §四(三)(九)): a
 * consumer of the other subgraphs' change feeds that maps what changed into the province's
 * record kinds (catalogue/*.json) and delivers each record version exactly once through the
 * exchange database (前置库) and/or an HTTP push, keeping the province's receipts. It stores no
 * other domain's records beyond the versions it sent.
 */
export const subgraph: SubgraphDefinition<ExchangeLoaders> = {
  name: 'exchange',
  entities: [ExportedRecord, OutboxItem, DeliveryBatch, ExchangeState, FeedCursor],
  buildSchema: () => buildFederatedSchema({ resolvers: [ExchangeResolver], authChecker }, {}),
  createLoaders,
  migrations: () => import('./migrations/index.js').then((m) => m.migrations),
  worker: (built) => exchangeWorker(built.store.orm.em as EntityManager),
};
