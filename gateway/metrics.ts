import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus metrics, in a registry of its own (tests build several gateways). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'credit_gateway_' });
  return {
    registry,
    requests: new Counter({
      name: 'credit_gateway_requests_total',
      help: 'GraphQL requests by operation type and outcome',
      labelNames: ['operation', 'outcome'] as const,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'credit_gateway_request_duration_seconds',
      help: 'GraphQL request latency at the gateway',
      labelNames: ['operation'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'credit_gateway_errors_total',
      help: 'Errors returned to clients, by extensions.code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    subgraphFetch: new Histogram({
      name: 'credit_gateway_subgraph_fetch_duration_seconds',
      help: 'Latency of each fetch from the gateway to a subgraph',
      labelNames: ['subgraph'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    usageDropped: new Counter({
      name: 'credit_gateway_usage_dropped_total',
      help: 'Operation runs not counted in the usage store: more distinct operations between two flushes than the gateway holds',
      registers: [registry],
    }),
    // The PUBLIC response cache following the change feeds (gateway/plugins/cache-invalidation.ts).
    cachePurges: new Counter({
      name: 'credit_gateway_cache_purges_total',
      help: 'Purges of the PUBLIC response cache: by feed entries (reason entries, one per page of entries) or whole (reason feed_lost, redis_error)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    cachePurgedAnswers: new Counter({
      name: 'credit_gateway_cache_purged_answers_total',
      help: 'Cached PUBLIC answers deleted because a feed entry named an organization, official or region they contain',
      registers: [registry],
    }),
    cacheFeedLag: new Gauge({
      name: 'credit_gateway_cache_feed_lag',
      help: 'Entries of a subgraph\'s change feed the cache follower has not read yet, as of its last read (-1 while the feed cannot be read)',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    cachePurgeDelay: new Histogram({
      name: 'credit_gateway_cache_purge_delay_seconds',
      help: 'From a change committed (its feed entry\'s time) to the cached answers it touches being purged',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;
