/**
 * Deterministic demo training data for the Heihe demo registry: annual plans, sessions run
 * by each city's and county's organization department, Party school, business-environment
 * bureau, justice bureau and discipline commission (plus some units' in-house sessions),
 * attendance of the registry's officials with coverage above 80 % in some units and below
 * in others, and the officials' integrity archive (2025 assessments, integrity records).
 */
import { buildDemoRegistry, mulberry32, type DemoOfficial, type DemoOrganization, type DemoRegistry, uuidFrom } from './heihe.js';

export type DemoTopic = 'INTEGRITY' | 'CREDIT_KNOWLEDGE' | 'LAW' | 'ETHICS';
export type DemoForm = 'LECTURE' | 'ONLINE' | 'SEMINAR' | 'EXAM';
export type DemoCourse = 'CIVIL_SERVANT' | 'LEADING_CADRE' | 'STAFF_BUSINESS' | 'STANDALONE';
export type DemoAssessmentResult = 'EXCELLENT' | 'COMPETENT' | 'BASICALLY_COMPETENT' | 'INCOMPETENT';
export type DemoRecordKind = 'COMMENDATION' | 'PERSONAL_MATTERS_REPORT' | 'CLEAN_GOVERNANCE' | 'VIOLATION_OF_LAW' | 'VIOLATION_OF_DISCIPLINE' | 'BREACH_OF_CONTRACT';

export interface DemoPlan {
  id: string;
  organizationUscc: string;
  regionCode: string;
  year: number;
  plannedSessions: number;
  targetParticipants: number;
  topics: DemoTopic[];
  notes: string | null;
}

