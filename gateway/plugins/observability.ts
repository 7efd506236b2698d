import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context.js';
import type { GatewayMetrics } from '../metrics.js';
import { withTraceId } from '../../platform/tracing.js';

/**
 * useObservability: request counts, latency and errors by code for Prometheus, and one
 * structured JSON log line per request with the request id the subgraphs also log.
 */
export function useObservability(metrics: GatewayMetrics, log: (line: object) => void = (line) => console.log(JSON.stringify(withTraceId(line)))): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, response, errors }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? errors ?? []).map((e) => String((e as any).extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const type = operation?.operation ?? 'invalid';
          metrics.requests.inc({ operation: type, outcome: codes.length === 0 ? 'ok' : body?.data ? 'partial' : 'error' });
          metrics.duration.observe({ operation: type }, seconds);
          for (const code of codes) metrics.errors.inc({ code });
          log({
            level: codes.length ? 'warn' : 'info',
            msg: 'request',
            requestId: contextValue.requestId,
            caller: contextValue.caller.id,
            roles: [...contextValue.caller.roles],
            operationType: type,
            operationName: operationName ?? null,
            ms: Math.round(seconds * 1000),
            errors: codes,
          });
        },
      };
    },
  };
}
