import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One warning of a listed organization's current assessment: the warning lists page these in
 * their order (most severe first, then the oldest, then by USCC and kind), ascending keys so
 * one index serves each region level. `levelRank`: RED 1, ORANGE 2, YELLOW 3.
 */
@Entity({ tableName: 'assessment_warning' })
@Index({ properties: ['provinceCode', 'levelRank', 'since', 'uscc', 'kind'] })
@Index({ properties: ['cityCode', 'levelRank', 'since', 'uscc', 'kind'] })
@Index({ properties: ['regionCode', 'levelRank', 'since', 'uscc', 'kind'] })
export class StoredWarning {
  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  /** The rule that raised it (one warning per rule and organization). */
  @PrimaryKey({ type: 'string', length: 64 })
  kind!: string;

  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'string', length: 6 })
  cityCode!: string;

  @Property({ type: 'string', length: 6 })
  provinceCode!: string;

  @Property({ type: 'integer' })
  levelRank!: number;

  @Property({ type: 'string', length: 16 })
  level!: string;

  @Property({ type: 'string', length: 32 })
  domain!: string;

  @Property({ type: 'string', length: 10 })
  since!: string;

  @Property({ type: 'text' })
  message!: string;

  @Property({ type: 'json' })
  sources!: string[];
}