export interface DemoSession {
  id: string;
  title: string;
  organizingUnitUscc: string;
  regionCode: string;
  date: string;
  year: number;
  hours: number;
  form: DemoForm;
  topics: DemoTopic[];
  courseType: DemoCourse;
  description: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

export interface DemoAttendance {
  id: string;
  sessionId: string;
  /** The official's ID number: the seed turns it into the pseudonym. */
  idNumber: string;
  organizationUscc: string;
  hours: number;
  passed: boolean;
  score: number | null;
}

export interface DemoAssessment {
  id: string;
  idNumber: string;
  year: number;
  result: DemoAssessmentResult;
  organizationUscc: string;
  source: string;
}

export interface DemoIntegrityRecord {
  id: string;
  idNumber: string;
  kind: DemoRecordKind;
  date: string;
  description: string;
  source: string;
  reference: string;
  organizationUscc: string | null;
}

export interface DemoTraining {
  plans: DemoPlan[];
  sessions: DemoSession[];
  attendance: DemoAttendance[];
  assessments: DemoAssessment[];
  records: DemoIntegrityRecord[];
}

/** Sessions dated up to this day were held and have attendance; later ones are still to come. */
export const TRAINING_DEMO_AS_OF = '2026-11-20';

/**
 * 2026 share of each jurisdiction's officials sent to an integrity or credit session; each
 * unit draws its own rate around it, so units fall on both sides of the 80 % target.
 */
export const DEMO_TRAINING_COVERAGE_2026: Record<string, number> = {
  '231100': 0.9, // 黑河市本级
  '231102': 0.92, // 爱辉区
  '231123': 0.86, // 逊克县
  '231124': 0.66, // 孙吴县: below the 80 % target
  '231181': 0.88, // 北安市
  '231182': 0.72, // 五大连池市: below
  '231183': 0.85, // 嫩江市
};
const COVERAGE_2025 = 0.82;

/** The bodies whose staff are civil servants or managed like them: they make plans and are assessed. */
const PLANNING_KINDS: ReadonlySet<string> = new Set([
  'PARTY_ORGAN', 'PEOPLES_CONGRESS', 'GOVERNMENT', 'GOVERNMENT_DEPARTMENT',
  'CPPCC', 'JUDICIAL_ORGAN', 'MASS_ORGANIZATION', 'PUBLIC_INSTITUTION',
  'TOWNSHIP', 'STREET_OFFICE',
]);

interface SessionTemplate {
  /** Which jurisdiction body runs it, by the end of its name. */
  organizer: '委组织部' | '委党校' | '营商环境建设监督局' | '司法局' | '纪律检查委员会' | '人力资源和社会保障局';
  title: string;
  topics: DemoTopic[];
  form: DemoForm;
  course: DemoCourse;
  hours: number;
}

const TEMPLATES: readonly SessionTemplate[] = [
  { organizer: '委组织部', title: '公务员诚信教育专题培训班', topics: ['INTEGRITY', 'ETHICS'], form: 'LECTURE', course: 'CIVIL_SERVANT', hours: 4 },
  { organizer: '委党校', title: '领导干部政务诚信建设专题进修班', topics: ['INTEGRITY', 'LAW'], form: 'SEMINAR', course: 'LEADING_CADRE', hours: 6 },
  { organizer: '营商环境建设监督局', title: '社会信用体系建设与信用知识讲座', topics: ['CREDIT_KNOWLEDGE'], form: 'LECTURE', course: 'STAFF_BUSINESS', hours: 3 },
  { organizer: '人力资源和社会保障局', title: '公务员信用知识网络专题课程', topics: ['CREDIT_KNOWLEDGE', 'INTEGRITY'], form: 'ONLINE', course: 'CIVIL_SERVANT', hours: 2.5 },
  { organizer: '委组织部', title: '守信践诺与"新官不理旧账"专项整治解读', topics: ['INTEGRITY', 'CREDIT_KNOWLEDGE'], form: 'LECTURE', course: 'CIVIL_SERVANT', hours: 3 },
  { organizer: '委党校', title: '诚信政府建设知识测试', topics: ['INTEGRITY', 'CREDIT_KNOWLEDGE'], form: 'EXAM', course: 'LEADING_CADRE', hours: 1.5 },
  { organizer: '司法局', title: '依法行政与行政执法规范专题培训', topics: ['LAW'], form: 'LECTURE', course: 'STANDALONE', hours: 3 },
  { organizer: '纪律检查委员会', title: '廉洁从政警示教育', topics: ['ETHICS'], form: 'SEMINAR', course: 'STANDALONE', hours: 2 },
];

/** Integrity sessions by month of the year: spring and autumn terms, as Party schools run them. */
const MONTHS_2026 = ['03', '04', '05', '06', '07', '09', '10', '11'];
const MONTHS_2025 = ['03', '04', '05', '06', '09', '10', '11', '12'];

const ASSESSMENT_SOURCE = '年度考核（组织人事部门）';
const RECORD_TEXTS: Record<DemoRecordKind, { description: string; source: string; prefix: string }> = {
  COMMENDATION: { description: '被评为年度优秀公务员，记三等功。', source: '市人力资源和社会保障局', prefix: '黑人社发' },
  PERSONAL_MATTERS_REPORT: { description: '按规定如实报告个人有关事项，经抽查核实一致。', source: '市委组织部', prefix: '黑组核' },
  CLEAN_GOVERNANCE: { description: '廉政档案年度审核，无不良记录。', source: '市纪委监委', prefix: '黑纪廉' },
  VIOLATION_OF_LAW: { description: '因违法行为受到行政处罚。', source: '市公安局', prefix: '黑公罚' },
  VIOLATION_OF_DISCIPLINE: { description: '违反工作纪律，受到诫勉谈话处理。', source: '市纪委监委', prefix: '黑纪诫' },
  BREACH_OF_CONTRACT: { description: '个人被列为失信被执行人，未按期履行生效判决。', source: '黑河市中级人民法院', prefix: '黑执失' },
};

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function dayIn(rand: () => number, year: number, month: string, lastDay = 28): string {
  return `${year}-${month}-${String(1 + Math.floor(rand() * lastDay)).padStart(2, '0')}`;
}

/** k distinct items of the list, in list order. */
function sample<T>(rand: () => number, list: readonly T[], k: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(k, list.length)) chosen.add(Math.floor(rand() * list.length));
  return [...chosen].sort((a, b) => a - b).map((i) => list[i]!);
}

const countsForCoverage = (s: DemoSession) => s.topics.includes('INTEGRITY') || s.topics.includes('CREDIT_KNOWLEDGE');

