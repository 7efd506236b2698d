import { randomUUID } from 'node:crypto';
import { EntityRepository } from '@mikro-orm/knex';
import { badInput, checkRows, chunked, CreditError, ImportResult, loadExisting, writeRows, keepRegisteredOfficials, officialIdFrom, today, type Caller, type OfficialRoster } from '../kit/index.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import { TrainingSession } from './entities/training-session.js';
import { sameRowAs } from './training.rows.js';
import type { TrainingAttendanceInput } from './inputs.js';
import { requireHours, requireScore, unitUscc } from './training.rules.js';

const attendanceKey = (a: { sessionId: string; officialId: string }) => `${a.sessionId}|${a.officialId}`;

/**
 * Attendance imports: each row's ID number becomes the official's pseudonym at once (it is
 * never stored, and never repeated in an error); rows are idempotent by session and official.
 * The row's unit USCC is the official's unit at the time, for which coverage counts.
 */
export class AttendanceRepository extends EntityRepository<TrainingAttendance> {
  async importRows(rows: TrainingAttendanceInput[], context: { roster: OfficialRoster; caller: Caller }): Promise<ImportResult> {
    const result = new ImportResult();
    const sessions = new Map<string, TrainingSession>();
    for (const ids of chunked([...new Set(rows.map((r) => r.sessionId.trim()))])) {
      for (const session of await this.em.find(TrainingSession, { id: { $in: ids } })) sessions.set(session.id, session);
    }
    const on = today();
    const checked = checkRows(rows, result, (row, n) => {
      const officialId = officialIdFrom(row.idNumber);
      const session = sessions.get(row.sessionId.trim());
      if (!session) throw new CreditError('NOT_FOUND', `未找到培训场次 ${row.sessionId.slice(0, 40)}`, `no training session ${row.sessionId.slice(0, 40)}`, { field: 'sessionId' });
      if (session.cancelledAt) throw new CreditError('CONFLICT', '培训场次已取消，不能登记参训', 'the session was cancelled: no attendance', { field: 'sessionId' });
      if (session.date > on) throw new CreditError('CONFLICT', `培训场次定于${session.date}，尚未举办`, `the session is on ${session.date}: not held yet`, { field: 'sessionId' });
      const hours = row.hours == null ? session.hours : requireHours(row.hours);
      if (hours > session.hours) throw badInput(`hours 不能超过场次学时${session.hours} (hours cannot exceed the session's ${session.hours})`, { field: 'hours', rule: 'HOURS' });
      return {
        sessionId: session.id,
        officialId,
        organizationUscc: unitUscc(row.organizationUscc, 'organizationUscc', n, result),
        year: session.year,
        countsForCoverage: session.countsForCoverage,
        hours,
        passed: row.passed,
        score: row.score == null ? null : requireScore(row.score),
      };
    }, sameRowAs(attendanceKey));
    // The attendee must be registered in the unit the row names (no ID-number oracle).
    const valid = await keepRegisteredOfficials(checked, ({ data }) => ({ officialId: data.officialId, unitUscc: data.organizationUscc, field: 'idNumber' }), context, result);
    const officials = chunked([...new Set(valid.map((v) => v.data.officialId))], 400);
    const existing = await loadExisting(valid.map((v) => v.data.sessionId), async (ids) => {
      const found: TrainingAttendance[] = [];
      for (const part of officials) found.push(...(await this.em.find(TrainingAttendance, { sessionId: { $in: ids }, officialId: { $in: part } })));
      return found;
    }, attendanceKey, 400);
    writeRows(this.em, result, valid, existing, { keyOf: attendanceKey, create: (data) => this.em.create(TrainingAttendance, { id: randomUUID(), ...data }) });
    await this.em.flush();
    return result;
  }
}
