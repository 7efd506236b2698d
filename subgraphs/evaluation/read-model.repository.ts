import { chunked, config, insertRows, recordChanges, regionLevel, saveCursors, tableOf, type EntityManager } from '../kit/index.js';
import { LEVEL_ORDER, type AssessmentResult } from './assessment.rules.js';
import { AssessmentChange } from './entities/assessment-change.js';
import { deductionKey } from './assessment-history.rules.js';
import type { OrganizationFacts } from './entities/federated.js';
import { ReadModelState } from './entities/feed-cursor.js';
import { RegionFigure } from './entities/region-figure.js';
import { StoredAssessment } from './entities/stored-assessment.js';
import { StoredWarning } from './entities/stored-warning.js';

/** One organization assessed from inputs fetched through the supergraph. */
export interface Assessed {
  facts: OrganizationFacts;
  result: AssessmentResult;
}

export interface ReadModelBatch {
  assessed: Assessed[];
  /** Organizations the registry no longer knows: their assessments leave the read model. */
  gone?: string[];
  /** When the fetch of these inputs started (ms): an older fetch never overwrites a newer one. */
  inputsAsOf: number;
  /** Per organization, what caused this recomputation ("court-debtors#812", "rebuild"). */
  causes: (uscc: string) => string[];
  /** Feed cursors reached once this batch is stored (direct mode), saved in the same transaction. */
  cursors?: Record<string, number>;
}

/** The city and province a region lies in: what a county's unit adds its figures to. */
export function regionScope(regionCode: string): { regionCode: string; cityCode: string; provinceCode: string } {
  const provinceCode = `${regionCode.slice(0, 2)}0000`;
  const cityCode = regionLevel(regionCode) === 'PROVINCE' ? regionCode : `${regionCode.slice(0, 4)}00`;
  return { regionCode, cityCode, provinceCode };
}

/** The regions whose figures include a unit of this region: itself, its city, its province. */
function figureRegions(row: Pick<StoredAssessment, 'regionCode' | 'cityCode' | 'provinceCode'>): string[] {
  return [...new Set([row.regionCode, row.cityCode, row.provinceCode])];
}

/** The column that selects a region and everything below it. */
export function scopeColumn(regionCode: string): 'provinceCode' | 'cityCode' | 'regionCode' {
  const level = regionLevel(regionCode);
  return level === 'PROVINCE' ? 'provinceCode' : level === 'CITY' ? 'cityCode' : 'regionCode';
}

const LEVEL_RANK: Record<string, number> = { RED: 1, ORANGE: 2, YELLOW: 3 };
const toTenths = (score: number) => Math.round(score * 10);

export function toStoredRow(facts: OrganizationFacts, result: AssessmentResult, inputsAsOf: number, causes: string[], now: string): StoredAssessment {
  const scoreTenths = toTenths(result.score);
  return Object.assign(new StoredAssessment(), {
    uscc: facts.uscc,
    ...regionScope(facts.regionCode),
    kind: facts.kind,
    level: facts.level,
    listed: !facts.classified,
    scoreTenths,
    sortKey: 1000 - scoreTenths,
    grade: result.grade,
    deductions: result.deductions,
    warnings: result.warnings,
    warningCount: result.warnings.length,
    ruleSetId: result.ruleSet.id,
    ruleSetVersion: result.ruleSet.version,
    assessedOn: result.assessedOn,
    inputsAsOf,
    causes: causes.slice(0, 20),
    updatedAt: now,
  });
}

/** JSON with object keys sorted: PostgreSQL's jsonb gives stored objects back in its own key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** What an assessment says, leaving out when and why it was computed. */
function content(row: StoredAssessment): string {
  return canonical([row.regionCode, row.kind, row.level, row.listed, row.scoreTenths, row.grade, row.deductions, row.warnings, row.ruleSetId, row.ruleSetVersion]);
}

