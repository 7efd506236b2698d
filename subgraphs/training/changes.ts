import type { ChangeFeedDeclaration } from '../kit/index.js';
import type { AnnualAssessment } from './entities/annual-assessment.js';
import type { IntegrityRecord } from './entities/integrity-record.js';
import type { TrainingAttendance } from './entities/training-attendance.js';
import type { TrainingPlan } from './entities/training-plan.js';
import type { TrainingSession } from './entities/training-session.js';

/**
 * What a training change touches: the unit (organizing, planning or the attendee's), the
 * official by pseudonym, the region. A session whose year or topics change moves its attendance
 * with a native update (session.repository.ts), which records its own entry.
 */
export const changeFeed: ChangeFeedDeclaration = {
  TrainingSession: (s: TrainingSession) => ({ id: s.id, organizations: [s.organizingUnitUscc], regions: [s.regionCode] }),
  TrainingPlan: (p: TrainingPlan) => ({ id: p.id, organizations: [p.organizationUscc], regions: [p.regionCode] }),
  TrainingAttendance: (a: TrainingAttendance) => ({ id: a.id, organizations: [a.organizationUscc], officials: [a.officialId] }),
  AnnualAssessment: (a: AnnualAssessment) => ({ id: a.id, organizations: [a.organizationUscc], officials: [a.officialId] }),
  IntegrityRecord: (r: IntegrityRecord) => ({ id: r.id, organizations: [r.organizationUscc], officials: [r.officialId] }),
};
