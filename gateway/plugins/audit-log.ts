import type { ApolloServerPlugin } from '@apollo/server';
import { useAuditLog as usePlatformAuditLog, type SubgraphOrm } from '../../platform/index.js';
import type { GatewayContext } from '../context.js';

/**
 * useAuditLog at the gateway: every write it passes on, and every read that returned personal
 * data (fields tagged personal in the supergraph) to a caller allowed to see it unmasked.
 */
export function useAuditLog(store: SubgraphOrm, personalFields: () => Set<string>): ApolloServerPlugin<GatewayContext> {
  return usePlatformAuditLog<GatewayContext>({ store, personalFields, auditWrites: () => true });
}
