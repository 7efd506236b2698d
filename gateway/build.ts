import { resolve } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type Express } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { formatSubgraphError, listenHttp, personalFieldsOf, untraced, type Listening, type SubgraphOrm } from '../platform/index.js';
import { openAuditStore } from './audit/store.js';
import { bytesFrom, DEFAULT_SUBGRAPH_TIMEOUT_MS, httpSettingsFromEnv, trustedProxiesFrom } from './config.js';
import type { GatewayContext } from './context.js';
import { ForwardingDataSource } from './datasource.js';
import { dashboardRouter } from './dashboard.js';
import { explorerRouter } from './explorer.js';
import { httpErrorHandlers } from './http-errors.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { useInputHygiene } from '../platform/input-hygiene.js';
import { useAuditLog } from './plugins/audit-log.js';
import { DEFAULT_LIMITS, formatLimitError, useLimits, type LimitSettings } from './plugins/limits.js';
import { useObservability } from './plugins/observability.js';
import { useOperationUsage } from './plugins/operation-usage.js';
import { openDatabaseUsageStore, redisUsageStore, type OperationUsageStore } from './usage/store.js';
import { usageHandlers } from './routes/usage.js';
import { useFilingLimit, useRateLimit, type RateLimitSettings } from './plugins/rate-limit.js';
import { useCacheInvalidation, type CacheInvalidationOptions } from './plugins/cache-invalidation.js';
import { memoryResponseCache, useResponseCache, type ResponseCacheMode } from './plugins/response-cache.js';
import { useSafelist, type SafelistManifest } from './plugins/safelist.js';
import { sharedState, type SharedState } from './shared-state.js';
import { MemoryTaggedCache, RedisTaggedCache, type TaggedResponseCache } from './tagged-cache.js';
import { feedSourcesFromSupergraph } from '../platform/change-feed/consume.js';
import { subgraphFetcher } from './subgraph-http.js';
import { supergraphFromFile, type SupergraphSource } from './supergraph.js';
import { auditHandlers } from './routes/audit.js';
import { explorerExportHandlers, explorerTableHandlers } from './routes/explorer-export.js';
import { graphqlHandlers } from './routes/graphql.js';
import { callerGuard } from './routes/guard.js';
import { tracingStarted, withTraceId } from '../platform/tracing.js';
import { useOperationSpans } from '../platform/operation-spans.js';
import { useTraceId } from './plugins/trace-id.js';

export { subgraphUrlsFromEnv } from './config.js';

export interface GatewayOptions {
  /** The composed supergraph file, watched and hot-reloaded (schema/supergraph.graphql). */
  supergraphPath: string;
  /** Subgraph URLs by name, overriding the routing URLs baked into the supergraph. */
  subgraphUrls?: Record<string, string>;
  subgraphTimeoutMs?: number;
  limits?: LimitSettings;
  rateLimits?: RateLimitSettings;
  /** The portal's operations; enforced for anonymous callers when `enforce` (production). */
  safelist?: { manifest: SafelistManifest; enforce: boolean };
  /** Audit store database (default data/audit.sqlite or schema "audit"); ':memory:' in tests. */
  auditDbName?: string;
  /**
   * Operation usage (gateway/plugins/operation-usage.ts), what `npm run schema:check` validates
   * against: 'database' (default; data/usage.sqlite, or schema "usage" on PostgreSQL, in memory
   * when the audit store is), 'redis' (needs redisUrl) or 'off'. Counts are written every flushMs (5,000).
   */
  usage?: { store: UsageStoreMode; dbName?: string; flushMs?: number };
  /** Redis shared by gateway replicas (APQ registry, rate budgets); in memory when absent. */
  redisUrl?: string;
  redisPrefix?: string;
  /** How to reach subgraphs: undici with bounded keep-alive pools (default) or the global fetch. */
  subgraphHttp?: { client: 'undici' | 'fetch'; connections: number };
  /** Whole-response cache for PUBLIC callers, honouring subgraphs' Cache-Control (default memory; redis shares it between replicas). */
  responseCache?: ResponseCacheMode;
  /**
   * The PUBLIC response cache follows the subgraphs' change feeds and purges the answers a change
   * touches (gateway/plugins/cache-invalidation.ts). Off unless `followFeeds` is given (gateway/main.ts
   * turns it on with the cache: CREDIT_CACHE_FOLLOW_FEEDS); the feeds default to every subgraph of
   * the supergraph at its routing URL (subgraphUrls applied), polled every 250 ms.
   */
  cacheInvalidation?: { followFeeds: boolean } & Partial<Pick<CacheInvalidationOptions, 'sources' | 'client' | 'intervalMs' | 'pageSize' | 'startWaitMs'>>;
  /** Request bodies ("64kb" or bytes): callers without a verified token are small, contributing systems import in batches. */
  maxBody?: { anonymous: string | number; authenticated: string | number };
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDR ranges); none by default. */
  trustedProxies?: string[];
  log?: (line: object) => void;
}

