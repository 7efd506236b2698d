import type { EntityManager } from './orm.js';

export type Scale = 'demo' | 'province';

export interface SeedProgress {
  /** Starts a named stage of `total` rows; returns a tick function to call with rows done. */
  stage(name: string, total: number): (rows: number) => void;
}

export interface SeedOptions {
  scale: Scale;
  progress: SeedProgress;
}

/** What `subgraphs/<name>/seed.ts` exports: fills an empty store with deterministic demo data. */
export type Seeder = (em: EntityManager, options: SeedOptions) => Promise<void>;

export const silentProgress: SeedProgress = { stage: () => () => {} };

/** Inserts rows in chunks with plain multi-row INSERTs (no unit of work), ticking progress. */
export async function insertInChunks<T extends object>(
  em: EntityManager,
  entity: new () => T,
  rows: Array<Partial<T>>,
  tick: (rows: number) => void,
  chunkSize = 2_000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize);
    await em.insertMany(entity, chunk as any);
    tick(chunk.length);
  }
}
