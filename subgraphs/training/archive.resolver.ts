import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { ImportResult, MAX_IMPORT_ROWS, rejectOversizedImport, type SubgraphContext } from '../kit/index.js';
import { importAnnualAssessments, importIntegrityRecords } from './archive.repository.js';
import { AnnualAssessmentInput, IntegrityRecordInput } from './inputs.js';
import type { TrainingLoaders } from './loaders.js';

type Context = SubgraphContext<TrainingLoaders>;

/** The organization department keeps the archive; the answers are counts, never the archive itself. */
@Resolver()
export class ArchiveResolver {
  @Authorized('TRAINING')
  @Mutation(() => ImportResult, { description: `导入年度考核结果（组织部门），按人员与年度幂等，逐行报错，每次最多${MAX_IMPORT_ROWS}行 (import annual assessments; TRAINING; idempotent by official and year; per-row errors)` })
  importAnnualAssessments(@Arg('rows', () => [AnnualAssessmentInput]) rows: AnnualAssessmentInput[], @Ctx() { em, roster, caller }: Context): Promise<ImportResult> {
    rejectOversizedImport(rows, 'rows');
    return importAnnualAssessments(em, rows, { roster, caller });
  }

  @Authorized('TRAINING')
  @Mutation(() => ImportResult, { description: `导入诚信档案记录（组织部门），按人员、类别与文号幂等，逐行报错，每次最多${MAX_IMPORT_ROWS}行 (import integrity records; TRAINING; idempotent by official, kind and document number; per-row errors)` })
  importIntegrityRecords(@Arg('rows', () => [IntegrityRecordInput]) rows: IntegrityRecordInput[], @Ctx() { em, roster, caller }: Context): Promise<ImportResult> {
    rejectOversizedImport(rows, 'rows');
    return importIntegrityRecords(em, rows, { roster, caller });
  }
}
