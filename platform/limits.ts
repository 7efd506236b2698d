// Query limits shared by the gateway and the subgraphs: depth, aliases, tokens, directives,
// an estimated cost that reads variables, and (for anonymous callers) a cap on the response.
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import express from 'express';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { Caller } from './auth.js';
import { withTraceId } from './tracing.js';

export interface QueryLimits {
  /** Fields nested in fields; fragments add no level. */
  maxDepth: number;
  /** Aliases in the operation, `__typename` aliases included. */
  maxAliases: number;
  /** Lexical tokens of the document (graphql-js's parser counts them). */
  maxTokens: number;
  maxDirectives: number;
  /** Estimated cost (see `estimateCost`) a caller with a token may spend on one operation. */
  maxCost: number;
  /** The same for an anonymous (PUBLIC) caller: no Authorization header. */
  maxCostPublic: number;
  /** Bytes of JSON an anonymous caller may receive; a larger answer is refused whole (0: no cap). */
  maxResponseBytesPublic: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 20,
  maxCost: 20_000,
  // The portal's safelisted operations cost at most 2,138 (test/gateway/limits.test.ts); the
  // costliest anonymous queries the tests make: a page of 100 contracts with all their lists
  // 11,001, the integrity scores of 100 organizations 6,701. The attack of security issue 13
  // costs 2.3 million.
  maxCostPublic: 12_000,
  maxResponseBytesPublic: 1024 * 1024,
};

/** The API's default page size: a paginated field without `first`/`last`, and a list without page arguments, count as this many items. */
export const DEFAULT_LIST_SIZE = 20;

export type LimitCode = 'DEPTH_LIMIT' | 'ALIAS_LIMIT' | 'TOKEN_LIMIT' | 'DIRECTIVE_LIMIT' | 'COST_LIMIT' | 'RESPONSE_TOO_LARGE';

/** Each refusal's message, Chinese then English; armor's refusals carry `[CODE]` so formatLimitError can give them their code. */
export const LIMIT_MESSAGES: Record<LimitCode, string> = {
  DEPTH_LIMIT: '查询嵌套层级超过上限 (the query is nested too deeply)',
  ALIAS_LIMIT: '查询别名数量超过上限 (the query uses too many aliases)',
  TOKEN_LIMIT: '查询过长 (the query has too many tokens)',
  DIRECTIVE_LIMIT: '查询指令数量超过上限 (the query uses too many directives)',
  COST_LIMIT: '查询估算成本超过上限，请减少列表大小或字段 (the query\'s estimated cost is over the limit: ask for fewer rows or fields)',
  RESPONSE_TOO_LARGE: '响应过大，匿名访问请减少列表大小或字段，或使用令牌 (the response is too large for an anonymous caller: ask for fewer rows or fields, or call with a token)',
};

export const LIMIT_CODES: ReadonlySet<string> = new Set(Object.keys(LIMIT_MESSAGES));

export interface CostOptions {
  /**
   * Whether a `__typename` without an alias costs 1 (the gateway: every field costs at least 1).
   * Subgraphs pass false: the gateway's query planner adds `__typename` to every entity it asks
   * for, and an unaliased `__typename` is one key per object whatever the query repeats.
   * Aliased `__typename` costs 1 everywhere.
   */
  chargeUnaliasedTypename?: boolean;
}

/**
 * The estimated cost of an operation, with list sizes read from literals and variables alike:
 * - every field costs 1, `__typename` and introspection's `__schema`/`__type` included (what
 *   introspection selects is bounded by the schema and not counted); each alias is a field;
 * - a field with `first`/`last` costs 1 + n × its selection, n being the argument's value
 *   (a literal or a variable; the larger of the two when both are given), or 20, the API's
 *   default page size, when neither is given;
 * - a list of objects fetched by a list of keys (`officialsById(ids:)`) costs 1 + k × its
 *   selection, k being the number of keys given;
 * - any other list of objects costs 1 + 20 × its selection: these are a record's own short
 *   lists (an organization's letters, a letter's items, a contract's milestones) whose length
 *   the caller cannot choose; a connection's `edges` are already counted by the field that
 *   took `first`, so they count once;
 * - a subgraph's `_entities` counts its selection once: the gateway sends one representation
 *   per object it already counted for the caller (or, for `@requires`, every organization a
 *   public figure covers: about 1,900 for the demo city's integrity report), so their number
 *   is not the caller's to choose; a direct caller's is bounded by the body limit;
 * - a list of scalars costs 1, as a scalar does.
 * Fields skipped by `@skip`/`@include` cost nothing; for an abstract type the costliest member counts.
 * Throws a GraphQLError with code COST_LIMIT when the document is too large to estimate
 * (fragments spread into more than 10,000 fields), BAD_USER_INPUT when a variable does not
 * fit its type.
 */
