import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The seeds' indicators of a region (and below) for the current year, as the domains' own
 * reports give them (seed 000 §一(二) coverage, seed 001 row 1 publication, seed 002 §四(一) push,
 * seed 001 task 9 training): refreshed through the supergraph when a feed entry names the region,
 * so regions can be ranked by them without asking every domain per request.
 */
@Entity({ tableName: 'region_indicator' })
export class RegionIndicator {
  @PrimaryKey({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'double', nullable: true })
  commitmentCoverage!: number | null;

  @Property({ type: 'double', nullable: true })
  publicationRate!: number | null;

  @Property({ type: 'double', nullable: true })
  pushCoverage!: number | null;

  @Property({ type: 'double', nullable: true })
  trainingCoverage!: number | null;

  @Property({ type: 'string', length: 30 })
  refreshedAt!: string;
}