export interface DemoTrainingOptions {
  /** Years before 2026 with sessions, attendance and assessments (default 2025 alone). */
  closedYears?: readonly number[];
  /** Integrity records drawn, relative to the demo's 300 (default 1). */
  recordScale?: number;
}

export function buildDemoTraining(registry: DemoRegistry = buildDemoRegistry(), seed = 5_2026, options: DemoTrainingOptions = {}): DemoTraining {
  const rand = mulberry32(seed);
  const closedYears = options.closedYears ?? [2025];
  const recordScale = options.recordScale ?? 1;
  const plans: DemoPlan[] = [];
  const sessions: DemoSession[] = [];
  const attendance: DemoAttendance[] = [];
  const assessments: DemoAssessment[] = [];
  const records: DemoIntegrityRecord[] = [];

  const staff = new Map<string, DemoOfficial[]>();
  for (const official of registry.officials) {
    const list = staff.get(official.organizationUscc);
    if (list) list.push(official);
    else staff.set(official.organizationUscc, [official]);
  }
  const jurisdictions = [...new Set(registry.organizations.map((o) => o.regionCode))].sort();

  for (const year of [...closedYears, 2026]) {
    for (const regionCode of jurisdictions) {
      const units = registry.organizations.filter((o) => o.regionCode === regionCode);
      const organizerOf = (suffix: SessionTemplate['organizer']): DemoOrganization | undefined => units.find((o) => o.name.endsWith(suffix));

      // Jurisdiction-wide sessions: each template once or twice a year.
      const held: DemoSession[] = [];
      const months = year === 2026 ? MONTHS_2026 : MONTHS_2025;
      for (const template of TEMPLATES) {
        const organizer = organizerOf(template.organizer);
        if (!organizer) continue;
        const runs = countsForCoverage({ topics: template.topics } as DemoSession) ? 2 : 1;
        for (let run = 0; run < runs; run++) {
          const date = dayIn(rand, year, pick(rand, months));
          const session = newSession(rand, template, organizer, date, run);
          sessions.push(session);
          if (session.date <= TRAINING_DEMO_AS_OF) held.push(session);
        }
      }
      if (year === 2026) {
        // Still to come, and one called off: neither has attendance.
        const organizationDepartment = organizerOf('委组织部');
        if (organizationDepartment) {
          sessions.push(newSession(rand, TEMPLATES[0]!, organizationDepartment, dayIn(rand, 2026, '12', 20), 2));
          const cancelled = newSession(rand, TEMPLATES[4]!, organizationDepartment, dayIn(rand, 2026, '08'), 3);
          cancelled.cancelledAt = '2026-07-20';
          cancelled.cancelReason = '与防汛工作时间冲突，并入9月班次。';
          sessions.push(cancelled);
        }
      }

      const base = year === 2026 ? DEMO_TRAINING_COVERAGE_2026[regionCode] ?? 0.85 : COVERAGE_2025;
      const integrityHeld = held.filter(countsForCoverage);
      const otherHeld = held.filter((s) => !countsForCoverage(s));
      for (const unit of units) {
        const people = staff.get(unit.uscc) ?? [];
        // Some departments also train their own staff in-house.
        let inHouse: DemoSession | null = null;
        if (unit.kind === 'GOVERNMENT_DEPARTMENT' && rand() < 0.2) {
          inHouse = newSession(rand, { ...TEMPLATES[0]!, title: `${unit.name.replace(/^中共/, '')}诚信建设内部学习会`, course: 'STAFF_BUSINESS', form: 'SEMINAR', hours: 2 }, unit, dayIn(rand, year, pick(rand, months.slice(0, 6))), 0);
          sessions.push(inHouse);
        }
        const planned = PLANNING_KINDS.has(unit.kind) && rand() < (year === 2026 ? 0.9 : 0.95);
        if (planned) {
          // A plan counts the sessions the unit's staff are to take part in: 2–5, so some units fall short.
          plans.push({
            id: uuidFrom(rand),
            organizationUscc: unit.uscc,
            regionCode: unit.uscc.slice(2, 8),
            year,
            plannedSessions: 2 + Math.floor(rand() * 4),
            targetParticipants: Math.max(1, Math.round(people.length * (1 + rand()))),
            topics: inHouse ? ['INTEGRITY', 'CREDIT_KNOWLEDGE', 'ETHICS'] : ['INTEGRITY', 'CREDIT_KNOWLEDGE'],
            notes: null,
          });
        }
        if (integrityHeld.length === 0) continue;
        const unitRate = Math.min(1, Math.max(0.3, base + (rand() - 0.5) * 0.3));
        for (const official of people) {
          if (rand() < unitRate) {
            const options = inHouse && inHouse.date <= TRAINING_DEMO_AS_OF ? [...integrityHeld, inHouse] : integrityHeld;
            const count = year === 2026 ? 1 + Math.floor(rand() * 3) : 1;
            for (const session of sample(rand, options, count)) attendance.push(attend(rand, session, official));
          }
          if (otherHeld.length > 0 && rand() < 0.3) attendance.push(attend(rand, pick(rand, otherHeld), official));
        }
      }
    }
  }

  // The archive: each closed year's assessments of the planning kinds' staff, and a few hundred records.
  const assessed = registry.organizations.filter((o) => PLANNING_KINDS.has(o.kind));
  for (const year of closedYears) {
    for (const unit of assessed) {
      for (const official of staff.get(unit.uscc) ?? []) {
        const roll = rand();
        const result: DemoAssessmentResult = roll < 0.15 ? 'EXCELLENT' : roll < 0.95 ? 'COMPETENT' : roll < 0.99 ? 'BASICALLY_COMPETENT' : 'INCOMPETENT';
        assessments.push({ id: uuidFrom(rand), idNumber: official.idNumber, year, result, organizationUscc: unit.uscc, source: ASSESSMENT_SOURCE });
      }
    }
  }
  const kinds: Array<[DemoRecordKind, number]> = [['COMMENDATION', 150], ['PERSONAL_MATTERS_REPORT', 60], ['CLEAN_GOVERNANCE', 40], ['VIOLATION_OF_LAW', 10], ['VIOLATION_OF_DISCIPLINE', 25], ['BREACH_OF_CONTRACT', 15]];
  let sequence = 0;
  for (const [kind, count] of kinds) {
    const text = RECORD_TEXTS[kind];
    for (let n = 0; n < Math.round(count * recordScale); n++) {
      sequence++;
      const official = pick(rand, registry.officials);
      const year = rand() < 0.5 ? 2025 : 2026;
      records.push({
        id: uuidFrom(rand),
        idNumber: official.idNumber,
        kind,
        date: dayIn(rand, year, pick(rand, year === 2026 ? MONTHS_2026 : MONTHS_2025)),
        description: text.description,
        source: text.source,
        reference: `${text.prefix}〔${year}〕${sequence}号`,
        organizationUscc: official.organizationUscc,
      });
    }
  }
  return { plans, sessions, attendance, assessments, records };
}

