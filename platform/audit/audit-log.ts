import type { ApolloServerPlugin } from '@apollo/server';
import type { Caller } from '../auth.js';
import type { SubgraphOrm } from '../orm.js';
import { AuditEntry } from './audit-entry.js';
import { blankedOperation } from './operation-hash.js';
import { personalValuesReturned, printable, redactVariables } from './personal-fields.js';

export interface AuditLogOptions<Context> {
  /** Where entries go: the gateway's audit store, or a subgraph's own store. */
  store: SubgraphOrm;
  /** "Type.field" of the fields tagged @tag(name: "personal") in the schema being served. */
  personalFields: () => ReadonlySet<string>;
  /** Whether this request's writes are audited here (the gateway audits every write it passes on). */
  auditWrites: (context: Context) => boolean;
}

/**
 * useAuditLog: every read that returned personal data to a caller allowed to see it unmasked,
 * and every audited write, becomes an append-only entry: who, when, operation, query hash,
 * redacted variables, and which personal fields were returned, counted. The gateway and every
 * subgraph run it, each into its own store, so personal data that leaves a subgraph is audited
 * there whether the request came through the gateway or not.
 */
export function useAuditLog<Context extends { caller: Caller; requestId: string }>(options: AuditLogOptions<Context>): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, operationName, document, schema, request, response, errors }) {
          if (!operation || !document) return;
          const isWrite = operation.operation === 'mutation';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const personal = contextValue.caller.auditedForPersonalReads
            ? personalValuesReturned(schema, document, operationName, body?.data, options.personalFields() as Set<string>)
            : {};
          if (!(isWrite && options.auditWrites(contextValue)) && Object.keys(personal).length === 0) return;
          const codes = [...new Set((body?.errors ?? errors ?? []).map((e) => String((e as any).extensions?.code ?? 'ERROR')))];
          await options.store.orm.em.fork().insert(AuditEntry, {
            at: new Date().toISOString(),
            requestId: contextValue.requestId,
            callerId: printable(contextValue.caller.id),
            roles: [...contextValue.caller.roles].join(','),
            operationType: operation.operation,
            operationName: operationName ? printable(operationName) : null,
            queryHash: blankedOperation(document).hash,
            variables: redactVariables(request.variables ?? {}, { schema, operation, personal: options.personalFields() }),
            personalFields: personal,
            outcome: codes.length === 0 ? 'ok' : codes.join(','),
          });
        },
      };
    },
  };
}
