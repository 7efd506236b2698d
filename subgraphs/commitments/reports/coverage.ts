import { COMMITMENT_TARGET_GROUP, CommitmentGroup, commitmentGroupOf, ratio, type EntityManager } from '../../kit/index.js';
import { LetterStatus } from '../entities/enums.js';
import { committedStatuses } from '../letter.repository.js';
import { coverageTarget, CoverageGroupFigures, CoverageReport, PUBLICATION_TARGET } from './types.js';

/** A computed report also keeps, per group, the sorted bodies without a letter. */
export type ComputedCoverage = CoverageReport & { missing: Map<CommitmentGroup, string[]> };

/** An organization that should commit: its code and the kind it is registered as. */
export interface EligibleOrganization {
  uscc: string;
  kind: string;
}

/**
 * The report for a region, given its non-classified organizations. The headline figures (and the
 * target) are over governments and their departments alone (kit CommitmentGroup: seed 000 §一(二));
 * every other group is counted the same way and reported in `groups`.
 */
export async function computeCoverage(em: EntityManager, regionCode: string, year: number, organizations: EligibleOrganization[]): Promise<ComputedCoverage> {
  const statuses = await committedStatuses(em, organizations.map((o) => o.uscc), year);
  const members = new Map<CommitmentGroup, string[]>(Object.values(CommitmentGroup).map((g) => [g, []]));
  for (const o of organizations) {
    const group = commitmentGroupOf(o.kind);
    if (group) members.get(group)!.push(o.uscc);
  }
  const target = coverageTarget(year);
  const missing = new Map<CommitmentGroup, string[]>();
  const groups = [...members].map(([group, usccs]): CoverageGroupFigures => {
    const committed = usccs.filter((u) => statuses.has(u)).length;
    const published = usccs.filter((u) => statuses.get(u) === LetterStatus.PUBLISHED).length;
    missing.set(group, usccs.filter((u) => !statuses.has(u)).sort());
    return {
      group,
      countsTowardTarget: group === COMMITMENT_TARGET_GROUP,
      eligibleOrganizations: usccs.length,
      committedOrganizations: committed,
      publishedOrganizations: published,
      coverageRate: ratio(committed, usccs.length, 0),
      publicationRate: ratio(published, committed, 0),
    };
  });
  const headline = groups.find((g) => g.countsTowardTarget)!;
  return {
    regionCode,
    year,
    region: { code: regionCode },
    eligibleOrganizations: headline.eligibleOrganizations,
    committedOrganizations: headline.committedOrganizations,
    publishedOrganizations: headline.publishedOrganizations,
    coverageRate: headline.coverageRate,
    publicationRate: headline.publicationRate,
    target,
    publicationTarget: PUBLICATION_TARGET,
    meetsTarget: headline.coverageRate >= target,
    // With nothing committed the publication rate is 0 (ratio's empty value above): the target is not met.
    meetsPublicationTarget: headline.publicationRate >= PUBLICATION_TARGET,
    groups,
    missing,
  };
}