function newSession(rand: () => number, template: SessionTemplate, organizer: DemoOrganization, date: string, run: number): DemoSession {
  const year = Number(date.slice(0, 4));
  const term = run === 0 ? '' : `（第${run + 1}期）`;
  return {
    id: uuidFrom(rand),
    title: `${year}年${template.title}${term}`,
    organizingUnitUscc: organizer.uscc,
    regionCode: organizer.uscc.slice(2, 8),
    date,
    year,
    hours: template.hours,
    form: template.form,
    topics: template.topics,
    courseType: template.course,
    description: `${organizer.name}主办。`,
    cancelledAt: null,
    cancelReason: null,
  };
}

function attend(rand: () => number, session: DemoSession, official: DemoOfficial): DemoAttendance {
  const exam = session.form === 'EXAM';
  const score = exam ? 50 + Math.floor(rand() * 51) : null;
  // A few leave early and are credited half the hours (rounded down to a half hour).
  const hours = rand() < 0.05 ? Math.max(0.5, Math.floor(session.hours) / 2) : session.hours;
  return {
    id: uuidFrom(rand),
    sessionId: session.id,
    idNumber: official.idNumber,
    organizationUscc: official.organizationUscc,
    hours,
    passed: exam ? score! >= 60 : rand() < 0.97,
    score,
  };
}
