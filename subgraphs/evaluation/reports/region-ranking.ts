import type { EntityManager } from '../../kit/index.js';
import { RegionIndicator } from '../entities/region-indicator.js';
import { toRegionReport } from './mapping.js';
import { childRegionFigures } from './read-model.js';
import { RegionRankingMeasure, type IntegrityRegionRankingEntry } from './types.js';

/**
 * The regions directly under `parentCode` (a province's cities, a city's counties) ranked by mean
 * score or by one of the domains' indicators: best first, regions without a value last, ties
 * share a rank and are listed by code.
 */
export async function regionRanking(em: EntityManager, parentCode: string, by: RegionRankingMeasure): Promise<IntegrityRegionRankingEntry[]> {
  const figures = await childRegionFigures(em, parentCode);
  const indicators = new Map((await em.find(RegionIndicator, { regionCode: { $in: figures.map((f) => f.regionCode) } })).map((i) => [i.regionCode, i]));
  const entries = figures.map((figure) => {
    const report = toRegionReport(figure);
    const found = indicators.get(figure.regionCode);
    const value = by === RegionRankingMeasure.MEAN_SCORE ? report.meanScore : (found ? measureOf(found, by) : null);
    return { report, value, indicators: found ? { year: found.year, commitmentCoverage: found.commitmentCoverage, publicationRate: found.publicationRate, pushCoverage: found.pushCoverage, trainingCoverage: found.trainingCoverage, refreshedAt: found.refreshedAt } : null };
  });
  // Best first; regions without a value last; ties by code.
  entries.sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.report.regionCode.localeCompare(b.report.regionCode));
  let rank = 0;
  return entries.map((entry, i) => {
    if (i === 0 || entry.value !== entries[i - 1]!.value) rank = i + 1;
    return { rank, ...entry };
  });
}

function measureOf(indicator: RegionIndicator, by: RegionRankingMeasure): number | null {
  switch (by) {
    case RegionRankingMeasure.COMMITMENT_COVERAGE:
      return indicator.commitmentCoverage;
    case RegionRankingMeasure.PUBLICATION_RATE:
      return indicator.publicationRate;
    case RegionRankingMeasure.PUSH_COVERAGE:
      return indicator.pushCoverage;
    case RegionRankingMeasure.TRAINING_COVERAGE:
      return indicator.trainingCoverage;
    default:
      return null;
  }
}
