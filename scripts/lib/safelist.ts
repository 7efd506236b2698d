import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type DocumentNode } from 'graphql';
import { canonicalHash, type SafelistManifest } from '../../gateway/plugins/safelist.js';
import { ROOT } from './subgraphs.js';

export const OPERATIONS_DIR = join(ROOT, 'gateway', 'operations');
export const SAFELIST_FILE = join(ROOT, 'gateway', 'safelist.json');

/** Every named operation of gateway/operations/*.graphql, one manifest entry each (sorted by name). */
export function buildSafelist(): SafelistManifest {
  const operations: SafelistManifest['operations'] = [];
  for (const file of readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql')).sort()) {
    const document = parse(readFileSync(join(OPERATIONS_DIR, file), 'utf8'));
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
      const single: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition] };
      const body = print(single);
      operations.push({ name: definition.name.value, sha256: canonicalHash(body), body });
    }
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { operations };
}

export function renderSafelist(): string {
  return `${JSON.stringify(buildSafelist(), null, 2)}\n`;
}
