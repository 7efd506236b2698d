import { Arg, Authorized, Ctx, Directive, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import { PERSONAL, requireYear, type SubgraphContext } from '../kit/index.js';
import { IntegrityArchive } from './reports/archive.js';
import { VIOLATION_KINDS } from './entities/enums.js';
import { PublicOfficial } from './entities/federated.js';
import { IntegrityRecord } from './entities/integrity-record.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import type { TrainingLoaders } from './loaders.js';
import { ATTENDANCE_READERS } from './session.resolver.js';

type Context = SubgraphContext<TrainingLoaders>;

/**
 * What an official did in training and what the archive holds. Attendance is tied to a
 * person here, so neither PUBLIC nor other contributing systems may read it (a masked name
 * would not help: the pseudonym still identifies the person).
 */
@Resolver(() => PublicOfficial)
export class OfficialTrainingResolver {
  @Authorized(...ATTENDANCE_READERS)
  @FieldResolver(() => [TrainingAttendance], { nullable: true, description: '参训记录，不填年度为全部；仅审计、管理与组织部门可见 (attendance, every year when omitted; AUDITOR, ADMIN and TRAINING only)' })
  trainingRecords(@Root() official: PublicOfficial, @Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() { loaders }: Context): Promise<TrainingAttendance[]> {
    return loaders.records.load({ officialId: official.id, year: year == null ? null : requireYear(year) });
  }

  @Authorized(...ATTENDANCE_READERS)
  @FieldResolver(() => Float, { nullable: true, description: '获得学时合计，不填年度为全部；仅审计、管理与组织部门可见 (hours attended, every year when omitted; AUDITOR, ADMIN and TRAINING only)' })
  async trainingHours(@Root() official: PublicOfficial, @Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() { loaders }: Context): Promise<number> {
    const records = await loaders.records.load({ officialId: official.id, year: year == null ? null : requireYear(year) });
    return records.reduce((sum, r) => sum + r.hours, 0);
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Directive(PERSONAL)
  @FieldResolver(() => IntegrityArchive, { nullable: true, description: '诚信档案；仅审计与管理角色可见，每次读取记入审计日志 (integrity archive: AUDITOR and ADMIN only, every read audited)' })
  async integrityArchive(@Root() official: PublicOfficial, @Ctx() { loaders }: Context): Promise<IntegrityArchive> {
    const [assessments, records] = await Promise.all([loaders.assessments.load(official.id), loaders.integrityRecords.load(official.id)]);
    return {
      assessments,
      latestResult: assessments[0]?.result ?? null,
      records,
      violationCount: records.filter((r) => VIOLATION_KINDS.includes(r.kind)).length,
    };
  }
}

@Resolver(() => IntegrityRecord)
export class IntegrityRecordResolver {
  @FieldResolver(() => Boolean, { description: '是否为违法、违纪、违约记录 (a violation of law, discipline or contract)' })
  violation(@Root() record: IntegrityRecord): boolean {
    return VIOLATION_KINDS.includes(record.kind);
  }
}
