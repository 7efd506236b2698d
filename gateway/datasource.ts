import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { Histogram } from 'prom-client';
import { gatewaySignature, SIGNATURE_EXTENSION } from '../platform/gateway-signature.js';
import { injectTraceContext } from '../platform/tracing.js';
import type { GatewayContext } from './context.js';

export interface DataSourceOptions {
  name: string;
  url: string;
  /** A subgraph that has not answered by then is reported as unavailable. */
  timeoutMs: number;
  fetchDuration?: Histogram<'subgraph'>;
  /** Replaces the global fetch (see subgraph-http.ts); it applies the timeout itself. */
  fetcher?: (url: string, init: any) => Promise<any>;
}

/**
 * One subgraph, as the gateway sees it: forwards the caller's token and the request id,
 * bounds each fetch by a timeout, and turns a subgraph that cannot be reached into a
 * SUBGRAPH_UNAVAILABLE error naming it, so the rest of the plan still answers.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly options: DataSourceOptions) {
    super({
      url: options.url,
      fetcher: (options.fetcher ?? ((url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) }))) as any,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Signed, so the subgraph knows the request passed the gateway's guards (platform/gateway-signature.ts).
    request.extensions = { ...request.extensions, [SIGNATURE_EXTENSION]: gatewaySignature(request.query ?? '', request.variables) };
    // Runs inside Apollo Gateway's `gateway.fetch` span: the subgraph's spans hang from it. A health
    // check passes on its not-sampled trace (untraced, /readyz), so the subgraph records nothing.
    if (request.http) injectTraceContext(request.http.headers);
    if (!('requestId' in context)) return; // health checks and schema loading carry no caller
    const gatewayContext = context as GatewayContext;
    if (gatewayContext.authorization) request.http?.headers.set('authorization', gatewayContext.authorization);
    request.http?.headers.set('x-request-id', gatewayContext.requestId);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const stopTimer = this.options.fetchDuration?.startTimer({ subgraph: this.options.name });
    try {
      return await super.process(options);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions?.code !== undefined && !isTransportFailure(error)) throw error;
      const timedOut = isTimeout(error);
      throw new GraphQLError(
        timedOut
          ? `子图 ${this.options.name} 在 ${this.options.timeoutMs} 毫秒内未响应 (subgraph ${this.options.name} did not answer within ${this.options.timeoutMs} ms)`
          : `子图 ${this.options.name} 暂不可用 (subgraph ${this.options.name} is unavailable)`,
        { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.options.name, reason: timedOut ? 'TIMEOUT' : 'UNREACHABLE' } },
      );
    } finally {
      stopTimer?.();
    }
  }
}

function isTimeout(error: unknown): boolean {
  const text = `${(error as Error)?.name} ${(error as Error)?.message} ${String((error as any)?.cause?.name ?? '')}`;
  return /timeout|aborted/i.test(text);
}

/** Connection refused, reset, DNS, or a non-GraphQL HTTP failure from a subgraph that is down. */
function isTransportFailure(error: GraphQLError): boolean {
  const status = (error.extensions?.response as { status?: number } | undefined)?.status;
  return status !== undefined && status >= 502;
}
