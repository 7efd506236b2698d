import { badInput, ensureAppendOnly, errors, recordChanges, regionLevel, today as kitToday, toPage, type EntityManager, type Page, type PageWindow } from '../kit/index.js';
import { ReadModelState } from './entities/feed-cursor.js';
import { IntegritySnapshotEntry, IntegritySnapshotRegion, IntegritySnapshotRow } from './entities/integrity-snapshot.js';
import { RegionFigure } from './entities/region-figure.js';
import { RegionIndicator } from './entities/region-indicator.js';
import { StoredAssessment } from './entities/stored-assessment.js';
import { StoredWarning } from './entities/stored-warning.js';
import { lockReadModel, readState } from './read-model.repository.js';
import { previousQuarter, quarterOf, quarterString, requireQuarter } from './snapshot.rules.js';

// The quarterly 晾晒 (seed 001 §五: "每季度'晾晒'工作成绩"; "月调度、季通报、年考评"): at a
// quarter's end, or when ADMIN publishes it, the ranking of every listed organization and the
// figures of every region are frozen into append-only rows, written in one transaction by
// set-based SQL (insert … select with RANK() windows) from the read model's `assessment` and
// `region_figure`. A snapshot is never changed: publishing a quarter again returns the one taken.

export type SnapshotTrigger = 'QUARTER_END' | 'ADMIN';

/** The worker's name in `takenBy` for the automatic snapshot. */
export const QUARTER_END_TAKER = 'read-model worker';

/** A table's name as raw SQL must write it (schema-qualified on PostgreSQL). */
function tableOf(em: EntityManager, entity: Function): string {
  const meta = em.getMetadata().get(entity.name);
  const schema = meta.schema ?? em.config.get('schema');
  const quote = (name: string) => em.getPlatform().quoteIdentifier(name);
  return schema && schema !== '*' ? `${quote(schema)}.${quote(meta.tableName)}` : quote(meta.tableName);
}

/** The store refuses to change or remove a snapshot row (run by the kit as the subgraph's prepareStore). */
export async function ensureSnapshotsAppendOnly(em: EntityManager): Promise<void> {
  for (const table of ['integrity_snapshot', 'integrity_snapshot_entry', 'integrity_snapshot_region']) await ensureAppendOnly(em, table);
}

export async function findSnapshot(em: EntityManager, quarter: string): Promise<IntegritySnapshotRow | null> {
  return em.fork().findOne(IntegritySnapshotRow, { quarter });
}

export async function listSnapshots(em: EntityManager): Promise<IntegritySnapshotRow[]> {
  return em.fork().find(IntegritySnapshotRow, {}, { orderBy: { quarter: 'desc' } });
}

export interface TakenSnapshot {
  snapshot: IntegritySnapshotRow;
  /** False when the quarter's snapshot already existed and was returned unchanged. */
  created: boolean;
}

/**
 * Freezes the read model as `quarter`'s snapshot, in one transaction under the read model's
 * writer lock (no batch of assessments lands halfway through). If the quarter already has one,
 * it is returned as it is.
 */
