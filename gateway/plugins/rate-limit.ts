import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../../subgraphs/kit/index.js';

export interface RateLimitSettings {
  /** Requests per minute for one anonymous IP address. */
  publicPerMinute: number;
  /** Requests per minute for one authenticated caller (token subject). */
  callerPerMinute: number;
}

export function rateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  return {
    publicPerMinute: Number(env.CREDIT_RATE_LIMIT_PUBLIC ?? 600),
    callerPerMinute: Number(env.CREDIT_RATE_LIMIT_CALLER ?? 6_000),
  };
}

/**
 * useRateLimit: one budget per anonymous IP and one per authenticated caller. In memory per
 * gateway process by default; pass limiters backed by Redis to share budgets across replicas.
 */
export function useRateLimit(settings: RateLimitSettings, limiters?: { public: RateLimiterAbstract; caller: RateLimiterAbstract }) {
  const publicLimiter = limiters?.public ?? new RateLimiterMemory({ keyPrefix: 'public', points: settings.publicPerMinute, duration: 60 });
  const callerLimiter = limiters?.caller ?? new RateLimiterMemory({ keyPrefix: 'caller', points: settings.callerPerMinute, duration: 60 });
  return async function checkRateLimit(caller: Caller, ip: string): Promise<void> {
    const [limiter, key] = caller.authenticated ? [callerLimiter, caller.id] : [publicLimiter, ip];
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.ceil(rejection.msBeforeNext / 1000);
      throw new GraphQLError(`请求过于频繁，请 ${seconds} 秒后再试 (too many requests: retry in ${seconds} s)`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) } },
      });
    }
  };
}
