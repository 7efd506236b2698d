import { raw, type EntityClass, type EntityDictionary, type FilterQuery } from '@mikro-orm/core';
import { DataLoader } from './dataloader.js';
import { errors } from '../../platform/errors.js';
import type { EntityManager } from '../../platform/orm.js';

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

/**
 * The rows for many keys, one `find` per chunk of keys: `IN (…)` lists stay under every
 * database's parameter limit, and a page-sized batch is one statement.
 */
export async function findChunked<T>(keys: readonly string[], find: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (const part of chunked(keys)) rows.push(...(await find(part)));
  return rows;
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

/** A page of one owner's rows: `limit` rows at most after `afterId` (null: from the start). */
export interface PartitionedPageKey {
  /** limit + 1: the extra row tells whether another page follows. */
  limit: number;
  afterId: string | null;
}

/**
 * Pages of rows for many owners at once (an organization's officials, a session's attendance),
 * in id order: one window-function statement per batch (per distinct page window, which in
 * practice is one), not one query per owner. `ownerProperty` is the rows' property naming the
 * owner; `ownerOf` reads it from a key.
 */
export function partitionedPageLoader<T extends { id: string }, K extends PartitionedPageKey>(
  em: EntityManager,
  entity: EntityClass<T>,
  ownerProperty: keyof T & string,
  ownerOf: (key: K) => string,
): DataLoader<K, T[], string> {
  const windowOf = (limit: number, afterId: string | null) => `${limit}:${afterId ?? ''}`;
  const keyOf = (k: K) => `${ownerOf(k)}|${windowOf(k.limit, k.afterId)}`;
  return new DataLoader<K, T[], string>(
    async (keys) => {
      const ownerColumn = em.getMetadata().get(entity.name).properties[ownerProperty]!.fieldNames[0]!;
      const windows = new Map<string, K[]>();
      for (const key of keys) {
        const window = windowOf(key.limit, key.afterId);
        const group = windows.get(window);
        if (group) group.push(key);
        else windows.set(window, [key]);
      }
      const pages = new Map<string, T[]>();
      for (const group of windows.values()) {
        const { limit, afterId } = group[0]!;
        const owners = group.map(ownerOf);
        const where = (afterId ? { [ownerProperty]: { $in: owners }, id: { $gt: afterId } } : { [ownerProperty]: { $in: owners } }) as FilterQuery<T>;
        // The query builder qualifies the table (PostgreSQL schema per subgraph); knex wraps it for the window.
        const ranked = em
          .createQueryBuilder(entity, 'p')
          .select(['p.*', raw(`row_number() over (partition by p.${ownerColumn} order by p.id) as page_row`)])
          .where(where)
          .getKnexQuery();
        const rows: Array<Record<string, unknown>> = await em.execute(
          em.getKnex().select('*').from(ranked.as('ranked')).where('page_row', '<=', limit).orderBy([ownerColumn, 'id']),
        );
        for (const row of rows) {
          delete row.page_row;
          const item = em.map(entity, row as EntityDictionary<T>);
          const key = `${String(item[ownerProperty])}|${windowOf(limit, afterId)}`;
          const page = pages.get(key);
          if (page) page.push(item);
          else pages.set(key, [item]);
        }
      }
      return keys.map((k) => pages.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}