export interface BuiltGateway {
  app: Express;
  server: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  supergraph: SupergraphSource;
  metrics: GatewayMetrics;
  audit: SubgraphOrm;
  /** Operation usage, when recorded; `flush()` writes what is counted so far. */
  usage: { store: OperationUsageStore; flush(): Promise<void> } | undefined;
  stop(): Promise<void>;
}

function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return formatLimitError(formatted) ?? formatSubgraphError(formatted, error);
}

// Lines written while a request is traced carry its trace id.
const jsonLog = (line: object) => console.log(JSON.stringify(withTraceId(line)));

/**
 * Builds the gateway without listening (tests build it in-process): Apollo Gateway over the
 * supergraph, guarded by small plugins (limits, rate limits, safelist, audit log,
 * observability), and the express app that serves /graphql, /explorer, /dashboard, /healthz, /readyz,
 * /metrics and /audit (routes in gateway/routes/, errors as JSON in gateway/http-errors.ts).
 */
export async function buildGateway(options: GatewayOptions): Promise<BuiltGateway> {
  const log = options.log ?? jsonLog;
  // HTTP settings first, so that a bad one stops the build before anything is started. Options
  // win; what they leave out comes from the environment (gateway/config.ts).
  const fromEnv = httpSettingsFromEnv();
  // X-Forwarded-For is believed only from the proxies named (CREDIT_TRUSTED_PROXIES); by default
  // from none, so a client cannot pick the address its rate budget is kept under.
  const trustedProxies = options.trustedProxies ? trustedProxiesFrom(options.trustedProxies.join(','), 'trustedProxies') : fromEnv.trustedProxies;
  const maxBody = {
    anonymous: bytesFrom('maxBody.anonymous', options.maxBody ? String(options.maxBody.anonymous) : undefined, fromEnv.maxBody.anonymous),
    authenticated: bytesFrom('maxBody.authenticated', options.maxBody ? String(options.maxBody.authenticated) : undefined, fromEnv.maxBody.authenticated),
  };
  const metrics = createMetrics();
  let personalFields = new Set<string>();
  const supergraph = supergraphFromFile(options.supergraphPath, log, (sdl) => {
    personalFields = personalFieldsOf(sdl);
  });
  personalFields = personalFieldsOf(supergraph.current());

  const overrides = options.subgraphUrls ?? {};
  const timeoutMs = options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const http = options.subgraphHttp ?? { client: 'undici', connections: 32 };
  const pool = http.client === 'undici' ? subgraphFetcher({ connections: http.connections, timeoutMs }) : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) =>
      new ForwardingDataSource({ name, url: overrides[name] ?? url!, timeoutMs, fetchDuration: metrics.subgraphFetch, fetcher: pool?.fetcher }),
  });

  const audit = await openAuditStore(options.auditDbName);
  const limits = useLimits(options.limits ?? DEFAULT_LIMITS);
  const rateLimits = options.rateLimits ?? fromEnv.rateLimits;
  const shared = sharedState(options.redisUrl, options.redisPrefix ?? 'credit:', rateLimits);
  const checkRateLimit = useRateLimit(rateLimits, shared.rateLimiters);
  const following = options.cacheInvalidation?.followFeeds === true;
  const usageStore = await openUsageStore(options, shared);
  const usage = usageStore ? useOperationUsage({ store: usageStore, flushMs: options.usage?.flushMs, dropped: metrics.usageDropped, log }) : undefined;
  const responseCache = responseCacheStore(options.responseCache ?? 'memory', shared, following);
  const invalidation =
    responseCache && following
      ? useCacheInvalidation({
          ...options.cacheInvalidation,
          cache: responseCache as TaggedResponseCache,
          sources: options.cacheInvalidation?.sources ?? feedSourcesOf(options.supergraphPath, overrides),
          metrics,
          log,
        })
      : undefined;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    persistedQueries: shared.persistedQueries ? { cache: shared.persistedQueries, ttl: 7 * 24 * 3600 } : undefined,
    formatError: formatGatewayError,
    plugins: [
      ...limits.plugins,
      useInputHygiene(),
      useObservability(metrics, log),
      ...(tracingStarted() ? [useTraceId(), useOperationSpans()] : []),
      useAuditLog(audit, () => personalFields),
      ...(usage ? [usage] : []),
      ...(options.safelist ? [useSafelist(options.safelist.manifest, options.safelist.enforce)] : []),
      useFilingLimit(rateLimits.anonymousFilingsPerHour, shared.rateLimiters?.filing),
      ...(responseCache ? [useResponseCache(responseCache)] : []),
      ...(invalidation ? [invalidation] : []),
      // GET /graphql from a browser is not Apollo's landing page (HTML from Apollo's CDN): the
      // auditors' explorer is /explorer, served from this machine.
      ApolloServerPluginLandingPageDisabled(),
    ] as any,
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the trusted proxies; with none, it is ignored.
  app.set('trust proxy', trustedProxies.length > 0 ? trustedProxies : false);
  app.use((_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', pid: process.pid });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      // A probe, not a request: the subgraphs it asks start no trace.
      await untraced(() => gateway.serviceHealthCheck());
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'not ready', reason: String((error as Error).message).slice(0, 500) });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  // Token and rate budget first, on the headers alone; then the body, sized for that caller.
  const guard = callerGuard(checkRateLimit);
  // The explorer's export runs the caller's query through this same server (limits, roles,
  // masking, audit) and records the export; its table view only reshapes a result it was sent.
  const explorerRoutes = { server, gateway, audit, personalFields: () => personalFields, maxBody, parseOptions: limits.parseOptions };
  app.post('/explorer/export', guard, ...explorerExportHandlers(explorerRoutes));
  app.post('/explorer/table', guard, ...explorerTableHandlers(explorerRoutes));
  app.use('/explorer', explorerRouter());
  app.use('/dashboard', dashboardRouter());

  app.get('/audit', guard, ...auditHandlers(audit));
  app.get('/usage', guard, ...usageHandlers(usageStore, () => usage?.flush() ?? Promise.resolve()));
  app.all('/graphql', guard, ...graphqlHandlers(server, maxBody));

  // Everything else, and every error of any route, as JSON.
  const { notFound, errorHandler } = httpErrorHandlers({ log, countError: (code) => metrics.errors.inc({ code }) });
  app.use(notFound);
  app.use(errorHandler);

  return {
    app,
    server,
    gateway,
    supergraph,
    metrics,
    audit,
    usage: usageStore && usage ? { store: usageStore, flush: usage.flush } : undefined,
    stop: async () => {
      await server.stop();
      await usage?.stop();
      await usageStore?.close();
      await audit.close();
      await shared.close();
      await pool?.close();
    },
  };
}

