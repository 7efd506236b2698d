// An operation's parse, validate and execute as spans, from Apollo Server's own hooks, in the gateway
// and every subgraph: the OpenTelemetry graphql instrumentation would give the same three, but it
// wraps every field resolver of the schema to do so (a quarter of a profile query's throughput in the
// subgraphs) and patches graphql on load (docs/benchmarks.md, "Tracing"). Installed only when tracing
// is on (platform/tracing.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('credit-federation/graphql');

const ended = (span: Span) => async (error?: unknown): Promise<void> => {
  if (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error) });
  }
  span.end();
};

export interface OperationSpansOptions {
  /**
   * A span for the execution, named after the operation (default true). The gateway says false:
   * Apollo Gateway's own `gateway.execute` span covers it there.
   */
  execution?: boolean;
}

export function useOperationSpans(options: OperationSpansOptions = {}): ApolloServerPlugin {
  const execution = options.execution ?? true;
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
          if (!execution) return;
          const span = tracer.startSpan(`${operation.operation} ${operationName ?? ''}`.trim(), { attributes: { 'graphql.operation.type': operation.operation, ...(operationName ? { 'graphql.operation.name': operationName } : {}) } });
          return { executionDidEnd: ended(span) };
        },
      };
    },
  };
}
