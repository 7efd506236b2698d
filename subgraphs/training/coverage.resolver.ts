import { Arg, Int, Query, Resolver } from 'type-graphql';
import { requireRegionCode, requireYear } from '../kit/index.js';
import { TrainingCoverageReport } from './coverage.js';
import { TRAINING_COVERAGE_TARGET } from './summary.js';

@Resolver(() => TrainingCoverageReport)
export class TrainingCoverageResolver {
  @Query(() => TrainingCoverageReport, { description: '区域（含下级）诚信教育培训覆盖率，公开；在职人数与单位取自机构编制子图 (training coverage of a region and its subregions; public; officials and organizations come from the registry through federation)' })
  trainingCoverage(@Arg('regionCode', () => String) regionCode: string, @Arg('year', () => Int) year: number): Partial<TrainingCoverageReport> {
    const code = requireRegionCode(regionCode);
    return { regionCode: code, year: requireYear(year), region: { code }, target: TRAINING_COVERAGE_TARGET };
  }
}
