import { randomUUID } from 'node:crypto';
import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import { errors, recordChanges, requireDate, requireRegionCode, requireText, requireUsccShape, requireYear, today, usccRegionCode, regionCodeRange, type EntityManager, type PageWindow } from '../kit/index.js';
import { countsForCoverage } from './entities/enums.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import { TrainingSession } from './entities/training-session.js';
import type { TrainingSessionFilter, TrainingSessionInput } from './inputs.js';
import { requireHours, requireTopics, topicList } from './training.rules.js';

/** Sessions: created and edited by the organization department, cancelled only while nobody attended. */
export class SessionRepository extends EntityRepository<TrainingSession> {
  async findPage(filter: TrainingSessionFilter | null | undefined, window: PageWindow): Promise<{ rows: TrainingSession[]; total: number }> {
    const where: FilterQuery<TrainingSession>[] = [];
    if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
    if (filter?.organizingUnitUscc) where.push({ organizingUnitUscc: requireUsccShape(filter.organizingUnitUscc, 'filter.organizingUnitUscc') });
    if (filter?.year != null) where.push({ year: requireYear(filter.year, 'filter.year') });
    if (filter?.topic) where.push({ topicList: { $like: `%${filter.topic}%` } });
    if (filter?.courseType) where.push({ courseType: filter.courseType });
    if (filter?.countsForCoverage != null) where.push({ countsForCoverage: filter.countsForCoverage });
    const all: FilterQuery<TrainingSession> = { $and: where };
    const page: FilterQuery<TrainingSession> = window.afterKey === undefined ? all : { $and: [...where, { id: { $gt: String(window.afterKey) } }] };
    const rows = await this.find(page, { orderBy: { id: 'asc' }, limit: window.first + 1 });
    return { rows, total: await this.count(all) };
  }

  async getOrFail(id: string): Promise<TrainingSession> {
    const session = await this.findOne({ id });
    if (!session) throw errors.notFound(`未找到培训场次 ${id}`, `no training session ${id}`);
    return session;
  }

  async createSession(input: TrainingSessionInput): Promise<TrainingSession> {
    const session = this.em.create(TrainingSession, { id: randomUUID(), ...checkedSession(input) });
    await this.em.flush();
    return session;
  }

  /**
   * Edits a session. Attendance already recorded keeps it honest: the session cannot move
   * into the future or shrink below hours someone was credited with, and its year and
   * coverage flag are copied onto the attendance rows in the same transaction.
   */
  async updateSession(session: TrainingSession, input: TrainingSessionInput): Promise<TrainingSession> {
    if (session.cancelledAt) throw errors.conflict('已取消的培训场次不能修改', 'a cancelled session cannot be edited');
    const fields = checkedSession(input);
    const attended = await this.em.count(TrainingAttendance, { sessionId: session.id });
    if (attended > 0 && fields.date > today()) {
      throw errors.conflict('已有参训记录的场次不能改到今天之后', 'a session with attendance cannot be moved after today');
    }
    if (attended > 0 && (await this.em.count(TrainingAttendance, { sessionId: session.id, hours: { $gt: fields.hours } })) > 0) {
      throw errors.conflict('已有参训记录的学时超过新的场次学时', 'recorded attendance has more hours than the new session hours');
    }
    await this.em.transactional(async (tx) => {
      tx.assign(session, fields);
      if (attended > 0) {
        await tx.nativeUpdate(TrainingAttendance, { sessionId: session.id }, { year: fields.year, countsForCoverage: fields.countsForCoverage });
        // The attendees' units' coverage moves with the session: their feed entry, in the same transaction.
        const rows: Array<{ id: string; organizationUscc: string; officialId: string }> = await tx.find(TrainingAttendance, { sessionId: session.id }, { fields: ['id', 'organizationUscc', 'officialId'], disableIdentityMap: true });
        await recordChanges(tx as EntityManager, [{ entity: 'TrainingAttendance', operation: 'update', ids: rows.map((r) => r.id), organizations: rows.map((r) => r.organizationUscc), officials: rows.map((r) => r.officialId) }]);
      }
    });
    return session;
  }

  async cancelSession(session: TrainingSession, reason: string): Promise<TrainingSession> {
    if (session.cancelledAt) throw errors.conflict('培训场次已取消', 'the session is already cancelled');
    if ((await this.em.count(TrainingAttendance, { sessionId: session.id })) > 0) {
      throw errors.conflict('已有参训记录的场次不能取消', 'a session with attendance cannot be cancelled');
    }
    session.cancelReason = requireText(reason, 'reason', 500);
    session.cancelledAt = today();
    await this.em.flush();
    return session;
  }
}

function checkedSession(input: TrainingSessionInput) {
  const organizingUnitUscc = requireUsccShape(input.organizingUnitUscc, 'organizingUnitUscc');
  const date = requireDate(input.date, 'date');
  const topics = requireTopics(input.topics);
  return {
    title: requireText(input.title, 'title', 200),
    organizingUnitUscc,
    regionCode: usccRegionCode(organizingUnitUscc),
    date,
    year: requireYear(Number(date.slice(0, 4)), 'date'),
    hours: requireHours(input.hours),
    form: input.form,
    topicList: topicList(topics),
    countsForCoverage: countsForCoverage(topics),
    courseType: input.courseType,
    description: input.description?.trim() || null,
  };
}
