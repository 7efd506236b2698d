import { chunked, type EntityManager } from '../kit/index.js';
import { RegionIndicator } from './entities/region-indicator.js';
import { RegionFigure } from './entities/region-figure.js';
import type { SupergraphInputs } from './read-model.inputs.js';
import { regionScope } from './read-model.repository.js';

/** Regions asked at once (three report fields each). */
const REGIONS_PER_QUERY = 10;

/** The regions whose indicators a feed entry naming these regions may move: each, its city, its province. */
export function affectedRegions(codes: Iterable<string>): Set<string> {
  const affected = new Set<string>();
  for (const code of codes) {
    if (!/^\d{6}$/.test(code)) continue;
    const scope = regionScope(code);
    for (const c of [scope.regionCode, scope.cityCode, scope.provinceCode]) affected.add(c);
  }
  return affected;
}

/**
 * Asks the domains' own reports for the regions' indicators, through the supergraph, and keeps
 * them: the definitions stay where they are (commitments, court-debtors, training), this only
 * stores the answers so a ranking of regions can sort by them.
 */
export async function refreshIndicators(em: EntityManager, inputs: SupergraphInputs, regionCodes: Iterable<string>, year: number): Promise<number> {
  let refreshed = 0;
  for (const part of chunked([...regionCodes].sort(), REGIONS_PER_QUERY)) {
    const fields = part.map((code, i) => `c${i}: commitmentCoverage(regionCode: "${code}", year: ${year}) { coverageRate publicationRate } p${i}: pushCoverage(regionCode: "${code}") { rate listedBodies } t${i}: trainingCoverage(regionCode: "${code}", year: ${year}) { coverageRate }`);
    const data = await inputs.ask<Record<string, any>>(`query RegionIndicators { ${fields.join(' ')} }`, {});
    const now = new Date().toISOString();
    const rows = part.map((regionCode, i) => ({
      regionCode,
      year,
      commitmentCoverage: data[`c${i}`]?.coverageRate ?? null,
      publicationRate: data[`c${i}`]?.publicationRate ?? null,
      // No listed body: nothing to push, so no rate to rank by.
      pushCoverage: data[`p${i}`]?.listedBodies ? data[`p${i}`].rate : null,
      trainingCoverage: data[`t${i}`]?.coverageRate ?? null,
      refreshedAt: now,
    }));
    const fork = em.fork();
    for (const row of rows) await fork.upsert(RegionIndicator, row);
    refreshed += rows.length;
  }
  return refreshed;
}

/** Every region that has assessed organizations (what a rebuild refreshes). */
export async function assessedRegions(em: EntityManager): Promise<string[]> {
  return (await em.fork().find(RegionFigure, { organizations: { $gt: 0 } }, { fields: ['regionCode'] })).map((f) => f.regionCode);
}
