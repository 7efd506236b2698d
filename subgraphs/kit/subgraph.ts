import { tracingStarted } from '../../platform/tracing.js';
import { useOperationSpans } from '../../platform/operation-spans.js';
import { printSubgraphSchema } from '@apollo/subgraph';
import { ApolloServer, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { MigrationsList } from '../../platform/orm.js';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { config } from '../../platform/config.js';
import { formatSubgraphError } from '../../platform/errors.js';
import { AuditEntry } from '../../platform/audit/audit-entry.js';
import { ChangeEntry } from '../../platform/change-feed/change-entry.js';
import { pruneFeed, serveFeed } from './change-feed/read.js';
import { changeFeedSubscriber, type ChangeFeedDeclaration } from './change-feed/record.js';
import { feedRelay, redisClient } from './change-feed/redis-streams.js';
import { auditPageParams, readAuditPage } from '../../platform/audit/audit-page.js';
import { callerFromAuthorization } from '../../platform/auth.js';
import { useAuditLog } from '../../platform/audit/audit-log.js';
import { personalFieldsOf } from '../../platform/audit/personal-fields.js';
import { ensureAppendOnly } from '../../platform/append-only.js';
import { requireGatewayOrDirectRole, VIA_GATEWAY } from './direct-access.js';
import { listenHttp, type Listening } from '../../platform/http.js';
import { useInputHygiene } from '../../platform/input-hygiene.js';
import { contextFactory, type LoaderFactory, type SubgraphContext } from './context.js';
import { headerValue } from '../../platform/request.js';
import { bodyLimitsFromEnv, DEFAULT_QUERY_LIMITS, formatLimitError, jsonBodyErrors, jsonBodyLimits, queryLimits, type BodyLimits, type QueryLimits } from '../../platform/limits.js';
import { createSubgraphMetrics } from './metrics.js';
import type { Registry } from 'prom-client';
import type { RosterFactory } from './official-roster.js';
import { ensureSchema, openOrm, type EntityManager, type SubgraphOrm } from '../../platform/orm.js';
import { flushTracing, withTraceId } from '../../platform/tracing.js';

/** What a subgraph folder exports from its `schema.ts`: all the kit needs to run it. */
export interface SubgraphDefinition<Loaders = unknown> {
  /** As in schema/supergraph.yaml: registry, commitments, … */
  name: string;
  entities: Function[];
  buildSchema(): Promise<GraphQLSchema>;
  createLoaders: LoaderFactory<Loaders>;
  /**
   * PostgreSQL migrations of the entities (subgraphs/<name>/migrations/index.ts), as a function that
   * imports them: only a store on PostgreSQL loads them.
   */
  migrations?: MigrationsList;
  /**
   * Which of its entities belong in the change feed, and what a change to each touches (entity
   * keys). Writes around the unit of work call `recordChanges` themselves.
   */
  changeFeed?: ChangeFeedDeclaration;
  /** Runs after the tables are created or updated, at every start and before seeding (e.g. triggers); idempotent. */
  prepareStore?(em: EntityManager): Promise<void>;
  /**
   * How many seconds an answer to an anonymous (PUBLIC) caller stays true enough to reuse:
   * sent to the gateway as Cache-Control, which its response cache honours. Types whose
   * data must never be reused carry `@cacheControl(maxAge: 0)`. Absent: never cached.
   */
  publicCacheSeconds?: number;
  /**
   * A background worker of this subgraph (evaluation's read-model consumer): made once the
   * store is open, started once the subgraph listens, stopped before the store closes. Its
   * status shows in GET /healthz as `worker`.
   */
  worker?(built: BuiltSubgraph<any>): BackgroundWorker;
}

export interface BackgroundWorker {
  start(): void;
  stop(): Promise<void>;
  status(): object;
  /** Adds the worker's own metrics to the subgraph's /metrics (e.g. the exchange's lag and refusals). */
  metrics?(registry: Registry): void;
}

export interface BuiltSubgraph<Loaders = any> {
  definition: SubgraphDefinition<Loaders>;
  store: SubgraphOrm;
  schema: GraphQLSchema;
  server: ApolloServer<SubgraphContext<Loaders>>;
  /** `viaGateway`: the request carried the gateway's signature (set by listenSubgraph). */
  contextFor(headers: Record<string, string | undefined>, viaGateway?: boolean): Promise<SubgraphContext<Loaders>>;
  /** Runs an operation in-process, as a request with these headers would. */
  execute(query: string, variables?: Record<string, unknown>, headers?: Record<string, string | undefined>): Promise<{ data?: any; errors?: readonly GraphQLFormattedError[] }>;
  stop(): Promise<void>;
}

/**
 * One JSON line per request with the gateway's request id (and the trace id when tracing is on),
 * so a request can be followed across processes. On with CREDIT_LOG_REQUESTS=1 (off by default: it costs throughput).
 */
function useRequestLog(subgraph: string): ApolloServerPlugin<SubgraphContext<any>> {
  const enabled = process.env.CREDIT_LOG_REQUESTS === '1';
  return {
    async requestDidStart({ contextValue }) {
      if (!enabled) return;
      const started = Date.now();
      return {
        async willSendResponse({ operationName, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          console.log(JSON.stringify(withTraceId({
            level: 'info', msg: 'request', subgraph, requestId: contextValue.requestId, caller: contextValue.caller.id,
            operationName: operationName ?? null, ms: Date.now() - started, errors: (body?.errors ?? []).map((e) => e.extensions?.code),
          })));
        },
      };
    },
  };
}

/**
 * Answers to callers with a token may hold personal data: they are private with no lifetime, sent
 * as `Cache-Control: no-store`, so no cache (the gateway's included) may keep them, whatever the
 * types' hints say. (Apollo's cache-control plugin computes no field hints once the policy is
 * restricted before execution: a scope alone would give no lifetime, and so no-store, too.)
 */
function usePrivateAnswersForCallers(): ApolloServerPlugin<SubgraphContext<any>> {
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      if (contextValue.caller.authenticated) overallCachePolicy.restrict({ maxAge: 0, scope: 'PRIVATE' });
    },
  };
}