export type UsageStoreMode = 'database' | 'redis' | 'off';

/** The operation usage store: beside the audit store by default (in memory when it is), or in the replicas' Redis. */
async function openUsageStore(options: GatewayOptions, shared: SharedState): Promise<OperationUsageStore | undefined> {
  const mode = options.usage?.store ?? 'database';
  if (mode === 'off') return undefined;
  if (mode === 'redis') {
    if (!shared.redis) throw new Error('CREDIT_USAGE_STORE=redis needs CREDIT_REDIS_URL');
    return redisUsageStore(shared.redis.client, shared.redis.prefix);
  }
  return openDatabaseUsageStore(options.usage?.dbName ?? (options.auditDbName === ':memory:' ? ':memory:' : undefined));
}

/** The PUBLIC response cache; tagged when it follows the change feeds. */
function responseCacheStore(mode: ResponseCacheMode, shared: SharedState, tagged: boolean): KeyValueCache<string> | TaggedResponseCache | undefined {
  if (mode === 'off') return undefined;
  if (mode === 'memory') return tagged ? new MemoryTaggedCache() : memoryResponseCache();
  if (!shared.responses || !shared.redis) throw new Error('CREDIT_RESPONSE_CACHE=redis needs CREDIT_REDIS_URL');
  return tagged ? new RedisTaggedCache(shared.redis.client, shared.redis.prefix) : shared.responses;
}

/** Every subgraph's feed, at the URL the gateway routes to (overrides by name, as CREDIT_SUBGRAPH_URL_<NAME>). */
function feedSourcesOf(supergraphPath: string, overrides: Record<string, string>) {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, url] of Object.entries(overrides)) env[`CREDIT_SUBGRAPH_URL_${name.toUpperCase().replace(/-/g, '_')}`] = url;
  return feedSourcesFromSupergraph('', env, resolve(supergraphPath));
}

/** Serves the gateway; closing it also stops Apollo Server and closes the audit store. */
export async function listenGateway(built: BuiltGateway, port: number, host = '127.0.0.1'): Promise<Listening> {
  const listening = await listenHttp(built.app, port, host);
  return {
    ...listening,
    close: async () => {
      await listening.close();
      await built.stop();
    },
  };
}
