// A subgraph's parse, validate and execute as spans, from Apollo Server's own hooks: the
// OpenTelemetry graphql instrumentation would give the same three, but it wraps every field resolver
// of the schema to do so, which cost a profile query a quarter of its throughput
// (docs/benchmarks.md, "Tracing"). Installed only when tracing is on (platform/tracing.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('credit-federation/subgraph');

const ended = (span: Span) => async (error?: unknown): Promise<void> => {
  if (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error) });
  }
  span.end();
};

export function useOperationSpans(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      if (!trace.getActiveSpan()?.isRecording()) return {};
      return {
        async parsingDidStart() {
          return ended(tracer.startSpan('graphql.parse'));
        },
        async validationDidStart() {
          const end = ended(tracer.startSpan('graphql.validate'));
          return async (errors?: readonly Error[]) => end(errors?.[0]);
        },
        async executionDidStart({ operation, operationName }) {
          const span = tracer.startSpan(`${operation.operation} ${operationName ?? ''}`.trim(), { attributes: { 'graphql.operation.type': operation.operation, ...(operationName ? { 'graphql.operation.name': operationName } : {}) } });
          return { executionDidEnd: ended(span) };
        },
      };
    },
  };
}
