import { buildSliceTraining, demoOrProvinceSeeder } from '../../scripts/demo-data/province.js';
import { buildDemoTraining, type DemoTopic, type DemoTraining } from '../../scripts/demo-data/training.js';
import { officialPseudonym, tableRows, type Seeder, type TableRows } from '../kit/index.js';
import { AnnualAssessment } from './entities/annual-assessment.js';
import { countsForCoverage, type AssessmentResult, type CourseType, type IntegrityRecordKind, type TrainingForm, type TrainingTopic } from './entities/enums.js';
import { IntegrityRecord } from './entities/integrity-record.js';
import { TrainingAttendance } from './entities/training-attendance.js';
import { TrainingPlan } from './entities/training-plan.js';
import { TrainingSession } from './entities/training-session.js';
import { requireTopics, topicList } from './training.rules.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');

/** Seeds plans, sessions, attendance and archive (the demo, or the province city by city); ID numbers become pseudonyms here. */
export const seed: Seeder = demoOrProvinceSeeder('training', { demo: () => buildDemoTraining(), slice: buildSliceTraining }, trainingTables);

function trainingTables(demo: DemoTraining): TableRows[] {
  const pseudonyms = new Map<string, string>();
  const pseudonym = (idNumber: string) => {
    let id = pseudonyms.get(idNumber);
    if (!id) pseudonyms.set(idNumber, (id = officialPseudonym(idNumber)));
    return id;
  };
  const topics = (list: DemoTopic[]) => requireTopics(list as TrainingTopic[]);

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
