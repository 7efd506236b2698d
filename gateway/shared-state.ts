import { ErrorsAreMissesCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DEFAULT_ANONYMOUS_FILINGS_PER_HOUR, type RateLimitSettings } from './plugins/rate-limit.js';

/** Apollo's cache interface over Redis strings, with each entry's TTL set in Redis itself. */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + key)) ?? undefined;
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    if (options?.ttl) await this.redis.set(this.prefix + key, value, 'EX', Math.ceil(options.ttl));
    else await this.redis.set(this.prefix + key, value);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(this.prefix + key)) > 0;
  }
}

/** What gateway replicas share when CREDIT_REDIS_URL is set: persisted queries, answers for PUBLIC callers, rate-limit budgets. */
export interface SharedState {
  /** The Redis client itself (the tagged response cache, gateway/tagged-cache.ts), with the keys' prefix. */
  redis?: { client: Redis; prefix: string };
  persistedQueries?: KeyValueCache<string>;
  responses?: KeyValueCache<string>;
  rateLimiters?: { public: RateLimiterAbstract; caller: RateLimiterAbstract; filing: RateLimiterAbstract };
  close(): Promise<void>;
}

/**
 * In memory per process by default. With a Redis URL, replicas behind one load balancer share
 * the APQ registry (a query registered on one replica runs by hash on any other), the response
 * cache for PUBLIC callers and the rate budgets. A Redis outage degrades to cache misses and per-process limits, never to errors.
 */
export function sharedState(redisUrl: string | undefined, prefix: string, limits: RateLimitSettings): SharedState {
  if (!redisUrl) return { close: async () => {} };
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  redis.on('error', () => {}); // reported through cache misses and the insurance limiter
  const limiter = (name: string, points: number, duration = 60) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}rl:${name}`,
      points,
      duration,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${name}-insurance`, points, duration }),
    });
  return {
    redis: { client: redis, prefix },
    persistedQueries: new ErrorsAreMissesCache(new RedisKeyValueCache(redis, `${prefix}apq:`)),
    responses: new ErrorsAreMissesCache(new RedisKeyValueCache(redis, `${prefix}responses:`)),
    rateLimiters: {
      public: limiter('public', limits.publicPerMinute),
      caller: limiter('caller', limits.callerPerMinute),
      filing: limiter('filing', limits.anonymousFilingsPerHour ?? DEFAULT_ANONYMOUS_FILINGS_PER_HOUR, 3600),
    },
    close: async () => {
      redis.disconnect();
    },
  };
}
