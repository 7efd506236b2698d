import { officialPseudonym, tableRows, tableSeeder, type DemoRowOf, type Seeder, type TableRows } from '../kit/index.js';
import { AnnualAssessment } from './entities/annual-assessment.js';
import { countsForCoverage, type AssessmentResult, type CourseType, type IntegrityRecordKind, type TrainingForm, type TrainingTopic } from './entities/enums.js';
import { IntegrityRecord } from './entities/integrity-record.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import { TrainingPlan } from './entities/training-plan.js';
import { TrainingSession } from './entities/training-session.js';
import { requireTopics, topicList } from './training.rules.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');

/** The training's part of the demo world, as the seeder's caller hands it over. */
export interface TrainingSeedRows {
  plans: Array<DemoRowOf<TrainingPlan, 'id' | 'organizationUscc' | 'regionCode' | 'year' | 'plannedSessions' | 'targetParticipants' | 'notes'> & { topics: string[] }>;
  sessions: Array<DemoRowOf<TrainingSession,
    'id' | 'title' | 'organizingUnitUscc' | 'regionCode' | 'date' | 'year' | 'hours' | 'form' | 'courseType' | 'description' | 'cancelledAt' | 'cancelReason',
    'form' | 'courseType'> & { topics: string[] }>;
  attendance: Array<DemoRowOf<TrainingAttendance, 'id' | 'sessionId' | 'organizationUscc' | 'hours' | 'passed' | 'score'> & { idNumber: string }>;
  assessments: Array<DemoRowOf<AnnualAssessment, 'id' | 'year' | 'result' | 'organizationUscc' | 'source', 'result'> & { idNumber: string }>;
  records: Array<DemoRowOf<IntegrityRecord, 'id' | 'kind' | 'date' | 'description' | 'source' | 'reference' | 'organizationUscc', 'kind'> & { idNumber: string }>;
}

/** Seeds plans, sessions, attendance and archive from the rows it is handed (the demo, or the province city by city); ID numbers become pseudonyms here. */
export const seed: Seeder<TrainingSeedRows> = tableSeeder(trainingTables);

function trainingTables(demo: TrainingSeedRows): TableRows[] {
  const pseudonyms = new Map<string, string>();
  const pseudonym = (idNumber: string) => {
    let id = pseudonyms.get(idNumber);
    if (!id) pseudonyms.set(idNumber, (id = officialPseudonym(idNumber)));
    return id;
  };
  const topics = (list: string[]) => requireTopics(list as TrainingTopic[]);

  const sessions = demo.sessions.map(({ topics: list, form, courseType, ...rest }) => ({
    ...rest,
    form: form as TrainingForm,
    courseType: courseType as CourseType,
    topicList: topicList(topics(list)),
    countsForCoverage: countsForCoverage(list as TrainingTopic[]),
    createdAt: EPOCH,
    updatedAt: EPOCH,
  }));
  const plans = demo.plans.map((p) => ({ ...p, topics: topics(p.topics), createdAt: EPOCH, updatedAt: EPOCH }));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const attendance = demo.attendance.map(({ idNumber, ...rest }) => {
    const session = sessionById.get(rest.sessionId)!;
    return { ...rest, officialId: pseudonym(idNumber), year: session.year, countsForCoverage: session.countsForCoverage, createdAt: EPOCH, updatedAt: EPOCH };
  });
  const assessments = demo.assessments.map(({ idNumber, result, ...rest }) => ({ ...rest, officialId: pseudonym(idNumber), result: result as AssessmentResult, createdAt: EPOCH, updatedAt: EPOCH }));
  const records = demo.records.map(({ idNumber, kind, ...rest }) => ({ ...rest, officialId: pseudonym(idNumber), kind: kind as IntegrityRecordKind, createdAt: EPOCH, updatedAt: EPOCH }));
  return [
    tableRows(TrainingSession, 'training: sessions', sessions),
    tableRows(TrainingPlan, 'training: plans', plans),
    tableRows(TrainingAttendance, 'training: attendance', attendance),
    tableRows(AnnualAssessment, 'training: annual assessments', assessments),
    tableRows(IntegrityRecord, 'training: integrity records', records),
  ];
}
