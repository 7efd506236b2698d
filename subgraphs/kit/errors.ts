import { GraphQLError } from 'graphql';

/** The error codes of API.md: every error a client sees carries one of these. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'COST_LIMIT'
  | 'RATE_LIMITED'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'FEED_CURSOR_EXPIRED'
  | 'INTERNAL_SERVER_ERROR';

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
