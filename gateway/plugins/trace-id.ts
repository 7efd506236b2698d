import type { ApolloServerPlugin } from '@apollo/server';
import { activeTraceId } from '../../platform/tracing.js';
import type { GatewayContext } from '../context.js';

/**
 * useTraceId: a caller with a token gets the request's trace id in `extensions.traceId`, to quote
 * when reporting a slow or failed query. Not PUBLIC callers: the id names internal work, and their
 * answers are shared through the response cache. Only added when tracing is on.
 */
export function useTraceId(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.caller?.authenticated || response.body.kind !== 'single') return;
          const traceId = activeTraceId();
          if (traceId) response.body.singleResult.extensions = { ...response.body.singleResult.extensions, traceId };
        },
      };
    },
  };
}