export async function takeSnapshot(root: EntityManager, quarter: string, by: { trigger: SnapshotTrigger; takenBy: string }): Promise<TakenSnapshot> {
  return root.fork().transactional(async (em) => {
    await lockReadModel(em);
    const existing = await em.findOne(IntegritySnapshotRow, { quarter });
    if (existing) return { snapshot: existing, created: false };
    // Read in this transaction (readState forks, which would wait for a second connection).
    const state = async (key: string) => (await em.findOne(ReadModelState, { key }))?.value ?? '';
    const builtFor = await state('builtFor');
    const ruleSet = await state('ruleSet');
    const run = (sql: string) => em.getConnection().execute(sql, [quarter], 'run', em.getTransactionContext());
    const [entry, assessment, warning, region, figure, indicator] = [IntegritySnapshotEntry, StoredAssessment, StoredWarning, IntegritySnapshotRegion, RegionFigure, RegionIndicator].map((e) => tableOf(em, e));

    // Every listed organization with its ranks in its region, city and province (ties share a rank).
    await run(`insert into ${entry} (quarter, uscc, region_code, city_code, province_code, kind, level, score_tenths, grade,
        warning_count, warnings_red, warnings_orange, warnings_yellow, region_rank, city_rank, province_rank)
      select ?, a.uscc, a.region_code, a.city_code, a.province_code, a.kind, a.level, a.score_tenths, a.grade,
        a.warning_count, coalesce(w.red, 0), coalesce(w.orange, 0), coalesce(w.yellow, 0),
        rank() over (partition by a.region_code order by a.score_tenths desc),
        rank() over (partition by a.city_code order by a.score_tenths desc),
        rank() over (partition by a.province_code order by a.score_tenths desc)
      from ${assessment} a
      left join (select uscc, sum(case when level_rank = 1 then 1 else 0 end) as red, sum(case when level_rank = 2 then 1 else 0 end) as orange,
          sum(case when level_rank = 3 then 1 else 0 end) as yellow from ${warning} group by uscc) w on w.uscc = a.uscc
      where a.listed`);

    // Every region with listed organizations, ranked by mean score among its parent's regions.
    await run(`insert into ${region} (quarter, region_code, parent_code, organizations, score_tenths_sum, mean_tenths,
        grade_a, grade_b, grade_c, grade_d, warnings_red, warnings_orange, warnings_yellow, rank,
        commitment_coverage, publication_rate, push_coverage, training_coverage)
      select ?, f.region_code, f.parent_code, f.organizations, f.score_tenths_sum, f.mean_tenths,
        f.grade_a, f.grade_b, f.grade_c, f.grade_d, f.warnings_red, f.warnings_orange, f.warnings_yellow,
        rank() over (partition by f.parent_code order by f.mean_tenths desc),
        i.commitment_coverage, i.publication_rate, i.push_coverage, i.training_coverage
      from (select region_code, organizations, score_tenths_sum, grade_a, grade_b, grade_c, grade_d, warnings_red, warnings_orange, warnings_yellow,
          case when substr(region_code, 3, 4) = '0000' then null
               when substr(region_code, 5, 2) = '00' then substr(region_code, 1, 2) || '0000'
               else substr(region_code, 1, 4) || '00' end as parent_code,
          cast(round(score_tenths_sum * 1.0 / organizations) as integer) as mean_tenths
        from ${figure} where organizations > 0) f
      left join ${indicator} i on i.region_code = f.region_code`);

    const organizations = await em.count(IntegritySnapshotEntry, { quarter });
    const regions = (await em.find(IntegritySnapshotRegion, { quarter }, { fields: ['regionCode'] })).map((r) => r.regionCode);
    const snapshot = Object.assign(new IntegritySnapshotRow(), {
      quarter, takenAt: new Date().toISOString(), trigger: by.trigger, takenBy: by.takenBy.slice(0, 128), builtFor, ruleSet, organizations, regions: regions.length,
    });
    await em.insert(IntegritySnapshotRow, snapshot);
    // Readers of evaluation's feed (the gateway's cache) learn that these regions' snapshot answers exist now.
    await recordChanges(em, [{ entity: 'IntegritySnapshot', operation: 'create', ids: [quarter], regions }]);
    return { snapshot, created: true };
  });
}

/**
 * ADMIN's `publishIntegritySnapshot`: the quarter checked (malformed or not begun: BAD_USER_INPUT),
 * an existing snapshot returned unchanged; a new one only for the current or the previous quarter
 * (an older quarter cannot be frozen from today's assessments: BAD_USER_INPUT, rule QUARTER_PAST),
 * and only once the read model has been built (CONFLICT while it is rebuilt from scratch).
 */
export async function publishSnapshot(em: EntityManager, value: string, takenBy: string, on: string = kitToday()): Promise<TakenSnapshot> {
  const quarter = requireQuarter(value, on);
  const name = quarterString(quarter);
  const existing = await findSnapshot(em, name);
  if (existing) return { snapshot: existing, created: false };
  const current = quarterOf(on);
  if (name !== quarterString(current) && name !== quarterString(previousQuarter(current))) {
    throw badInput(`季度 ${name} 已过，只能发布本季度或上一季度的晾晒 (quarter ${name} is past: only the current or the previous quarter can be published)`, { field: 'quarter', rule: 'QUARTER_PAST' });
  }
  if (!(await readState(em.fork(), 'builtFor'))) {
    throw errors.conflict('评价读模型正在重建，请在重建完成后发布', 'the read model is being rebuilt; publish once it is current');
  }
  return takeSnapshot(em, name, { trigger: 'ADMIN', takenBy });
}

/**
 * For the read-model worker, after each round: on or after the first day of a quarter, takes
 * the previous quarter's snapshot if it has none yet. Only when the read model holds
 * assessments built for `today` (a rebuild, e.g. the new day's, is finished), so a snapshot
 * never freezes a half-built read model. Returns the snapshot taken, or null when nothing was due.
 */
