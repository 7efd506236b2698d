import { Arg, Args, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput, isComplaintOverdue, mirroredOrganizations, PageArgs, ratio, readPageArgs, requireRegionCode, requireYear, today, toPage, type EntityManager, regionCodeRange, type SubgraphContext } from '../kit/index.js';
import { ChannelCount, CommitmentComplaintReport, coverageTarget, CoverageReport, MissingOrganizationConnection, PUBLICATION_TARGET } from './coverage.js';
import { CommitmentComplaint } from './entities/complaint.js';
import { ComplaintChannel, ComplaintStatus, LetterStatus } from './entities/enums.js';
import type { Organization } from './entities/federated.js';
import { committedStatuses } from './letter.repository.js';
import type { CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

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

@Resolver(() => CoverageReport)
export class CoverageResolver {
  @Query(() => CoverageReport, { description: '政务诚信承诺覆盖率（应承诺单位取自机构编制子图） (commitment coverage; eligible organizations come from the registry through federation)' })
  async commitmentCoverage(@Arg('regionCode', () => String) regionCode: string, @Arg('year', () => Int) year: number, @Ctx() { em }: Context): Promise<ComputedCoverage> {
    const code = requireRegionCode(regionCode);
    requireYear(year);
    const eligible = (await mirroredOrganizations(em, code, { unclassifiedOnly: true })).map((o) => o.uscc);
    return computeCoverage(em, code, year, eligible);
  }

  @FieldResolver(() => MissingOrganizationConnection, { description: '尚未作出承诺的应承诺单位 (eligible organizations without a signed or published letter)' })
  missingOrganizations(@Root() report: ComputedCoverage, @Args(() => PageArgs) page: PageArgs) {
    const window = readPageArgs(page);
    const start = window.afterKey === undefined ? 0 : report.missing.findIndex((uscc) => uscc > String(window.afterKey));
    const rows: Organization[] = (start < 0 ? [] : report.missing.slice(start, start + window.first + 1)).map((uscc) => ({ uscc }));
    return toPage(rows, window, (o) => o.uscc, report.missing.length);
  }

  @Query(() => CommitmentComplaintReport, { description: '投诉半年报：受理、办结、超期、分渠道 (half-year complaint report)' })
  async commitmentComplaintReport(
    @Arg('regionCode', () => String) regionCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('half', () => Int, { description: '1 或 2 (1: Jan–Jun, 2: Jul–Dec)' }) half: number,
    @Ctx() { em }: Context,
  ): Promise<CommitmentComplaintReport> {
    const code = requireRegionCode(regionCode);
    requireYear(year);
    if (half !== 1 && half !== 2) throw badInput('half 应为1或2 (half must be 1 or 2)', { field: 'half' });
    const from = `${year}-${half === 1 ? '01-01' : '07-01'}`;
    const to = `${year}-${half === 1 ? '06-30' : '12-31'}`;
    const complaints = await em.find(
      CommitmentComplaint,
      { regionCode: regionCodeRange(code), receivedAt: { $gte: from, $lte: to } },
      { fields: ['status', 'channel', 'dueDate', 'resolvedAt'] },
    );
    const on = today();
    const byChannel: ChannelCount[] = Object.values(ComplaintChannel).map((channel) => ({ channel, count: complaints.filter((c) => c.channel === channel).length }));
    return {
      regionCode: code,
      year,
      half,
      received: complaints.length,
      resolved: complaints.filter((c) => c.status === ComplaintStatus.RESOLVED).length,
      rejected: complaints.filter((c) => c.status === ComplaintStatus.REJECTED).length,
      open: complaints.filter((c) => c.status !== ComplaintStatus.RESOLVED && c.status !== ComplaintStatus.REJECTED).length,
      overdue: complaints.filter((c) => isComplaintOverdue(c.dueDate, c.resolvedAt, on)).length,
      byChannel,
    };
  }
}
