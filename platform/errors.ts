import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { withTraceId } from './tracing.js';

/**
 * The error codes of API.md, the one list: every error a client sees carries one of these
 * in `extensions.code`. The type ErrorCode and the codes a subgraph passes through
 * (PASS_THROUGH_CODES) are derived from it; a new code is added here and nowhere else.
 */
export const ERROR_CODES = [
  // raised by the kit and the subgraphs
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SUBGRAPH_UNAVAILABLE',
  'FEED_CURSOR_EXPIRED',
  // the limits (platform/limits.ts), in the gateway and every subgraph
  'COST_LIMIT',
  'DEPTH_LIMIT',
  'ALIAS_LIMIT',
  'TOKEN_LIMIT',
  'DIRECTIVE_LIMIT',
  'RESPONSE_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'OPERATION_NOT_SAFELISTED',
  'BAD_REQUEST',
  // Apollo Server's own
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // anything unexpected: the cause stays in the log
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The codes whose errors a subgraph passes to its caller as they are: all but
 * INTERNAL_SERVER_ERROR, which Apollo gives any error nobody coded (its message may carry
 * internals); such an error is logged and answered with a generic message instead.
 */
export const PASS_THROUGH_CODES: ReadonlySet<string> = new Set<ErrorCode>(ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR'));

/**
 * A GraphQL error a person can act on: the message is Chinese first, then English in
 * parentheses, and `extensions.code` is machine-readable. `field` names the input that
 * was wrong, `rule` the rule it broke (e.g. a USCC's CHECK_DIGIT).
 */
export class CreditError extends GraphQLError {
  constructor(
    code: ErrorCode,
    zh: string,
    en: string,
    extra: { field?: string; rule?: string; [key: string]: unknown } = {},
  ) {
    super(`${zh} (${en})`, { extensions: { code, ...extra } });
  }
}

/** For messages that already hold both languages (validators build them that way). */
export function badInput(message: string, extra: { field?: string; rule?: string } = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
}

export const errors = {
  badInput: (zh: string, en: string, field?: string) => new CreditError('BAD_USER_INPUT', zh, en, { field }),
  unauthenticated: (zh: string, en: string) => new CreditError('UNAUTHENTICATED', zh, en),
  forbidden: (zh: string, en: string) => new CreditError('FORBIDDEN', zh, en),
  notFound: (zh: string, en: string) => new CreditError('NOT_FOUND', zh, en),
  conflict: (zh: string, en: string) => new CreditError('CONFLICT', zh, en),
};

export function errorCode(error: unknown): string | undefined {
  if (error instanceof GraphQLError) return error.extensions?.code as string | undefined;
  return undefined;
}

/** Errors we raised on purpose pass through; anything else is logged and shown only as a generic error. */
/**
 * Refusals that Apollo raises as plain errors although the request is at fault (found by the
 * fuzzer): they are the client's to fix, so they say so instead of "internal error".
 */
const CLIENT_FAULTS: Array<{ pattern: RegExp; zh: string; en: string }> = [
  { pattern: /^Unsupported persisted query version/, zh: '不支持的持久化查询版本', en: 'unsupported persisted query version' },
  { pattern: /^The _entities resolver tried to load an entity for type/, zh: '实体表示缺少或写错了 __typename', en: 'an entity representation lacks a known __typename' },
];

export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  if (code && PASS_THROUGH_CODES.has(code)) return formatted;
  const fault = CLIENT_FAULTS.find((f) => f.pattern.test(formatted.message));
  if (fault) return { message: `${fault.zh} (${fault.en})`, path: formatted.path, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
  console.error(JSON.stringify(withTraceId({ level: 'error', msg: 'unexpected resolver error', error: String((error as any)?.originalError?.stack ?? error) })));
  return {
    message: '服务器内部错误 (internal server error)',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