export async function takeDueSnapshot(em: EntityManager, today: string = kitToday()): Promise<IntegritySnapshotRow | null> {
  const due = await snapshotDue(em, today);
  if (!due) return null;
  const { snapshot, created } = await takeSnapshot(em, due, { trigger: 'QUARTER_END', takenBy: QUARTER_END_TAKER });
  return created ? snapshot : null;
}

/** The quarter whose snapshot is due on `today` (the previous one, not yet taken, the read model built for today), or null. */
export async function snapshotDue(em: EntityManager, today: string = kitToday()): Promise<string | null> {
  const due = quarterString(previousQuarter(quarterOf(today)));
  if (await findSnapshot(em, due)) return null;
  if ((await readState(em.fork(), 'builtFor')) !== today) return null;
  return due;
}

/** The column pair that ranks a region's organizations: a province's, a city's or a county's. */
function rankScope(regionCode: string): { code: 'provinceCode' | 'cityCode' | 'regionCode'; rank: 'provinceRank' | 'cityRank' | 'regionRank' } {
  const level = regionLevel(regionCode);
  return level === 'PROVINCE' ? { code: 'provinceCode', rank: 'provinceRank' } : level === 'CITY' ? { code: 'cityCode', rank: 'cityRank' } : { code: 'regionCode', rank: 'regionRank' };
}

export interface SnapshotRankedRow {
  row: IntegritySnapshotEntry;
  rank: number;
  /** The same organization in the previous quarter's snapshot of the same region, if it was there. */
  previous: { rank: number; scoreTenths: number } | null;
}

/**
 * A region's organizations in a quarter's snapshot, best first (ties by USCC), paged by the
 * keyset (rank, uscc); each with its rank and score in the previous quarter's snapshot of the
 * same region. A quarter without a snapshot has no rows.
 */
export async function snapshotRankingPage(em: EntityManager, quarter: string, regionCode: string, window: PageWindow): Promise<Page<SnapshotRankedRow>> {
  const scope = rankScope(regionCode);
  const where = { quarter, [scope.code]: regionCode };
  let page = {};
  if (window.afterKey !== undefined) {
    const key = String(window.afterKey);
    if (!/^\d{1,7}\|[0-9A-Z]{18}$/.test(key)) throw badInput('after 游标无效 (the after cursor is not one this list issued)', { field: 'after', rule: 'CURSOR' });
    const [rank, uscc] = key.split('|');
    page = { $or: [{ [scope.rank]: { $gt: Number(rank) } }, { [scope.rank]: Number(rank), uscc: { $gt: uscc } }] };
  }
  const fork = em.fork();
  const [rows, total] = await Promise.all([
    fork.find(IntegritySnapshotEntry, { $and: [where, page] } as any, { orderBy: { [scope.rank]: 'asc', uscc: 'asc' } as any, limit: window.first + 1 }),
    fork.count(IntegritySnapshotEntry, where as any),
  ]);
  const previousQuarterName = quarterString(previousQuarter(requireQuarter(quarter, '9999-12-31')));
  const before = rows.length === 0 ? [] : await fork.find(IntegritySnapshotEntry, { quarter: previousQuarterName, [scope.code]: regionCode, uscc: { $in: rows.map((r) => r.uscc) } } as any);
  const previous = new Map(before.map((r) => [r.uscc, { rank: r[scope.rank], scoreTenths: r.scoreTenths }]));
  const ranked = rows.map((row) => ({ row, rank: row[scope.rank], previous: previous.get(row.uscc) ?? null }));
  return toPage(ranked, window, ({ row, rank }) => `${rank}|${row.uscc}`, total);
}

export interface SnapshotRegionRankedRow {
  row: IntegritySnapshotRegion;
  previous: IntegritySnapshotRegion | null;
}

/** The regions directly under `parentCode` in a quarter's snapshot, by rank, with the previous quarter's rank and mean. */
export async function snapshotRegionRanking(em: EntityManager, quarter: string, parentCode: string): Promise<SnapshotRegionRankedRow[]> {
  const fork = em.fork();
  const rows = await fork.find(IntegritySnapshotRegion, { quarter, parentCode }, { orderBy: { rank: 'asc', regionCode: 'asc' } });
  if (rows.length === 0) return [];
  const previousQuarterName = quarterString(previousQuarter(requireQuarter(quarter, '9999-12-31')));
  const before = await fork.find(IntegritySnapshotRegion, { quarter: previousQuarterName, parentCode });
  const previous = new Map(before.map((r) => [r.regionCode, r]));
  return rows.map((row) => ({ row, previous: previous.get(row.regionCode) ?? null }));
}
