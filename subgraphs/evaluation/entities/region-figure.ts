import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A region's figures (the region and everything below it), kept incrementally: each stored
 * assessment adds its part to its county, city and province in the same transaction, so a
 * region report reads one row instead of assessing the region. Listed organizations only.
 */
@Entity({ tableName: 'region_figure' })
export class RegionFigure {
  @PrimaryKey({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'integer', default: 0 })
  organizations!: number;

  /** Sum of scores in tenths (the mean is this / organizations / 10). */
  @Property({ type: 'bigint', runtimeType: 'number', default: 0 })
  scoreTenthsSum!: number;

  @Property({ type: 'integer', default: 0 }) gradeA!: number;
  @Property({ type: 'integer', default: 0 }) gradeB!: number;
  @Property({ type: 'integer', default: 0 }) gradeC!: number;
  @Property({ type: 'integer', default: 0 }) gradeD!: number;

  /** Warnings (not organizations) by level. */
  @Property({ type: 'integer', default: 0 }) warningsRed!: number;
  @Property({ type: 'integer', default: 0 }) warningsOrange!: number;
  @Property({ type: 'integer', default: 0 }) warningsYellow!: number;
}
