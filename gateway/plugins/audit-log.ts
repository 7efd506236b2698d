import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphOrm } from '../../subgraphs/kit/index.js';
import { AuditEntry } from '../audit/audit-entry.js';
import { personalValuesReturned, redactVariables } from '../audit/personal-fields.js';
import type { GatewayContext } from '../context.js';

/**
 * useAuditLog: every write, and every read that returned personal data to a caller allowed
 * to see it unmasked, becomes an append-only audit entry: who, when, operation, query hash,
 * redacted variables, and which personal fields were returned.
 */
export function useAuditLog(store: SubgraphOrm, personalFields: () => Set<string>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, document, schema, source, request, response, errors }) {
          if (!operation || !document) return;
          const isWrite = operation.operation === 'mutation';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const personal = contextValue.caller.seesPersonalData
            ? personalValuesReturned(schema, document, operationName, body?.data, personalFields())
            : {};
          if (!isWrite && Object.keys(personal).length === 0) return;
          const codes = [...new Set((body?.errors ?? errors ?? []).map((e) => String((e as any).extensions?.code ?? 'ERROR')))];
          await store.orm.em.fork().insert(AuditEntry, {
            at: new Date().toISOString(),
            requestId: contextValue.requestId,
            callerId: contextValue.caller.id,
            roles: [...contextValue.caller.roles].join(','),
            operationType: operation.operation,
            operationName: operationName ?? null,
            queryHash: createHash('sha256').update(source ?? '').digest('hex'),
            variables: redactVariables(request.variables ?? {}),
            personalFields: personal,
            outcome: codes.length === 0 ? 'ok' : codes.join(','),
          });
        },
      };
    },
  };
}
