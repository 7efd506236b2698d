import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

// The quarterly 晾晒 (seed 001 §五 "每季度'晾晒'工作成绩", "月调度、季通报、年考评"): the rankings
// and region figures frozen at a quarter's end, or when ADMIN publishes them. All three tables
// are append-only (the store refuses UPDATE and DELETE, see snapshot.repository.ts): a quarter's snapshot,
// once taken, never changes, while the live ranking keeps moving.

/** One quarter's snapshot: when, by whom or what, and from which state of the read model. */
@Entity({ tableName: 'integrity_snapshot' })
export class IntegritySnapshotRow {
  /** "2026Q3". */
  @PrimaryKey({ type: 'string', length: 6 })
  quarter!: string;

  @Property({ type: 'string', length: 30 })
  takenAt!: string;

  /** QUARTER_END (the read-model worker's first round of the next quarter) or ADMIN. */
  @Property({ type: 'string', length: 16 })
  trigger!: string;

  /** "read-model worker", or the ADMIN caller's id. */
  @Property({ type: 'string', length: 128 })
  takenBy!: string;

  /** The day the frozen assessments held for (the read model's builtFor). */
  @Property({ type: 'string', length: 10 })
  builtFor!: string;

  /** Rule set id and version in force when it was taken, e.g. "HH-2026-1:1". */
  @Property({ type: 'string', length: 48 })
  ruleSet!: string;

  @Property({ type: 'integer' })
  organizations!: number;

  @Property({ type: 'integer' })
  regions!: number;
}

/**
 * A listed organization in a quarter's snapshot, with its rank (ties share it: RANK()) within
 * its own region, its city and its province. Pages by (rank, uscc) in each scope.
 */
@Entity({ tableName: 'integrity_snapshot_entry' })
@Index({ properties: ['quarter', 'provinceCode', 'provinceRank', 'uscc'] })
@Index({ properties: ['quarter', 'cityCode', 'cityRank', 'uscc'] })
@Index({ properties: ['quarter', 'regionCode', 'regionRank', 'uscc'] })
export class IntegritySnapshotEntry {
  @PrimaryKey({ type: 'string', length: 6 })
  quarter!: string;

  @PrimaryKey({ type: 'string', length: 18 })
  uscc!: string;

  @Property({ type: 'string', length: 6 }) regionCode!: string;
  @Property({ type: 'string', length: 6 }) cityCode!: string;
  @Property({ type: 'string', length: 6 }) provinceCode!: string;
  @Property({ type: 'string', length: 32 }) kind!: string;
  @Property({ type: 'string', length: 32 }) level!: string;

  /** The score in tenths. */
  @Property({ type: 'integer' }) scoreTenths!: number;
  @Property({ type: 'string', length: 1 }) grade!: string;

  @Property({ type: 'integer' }) warningCount!: number;
  @Property({ type: 'integer' }) warningsRed!: number;
  @Property({ type: 'integer' }) warningsOrange!: number;
  @Property({ type: 'integer' }) warningsYellow!: number;

  /** Rank among the units of its own region (a county, or the city or province a unit is placed in). */
  @Property({ type: 'integer' }) regionRank!: number;
  @Property({ type: 'integer' }) cityRank!: number;
  @Property({ type: 'integer' }) provinceRank!: number;
}

/** A region's figures in a quarter's snapshot, and its rank by mean score among its siblings. */
@Entity({ tableName: 'integrity_snapshot_region' })
@Index({ properties: ['quarter', 'parentCode', 'rank', 'regionCode'] })
export class IntegritySnapshotRegion {
  @PrimaryKey({ type: 'string', length: 6 })
  quarter!: string;

  @PrimaryKey({ type: 'string', length: 6 })
  regionCode!: string;

  /** A county's city, a city's province; null for a province. */
  @Property({ type: 'string', length: 6, nullable: true }) parentCode!: string | null;

  @Property({ type: 'integer' }) organizations!: number;
  @Property({ type: 'bigint', runtimeType: 'number' }) scoreTenthsSum!: number;
  /** The mean score in tenths, rounded as the live region report rounds it. */
  @Property({ type: 'integer' }) meanTenths!: number;

  @Property({ type: 'integer' }) gradeA!: number;
  @Property({ type: 'integer' }) gradeB!: number;
  @Property({ type: 'integer' }) gradeC!: number;
  @Property({ type: 'integer' }) gradeD!: number;
  @Property({ type: 'integer' }) warningsRed!: number;
  @Property({ type: 'integer' }) warningsOrange!: number;
  @Property({ type: 'integer' }) warningsYellow!: number;

  /** Rank by mean score among the regions of the same parent (ties share it). */
  @Property({ type: 'integer' }) rank!: number;

  /** The seeds' indicators as the read model held them (region_indicator), frozen with the rest; null where unknown. */
  @Property({ type: 'double', nullable: true }) commitmentCoverage!: number | null;
  @Property({ type: 'double', nullable: true }) publicationRate!: number | null;
  @Property({ type: 'double', nullable: true }) pushCoverage!: number | null;
  @Property({ type: 'double', nullable: true }) trainingCoverage!: number | null;
}
