import { createHmac, timingSafeEqual } from 'node:crypto';
import stableStringify from 'json-stable-stringify';
import { config } from './config.js';

/**
 * The gateway signs what it sends to a subgraph, so a subgraph can tell a request that came
 * through the gateway (and its guards: limits, rate limits, safelist, audit) from one sent to it
 * directly. The scheme is Hive Gateway's HMAC upstream signature, so either gateway can sign:
 * HMAC-SHA-256 with the shared CREDIT_GATEWAY_SECRET over the stable JSON of
 * `{ query, variables }` (variables left out when empty), base64, carried in the request's
 * `extensions["hmac-signature"]`.
 */
export const SIGNATURE_EXTENSION = 'hmac-signature';

function signedContent(query: string, variables: Record<string, unknown> | null | undefined): string {
  return stableStringify({ query, variables: variables != null && Object.keys(variables).length > 0 ? variables : undefined }) ?? '';
}

export function gatewaySignature(query: string, variables: Record<string, unknown> | null | undefined, secret = config.gatewaySecret()): string {
  return createHmac('sha256', secret).update(signedContent(query, variables)).digest('base64');
}

/** Whether a GraphQL request body carries the gateway's signature over its query and variables. */
export function hasGatewaySignature(body: unknown, secret = config.gatewaySecret()): boolean {
  if (!body || typeof body !== 'object') return false;
  const { query, variables, extensions } = body as { query?: unknown; variables?: unknown; extensions?: Record<string, unknown> };
  const signature = extensions?.[SIGNATURE_EXTENSION];
  if (typeof query !== 'string' || typeof signature !== 'string') return false;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return false;
  const expected = Buffer.from(gatewaySignature(query, variables as Record<string, unknown> | null, secret), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A request body signed as the gateway signs it: for the operator's own tools that stand in for
 * the gateway (benchmarks), holding CREDIT_GATEWAY_SECRET.
 */
export function gatewaySignedBody(query: string, variables: Record<string, unknown> = {}, secret = config.gatewaySecret()): string {
  return JSON.stringify({ query, variables, extensions: { [SIGNATURE_EXTENSION]: gatewaySignature(query, variables, secret) } });
}
