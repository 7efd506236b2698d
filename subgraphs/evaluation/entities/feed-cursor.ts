import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

// The cursors themselves are the kit's (FeedCursor, kit/change-feed/feed-cursor.ts), shared by every feed reader.
export { FeedCursor } from '../../kit/index.js';

/** The read model's own facts: the rule set and the day its assessments were built for. */
@Entity({ tableName: 'read_model_state' })
export class ReadModelState {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
