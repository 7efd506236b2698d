import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * A subgraph's Prometheus metrics: GraphQL requests and their latency, plus the process's
 * CPU and memory. The benchmark reads `credit_subgraph_requests_total` to count subgraph
 * requests per client request, whichever gateway sits in front.
 */
const REQUESTS_TOTAL = 'credit_subgraph_requests_total';

export function createSubgraphMetrics(subgraph: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph });
  collectDefaultMetrics({ register: registry, prefix: 'credit_subgraph_' });
  const requests = new Counter({
    name: REQUESTS_TOTAL,
    help: 'GraphQL HTTP requests answered by this subgraph',
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'credit_subgraph_request_duration_seconds',
    help: 'GraphQL request latency inside this subgraph',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    registry,
    /** Express middleware for the /graphql route: counts and times each request. */
    track(_req: Request, res: Response, next: NextFunction) {
      const stop = duration.startTimer();
      res.once('finish', () => {
        requests.inc();
        stop();
      });
      next();
    },
  };
}

/** How many GraphQL requests the subgraph at this /graphql URL has answered, read from its /metrics. */
export async function subgraphRequestCount(graphqlUrl: string): Promise<number> {
  const text = await (await fetch(graphqlUrl.replace(/graphql$/, 'metrics'))).text();
  const match = new RegExp(`^${REQUESTS_TOTAL}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}
