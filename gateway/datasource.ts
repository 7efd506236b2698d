import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';

/** Forwards the caller's token and the request id to every subgraph fetch. */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!('requestId' in context)) return; // health checks and schema loading carry no caller
    const gatewayContext = context as GatewayContext;
    if (gatewayContext.authorization) request.http?.headers.set('authorization', gatewayContext.authorization);
    request.http?.headers.set('x-request-id', gatewayContext.requestId);
  }
}
