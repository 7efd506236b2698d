// An operation's parse and validate as spans, and its name on the request's HTTP server span, from
// Apollo Server's own hooks, in the gateway and every subgraph. The OpenTelemetry graphql
// instrumentation would give parse, validate and execute spans, but it wraps every field resolver of
// the schema to do so (a quarter of a profile query's throughput in the subgraphs) and patches graphql
// on load (docs/benchmarks.md, "Tracing"). No execute span: the server span (traceServerRequests in
// platform/tracing.ts) already spans the execution and holds the resolver batches and SQL beneath it,
// so a second span of nearly the same length per process and request only cost (the gateway has
// Apollo Gateway's `gateway.execute`). Installed only when tracing is on.
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('credit-federation/graphql');

function failed(span: Span, error: unknown): void {
  span.recordException(error as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error) });
}

const ended = (span: Span) => async (error?: unknown): Promise<void> => {
  if (error) failed(span, error);
  span.end();
};

export function useOperationSpans(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const request = trace.getActiveSpan();
      if (!request?.isRecording()) return {};
      return {
        async parsingDidStart() {
          return ended(tracer.startSpan('graphql.parse'));
        },
        async validationDidStart() {
          const end = ended(tracer.startSpan('graphql.validate'));
          return async (errors?: readonly Error[]) => end(errors?.[0]);
        },
        async executionDidStart({ operation, operationName }) {
          // The attributes of the GraphQL semantic conventions, where a trace search finds them.
          request.setAttributes({ 'graphql.operation.type': operation.operation, ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
          return {
            async executionDidEnd(error?: unknown) {
              if (error) failed(request, error);
            },
          };
        },
      };
    },
  };
}
