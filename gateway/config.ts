// The gateway's settings from the environment, read in this one place and checked at start: a
// value that cannot be read stops the gateway with the variable's name, never a silent default.
import { isIP } from 'node:net';
import { DEFAULT_ANONYMOUS_FILINGS_PER_HOUR, type RateLimitSettings } from './plugins/rate-limit.js';
import { responseCacheModeFromEnv, type ResponseCacheMode } from './plugins/response-cache.js';

/** What the HTTP layer needs: who may speak for a client's address, body limits, rate budgets. */
export interface HttpSettings {
  /**
   * Proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, or proxy-addr's names
   * `loopback`, `linklocal`, `uniquelocal`). Empty: the header is ignored and the budget key is
   * the TCP peer.
   */
  trustedProxies: string[];
  /** Body limits in bytes: callers without a verified token, and with one. */
  maxBody: { anonymous: number; authenticated: number };
  rateLimits: RateLimitSettings;
}

/** How long the gateway waits for a subgraph's answer (CREDIT_SUBGRAPH_TIMEOUT_MS): then SUBGRAPH_UNAVAILABLE, reason TIMEOUT. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 10_000;

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  trustedProxies: [],
  maxBody: { anonymous: 64 * 1024, authenticated: 20 * 1024 * 1024 },
  rateLimits: { publicPerMinute: 600, callerPerMinute: 6_000, anonymousFilingsPerHour: DEFAULT_ANONYMOUS_FILINGS_PER_HOUR },
};

type Env = NodeJS.ProcessEnv | Record<string, string | undefined>;

function invalid(name: string, value: string, expected: string): Error {
  return new Error(`${name}="${value}" is invalid: expected ${expected} (环境变量 ${name} 的值无效)`);
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** CREDIT_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1, fd00::/8" → ['10.0.0.0/8', '127.0.0.1', 'fd00::/8']. */
export function trustedProxiesFrom(value: string | undefined, name = 'CREDIT_TRUSTED_PROXIES'): string[] {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (PROXY_NAMES.has(entry)) continue;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw invalid(name, entry, 'a comma list of IP addresses or CIDR ranges (10.0.0.0/8, 127.0.0.1, fd00::/8)');
    }
  }
  return entries;
}

/** "64kb", "20mb", "1gb" or a number of bytes. */
export function bytesFrom(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  const bytes = match ? Math.floor(Number(match[1]) * { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b']) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw invalid(name, value, 'a size such as 64kb, 20mb or a number of bytes');
  return bytes;
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number <= 0) throw invalid(name, value, 'a positive integer');
  return number;
}

export function httpSettingsFromEnv(env: Env = process.env): HttpSettings {
  const defaults = DEFAULT_HTTP_SETTINGS;
  return {
    trustedProxies: trustedProxiesFrom(env.CREDIT_TRUSTED_PROXIES),
    maxBody: {
      anonymous: bytesFrom('CREDIT_MAX_BODY_PUBLIC', env.CREDIT_MAX_BODY_PUBLIC, defaults.maxBody.anonymous),
      authenticated: bytesFrom('CREDIT_MAX_BODY', env.CREDIT_MAX_BODY, defaults.maxBody.authenticated),
    },
    rateLimits: {
      publicPerMinute: positiveInteger('CREDIT_RATE_LIMIT_PUBLIC', env.CREDIT_RATE_LIMIT_PUBLIC, defaults.rateLimits.publicPerMinute),
      callerPerMinute: positiveInteger('CREDIT_RATE_LIMIT_CALLER', env.CREDIT_RATE_LIMIT_CALLER, defaults.rateLimits.callerPerMinute),
      anonymousFilingsPerHour: positiveInteger('CREDIT_RATE_LIMIT_FILINGS', env.CREDIT_RATE_LIMIT_FILINGS, defaults.rateLimits.anonymousFilingsPerHour!),
    },
  };
}

/** Subgraph URL overrides: CREDIT_SUBGRAPH_URL_<NAME>=http://… */
export function subgraphUrlsFromEnv(env: Env = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^CREDIT_SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(key);
    if (match && value) urls[match[1]!.toLowerCase().replace(/_/g, '-')] = value;
  }
  return urls;
}