export function estimateCost(input: {
  schema: GraphQLSchema;
  document: DocumentNode;
  variables?: Record<string, unknown>;
  operationName?: string;
  options?: CostOptions;
}): number {
  try {
    return getComplexity({
      schema: input.schema,
      query: input.document,
      variables: input.variables ?? {},
      operationName: input.operationName,
      estimators: [costEstimator(input.options ?? {})],
      maxQueryNodes: 10_000,
    });
  } catch (error) {
    if (/maximum allowed number of nodes/.test(String((error as Error)?.message))) throw limitError('COST_LIMIT');
    throw new GraphQLError(`变量或参数的值无效 (${String((error as Error)?.message ?? error)})`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  }
}

function costEstimator(options: CostOptions): ComplexityEstimator {
  const chargeTypename = options.chargeUnaliasedTypename ?? true;
  return ({ field, type, args, node, childComplexity }) => {
    if (field.name === '__typename') return node.alias || chargeTypename ? 1 : 0;
    if (field.name === '__schema' || field.name === '__type') return 1;
    if (field.name === '_entities' && type.name === 'Query') return 1 + childComplexity;
    if (field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) {
      return 1 + pageSize(args) * childComplexity;
    }
    if (isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type))) {
      const keys = Object.values(args).filter(Array.isArray).map((list) => list.length);
      const size = keys.length ? Math.max(...keys) : type.name.endsWith('Connection') ? 1 : DEFAULT_LIST_SIZE;
      return 1 + size * childComplexity;
    }
    return 1 + childComplexity;
  };
}

function pageSize(args: Record<string, unknown>): number {
  const sizes = [args.first, args.last].filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return sizes.length ? Math.max(0, ...sizes) : DEFAULT_LIST_SIZE;
}

function limitError(code: LimitCode): GraphQLError {
  return new GraphQLError(LIMIT_MESSAGES[code], { extensions: { code, http: { status: 400 } } });
}

export interface QueryLimitOptions extends CostOptions {
  /** Mask graphql-js's "Did you mean …?" suggestions, which spell out the schema. */
  blockFieldSuggestions: boolean;
  /** Add `extensions.cost: { estimated, limit }` to answers for callers with a token (default true). */
  reportCost?: boolean;
}

export interface QueryLimitProtection {
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  plugins: ApolloServerPlugin<any>[];
}

/**
 * The Apollo Server pieces that enforce QueryLimits: validation rules (graphql-armor: depth,
 * aliases, directives), parse options (graphql-js counts tokens while parsing) and plugins
 * (the estimated cost per caller once the operation and its variables are known, the response
 * cap for anonymous callers, the cost reported to callers with a token, HTTP 400 for a refusal).
 * The caller is read from `contextValue.caller` (gateway and subgraph contexts both carry one);
 * a context without one is treated as anonymous.
 */
