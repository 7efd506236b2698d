import { registerEnumType } from 'type-graphql';

/** 培训形式 (form of a session). */
export enum TrainingForm {
  LECTURE = 'LECTURE',
  ONLINE = 'ONLINE',
  SEMINAR = 'SEMINAR',
  EXAM = 'EXAM',
}
registerEnumType(TrainingForm, {
  name: 'TrainingForm',
  description: '培训形式 (form of a training session)',
  valuesConfig: {
    LECTURE: { description: '专题讲座、集中授课 (lecture)' },
    ONLINE: { description: '网络培训 (online course)' },
    SEMINAR: { description: '研讨、交流 (seminar)' },
    EXAM: { description: '知识测试、考试 (exam)' },
  },
});

/** 培训内容 (seed 003 §二(一)1, seed 004 §四(六): 诚信、守法和道德教育, 信用知识). */
export enum TrainingTopic {
  INTEGRITY = 'INTEGRITY',
  CREDIT_KNOWLEDGE = 'CREDIT_KNOWLEDGE',
  LAW = 'LAW',
  ETHICS = 'ETHICS',
}
registerEnumType(TrainingTopic, {
  name: 'TrainingTopic',
  description: '培训内容 (topic of a training session)',
  valuesConfig: {
    INTEGRITY: { description: '诚信教育 (integrity)' },
    CREDIT_KNOWLEDGE: { description: '信用知识 (credit knowledge)' },
    LAW: { description: '法律法规、依法行政 (law)' },
    ETHICS: { description: '职业道德、廉洁从政 (ethics)' },
  },
});

/** The topics that make a session count for training coverage (诚信教育培训). */
export const COVERAGE_TOPICS: readonly TrainingTopic[] = [TrainingTopic.INTEGRITY, TrainingTopic.CREDIT_KNOWLEDGE];

export function countsForCoverage(topics: readonly TrainingTopic[]): boolean {
  return topics.some((topic) => COVERAGE_TOPICS.includes(topic));
}

/** 所属培训体系 (seed 001 task 4: 纳入公务员培训和领导干部进修课程; seed 004: 公务人员业务培训). */
export enum CourseType {
  CIVIL_SERVANT = 'CIVIL_SERVANT',
  LEADING_CADRE = 'LEADING_CADRE',
  STAFF_BUSINESS = 'STAFF_BUSINESS',
  STANDALONE = 'STANDALONE',
}
registerEnumType(CourseType, {
  name: 'TrainingCourseType',
  description: '所属培训体系 (the course a session belongs to)',
  valuesConfig: {
    CIVIL_SERVANT: { description: '公务员培训 (civil-servant training)' },
    LEADING_CADRE: { description: '领导干部进修 (leadership course)' },
    STAFF_BUSINESS: { description: '公务人员业务培训 (staff business training)' },
    STANDALONE: { description: '专题培训，不属于上述课程 (stand-alone session)' },
  },
});

/** Derived from the date and cancellation; never stored. */
export enum SessionStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SessionStatus, {
  name: 'TrainingSessionStatus',
  description: '培训场次状态 (status of a session)',
  valuesConfig: {
    SCHEDULED: { description: '待举办：日期在今天之后 (scheduled: dated after today)' },
    HELD: { description: '已举办 (held: dated today or earlier)' },
    CANCELLED: { description: '已取消 (cancelled)' },
  },
});

/** 年度考核结果 (公务员法 第三十六条: 优秀、称职、基本称职和不称职). */
export enum AssessmentResult {
  EXCELLENT = 'EXCELLENT',
  COMPETENT = 'COMPETENT',
  BASICALLY_COMPETENT = 'BASICALLY_COMPETENT',
  INCOMPETENT = 'INCOMPETENT',
}
registerEnumType(AssessmentResult, {
  name: 'AnnualAssessmentResult',
  description: '年度考核结果 (annual assessment result)',
  valuesConfig: {
    EXCELLENT: { description: '优秀 (excellent)' },
    COMPETENT: { description: '称职 (competent)' },
    BASICALLY_COMPETENT: { description: '基本称职 (basically competent)' },
    INCOMPETENT: { description: '不称职 (incompetent)' },
  },
});

/** 诚信档案记录类别 (seed 004 §四(六): 个人事项报告、廉政记录、年度考核结果、违法违纪违约行为). */
export enum IntegrityRecordKind {
  COMMENDATION = 'COMMENDATION',
  PERSONAL_MATTERS_REPORT = 'PERSONAL_MATTERS_REPORT',
  CLEAN_GOVERNANCE = 'CLEAN_GOVERNANCE',
  VIOLATION_OF_LAW = 'VIOLATION_OF_LAW',
  VIOLATION_OF_DISCIPLINE = 'VIOLATION_OF_DISCIPLINE',
  BREACH_OF_CONTRACT = 'BREACH_OF_CONTRACT',
}
registerEnumType(IntegrityRecordKind, {
  name: 'IntegrityRecordKind',
  description: '诚信档案记录类别 (kind of integrity archive record)',
  valuesConfig: {
    COMMENDATION: { description: '表彰奖励、守信记录 (commendation)' },
    PERSONAL_MATTERS_REPORT: { description: '个人有关事项报告 (personal matters report)' },
    CLEAN_GOVERNANCE: { description: '廉政记录 (clean-governance record)' },
    VIOLATION_OF_LAW: { description: '违法行为 (violation of law)' },
    VIOLATION_OF_DISCIPLINE: { description: '违纪行为 (violation of discipline)' },
    BREACH_OF_CONTRACT: { description: '违约失信行为 (breach of contract or promise)' },
  },
});

export const VIOLATION_KINDS: readonly IntegrityRecordKind[] = [
  IntegrityRecordKind.VIOLATION_OF_LAW,
  IntegrityRecordKind.VIOLATION_OF_DISCIPLINE,
  IntegrityRecordKind.BREACH_OF_CONTRACT,
];
