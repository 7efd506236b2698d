import { raw } from '@mikro-orm/core';
import { chunked, today, type EntityManager } from '../../kit/index.js';
import { TrainingAttendance } from '../entities/training-attendance.js';
import { TrainingPlan } from '../entities/training-plan.js';
import { TrainingSession } from '../entities/training-session.js';

/** What this subgraph knows of one unit in one year; the registry adds its official count. */
export interface UnitFigures {
  uscc: string;
  year: number;
  /** null: the unit has no plan for the year. */
  plannedSessions: number | null;
  targetParticipants: number | null;
  /** Distinct held sessions the unit's officials attended (every topic). */
  sessionsHeld: number;
  /** Held sessions the unit itself organised. */
  sessionsOrganized: number;
  /** Sessions the unit organised that are still to come. */
  sessionsScheduled: number;
  /** Distinct officials of the unit at an integrity or credit-knowledge session. */
  officialsTrained: number;
  officialsPassed: number;
  /** Attendance records of the unit's officials, every topic. */
  participants: number;
  trainingHours: number;
}

export interface UnitYear {
  uscc: string;
  year: number;
}

export const unitYearKey = (k: UnitYear) => `${k.uscc}|${k.year}`;

function empty(key: UnitYear): UnitFigures {
  return { ...key, plannedSessions: null, targetParticipants: null, sessionsHeld: 0, sessionsOrganized: 0, sessionsScheduled: 0, officialsTrained: 0, officialsPassed: 0, participants: 0, trainingHours: 0 };
}

/**
 * Figures for many units and years in ONE statement per 900 units: attendance, sessions and
 * plans are each grouped by unit and year and joined with UNION ALL, every part carrying
 * the same five number columns (their meaning depends on `part`).
 */
export async function unitFigures(em: EntityManager, keys: readonly UnitYear[]): Promise<Map<string, UnitFigures>> {
  const found = new Map<string, UnitFigures>(keys.map((k) => [unitYearKey(k), empty(k)]));
  const years = [...new Set(keys.map((k) => k.year))];
  const on = today();
  for (const usccs of chunked([...new Set(keys.map((k) => k.uscc))])) {
    const attendance = em
      .createQueryBuilder(TrainingAttendance, 'a')
      .select([
        raw(`'A' as part`),
        'a.organization_uscc as uscc',
        'a.year as year',
        raw('count(distinct case when a.counts_for_coverage then a.official_id end) as n1'),
        raw('count(distinct case when a.counts_for_coverage and a.passed then a.official_id end) as n2'),
        raw('count(*) as n3'),
        raw('sum(a.hours) as n4'),
        raw('count(distinct a.session_id) as n5'),
      ])
      .where({ organizationUscc: { $in: usccs }, year: { $in: years } })
      .groupBy(['a.organization_uscc', 'a.year'])
      .getKnexQuery();
    const sessions = em
      .createQueryBuilder(TrainingSession, 's')
      .select([
        raw(`'S' as part`),
        's.organizing_unit_uscc as uscc',
        's.year as year',
        raw('sum(case when s.cancelled_at is null and s.date <= ? then 1 else 0 end) as n1', [on]),
        raw('sum(case when s.cancelled_at is null and s.date > ? then 1 else 0 end) as n2', [on]),
        raw('0 as n3'),
        raw('0 as n4'),
        raw('0 as n5'),
      ])
      .where({ organizingUnitUscc: { $in: usccs }, year: { $in: years } })
      .groupBy(['s.organizing_unit_uscc', 's.year'])
      .getKnexQuery();
    const plans = em
      .createQueryBuilder(TrainingPlan, 'p')
      .select([raw(`'P' as part`), 'p.organization_uscc as uscc', 'p.year as year', 'p.planned_sessions as n1', 'p.target_participants as n2', raw('0 as n3'), raw('0 as n4'), raw('0 as n5')])
      .where({ organizationUscc: { $in: usccs }, year: { $in: years } })
      .getKnexQuery();
    // Each grouped part becomes a derived table: knex would put a bare part's GROUP BY after the unions.
    const knex = em.getKnex();
    const union = knex.select('*').from(attendance.as('pa')).unionAll([knex.select('*').from(sessions.as('ps')), knex.select('*').from(plans.as('pp'))]);
    const rows: Array<{ part: string; uscc: string; year: number | string; n1: unknown; n2: unknown; n3: unknown; n4: unknown; n5: unknown }> = await em.execute(union);
    for (const row of rows) {
      const figures = found.get(unitYearKey({ uscc: row.uscc, year: Number(row.year) }));
      if (!figures) continue; // a unit asked for another year in the same batch
      if (row.part === 'A') {
        figures.officialsTrained = Number(row.n1);
        figures.officialsPassed = Number(row.n2);
        figures.participants = Number(row.n3);
        figures.trainingHours = Number(row.n4);
        figures.sessionsHeld = Number(row.n5);
      } else if (row.part === 'S') {
        figures.sessionsOrganized = Number(row.n1);
        figures.sessionsScheduled = Number(row.n2);
      } else {
        figures.plannedSessions = Number(row.n1);
        figures.targetParticipants = Number(row.n2);
      }
    }
  }
  return found;
}

/**
 * The distinct officials trained (and passed) in a year among the listed units: a region's
 * numerator, where one person counted in two units of the region counts once.
 */
export async function trainedOfficials(em: EntityManager, usccs: readonly string[], year: number): Promise<{ trained: Set<string>; passed: Set<string> }> {
  const trained = new Set<string>();
  const passed = new Set<string>();
  for (const part of chunked(usccs, 5_000)) {
    const rows: Array<{ official_id: string; passed: unknown }> = await em
      .createQueryBuilder(TrainingAttendance, 'a')
      .select(['a.official_id', raw('max(case when a.passed then 1 else 0 end) as passed')])
      .where({ organizationUscc: { $in: part }, year, countsForCoverage: true })
      .groupBy('a.official_id')
      .execute('all', false);
    for (const row of rows) {
      trained.add(row.official_id);
      if (Number(row.passed) === 1) passed.add(row.official_id);
    }
  }
  return { trained, passed };
}
