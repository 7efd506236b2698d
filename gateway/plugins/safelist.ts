import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, parse, print } from 'graphql';
import type { GatewayContext } from '../context.js';

export interface SafelistManifest {
  operations: Array<{ name: string; sha256: string; body: string }>;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of an operation's canonical print, so whitespace and comments do not matter. */
export function canonicalHash(body: string): string {
  return sha256(print(parse(body)));
}

export function loadSafelist(path: string): SafelistManifest {
  return JSON.parse(readFileSync(path, 'utf8')) as SafelistManifest;
}

/**
 * useSafelist: when enforced (production), an anonymous caller may run only the portal's
 * safelisted operations; authenticated callers (auditors, contributing systems) may run
 * ad-hoc queries. Persisted-query hashes resolve to text before this check, so APQ and the
 * safelist work together.
 */
export function useSafelist(manifest: SafelistManifest, enforce: boolean): ApolloServerPlugin<GatewayContext> {
  const allowed = new Set(manifest.operations.map((op) => canonicalHash(op.body)));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document }) {
          if (!enforce || contextValue.caller.authenticated) return;
          if (!allowed.has(sha256(print(document)))) {
            throw new GraphQLError('公众访问只允许已登记的查询 (anonymous callers may only run safelisted operations)', {
              extensions: { code: 'OPERATION_NOT_SAFELISTED', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
