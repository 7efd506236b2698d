import { Arg, Args, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput, COMMITMENT_TARGET_GROUP, CommitmentGroup, mirroredOrganizations, PageArgs, readPageArgs, requireRegionCode, requireYear, toPage, type SubgraphContext } from '../kit/index.js';
import { CommitmentComplaintReport, CoverageReport, MissingOrganizationConnection } from './reports/types.js';
import type { Organization } from './entities/federated.js';
import { complaintReport } from './reports/complaint-report.js';
import { computeCoverage, type ComputedCoverage } from './reports/coverage.js';
import type { CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

@Resolver(() => CoverageReport)
export class CoverageResolver {
  @Query(() => CoverageReport, { description: '政务诚信承诺覆盖率（应承诺单位取自机构编制子图） (commitment coverage; eligible organizations come from the registry through federation)' })
  async commitmentCoverage(@Arg('regionCode', () => String) regionCode: string, @Arg('year', () => Int) year: number, @Ctx() { em }: Context): Promise<ComputedCoverage> {
    const code = requireRegionCode(regionCode);
    requireYear(year);
    return computeCoverage(em, code, year, await mirroredOrganizations(em, code, { unclassifiedOnly: true }));
  }

  @FieldResolver(() => MissingOrganizationConnection, { description: '尚未作出承诺的单位，默认为计入目标的各级政府及部门 (bodies without a signed or published letter; by default the governments and departments the target counts)' })
  missingOrganizations(
    @Root() report: ComputedCoverage,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('group', () => CommitmentGroup, { defaultValue: COMMITMENT_TARGET_GROUP, description: '承诺主体分组 (group)' }) group: CommitmentGroup,
  ) {
    const window = readPageArgs(page);
    const missing = report.missing.get(group) ?? [];
    const start = window.afterKey === undefined ? 0 : missing.findIndex((uscc) => uscc > String(window.afterKey));
    const rows: Organization[] = (start < 0 ? [] : missing.slice(start, start + window.first + 1)).map((uscc) => ({ uscc }));
    return toPage(rows, window, (o) => o.uscc, missing.length);
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
    return complaintReport(em, code, year, half);
  }
}