type FigureDelta = Omit<RegionFigure, 'regionCode'>;
const FIGURE_FIELDS = ['organizations', 'scoreTenthsSum', 'gradeA', 'gradeB', 'gradeC', 'gradeD', 'warningsRed', 'warningsOrange', 'warningsYellow'] as const;
const FIGURE_COLUMNS: Record<(typeof FIGURE_FIELDS)[number], string> = {
  organizations: 'organizations', scoreTenthsSum: 'score_tenths_sum', gradeA: 'grade_a', gradeB: 'grade_b', gradeC: 'grade_c', gradeD: 'grade_d',
  warningsRed: 'warnings_red', warningsOrange: 'warnings_orange', warningsYellow: 'warnings_yellow',
};

function addFigures(deltas: Map<string, FigureDelta>, row: StoredAssessment, sign: 1 | -1): void {
  if (!row.listed) return;
  for (const code of figureRegions(row)) {
    let delta = deltas.get(code);
    if (!delta) deltas.set(code, (delta = Object.fromEntries(FIGURE_FIELDS.map((f) => [f, 0])) as FigureDelta));
    delta.organizations += sign;
    delta.scoreTenthsSum += sign * row.scoreTenths;
    delta[`grade${row.grade}`] += sign;
    for (const warning of row.warnings) {
      if (warning.level === 'RED') delta.warningsRed += sign;
      else if (warning.level === 'ORANGE') delta.warningsOrange += sign;
      else delta.warningsYellow += sign;
    }
  }
}


function historyRow(before: StoredAssessment | undefined, after: StoredAssessment, now: string): AssessmentChange | null {
  const kinds = (row?: StoredAssessment) => new Set((row?.warnings ?? []).map((w) => w.kind));
  const [was, is] = [kinds(before), kinds(after)];
  const warningsRaised = [...is].filter((k) => !was.has(k)).sort();
  const warningsCleared = [...was].filter((k) => !is.has(k)).sort();
  const old = new Set((before?.deductions ?? []).map(deductionKey));
  const now_ = new Set(after.deductions.map(deductionKey));
  const sameDeductions = old.size === now_.size && [...now_].every((k) => old.has(k));
  if (before && before.scoreTenths === after.scoreTenths && before.grade === after.grade && warningsRaised.length === 0 && warningsCleared.length === 0 && sameDeductions) return null;
  return Object.assign(new AssessmentChange(), {
    uscc: after.uscc,
    at: now,
    scoreTenthsBefore: before?.scoreTenths ?? null,
    scoreTenthsAfter: after.scoreTenths,
    gradeBefore: before?.grade ?? null,
    gradeAfter: after.grade,
    deductionsAdded: after.deductions.filter((d) => !old.has(deductionKey(d))),
    deductionsRemoved: (before?.deductions ?? []).filter((d) => !now_.has(deductionKey(d))),
    warningsRaised,
    warningsCleared,
    warningsAfter: after.warnings,
    ruleSetId: after.ruleSetId,
    causes: after.causes,
  });
}

function warningRows(row: StoredAssessment): StoredWarning[] {
  if (!row.listed) return [];
  return row.warnings.map((w) => Object.assign(new StoredWarning(), {
    uscc: row.uscc, kind: w.kind, regionCode: row.regionCode, cityCode: row.cityCode, provinceCode: row.provinceCode,
    levelRank: LEVEL_RANK[w.level]!, level: w.level, domain: w.domain, since: w.since, message: w.message, sources: w.sources,
  }));
}

/** Writers of the read model on PostgreSQL (several workers) take one lock per batch, so figure deltas never interleave. */
export async function lockReadModel(em: EntityManager): Promise<void> {
  if (config.dbDriver() === 'postgresql') await em.getConnection().execute('select pg_advisory_xact_lock(4006)', [], 'all', em.getTransactionContext());
}

const noTick = () => {};

/**
 * Stores a batch of assessments in one transaction: the rows, their warnings, the history of
 * what changed, the region figures' deltas, the feed cursors, and this subgraph's own feed
 * entries (so the gateway's cache and other readers learn that these scores moved). Storing
 * the same assessment twice changes nothing (delivery is at least once).
 */
