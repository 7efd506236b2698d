import { ratio, type EntityManager } from '../../kit/index.js';
import { LetterStatus } from '../entities/enums.js';
import { committedStatuses } from '../letter.repository.js';
import { coverageTarget, CoverageReport, PUBLICATION_TARGET } from './types.js';

/** A computed report also keeps the sorted list of eligible organizations without a letter. */
export type ComputedCoverage = CoverageReport & { missing: string[] };

/** The report for a region, given its eligible organizations. */
export async function computeCoverage(em: EntityManager, regionCode: string, year: number, eligible: string[]): Promise<ComputedCoverage> {
  const statuses = await committedStatuses(em, eligible, year);
  const committed = statuses.size;
  const published = [...statuses.values()].filter((s) => s === LetterStatus.PUBLISHED).length;
  const target = coverageTarget(year);
  const coverageRate = ratio(committed, eligible.length, 0);
  const publicationRate = ratio(published, committed, 0);
  return {
    regionCode,
    year,
    region: { code: regionCode },
    eligibleOrganizations: eligible.length,
    committedOrganizations: committed,
    publishedOrganizations: published,
    coverageRate,
    publicationRate,
    target,
    publicationTarget: PUBLICATION_TARGET,
    meetsTarget: coverageRate >= target,
    meetsPublicationTarget: committed > 0 && publicationRate >= PUBLICATION_TARGET,
    missing: eligible.filter((uscc) => !statuses.has(uscc)).sort(),
  };
}
