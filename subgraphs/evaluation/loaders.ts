import { rowLoader, type EntityManager } from '../kit/index.js';
import { StoredAssessment } from './entities/stored-assessment.js';

/** Per request: the stored assessments of the organizations a query names, one statement per batch. */
export function createLoaders(em: EntityManager) {
  return {
    assessment: rowLoader<string, StoredAssessment>(
      (usccs) => em.find(StoredAssessment, { uscc: { $in: [...usccs] } }),
      (row) => row.uscc,
      { zh: '诚信评价', en: 'integrity assessment' },
    ),
  };
}

export type EvaluationLoaders = ReturnType<typeof createLoaders>;
