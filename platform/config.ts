/**
 * Deployment settings, all from the environment with working defaults for one machine.
 * Secrets have development defaults so a fresh clone starts; each default prints a loud
 * warning once, and production refuses to start with them.
 */

const warned = new Set<string>();

function secret(name: string, developmentDefault: string): string {
  const value = process.env[name];
  if (value && value.length > 0) return value;
  if (process.env.NODE_ENV === 'production') {
    throw new Error(`${name} must be set in production (生产环境必须设置 ${name})`);
  }
  if (!warned.has(name) && process.env.NODE_ENV !== 'test' && !process.env.VITEST) {
    warned.add(name);
    console.warn(`⚠️  ${name} is not set: using the development default. Never deploy like this. (未设置 ${name}，正在使用开发默认值)`);
  }
  return developmentDefault;
}

/** Seconds from "3600", "90s", "30m", "24h" or "7d"; anything else names the variable. */
export function durationSeconds(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const match = /^(\d+)\s*(s|m|h|d)?$/i.exec(value.trim());
  const seconds = match ? Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new Error(`${name} must be a duration such as 3600, 30m, 24h or 7d, not "${value}" (${name} 应为时长，例如 24h)`);
  }
  return seconds;
}

const optional = (name: string) => {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
};

export const DEVELOPMENT_JWT_SECRET = 'credit-federation-development-secret-do-not-deploy';

export const config = {
  jwtSecret: () => secret('CREDIT_JWT_SECRET', DEVELOPMENT_JWT_SECRET),
  /** When set, tokens must carry exactly this `iss` (signToken sets it). */
  jwtIssuer: () => optional('CREDIT_JWT_ISSUER'),
  /** When set, a token's `aud` must name it (signToken sets it). */
  jwtAudience: () => optional('CREDIT_JWT_AUDIENCE'),
  /** The longest lifetime (exp − iat) a token may have; default 24 h. */
  jwtMaxLifetimeSeconds: () => durationSeconds('CREDIT_JWT_MAX_LIFETIME', process.env.CREDIT_JWT_MAX_LIFETIME, 24 * 3600),
  pseudonymSecret: () => secret('CREDIT_PSEUDONYM_SECRET', 'credit-federation-development-pseudonym-key'),
  /** HMAC key the gateway signs subgraph requests with (Hive Gateway's upstream signature). */
  gatewaySecret: () => secret('CREDIT_GATEWAY_SECRET', 'credit-federation-development-gateway-key'),
  /**
   * Roles whose tokens may call a subgraph directly, without the gateway's signature: the
   * contributing systems' import CLIs. Everyone else must come through the gateway.
   */
  directRoles: () => (process.env.CREDIT_DIRECT_ROLES ?? 'COURT,FINANCE,TRAINING,ADMIN').split(',').map((r) => r.trim()).filter(Boolean),
  /** Where subgraphs reach the supergraph (the registry's roster of officials, for one). */
  gatewayUrl: () => process.env.CREDIT_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql',
  /** Key for personal data at rest (ID numbers, phones). */
  dataKey: () => secret('CREDIT_DATA_KEY', 'credit-federation-development-data-key'),
  dataDir: () => process.env.CREDIT_DATA_DIR ?? 'data',
  /** Redis (CREDIT_REDIS_URL): when set, change feeds are relayed into Redis Streams and read through consumer groups. */
  redisUrl: () => optional('CREDIT_REDIS_URL'),
  /** sqlite (default) or postgresql. */
  dbDriver: () => (process.env.CREDIT_DB_DRIVER ?? 'sqlite') as 'sqlite' | 'postgresql',
  /** For postgresql: a connection URL; each subgraph uses its own schema in it. */
  databaseUrl: () => process.env.CREDIT_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
};
