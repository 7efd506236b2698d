import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

// The feed cursors are the kit's (FeedCursor), shared by every reader of the change feeds.
export { FeedCursor } from '../../kit/index.js';

/** The exchange's own facts: when it was last built from scratch, for which day; its progress. */
@Entity({ tableName: 'exchange_state' })
export class ExchangeState {
  @PrimaryKey({ type: 'string', length: 64 })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
