import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { Caller, callerFromAuthorization, headerValue, requestIdFrom } from '../platform/index.js';

/** Per-request state of the gateway: created for each request, never kept in module globals. */
export interface GatewayContext {
  caller: Caller;
  /** The caller's Authorization header, forwarded unchanged so each subgraph verifies it again. */
  authorization: string | undefined;
  requestId: string;
  ip: string;
}

/**
 * The caller is the one the HTTP guard verified (gateway/routes/guard.ts: a forged or expired
 * token is answered with UNAUTHENTICATED, HTTP 401, before its body is read, and never reaches
 * a subgraph). Without it, the token is verified here, with the same answer.
 */
export async function createGatewayContext(headers: IncomingHttpHeaders, ip: string, verified?: Caller): Promise<GatewayContext> {
  const authorization = headerValue(headers, 'authorization');
  const requestId = requestIdFrom(headers);
  try {
    return { caller: verified ?? (await callerFromAuthorization(authorization)), authorization, requestId, ip };
  } catch (error) {
    if (error instanceof GraphQLError) {
      throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
    }
    throw error;
  }
}
