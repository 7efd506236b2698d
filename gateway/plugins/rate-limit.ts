import { isIP } from 'node:net';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Caller } from '../../platform/index.js';
import type { GatewayContext } from '../context.js';

export interface RateLimitSettings {
  /** Requests per minute for one anonymous IP address (an IPv6 /64). */
  publicPerMinute: number;
  /** Requests per minute for one authenticated caller (token subject). */
  callerPerMinute: number;
  /** Complaints one anonymous address may file per hour, both ledgers together (default 10). */
  anonymousFilingsPerHour?: number;
}

/** The default of `anonymousFilingsPerHour`. */
export const DEFAULT_ANONYMOUS_FILINGS_PER_HOUR = 10;

/** The root mutations anyone may call to write a record: complaints, in both ledgers (应接必接). */
export const ANONYMOUS_FILINGS: ReadonlySet<string> = new Set(['fileCommitmentComplaint', 'fileContractComplaint']);

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

/** How many of the operation's root fields are anonymous filings (fragments at the root included). */
function filingsIn(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) count += ANONYMOUS_FILINGS.has(selection.name.value) ? 1 : 0;
    else if (selection.kind === Kind.INLINE_FRAGMENT) count += filingsIn(selection.selectionSet, document, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment) count += filingsIn(fragment.selectionSet, document, seen);
    }
  }
  return count;
}

/**
 * useFilingLimit: anyone may file a complaint without an account (seed 002 §三(二), 应接必接), so
 * the ledgers are open to flooding from one address. An anonymous address may file this many
 * complaints an hour (each filing in one operation counts); authenticated systems are not limited
 * here. Per process by default; pass a Redis-backed limiter to share the budget across replicas.
 */
export function useFilingLimit(perHour: number = DEFAULT_ANONYMOUS_FILINGS_PER_HOUR, limiter?: RateLimiterAbstract): ApolloServerPlugin<GatewayContext> {
  const budget = limiter ?? new RateLimiterMemory({ keyPrefix: 'filing', points: perHour, duration: 3600 });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (contextValue.caller.authenticated || operation?.operation !== 'mutation') return;
          const filings = filingsIn(operation.selectionSet, document);
          if (filings === 0) return;
          try {
            await budget.consume(rateLimitKey(contextValue.ip), filings);
          } catch (rejection) {
            if (!(rejection instanceof RateLimiterRes)) throw rejection;
            const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
            throw new GraphQLError(`匿名投诉过于频繁，请 ${seconds} 秒后再试 (too many anonymous complaints from this address: retry in ${seconds} s)`, {
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds, http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) } },
            });
          }
        },
      };
    },
  };
}