export function queryLimits(settings: QueryLimits, options: QueryLimitOptions): QueryLimitProtection {
  const armor = new ApolloArmor({
    maxDepth: { n: settings.maxDepth, flattenFragments: true, errorMessage: `[DEPTH_LIMIT] ${LIMIT_MESSAGES.DEPTH_LIMIT}`, exposeLimits: false },
    maxAliases: { n: settings.maxAliases, allowList: [], errorMessage: `[ALIAS_LIMIT] ${LIMIT_MESSAGES.ALIAS_LIMIT}`, exposeLimits: false },
    // Tokens are counted by graphql-js's own parser (Apollo's parseOptions.maxTokens): armor's
    // Apollo variant throws outside the parse step and turns the refusal into a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: settings.maxDirectives, errorMessage: `[DIRECTIVE_LIMIT] ${LIMIT_MESSAGES.DIRECTIVE_LIMIT}`, exposeLimits: false },
    // Replaced by useCostLimit, which reads variables.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: options.blockFieldSuggestions },
  });
  const protection = armor.protect();
  return {
    validationRules: [...(protection.validationRules as unknown as ValidationRule[]), noSubscriptionsWithoutType],
    parseOptions: { maxTokens: settings.maxTokens },
    // armor's plugins are typed against @apollo/server's CommonJS declarations: the same objects.
    plugins: [...(protection.plugins as unknown as ApolloServerPlugin<any>[]), useCostLimit(settings, options), answerLimitErrorsWith400],
  };
}

/**
 * A subscription sent to a schema that has none is a validation error (400), not an execution
 * failure: Apollo Gateway answered it with INTERNAL_SERVER_ERROR (the fuzzer, 2026-12-01).
 */
const noSubscriptionsWithoutType: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === 'subscription' && !context.getSchema().getSubscriptionType()) {
      context.reportError(new GraphQLError('本接口不提供订阅 (this API has no subscriptions)', { nodes: [node] }));
    }
  },
});

function useCostLimit(settings: QueryLimits, options: QueryLimitOptions): ApolloServerPlugin<{ caller?: Caller }> {
  const reportCost = options.reportCost ?? true;
  return {
    async requestDidStart({ contextValue }) {
      const authenticated = contextValue?.caller?.authenticated === true;
      const limit = authenticated ? settings.maxCost : settings.maxCostPublic;
      let estimated: number | undefined;
      return {
        async didResolveOperation({ schema, document, request, operation }) {
          estimated = estimateCost({ schema, document, variables: request.variables, operationName: operation?.name?.value, options });
          if (estimated > limit) throw limitError('COST_LIMIT');
        },
        // Synchronous up to its end, so the plugins after it (response cache, metrics) see the result.
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (authenticated) {
            if (reportCost && estimated !== undefined) result.extensions = { ...result.extensions, cost: { estimated, limit } };
            return;
          }
          const cap = settings.maxResponseBytesPublic;
          if (cap > 0 && (result.data || result.errors) && Buffer.byteLength(JSON.stringify(result)) > cap) {
            // No partial answer: the whole body is replaced by the refusal.
            for (const key of Object.keys(result)) delete (result as Record<string, unknown>)[key];
            result.errors = [{ message: LIMIT_MESSAGES.RESPONSE_TOO_LARGE, extensions: { code: 'RESPONSE_TOO_LARGE', limitBytes: cap } }];
            response.http.status = 400;
            response.http.headers.delete('cache-control');
          }
        },
      };
    },
  };
}

/** A refused query is the client's fault: 400, not the 500 Apollo gives errors raised while parsing. */
const answerLimitErrorsWith400: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
        if (body?.errors?.length && !body.data && body.errors.some((e) => LIMIT_CODES.has(String(e.extensions?.code)))) {
          response.http.status = 400;
        }
      },
    };
  },
};

/** Gives the limits' refusals their codes: DEPTH_LIMIT, ALIAS_LIMIT, TOKEN_LIMIT, DIRECTIVE_LIMIT (armor's and graphql-js's messages); null for any other error. */
export function formatLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  if (/Document contains more tha[nt] \d+ tokens/.test(formatted.message)) { // graphql-js spells it "more that"
    return { message: LIMIT_MESSAGES.TOKEN_LIMIT, extensions: { code: 'TOKEN_LIMIT' } };
  }
  const match = /\[(DEPTH_LIMIT|ALIAS_LIMIT|TOKEN_LIMIT|DIRECTIVE_LIMIT|COST_LIMIT)\]\s*(.*)$/.exec(formatted.message);
  if (!match) return null;
  return { message: match[2]!, locations: formatted.locations, extensions: { code: match[1] } };
}

