import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * How far the read model has read each subgraph's change feed (direct mode), written in the
 * same transaction as the assessments those entries caused: a consumer stopped at any moment
 * resumes from here and counts nothing twice (processing is idempotent anyway).
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

/** The read model's own facts: the rule set and the day its assessments were built for. */
@Entity({ tableName: 'read_model_state' })
export class ReadModelState {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
