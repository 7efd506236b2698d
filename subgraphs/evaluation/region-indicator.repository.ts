import type { EntityManager } from '../kit/index.js';
import { RegionIndicator } from './entities/region-indicator.js';
import { RegionFigure } from './entities/region-figure.js';
import type { SupergraphInputs } from './read-model.inputs.js';
import { regionScope } from './read-model.repository.js';

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

/** What a refresh did: the regions stored, and those whose reports failed, with the reason. */
export interface IndicatorRefresh {
  refreshed: string[];
  failed: Map<string, string>;
}

/** Counties (3) before cities (2) before provinces (1): the cheap reports first. */
function specificity(code: string): number {
  if (code.endsWith('0000')) return 1;
  return code.endsWith('00') ? 2 : 3;
}

const INDICATORS_OF_ONE_REGION =
  'query RegionIndicators($code: String!, $year: Int!) { ' +
  'c: commitmentCoverage(regionCode: $code, year: $year) { coverageRate publicationRate } ' +
  'p: pushCoverage(regionCode: $code) { rate listedBodies } ' +
  't: trainingCoverage(regionCode: $code, year: $year) { coverageRate } }';

/**
 * Asks the domains' own reports for the regions' indicators, through the supergraph, and keeps
 * them: the definitions stay where they are (commitments, court-debtors, training), this only
 * stores the answers so a ranking of regions can sort by them. One region per request, counties
 * first: at province scale a province's own reports can outlast the gateway's subgraph timeout
 * (measured 2026-11-30: commitmentCoverage and trainingCoverage of 230000 over 10 s), and such a
 * failure now costs that region alone instead of every region asked with it.
 */
export async function refreshIndicators(em: EntityManager, inputs: SupergraphInputs, regionCodes: Iterable<string>, year: number): Promise<IndicatorRefresh> {
  const result: IndicatorRefresh = { refreshed: [], failed: new Map() };
  const ordered = [...new Set(regionCodes)].sort((a, b) => specificity(b) - specificity(a) || a.localeCompare(b));
  for (const regionCode of ordered) {
    let data: Record<string, any>;
    try {
      data = await inputs.ask<Record<string, any>>(INDICATORS_OF_ONE_REGION, { code: regionCode, year });
    } catch (error) {
      result.failed.set(regionCode, String((error as Error).message ?? error).slice(0, 300));
      continue;
    }
    await em.fork().upsert(RegionIndicator, {
      regionCode,
      year,
      commitmentCoverage: data.c?.coverageRate ?? null,
      publicationRate: data.c?.publicationRate ?? null,
      // No listed body: nothing to push, so no rate to rank by.
      pushCoverage: data.p?.listedBodies ? data.p.rate : null,
      trainingCoverage: data.t?.coverageRate ?? null,
      refreshedAt: new Date().toISOString(),
    });
    result.refreshed.push(regionCode);
  }
  return result;
}

/** Every region that has assessed organizations (what a rebuild refreshes). */
export async function assessedRegions(em: EntityManager): Promise<string[]> {
  return (await em.fork().find(RegionFigure, { organizations: { $gt: 0 } }, { fields: ['regionCode'] })).map((f) => f.regionCode);
}
