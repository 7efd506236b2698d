import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionType, loadOrNull, PageArgs, readPageArgs, today, toPage, type SubgraphContext } from '../kit/index.js';
import { SessionStatus, TrainingTopic } from './entities/enums.js';
import { Organization } from './entities/federated.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import { TrainingSession } from './entities/training-session.js';
import { TrainingSessionFilter, TrainingSessionInput } from './inputs.js';
import type { TrainingLoaders } from './loaders.js';
import { topicsOf } from './training.rules.js';

type Context = SubgraphContext<TrainingLoaders>;

const TrainingSessionConnection = connectionType(TrainingSession, 'TrainingSession', '培训场次');
export const TrainingAttendanceConnection = connectionType(TrainingAttendance, 'TrainingAttendance', '参训记录');

/** Who may see attendance tied to a person: never PUBLIC, nor another domain's system. */
export const ATTENDANCE_READERS = ['AUDITOR', 'ADMIN', 'TRAINING'] as const;

@Resolver(() => TrainingSession)
export class SessionResolver {
  @Query(() => TrainingSession, { nullable: true, description: '培训场次；未知时为 null (a session; null when unknown)' })
  trainingSession(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<TrainingSession | null> {
    return loadOrNull(loaders.session, id);
  }

  @Query(() => TrainingSessionConnection, { description: '培训场次列表，公开 (sessions; public)' })
  async trainingSessions(
    @Arg('filter', () => TrainingSessionFilter, { nullable: true }) filter: TrainingSessionFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(TrainingSession).findPage(filter, window);
    return toPage(rows, window, (s) => s.id, total);
  }

  @FieldResolver(() => Organization, { description: '主办单位 (organizing unit)' })
  organizingUnit(@Root() session: TrainingSession): Organization {
    return { uscc: session.organizingUnitUscc };
  }

  @FieldResolver(() => [TrainingTopic], { description: '培训内容 (topics)' })
  topics(@Root() session: TrainingSession): TrainingTopic[] {
    return topicsOf(session.topicList);
  }

  @FieldResolver(() => SessionStatus, { description: '状态 (status)' })
  status(@Root() session: TrainingSession): SessionStatus {
    if (session.cancelledAt) return SessionStatus.CANCELLED;
    return session.date <= today() ? SessionStatus.HELD : SessionStatus.SCHEDULED;
  }

  @FieldResolver(() => Int, { description: '参训人次 (attendances recorded)' })
  async attendeeCount(@Root() session: TrainingSession, @Ctx() { loaders }: Context): Promise<number> {
    return (await loaders.sessionCounts.load(session.id)).attendees;
  }

  @FieldResolver(() => Int, { description: '合格人次 (attendances passed)' })
  async passedCount(@Root() session: TrainingSession, @Ctx() { loaders }: Context): Promise<number> {
    return (await loaders.sessionCounts.load(session.id)).passed;
  }

  @Authorized(...ATTENDANCE_READERS)
  @FieldResolver(() => TrainingAttendanceConnection, { nullable: true, description: '参训记录；仅审计、管理与组织部门可见 (attendance: AUDITOR, ADMIN and TRAINING only)' })
  async attendance(@Root() session: TrainingSession, @Args(() => PageArgs) page: PageArgs, @Ctx() { loaders }: Context) {
    const window = readPageArgs(page);
    const afterId = window.afterKey === undefined ? null : String(window.afterKey);
    const [rows, counts] = await Promise.all([
      loaders.attendancePages.load({ sessionId: session.id, limit: window.first + 1, afterId }),
      loaders.sessionCounts.load(session.id),
    ]);
    return toPage(rows, window, (a) => a.id, counts.attendees);
  }

  @Authorized('TRAINING')
  @Mutation(() => TrainingSession, { description: '新建培训场次（组织部门） (create a session; TRAINING)' })
  createTrainingSession(@Arg('input', () => TrainingSessionInput) input: TrainingSessionInput, @Ctx() { em }: Context): Promise<TrainingSession> {
    return em.getRepository(TrainingSession).createSession(input);
  }

  @Authorized('TRAINING')
  @Mutation(() => TrainingSession, { description: '修改培训场次；已有参训记录时不能改到今天之后或减少到低于已登记学时 (edit a session; with attendance it cannot move after today or below credited hours)' })
  async updateTrainingSession(@Arg('id', () => ID) id: string, @Arg('input', () => TrainingSessionInput) input: TrainingSessionInput, @Ctx() { em }: Context): Promise<TrainingSession> {
    const sessions = em.getRepository(TrainingSession);
    return sessions.updateSession(await sessions.getOrFail(id), input);
  }

  @Authorized('TRAINING')
  @Mutation(() => TrainingSession, { description: '取消培训场次，须说明理由；已有参训记录的不能取消 (cancel a session, with a reason; not once attendance is recorded)' })
  async cancelTrainingSession(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() { em }: Context): Promise<TrainingSession> {
    const sessions = em.getRepository(TrainingSession);
    return sessions.cancelSession(await sessions.getOrFail(id), reason);
  }
}
