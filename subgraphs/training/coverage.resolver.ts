import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { mirroredOrganizations, requireRegionCode, requireYear, type SubgraphContext } from '../kit/index.js';
import { computeTrainingCoverage, TrainingCoverageReport } from './reports/coverage.js';
import type { TrainingLoaders } from './loaders.js';

@Resolver(() => TrainingCoverageReport)
export class TrainingCoverageResolver {
  @Query(() => TrainingCoverageReport, { description: '区域（含下级）诚信教育培训覆盖率，公开；在职人数与单位取自机构编制子图 (training coverage of a region and its subregions; public; officials and organizations come from the registry through federation)' })
  async trainingCoverage(@Arg('regionCode', () => String) regionCode: string, @Arg('year', () => Int) year: number, @Ctx() { em }: SubgraphContext<TrainingLoaders>): Promise<TrainingCoverageReport> {
    const code = requireRegionCode(regionCode);
    requireYear(year);
    // A well-formed code the registry does not know is a region with no organizations and no officials.
    const organizations = await mirroredOrganizations(em, code);
    return computeTrainingCoverage(em, code, year, { officialCount: organizations.reduce((sum, o) => sum + o.officialCount, 0), organizationUsccs: organizations.map((o) => o.uscc) });
  }
}
