import DataLoader from 'dataloader';
import { errors } from './errors.js';

/**
 * A per-request loader of one row per key, following the DataLoader contract: one fetch
 * per batch, results in key order, an Error for a key with no row.
 */
export function rowLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
  what: { zh: string; en: string },
): DataLoader<K, V> {
  return new DataLoader<K, V>(async (keys) => {
    const byKey = new Map<K, V>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? errors.notFound(`未找到${what.zh}：${key}`, `no ${what.en} ${key}`));
  });
}

/** A per-request loader of many rows per key (a one-to-many list); a key with none gets []. */
export function groupLoader<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key)!);
  });
}

/** A per-request loader of a number per key (e.g. counts from one GROUP BY); missing keys are 0. */
export function countLoader<K extends string | number>(
  fetch: (keys: readonly K[]) => Promise<Array<{ key: K; count: number }>>,
): DataLoader<K, number> {
  return new DataLoader<K, number>(async (keys) => {
    const counts = new Map<K, number>();
    for (const { key, count } of await fetch(keys)) counts.set(key, Number(count));
    return keys.map((key) => counts.get(key) ?? 0);
  });
}

/** Loads a key, mapping "no such row" to null (for nullable lookups and entity references). */
export async function loadOrNull<K, V>(loader: DataLoader<K, V>, key: K): Promise<V | null> {
  try {
    return await loader.load(key);
  } catch (error) {
    if ((error as { extensions?: { code?: string } }).extensions?.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Splits a key list so that `IN (…)` stays under every database's parameter limit. */
export function chunked<T>(items: readonly T[], size = 900): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