export async function storeBatch(root: EntityManager, batch: ReadModelBatch): Promise<{ changed: number }> {
  const now = new Date().toISOString();
  return root.fork().transactional(async (em) => {
    await lockReadModel(em);
    const usccs = [...new Set([...batch.assessed.map((a) => a.facts.uscc), ...(batch.gone ?? [])])];
    const existing = new Map<string, StoredAssessment>();
    for (const part of chunked(usccs)) for (const row of await em.find(StoredAssessment, { uscc: { $in: part } })) existing.set(row.uscc, row);

    const replaced: StoredAssessment[] = [];
    const removed: string[] = [];
    const history: AssessmentChange[] = [];
    const figures = new Map<string, FigureDelta>();
    for (const { facts, result } of batch.assessed) {
      const before = existing.get(facts.uscc);
      if (before && before.inputsAsOf > batch.inputsAsOf) continue; // a newer fetch is already stored
      const after = toStoredRow(facts, result, batch.inputsAsOf, batch.causes(facts.uscc), now);
      if (before && content(before) === content(after) && before.assessedOn === after.assessedOn) continue;
      if (before) addFigures(figures, before, -1);
      addFigures(figures, after, 1);
      const change = historyRow(before, after, now);
      if (change) history.push(change);
      replaced.push(after);
    }
    for (const uscc of batch.gone ?? []) {
      const before = existing.get(uscc);
      if (!before) continue;
      addFigures(figures, before, -1);
      removed.push(uscc);
    }

    const rewritten = [...replaced.map((r) => r.uscc), ...removed];
    for (const part of chunked(rewritten)) {
      await em.nativeDelete(StoredWarning, { uscc: { $in: part } });
      await em.nativeDelete(StoredAssessment, { uscc: { $in: part } });
    }
    await insertRows(em, StoredAssessment, replaced, noTick);
    await insertRows(em, StoredWarning, replaced.flatMap(warningRows), noTick);
    const historyRows = history.map(({ id, ...row }) => row);
    await insertRows(em, AssessmentChange, historyRows as AssessmentChange[], noTick);
    await applyFigureDeltas(em, figures);
    await saveCursors(em, batch.cursors ?? {}, now);
    if (rewritten.length > 0) {
      const regions = new Set<string>();
      for (const row of [...replaced, ...removed.map((u) => existing.get(u)!)]) for (const code of figureRegions(row)) regions.add(code);
      await recordChanges(em, [{ entity: 'IntegrityAssessment', operation: 'update', ids: rewritten, organizations: rewritten, regions: [...regions] }]);
    }
    return { changed: rewritten.length };
  });
}

/** Adds the deltas with SQL arithmetic (insert … on conflict do update), on SQLite and PostgreSQL alike. */
async function applyFigureDeltas(em: EntityManager, deltas: Map<string, FigureDelta>): Promise<void> {
  if (deltas.size === 0) return;
  const knex = em.getConnection().getKnex();
  const meta = em.getMetadata().get(RegionFigure.name);
  const table = tableOf(em, RegionFigure);
  const rows = [...deltas].map(([regionCode, delta]) => ({ region_code: regionCode, ...Object.fromEntries(FIGURE_FIELDS.map((f) => [FIGURE_COLUMNS[f], delta[f]])) }));
  const merge = Object.fromEntries(FIGURE_FIELDS.map((f) => [FIGURE_COLUMNS[f], knex.raw('??.?? + excluded.??', [meta.tableName, FIGURE_COLUMNS[f], FIGURE_COLUMNS[f]])]));
  const statement = knex(table).insert(rows).onConflict('region_code').merge(merge);
  const transaction = em.getTransactionContext();
  await (transaction ? statement.transacting(transaction as any) : statement);
}

export async function readState(em: EntityManager, key: string): Promise<string | null> {
  return (await em.fork().findOne(ReadModelState, { key }))?.value ?? null;
}

export async function writeState(em: EntityManager, values: Record<string, string>): Promise<void> {
  const fork = em.fork();
  for (const [key, value] of Object.entries(values)) await fork.upsert(ReadModelState, { key, value });
}

/** Every assessed organization's USCC, in order (a rebuild removes those the registry no longer lists). */
export async function storedUsccs(em: EntityManager): Promise<Set<string>> {
  const rows = await em.fork().createQueryBuilder(StoredAssessment).select('uscc').execute<Array<{ uscc: string }>>('all', false);
  return new Set(rows.map((r) => r.uscc));
}

export { LEVEL_ORDER };