/** Introspection and "Did you mean …?" suggestions: only where NODE_ENV is development or test. */
export function schemaExposedByDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
}

/** What a subgraph guards itself with; the defaults are the gateway's limits. */
export interface SubgraphGuards {
  /** Depth, aliases, tokens, directives and the estimated cost per caller, as at the gateway (DEFAULT_QUERY_LIMITS). */
  limits?: QueryLimits;
  /** Introspection and field suggestions (default: NODE_ENV development or test). */
  exposeSchema?: boolean;
}

/**
 * The gateway's limits, applied again by each subgraph (a request may bypass the gateway).
 * Not the anonymous response cap: a subgraph's answer to the gateway is an intermediate result
 * (e.g. every organization of a region for a public integrity report), not what the caller gets.
 */
function subgraphLimits(limits: QueryLimits = DEFAULT_QUERY_LIMITS): QueryLimits {
  return { ...limits, maxResponseBytesPublic: 0 };
}

/** Limit refusals get their codes; the rest is formatted as formatSubgraphError does. */
function formatGuardedSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return formatLimitError(formatted) ?? formatSubgraphError(formatted, error);
}

/**
 * The entities of a subgraph's store: its own, and the audit log every store with data keeps of
 * the personal data that left it and of the writes that bypassed the gateway (platform/audit/). A
 * subgraph without tables of its own (evaluation) keeps none: nothing personal leaves it.
 */
export function storeEntities(definition: Pick<SubgraphDefinition, 'entities'>): Function[] {
  return definition.entities.length > 0 ? [...definition.entities, AuditEntry, ChangeEntry] : [];
}

/**
 * Opens the store, builds the schema and starts the Apollo server, without listening:
 * tests use `execute` in-process, `listenSubgraph` puts it on a port.
 */
export async function buildSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  options: { dbName?: string; /** Default: the registry's roster through the gateway. */ roster?: RosterFactory } & SubgraphGuards = {},
): Promise<BuiltSubgraph<Loaders>> {
  const store = await openOrm({
    name: definition.name, entities: storeEntities(definition), migrations: definition.migrations, dbName: options.dbName,
    subscribers: definition.changeFeed ? [changeFeedSubscriber(definition.changeFeed)] : [],
  });
  await ensureSchema(store.orm);
  const audited = definition.entities.length > 0;
  if (audited) await ensureAppendOnly(store.orm.em.fork() as EntityManager, 'audit_entry');
  await definition.prepareStore?.(store.orm.em.fork() as EntityManager);
  const schema = await definition.buildSchema();
  const personalFields = personalFieldsOf(printSubgraphSchema(schema));
  const exposeSchema = options.exposeSchema ?? schemaExposedByDefault();
  const limits = queryLimits(subgraphLimits(options.limits), { blockFieldSuggestions: !exposeSchema, chargeUnaliasedTypename: false });
  const server = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    introspection: exposeSchema,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    includeStacktraceInErrorResponses: false,
    formatError: formatGuardedSubgraphError,
    // Federated traces cost every request a little; no Apollo Studio is reachable here.
    plugins: [
      ...limits.plugins,
      ApolloServerPluginInlineTraceDisabled(),
      // GET /graphql answers JSON, never Apollo's HTML landing page (the explorer is the gateway's).
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControl({ defaultMaxAge: definition.publicCacheSeconds ?? 0 }),
      usePrivateAnswersForCallers(),
      useInputHygiene(),
      // Unmasked personal reads, whoever asked and by whatever route; writes that bypassed the gateway.
      ...(audited ? [useAuditLog<SubgraphContext<Loaders>>({ store, personalFields: () => personalFields, auditWrites: (context) => !context.viaGateway })] : []),
      useRequestLog(definition.name),
      ...(tracingStarted() ? [useOperationSpans()] : []),
    ],
  });
  await server.start();
  const contextFor = contextFactory(store.orm, definition.createLoaders, options.roster);
  return {
    definition,
    store,
    schema,
    server,
    contextFor: (headers, viaGateway = false) => contextFor({ headers, viaGateway }),
    async execute(query, variables, headers = {}) {
      const response: GraphQLResponse = await server.executeOperation(
        { query, variables },
        { contextValue: await contextFor({ headers }) },
      );
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not used here');
      return response.body.singleResult as { data?: any; errors?: readonly GraphQLFormattedError[] };
    },
    async stop() {
      await server.stop();
      await store.close();
    },
  };
}

