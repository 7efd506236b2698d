import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { Counter } from 'prom-client';
import { blankedOperation } from '../../platform/index.js';
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
  /** Operations whose blanked text is longer are not kept (default 16,384 characters): no client's real operation is, a flood's may be. */
  maxDocumentLength?: number;
  dropped?: Counter<string>;
  log?: (line: object) => void;
}

export const USAGE_CLIENT_HEADER = 'apollographql-client-name';
const UNKNOWN_CLIENT = 'unknown';

/**
 * The client's name as sent, if it is a system's label (ASCII letters, digits, . _ -, at most 64);
 * else "unknown". It is a label, not an identity, and never a place for a person's name or number.
 */
export function clientNameOf(header: string | undefined | null): string {
  const name = (header ?? '').trim();
  return /^[A-Za-z][A-Za-z0-9._-]{0,63}$/.test(name) ? name : UNKNOWN_CLIENT;
}

/**
 * useOperationUsage: counts every operation the gateway resolved (parsed and valid), by the hash
 * of its text and the client's name, in memory, and adds the counts to the store every `flushMs`.
 * One counter per built gateway: nothing per request lives in module state.
 */
export function useOperationUsage(options: OperationUsageOptions): ApolloServerPlugin<GatewayContext> & { flush(): Promise<void>; stop(): Promise<void> } {
  const flushMs = options.flushMs ?? 5_000;
  const maxPending = options.maxPending ?? 5_000;
  const maxDocumentLength = options.maxDocumentLength ?? 16_384;
  // The blanked text of the operations seen lately, by the text as sent: printing is done once per text.
  const blanked = new Map<string, { text: string; hash: string }>();
  const blankedOf = (source: string, document: DocumentNode) => {
    let found = blanked.get(source);
    if (!found) {
      found = blankedOperation(document);
      if (blanked.size >= 1_000) blanked.delete(blanked.keys().next().value!);
      blanked.set(source, found);
    }
    return found;
  };
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
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ operation, document, source, operationName }) {
          // Only operations that ran: not one refused by parsing, validation, the safelist or the
          // limits (they fail today already, and counting them would let anyone fill the store).
          if (!executed || !operation || !document || source === undefined) return;
          const { text, hash: queryHash } = blankedOf(source, document);
          if (text.length > maxDocumentLength) {
            options.dropped?.inc();
            return;
          }
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
            document: text,
            count: 1,
            firstSeen: now,
            lastSeen: now,
          });
        },
      };
    },
  };
}
