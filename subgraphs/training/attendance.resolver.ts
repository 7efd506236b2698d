import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ImportResult, MAX_IMPORT_ROWS, rejectOversizedImport, type SubgraphContext } from '../kit/index.js';
import { Organization, PublicOfficial } from './entities/federated.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import { TrainingSession } from './entities/training-session.js';
import { TrainingAttendanceInput } from './inputs.js';
import type { TrainingLoaders } from './loaders.js';

type Context = SubgraphContext<TrainingLoaders>;

/** Attendance rows are only reachable through fields restricted to AUDITOR, ADMIN and TRAINING. */
@Resolver(() => TrainingAttendance)
export class AttendanceResolver {
  @FieldResolver(() => TrainingSession, { description: '培训场次 (session)' })
  session(@Root() attendance: TrainingAttendance, @Ctx() { loaders }: Context): Promise<TrainingSession> {
    return loaders.session.load(attendance.sessionId);
  }

  @FieldResolver(() => PublicOfficial, { description: '参训人（化名；姓名由机构编制子图按角色脱敏） (the official, by pseudonym; the registry masks the name by role)' })
  official(@Root() attendance: TrainingAttendance): PublicOfficial {
    return { id: attendance.officialId };
  }

  @FieldResolver(() => Organization, { description: '参训人当时所在单位 (the official\'s unit at the time)' })
  organization(@Root() attendance: TrainingAttendance): Organization {
    return { uscc: attendance.organizationUscc };
  }

  @Authorized('TRAINING')
  @Mutation(() => ImportResult, {
    description: `导入参训记录（组织部门）：身份号码只用于生成化名；按场次与人员幂等；逐行报错（身份号码校验位、未知场次等），每次最多${MAX_IMPORT_ROWS}行 (import attendance; TRAINING; ID numbers become pseudonyms; idempotent by session and official; per-row errors)`,
  })
  importTrainingAttendance(@Arg('rows', () => [TrainingAttendanceInput]) rows: TrainingAttendanceInput[], @Ctx() { em, roster, caller }: Context): Promise<ImportResult> {
    rejectOversizedImport(rows, 'rows');
    return em.getRepository(TrainingAttendance).importRows(rows, { roster, caller });
  }
}
