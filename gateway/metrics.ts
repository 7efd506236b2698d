import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

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
  };
}

export type GatewayMetrics = ReturnType<typeof createMetrics>;