export interface BodyLimits {
  /** Without an Authorization header (express/bytes notation: '64kb'). */
  anonymous: string;
  /** With one. */
  authenticated: string;
}

/** CREDIT_MAX_BODY_PUBLIC and CREDIT_MAX_BODY, as the gateway reads them. */
export function bodyLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): BodyLimits {
  return { anonymous: env.CREDIT_MAX_BODY_PUBLIC ?? '64kb', authenticated: env.CREDIT_MAX_BODY ?? '20mb' };
}

/**
 * JSON request bodies limited per caller. With `entityRepresentations`, an anonymous body may
 * exceed its limit by `variables.representations` alone (up to the authenticated limit): a
 * subgraph cannot tell the gateway from a direct caller, and the gateway's entity fetches for
 * an anonymous public figure carry every organization it covers (about 1 MB for the demo
 * city's integrity report). Everything else in such a body must still fit the anonymous limit.
 * Oversized bodies go to `next(error)` with status 413 and type 'entity.too.large' (see jsonBodyErrors).
 */
export function jsonBodyLimits(limits: BodyLimits, options: { entityRepresentations?: boolean } = {}): RequestHandler {
  const anonymousBytes = parseBytes(limits.anonymous);
  const anonymousJson = express.json({ limit: limits.anonymous });
  const authenticatedJson = express.json({ limit: limits.authenticated });
  const measuredJson = express.json({
    limit: limits.authenticated,
    verify: (req, _res, buffer) => {
      (req as Request & { bodyBytes?: number }).bodyBytes = buffer.length;
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization) return authenticatedJson(req, res, next);
    if (!options.entityRepresentations) return anonymousJson(req, res, next);
    measuredJson(req, res, (error?: unknown) => {
      if (error) return next(error);
      const bytes = (req as Request & { bodyBytes?: number }).bodyBytes ?? 0;
      if (bytes <= anonymousBytes || restWithoutRepresentations(req.body) <= anonymousBytes) return next();
      next(Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, type: 'entity.too.large', expose: true }));
    });
  };
}

/** Bytes of a body once `variables.representations` is taken out; Infinity when it has none. */
function restWithoutRepresentations(body: unknown): number {
  const variables = (body as { variables?: unknown } | undefined)?.variables;
  if (!variables || typeof variables !== 'object' || !Array.isArray((variables as { representations?: unknown }).representations)) return Infinity;
  const { representations: _omitted, ...otherVariables } = variables as Record<string, unknown>;
  return Buffer.byteLength(JSON.stringify({ ...(body as object), variables: otherVariables }));
}

function parseBytes(limit: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!match) throw new Error(`not a size: "${limit}" (e.g. 64kb, 20mb)`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b']!;
  return Math.floor(Number(match[1]) * unit);
}

/**
 * Express error handler for what fails before GraphQL runs: a body too large (413
 * PAYLOAD_TOO_LARGE), not JSON or otherwise unreadable (its status, BAD_REQUEST), anything
 * else (500 INTERNAL_SERVER_ERROR). Always a GraphQL-shaped JSON body, never express's HTML
 * page with a stack trace.
 */
export function jsonBodyErrors() {
  return (error: { status?: number; statusCode?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error?.status ?? error?.statusCode;
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    if (!clientError) console.error(JSON.stringify(withTraceId({ level: 'error', msg: 'unexpected HTTP error', error: String((error as Error)?.stack ?? error) })));
    const refusal =
      error?.type === 'entity.too.large'
        ? { message: '请求体过大 (the request body is too large)', extensions: { code: 'PAYLOAD_TOO_LARGE' } }
        : error?.type === 'entity.parse.failed'
          ? { message: '请求体不是有效的 JSON (the request body is not valid JSON)', extensions: { code: 'BAD_REQUEST' } }
          : clientError
            ? { message: '请求体无法读取 (the request body could not be read)', extensions: { code: 'BAD_REQUEST' } }
            : { message: '服务器内部错误 (internal server error)', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    res.status(clientError ? status : 500).json({ errors: [refusal] });
  };
}
