import { raw } from '@mikro-orm/core';
import { DataLoader } from '../kit/dataloader.js';
import { chunked, groupLoader, partitionedPageLoader, rowLoader, type EntityManager, type PartitionedPageKey } from '../kit/index.js';
import { AnnualAssessment } from './entities/annual-assessment.js';
import { IntegrityRecord } from './entities/integrity-record.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import { TrainingPlan } from './entities/training-plan.js';
import { TrainingSession } from './entities/training-session.js';
import { unitFigures, unitYearKey, type UnitFigures, type UnitYear } from './reports/figures.js';

export interface OfficialYear {
  officialId: string;
  /** null: every year */
  year: number | null;
}

export interface AttendancePageKey extends PartitionedPageKey {
  sessionId: string;
}

export interface SessionCounts {
  attendees: number;
  passed: number;
}

/** The training subgraph's per-request loaders: each batch is one SQL statement. */
export function createLoaders(em: EntityManager) {
  return {
    session: rowLoader<string, TrainingSession>((ids) => em.find(TrainingSession, { id: { $in: [...ids] } }), (s) => s.id, { zh: '培训场次', en: 'training session' }),
    figures: new DataLoader<UnitYear, UnitFigures, string>(
      async (keys) => {
        const found = await unitFigures(em, keys);
        return keys.map((k) => found.get(unitYearKey(k))!);
      },
      { cacheKeyFn: unitYearKey },
    ),
    plan: new DataLoader<UnitYear, TrainingPlan | null, string>(
      async (keys) => {
        const plans = await em.find(TrainingPlan, { organizationUscc: { $in: [...new Set(keys.map((k) => k.uscc))] }, year: { $in: [...new Set(keys.map((k) => k.year))] } });
        const byKey = new Map(plans.map((p) => [unitYearKey({ uscc: p.organizationUscc, year: p.year }), p]));
        return keys.map((k) => byKey.get(unitYearKey(k)) ?? null);
      },
      { cacheKeyFn: unitYearKey },
    ),
    sessionCounts: new DataLoader<string, SessionCounts>(async (ids) => {
      const rows: Array<{ session_id: string; attendees: unknown; passed: unknown }> = await em
        .createQueryBuilder(TrainingAttendance, 'a')
        .select(['a.session_id', raw('count(*) as attendees'), raw('sum(case when a.passed then 1 else 0 end) as passed')])
        .where({ sessionId: { $in: [...ids] } })
        .groupBy('a.session_id')
        .execute('all', false);
      const byId = new Map(rows.map((r) => [r.session_id, { attendees: Number(r.attendees), passed: Number(r.passed) }]));
      return ids.map((id) => byId.get(id) ?? { attendees: 0, passed: 0 });
    }),
    attendancePages: partitionedPageLoader(em, TrainingAttendance, 'sessionId', (k: AttendancePageKey) => k.sessionId),
    records: recordsLoader(em),
    assessments: groupLoader<string, AnnualAssessment>((ids) => em.find(AnnualAssessment, { officialId: { $in: [...ids] } }, { orderBy: { year: 'desc' } }), (a) => a.officialId),
    integrityRecords: groupLoader<string, IntegrityRecord>((ids) => em.find(IntegrityRecord, { officialId: { $in: [...ids] } }, { orderBy: { date: 'desc', id: 'asc' } }), (r) => r.officialId),
  };
}

export type TrainingLoaders = ReturnType<typeof createLoaders>;

/** Attendance of many officials, for one year or all years: one statement per batch of officials. */
function recordsLoader(em: EntityManager): DataLoader<OfficialYear, TrainingAttendance[], string> {
  const keyOf = (k: OfficialYear) => `${k.officialId}|${k.year ?? '*'}`;
  return new DataLoader<OfficialYear, TrainingAttendance[], string>(
    async (keys) => {
      const years = new Set(keys.map((k) => k.year));
      const rows: TrainingAttendance[] = [];
      for (const ids of chunked([...new Set(keys.map((k) => k.officialId))])) {
        rows.push(...(await em.find(
          TrainingAttendance,
          years.has(null) ? { officialId: { $in: ids } } : { officialId: { $in: ids }, year: { $in: [...years] as number[] } },
          { orderBy: { year: 'desc', id: 'asc' } },
        )));
      }
      const byOfficial = new Map<string, TrainingAttendance[]>();
      for (const row of rows) {
        const list = byOfficial.get(row.officialId);
        if (list) list.push(row);
        else byOfficial.set(row.officialId, [row]);
      }
      return keys.map((k) => (byOfficial.get(k.officialId) ?? []).filter((r) => k.year === null || r.year === k.year));
    },
    { cacheKeyFn: keyOf },
  );
}
