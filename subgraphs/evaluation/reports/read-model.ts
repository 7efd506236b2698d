import type { FilterQuery } from '@mikro-orm/core';
import { badInput, regionLevel, toPage, type EntityManager, type Page, type PageWindow } from '../../kit/index.js';
import { AssessmentChange } from '../entities/assessment-change.js';
import { RegionFigure } from '../entities/region-figure.js';
import { StoredAssessment } from '../entities/stored-assessment.js';
import { StoredWarning } from '../entities/stored-warning.js';
import { scopeColumn } from '../read-model.repository.js';

// The read side of the read model: every list is one indexed range in the order it is shown,
// paged by keyset (the cursor holds the last row's sort key), never by offset.

export interface RankingFilter {
  regionCode: string;
  kinds?: string[] | null;
  levels?: string[] | null;
  grades?: string[] | null;
}

export interface RankedRow {
  row: StoredAssessment;
  rank: number;
}

/** A cursor's key "<part>|<part>…", checked against the shape its list issues. */
function keyParts(window: PageWindow, shape: RegExp): string[] | null {
  if (window.afterKey === undefined) return null;
  const key = String(window.afterKey);
  if (!shape.test(key)) throw badInput('after 游标无效 (the after cursor is not one this list issued)', { field: 'after', rule: 'CURSOR' });
  return key.split('|');
}

function rankingWhere(filter: RankingFilter): FilterQuery<StoredAssessment> {
  return {
    listed: true,
    [scopeColumn(filter.regionCode)]: filter.regionCode,
    ...(filter.kinds?.length ? { kind: { $in: filter.kinds } } : {}),
    ...(filter.levels?.length ? { level: { $in: filter.levels } } : {}),
    ...(filter.grades?.length ? { grade: { $in: filter.grades } } : {}),
  } as FilterQuery<StoredAssessment>;
}

/**
 * Organizations of a region (and below) by score, best first, ties by USCC; ties share a rank
 * (the number of organizations with a better score, plus one).
 */
export async function rankingPage(em: EntityManager, filter: RankingFilter, window: PageWindow): Promise<Page<RankedRow>> {
  const where = rankingWhere(filter);
  const after = keyParts(window, /^\d{1,4}\|[0-9A-Z]{18}$/);
  const page = after ? { $or: [{ sortKey: { $gt: Number(after[0]) } }, { sortKey: Number(after[0]), uscc: { $gt: after[1] } }] } : {};
  const [rows, total] = await Promise.all([
    em.find(StoredAssessment, { $and: [where, page] } as FilterQuery<StoredAssessment>, { orderBy: { sortKey: 'asc', uscc: 'asc' }, limit: window.first + 1 }),
    em.count(StoredAssessment, where),
  ]);
  const ranked: RankedRow[] = [];
  if (rows.length > 0) {
    const first = rows[0]!;
    let rank = (await em.count(StoredAssessment, { $and: [where, { sortKey: { $lt: first.sortKey } }] } as FilterQuery<StoredAssessment>)) + 1;
    // Position of the first row in the whole order: those with a better score, and ties before it.
    let position = rank - 1 + (await em.count(StoredAssessment, { $and: [where, { sortKey: first.sortKey, uscc: { $lt: first.uscc } }] } as FilterQuery<StoredAssessment>));
    rows.forEach((row, i) => {
      if (i > 0 && row.sortKey !== rows[i - 1]!.sortKey) rank = position + 1;
      ranked.push({ row, rank });
      position++;
    });
  }
  return toPage(ranked, window, ({ row }) => `${row.sortKey}|${row.uscc}`, total);
}

export interface WarningFilter {
  regionCode: string;
  /** 1 RED … 3 YELLOW: the lowest level listed. */
  maxLevelRank?: number | null;
  domain?: string | null;
  kind?: string | null;
}

/** The warnings of a region (and below): the most severe first, then the oldest, then by USCC and kind. */
export async function warningPage(em: EntityManager, filter: WarningFilter, window: PageWindow): Promise<Page<StoredWarning>> {
  const where = {
    [scopeColumn(filter.regionCode)]: filter.regionCode,
    ...(filter.maxLevelRank ? { levelRank: { $lte: filter.maxLevelRank } } : {}),
    ...(filter.domain ? { domain: filter.domain } : {}),
    ...(filter.kind ? { kind: filter.kind } : {}),
  } as FilterQuery<StoredWarning>;
  const after = keyParts(window, /^[123]\|\d{4}-\d{2}-\d{2}\|[0-9A-Z]{18}\|[A-Z0-9_]{1,64}$/);
  const page = after
    ? {
        $or: [
          { levelRank: { $gt: Number(after[0]) } },
          { levelRank: Number(after[0]), since: { $gt: after[1] } },
          { levelRank: Number(after[0]), since: after[1], uscc: { $gt: after[2] } },
          { levelRank: Number(after[0]), since: after[1], uscc: after[2], kind: { $gt: after[3] } },
        ],
      }
    : {};
  const [rows, total] = await Promise.all([
    em.find(StoredWarning, { $and: [where, page] } as FilterQuery<StoredWarning>, { orderBy: { levelRank: 'asc', since: 'asc', uscc: 'asc', kind: 'asc' }, limit: window.first + 1 }),
    em.count(StoredWarning, where),
  ]);
  return toPage(rows, window, (w) => `${w.levelRank}|${w.since}|${w.uscc}|${w.kind}`, total);
}

/** A region's figures: one row, kept as assessments change (zeros for a region with nobody assessed). */
export async function regionFigures(em: EntityManager, regionCode: string): Promise<RegionFigure> {
  return (await em.findOne(RegionFigure, { regionCode })) ?? Object.assign(new RegionFigure(), {
    regionCode, organizations: 0, scoreTenthsSum: 0, gradeA: 0, gradeB: 0, gradeC: 0, gradeD: 0, warningsRed: 0, warningsOrange: 0, warningsYellow: 0,
  });
}

/** The figures of the regions directly under one: a province's cities, a city's counties. */
export async function childRegionFigures(em: EntityManager, parentCode: string): Promise<RegionFigure[]> {
  const level = regionLevel(parentCode);
  if (level === 'COUNTY') return [];
  const prefix = level === 'PROVINCE' ? parentCode.slice(0, 2) : parentCode.slice(0, 4);
  const rows = await em.find(RegionFigure, { regionCode: { $like: `${prefix}%`, $ne: parentCode } });
  return rows.filter((r) => (level === 'PROVINCE' ? regionLevel(r.regionCode) === 'CITY' : regionLevel(r.regionCode) === 'COUNTY') && r.organizations > 0);
}

/** An organization's assessment history, newest first. */
export async function historyPage(em: EntityManager, uscc: string, window: PageWindow): Promise<Page<AssessmentChange>> {
  const after = keyParts(window, /^\d{1,15}$/);
  const where = { uscc, ...(after ? { id: { $lt: Number(after[0]) } } : {}) };
  const [rows, total] = await Promise.all([
    em.find(AssessmentChange, where, { orderBy: { id: 'desc' }, limit: window.first + 1 }),
    em.count(AssessmentChange, { uscc }),
  ]);
  return toPage(rows, window, (c) => String(c.id), total);
}