/** CREDIT_CACHE_FOLLOW_FEEDS (on|off; default on when the response cache is) and CREDIT_CACHE_FOLLOW_INTERVAL_MS (250). */
export function cacheInvalidationFromEnv(env: Env = process.env): { followFeeds: boolean; intervalMs: number } {
  const value = env.CREDIT_CACHE_FOLLOW_FEEDS?.trim();
  if (value !== undefined && value !== '' && value !== 'on' && value !== 'off') throw invalid('CREDIT_CACHE_FOLLOW_FEEDS', value, 'on or off');
  const cacheOn = responseCacheModeFromEnv(env as NodeJS.ProcessEnv) !== 'off';
  return {
    followFeeds: cacheOn && value !== 'off',
    intervalMs: positiveInteger('CREDIT_CACHE_FOLLOW_INTERVAL_MS', env.CREDIT_CACHE_FOLLOW_INTERVAL_MS, 250),
  };
}

/** Everything gateway/main.ts starts from. */
export interface GatewayProcessConfig extends HttpSettings {
  port: number;
  host: string;
  workers: number;
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  safelistPath: string;
  enforceSafelist: boolean;
  redisUrl: string | undefined;
  redisPrefix: string | undefined;
  responseCache: ResponseCacheMode;
  /** The PUBLIC response cache follows the change feeds (CREDIT_CACHE_FOLLOW_FEEDS, on|off: on whenever the cache is), polling each every CREDIT_CACHE_FOLLOW_INTERVAL_MS (250). */
  cacheInvalidation: { followFeeds: boolean; intervalMs: number };
  subgraphHttp: { client: 'undici' | 'fetch'; connections: number };
  /** Operation usage: CREDIT_USAGE_STORE database (default) | redis | off, written every CREDIT_USAGE_FLUSH_MS (5,000). */
  usage: { store: 'database' | 'redis' | 'off'; flushMs: number };
}

export function gatewayConfigFromEnv(env: Env = process.env): GatewayProcessConfig {
  return {
    ...httpSettingsFromEnv(env),
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    workers: positiveInteger('CREDIT_GATEWAY_WORKERS', env.CREDIT_GATEWAY_WORKERS, 1),
    supergraphPath: env.CREDIT_SUPERGRAPH ?? 'schema/supergraph.graphql',
    subgraphUrls: subgraphUrlsFromEnv(env),
    subgraphTimeoutMs: positiveInteger('CREDIT_SUBGRAPH_TIMEOUT_MS', env.CREDIT_SUBGRAPH_TIMEOUT_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS),
    safelistPath: env.CREDIT_SAFELIST_FILE ?? 'gateway/safelist.json',
    enforceSafelist: (env.CREDIT_SAFELIST ?? (env.NODE_ENV === 'production' ? 'enforce' : 'off')) === 'enforce',
    redisUrl: env.CREDIT_REDIS_URL,
    redisPrefix: env.CREDIT_REDIS_PREFIX,
    responseCache: responseCacheModeFromEnv(env as NodeJS.ProcessEnv),
    cacheInvalidation: cacheInvalidationFromEnv(env),
    subgraphHttp: {
      client: env.CREDIT_SUBGRAPH_HTTP === 'fetch' ? 'fetch' : 'undici',
      connections: positiveInteger('CREDIT_SUBGRAPH_CONNECTIONS', env.CREDIT_SUBGRAPH_CONNECTIONS, 32),
    },
    usage: { store: usageStoreFrom(env.CREDIT_USAGE_STORE), flushMs: positiveInteger('CREDIT_USAGE_FLUSH_MS', env.CREDIT_USAGE_FLUSH_MS, 5_000) },
  };
}

function usageStoreFrom(value: string | undefined): 'database' | 'redis' | 'off' {
  if (value === undefined || value === '') return 'database';
  if (value === 'database' || value === 'redis' || value === 'off') return value;
  throw invalid('CREDIT_USAGE_STORE', value, 'database, redis or off');
}
