import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/orm.js';

/**
 * How far a reader of change feeds (evaluation's read model, a subgraph's mirror of the
 * registry) has read each source's feed in direct mode, written in the same transaction as the
 * work those entries caused: a reader stopped at any moment resumes from here.
 */
@Entity({ tableName: 'feed_cursor' })
export class FeedCursor {
  @PrimaryKey({ type: 'string', length: 64 })
  source!: string;

  @Property({ type: 'bigint', runtimeType: 'number' })
  seq!: number;

  @Property({ type: 'string', length: 30 })
  updatedAt!: string;
}

/** Saves cursors in `em`'s transaction (call it in the transaction that stores the work). */
export async function saveCursors(em: EntityManager, cursors: Record<string, number>, now = new Date().toISOString()): Promise<void> {
  for (const [source, seq] of Object.entries(cursors)) await em.upsert(FeedCursor, { source, seq, updatedAt: now });
}

export async function readCursors(em: EntityManager): Promise<Map<string, number>> {
  return new Map((await em.fork().find(FeedCursor, {})).map((c) => [c.source, Number(c.seq)]));
}

/** After a rebuild: every cursor replaced by the heads taken before it began. */
export async function replaceCursors(em: EntityManager, cursors: Record<string, number>): Promise<void> {
  await em.fork().transactional(async (tx) => {
    await tx.nativeDelete(FeedCursor, {});
    await saveCursors(tx, cursors);
  });
}