/**
 * Serves a built subgraph over HTTP: POST/GET /graphql, GET /healthz and GET /metrics.
 * Request bodies: 64 kB without an Authorization header, 20 MB with one (CREDIT_MAX_BODY_PUBLIC,
 * CREDIT_MAX_BODY, as at the gateway), except that the gateway's entity fetches for anonymous
 * callers may carry large `representations` (see jsonBodyLimits). An oversized or unreadable
 * body is answered with a GraphQL-shaped JSON error (PAYLOAD_TOO_LARGE, BAD_REQUEST).
 */
export async function listenSubgraph(built: BuiltSubgraph<any>, port: number, host = '127.0.0.1', options: { maxBody?: BodyLimits; worker?: BackgroundWorker } = {}): Promise<Listening> {
  const metrics = createSubgraphMetrics(built.definition.name);
  options.worker?.metrics?.(metrics.registry);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    // pid: a stack starting this process checks that the answer is its child's, not another process's on the same port.
    res.json({ status: 'ok', subgraph: built.definition.name, pid: process.pid, ...(options.worker ? { worker: options.worker.status() } : {}) });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  // ADMIN reads this store's audit log as at the gateway: GET /audit?after=<id>&limit=<n>.
  app.get('/audit', async (req, res) => {
    try {
      const caller = await callerFromAuthorization(headerValue(req.headers, 'authorization'));
      caller.require('ADMIN');
      res.json({ entries: await readAuditPage(built.store, auditPageParams(req.query as Record<string, unknown>)) });
    } catch (error) {
      const code = String((error as GraphQLError).extensions?.code ?? 'INTERNAL_SERVER_ERROR');
      const status = ({ UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400 } as Record<string, number>)[code] ?? 500;
      if (status === 500) console.error(JSON.stringify(withTraceId({ level: 'error', msg: 'audit read failed', error: String(error) })));
      res.status(status).json({ errors: [{ message: status === 500 ? '服务器内部错误 (internal server error)' : (error as Error).message, extensions: { code } }] });
    }
  });
  app.use(
    '/graphql',
    metrics.track,
    jsonBodyLimits(options.maxBody ?? bodyLimitsFromEnv(), { entityRepresentations: true }),
    requireGatewayOrDirectRole(),
    expressMiddleware(built.server, { context: ({ req }) => built.contextFor(req.headers as Record<string, string>, (req as any)[VIA_GATEWAY] === true) }),
  );
  const feed = built.definition.entities.length > 0 ? serveFeed(app, built.store, metrics.registry) : undefined;
  // Every route answers JSON, an unknown one included (never express's HTML page).
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: '没有这个地址 (no such route)', extensions: { code: 'NOT_FOUND' } }] });
  });
  app.use(jsonBodyErrors());
  const listening = await listenHttp(app, port, host);
  return { ...listening, close: () => (feed?.close(), listening.close()) };
}

/** What `subgraphs/<name>/main.ts` calls: build, listen on PORT (or the default), stop on signals. */
export async function runSubgraph(definition: SubgraphDefinition<any>, defaultPort: number): Promise<void> {
  const port = Number(process.env.PORT ?? defaultPort);
  // Warn about development secrets at start, not at the first request.
  config.jwtSecret();
  config.pseudonymSecret();
  config.dataKey();
  config.gatewaySecret();
  const built = await buildSubgraph(definition);
  // The feed keeps CREDIT_FEED_RETENTION_DAYS (30) of changes: pruned at start and hourly.
  const prune = () => (built.definition.entities.length > 0 ? pruneFeed(built.store) : Promise.resolve(0)).catch((error) => console.error(JSON.stringify({ level: 'error', msg: 'feed pruning failed', error: String(error) })));
  await prune();
  setInterval(prune, 3_600_000).unref();
  // With Redis, the outbox is relayed into the subgraph's stream, for readers in consumer groups.
  const redisUrl = config.redisUrl();
  const redis = redisUrl && built.definition.entities.length > 0 ? redisClient(redisUrl) : undefined;
  const relay = redis ? feedRelay(built.store, redis, definition.name) : undefined;
  relay?.start();
  const worker = definition.worker?.(built);
  const listening = await listenSubgraph(built, port, process.env.HOST ?? '127.0.0.1', { worker });
  console.log(JSON.stringify({ level: 'info', msg: 'subgraph listening', subgraph: definition.name, url: listening.url }));
  worker?.start();
  const shutdown = async () => {
    await worker?.stop();
    await relay?.stop();
    redis?.disconnect();
    await listening.close();
    await built.stop();
    await flushTracing();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
