import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { stripSensitiveLiterals } from '@apollo/utils.stripsensitiveliterals';
import { print } from 'graphql';
import type { Counter } from 'prom-client';
import type { GatewayContext } from '../context.js';
import type { UsageRecord } from '../usage/operation-usage.js';
import type { OperationUsageStore } from '../usage/store.js';

export interface OperationUsageOptions {
  store: OperationUsageStore;
  /** How often counted usage is written to the store (default 5,000 ms; also at stop). */
  flushMs?: number;
  /** Distinct operation × client pairs held between flushes; more are counted as dropped (default 5,000). */
  maxPending?: number;
  /** Usage older than this many days is forgotten (default 90). */
  retentionDays?: number;
  dropped?: Counter<string>;
  log?: (line: object) => void;
}

export const USAGE_CLIENT_HEADER = 'apollographql-client-name';
const UNKNOWN_CLIENT = 'unknown';

/** The client's name as sent, if it is a short printable label; else "unknown" (it is a label, not an identity). */
export function clientNameOf(header: string | undefined | null): string {
  const name = (header ?? '').trim();
  return /^[\p{L}\p{N}._:@/ -]{1,64}$/u.test(name) ? name : UNKNOWN_CLIENT;
}

/**
 * useOperationUsage: counts every operation the gateway resolved (parsed and valid), by the hash
 * of its text and the client's name, in memory, and adds the counts to the store every `flushMs`.
 * One counter per built gateway: nothing per request lives in module state.
 */
export function useOperationUsage(options: OperationUsageOptions): ApolloServerPlugin<GatewayContext> & { flush(): Promise<void>; stop(): Promise<void> } {
  const flushMs = options.flushMs ?? 5_000;
  const maxPending = options.maxPending ?? 5_000;
  const retentionMs = (options.retentionDays ?? 90) * 86_400_000;
  let pending = new Map<string, UsageRecord>();
  let flushing: Promise<void> = Promise.resolve();
  let lastPrune = 0;

  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      if (pending.size === 0) return;
      const records = [...pending.values()];
      pending = new Map();
      try {
        await options.store.add(records);
        if (Date.now() - lastPrune > 3_600_000) {
          lastPrune = Date.now();
          await options.store.prune(new Date(Date.now() - retentionMs).toISOString());
        }
      } catch (error) {
        // Usage is advice for schema checks: a store that is down loses these counts, never a request.
        options.log?.({ level: 'warn', msg: 'operation usage not stored', records: records.length, error: String((error as Error).message ?? error).slice(0, 300) });
      }
    });
    return flushing;
  };
  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  return {
    flush,
    async stop() {
      clearInterval(timer);
      await flush();
    },
    async requestDidStart({ request }) {
      const clientName = clientNameOf(request.http?.headers.get(USAGE_CLIENT_HEADER));
      return {
        async willSendResponse({ operation, document, source, operationName }) {
          // Only operations that parsed and validated: the others fail today already.
          if (!operation || !document || source === undefined) return;
          const queryHash = createHash('sha256').update(source).digest('hex');
          const key = `${queryHash}\n${clientName}`;
          const now = new Date().toISOString();
          const counted = pending.get(key);
          if (counted) {
            counted.count += 1;
            counted.lastSeen = now;
            return;
          }
          if (pending.size >= maxPending) {
            options.dropped?.inc();
            return;
          }
          pending.set(key, {
            queryHash,
            clientName,
            operationName: operationName ? operationName.slice(0, 200) : null,
            operationType: operation.operation,
            // Literals blanked: a value typed into the query (an ID number, a name) is not kept.
            document: print(stripSensitiveLiterals(document, { hideListAndObjectLiterals: true })),
            count: 1,
            firstSeen: now,
            lastSeen: now,
          });
        },
      };
    },
  };
}
