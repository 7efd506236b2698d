import { isIP } from 'node:net';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../../platform/index.js';

export interface RateLimitSettings {
  /** Requests per minute for one anonymous IP address (an IPv6 /64). */
  publicPerMinute: number;
  /** Requests per minute for one authenticated caller (token subject). */
  callerPerMinute: number;
}

/**
 * The budget an address draws on: an IPv4 address as it is (IPv4-mapped IPv6 too), an IPv6
 * address by its /64, which one client usually holds whole and could otherwise rotate through.
 */
export function rateLimitKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (parseInt(g, 16) || 0).toString(16))
    .join(':')}::/64`;
}

/**
 * useRateLimit: one budget per anonymous IP and one per authenticated caller. In memory per
 * gateway process by default; pass limiters backed by Redis to share budgets across replicas.
 * The HTTP layer calls it for every request before its body is read, so requests that are then
 * refused (bad token 401, bad body 400, too large 413) spend the budget too: a request whose
 * token does not verify draws on its IP's budget.
 */
export function useRateLimit(settings: RateLimitSettings, limiters?: { public: RateLimiterAbstract; caller: RateLimiterAbstract }) {
  const publicLimiter = limiters?.public ?? new RateLimiterMemory({ keyPrefix: 'public', points: settings.publicPerMinute, duration: 60 });
  const callerLimiter = limiters?.caller ?? new RateLimiterMemory({ keyPrefix: 'caller', points: settings.callerPerMinute, duration: 60 });
  return async function checkRateLimit(caller: Caller, ip: string): Promise<void> {
    const [limiter, key] = caller.authenticated ? [callerLimiter, caller.id] : [publicLimiter, rateLimitKey(ip)];
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // Whole seconds until the window ends, never 0: a client that waits that long gets through.
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new GraphQLError(`请求过于频繁，请 ${seconds} 秒后再试 (too many requests: retry in ${seconds} s)`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) } },
      });
    }
  };
}

export type RateLimitCheck = ReturnType<typeof useRateLimit>;
