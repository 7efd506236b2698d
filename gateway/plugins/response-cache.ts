import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GatewayContext } from '../context.js';
import type { TaggedResponseCache } from '../tagged-cache.js';
import { answerTags } from './cache-invalidation.js';

export type ResponseCacheMode = 'off' | 'memory' | 'redis';

/** CREDIT_RESPONSE_CACHE: off, memory (default) or redis (needs CREDIT_REDIS_URL). */
export function responseCacheModeFromEnv(env: NodeJS.ProcessEnv = process.env): ResponseCacheMode {
  const mode = env.CREDIT_RESPONSE_CACHE ?? (env.CREDIT_REDIS_URL ? 'redis' : 'memory');
  if (mode !== 'off' && mode !== 'memory' && mode !== 'redis') {
    throw new Error(`CREDIT_RESPONSE_CACHE must be off, memory or redis, not "${mode}"`);
  }
  return mode;
}

/** Bounded by size, so a flood of distinct queries evicts old answers instead of growing. */
export function memoryResponseCache(maxBytes = 64 * 1024 * 1024): KeyValueCache<string> {
  return new InMemoryLRUCache<string>({ maxSize: maxBytes, sizeCalculation: (value) => value.length || 1 });
}

/**
 * Whole-response cache for anonymous (PUBLIC) callers: the portal's traffic, identical for
 * every visitor because personal data reaches PUBLIC only masked. An answer is kept only as
 * long as every subgraph that contributed to it allows (their Cache-Control, which Apollo
 * Gateway folds into the response's cache policy); a subgraph that sends no hint makes the
 * answer uncacheable. Callers with a token never read or write it: their answers may hold
 * personal data and every read of it is audited.
 */
export function useResponseCache(cache: KeyValueCache<string> | TaggedResponseCache): ApolloServerPlugin<GatewayContext> {
  const anonymous = async ({ contextValue }: { contextValue: GatewayContext }) => !contextValue.caller.authenticated;
  const tagged = 'purge' in cache ? cache : undefined;
  // With a tagged cache (the cache follows the change feeds, gateway/plugins/cache-invalidation.ts):
  // when an answer is about to be stored, its key (Apollo's own: sha256 of the key data) is
  // announced to the cache with the answer's tags and when its request started.
  const startedAt = new WeakMap<object, number>();
  const plugin = responseCachePlugin<GatewayContext>({
    cache,
    sessionId: async () => null,
    shouldReadFromCache: anonymous,
    shouldWriteToCache: anonymous,
    generateCacheKey: tagged
      ? (requestContext, keyData) => {
          const hash = createHash('sha256').update(JSON.stringify(keyData)).digest('hex');
          const body = requestContext.response?.body;
          if (body?.kind === 'single') {
            const tags = answerTags({ data: body.singleResult.data, document: requestContext.document, operation: requestContext.operation, variables: requestContext.request.variables });
            tagged.expect(hash, { tags, startedAt: startedAt.get(requestContext.request) ?? 0 });
          }
          return hash;
        }
      : undefined,
  });
  if (!tagged) return plugin;
  return {
    async requestDidStart(requestContext) {
      startedAt.set(requestContext.request, Date.now());
      return plugin.requestDidStart!(requestContext);
    },
  };
}
