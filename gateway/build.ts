import { ApolloGateway } from '@apollo/gateway';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { callerFromAuthorization, formatSubgraphError, listenHttp, type Listening, type SubgraphOrm } from '../subgraphs/kit/index.js';
import { AuditEntry } from './audit/audit-entry.js';
import { personalFieldsOf } from './audit/personal-fields.js';
import { openAuditStore } from './audit/store.js';
import { createGatewayContext, type GatewayContext } from './context.js';
import { ForwardingDataSource } from './datasource.js';
import { explorerRouter } from './explorer.js';
import { createMetrics, type GatewayMetrics } from './metrics.js';
import { useAuditLog } from './plugins/audit-log.js';
import { DEFAULT_LIMITS, formatLimitError, useLimits, type LimitSettings } from './plugins/limits.js';
import { useObservability } from './plugins/observability.js';
import { rateLimitsFromEnv, useRateLimit, type RateLimitSettings } from './plugins/rate-limit.js';
import { memoryResponseCache, useResponseCache, type ResponseCacheMode } from './plugins/response-cache.js';
import { useSafelist, type SafelistManifest } from './plugins/safelist.js';
import { sharedState, type SharedState } from './shared-state.js';
import { subgraphFetcher } from './subgraph-http.js';
import { supergraphFromFile, type SupergraphSource } from './supergraph.js';

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
  /** Redis shared by gateway replicas (APQ registry, rate budgets); in memory when absent. */
  redisUrl?: string;
  redisPrefix?: string;
  /** How to reach subgraphs: undici with bounded keep-alive pools (default) or the global fetch. */
  subgraphHttp?: { client: 'undici' | 'fetch'; connections: number };
  /** Whole-response cache for PUBLIC callers, honouring subgraphs' Cache-Control (default memory; redis shares it between replicas). */
  responseCache?: ResponseCacheMode;
  /** Request bodies: anonymous callers are small, contributing systems import in batches. */
  maxBody?: { anonymous: string; authenticated: string };
  log?: (line: object) => void;
}

export interface BuiltGateway {
  app: Express;
  server: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  supergraph: SupergraphSource;
  metrics: GatewayMetrics;
  audit: SubgraphOrm;
  stop(): Promise<void>;
}

/** Subgraph URL overrides from the environment: CREDIT_SUBGRAPH_URL_<NAME>=http://… */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^CREDIT_SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(key);
    if (match && value) urls[match[1]!.toLowerCase().replace(/_/g, '-')] = value;
  }
  return urls;
}

function formatGatewayError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return formatLimitError(formatted) ?? formatSubgraphError(formatted, error);
}

const jsonLog = (line: object) => console.log(JSON.stringify(line));

/**
 * Builds the gateway without listening (tests build it in-process): Apollo Gateway over the
 * supergraph, guarded by small plugins (limits, rate limits, safelist, audit log,
 * observability), and the express app that serves /graphql, /explorer, /healthz, /readyz,
 * /metrics and /audit.
 */
export async function buildGateway(options: GatewayOptions): Promise<BuiltGateway> {
  const log = options.log ?? jsonLog;
  const metrics = createMetrics();
  let personalFields = new Set<string>();
  const supergraph = supergraphFromFile(options.supergraphPath, log, (sdl) => {
    personalFields = personalFieldsOf(sdl);
  });
  personalFields = personalFieldsOf(supergraph.current());

  const overrides = options.subgraphUrls ?? {};
  const timeoutMs = options.subgraphTimeoutMs ?? 10_000;
  const http = options.subgraphHttp ?? { client: 'undici', connections: 32 };
  const pool = http.client === 'undici' ? subgraphFetcher({ connections: http.connections, timeoutMs }) : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) =>
      new ForwardingDataSource({ name, url: overrides[name] ?? url!, timeoutMs, fetchDuration: metrics.subgraphFetch, fetcher: pool?.fetcher }),
  });

  const audit = await openAuditStore(options.auditDbName);
  const limits = useLimits(options.limits ?? DEFAULT_LIMITS);
  const rateLimits = options.rateLimits ?? rateLimitsFromEnv();
  const shared = sharedState(options.redisUrl, options.redisPrefix ?? 'credit:', rateLimits);
  const checkRateLimit = useRateLimit(rateLimits, shared.rateLimiters);
  const responseCache = responseCacheStore(options.responseCache ?? 'memory', shared);
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
      useObservability(metrics, log),
      useAuditLog(audit, () => personalFields),
      ...(options.safelist ? [useSafelist(options.safelist.manifest, options.safelist.enforce)] : []),
      ...(responseCache ? [useResponseCache(responseCache)] : []),
    ] as any,
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await gateway.serviceHealthCheck();
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'not ready', reason: String((error as Error).message).slice(0, 500) });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
  app.get('/audit', async (req, res) => {
    try {
      const caller = await callerFromAuthorization(req.headers.authorization);
      caller.require('ADMIN');
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      res.status(code === 'FORBIDDEN' ? 403 : 401).json({ errors: [{ message: (error as Error).message, extensions: { code } }] });
      return;
    }
    const after = Number(req.query.after ?? 0);
    const limit = Math.min(Number(req.query.limit ?? 100), 500);
    const entries = await audit.orm.em.fork().find(AuditEntry, { id: { $gt: after } }, { orderBy: { id: 'asc' }, limit });
    res.json({ entries });
  });
  app.use('/explorer', explorerRouter());

  const maxBody = options.maxBody ?? { anonymous: process.env.CREDIT_MAX_BODY_PUBLIC ?? '64kb', authenticated: process.env.CREDIT_MAX_BODY ?? '20mb' };
  const anonymousJson = express.json({ limit: maxBody.anonymous });
  const authenticatedJson = express.json({ limit: maxBody.authenticated });
  app.use(
    '/graphql',
    (req: Request, res: Response, next: NextFunction) => (req.headers.authorization ? authenticatedJson : anonymousJson)(req, res, next),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const context = await createGatewayContext(req.headers, req.ip ?? 'unknown');
        await checkRateLimit(context.caller, context.ip);
        return context;
      },
    }),
  );
  // Body-parser failures (too large, not JSON) as GraphQL-shaped errors with a code.
  app.use((error: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (!error?.status) return next(error);
    const tooLarge = error.type === 'entity.too.large';
    res.status(error.status).json({
      errors: [{
        message: tooLarge ? '请求体过大 (the request body is too large)' : '请求体不是有效的 JSON (the request body is not valid JSON)',
        extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' },
      }],
    });
  });

  return {
    app,
    server,
    gateway,
    supergraph,
    metrics,
    audit,
    stop: async () => {
      await server.stop();
      await audit.close();
      await shared.close();
      await pool?.close();
    },
  };
}

function responseCacheStore(mode: ResponseCacheMode, shared: SharedState): KeyValueCache<string> | undefined {
  if (mode === 'off') return undefined;
  if (mode === 'memory') return memoryResponseCache();
  if (!shared.responses) throw new Error('CREDIT_RESPONSE_CACHE=redis needs CREDIT_REDIS_URL');
  return shared.responses;
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
