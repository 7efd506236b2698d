import { DataLoader } from '../kit/dataloader.js';
import { rowLoader, type EntityManager } from '../kit/index.js';
import { AssessmentChange } from './entities/assessment-change.js';
import { StoredAssessment } from './entities/stored-assessment.js';
import { endOfDayUtc, replayHistory, type PastAssessment } from './assessment-history.rules.js';

/** An organization's assessment as of the end of a day. */
export interface AsOfKey {
  uscc: string;
  asOf: string;
}

/** Per request: the stored assessments of the organizations a query names, one statement per batch. */
export function createLoaders(em: EntityManager) {
  return {
    assessment: rowLoader<string, StoredAssessment>(
      (usccs) => em.find(StoredAssessment, { uscc: { $in: [...usccs] } }),
      (row) => row.uscc,
      { zh: '诚信评价', en: 'integrity assessment' },
    ),
    /** Past assessments, rebuilt from the history: one statement per distinct day in the batch. */
    assessmentAsOf: new DataLoader<AsOfKey, PastAssessment | null, string>(
      async (keys) => {
        const byDay = new Map<string, string[]>();
        for (const k of keys) byDay.set(k.asOf, [...(byDay.get(k.asOf) ?? []), k.uscc]);
        const found = new Map<string, PastAssessment | null>();
        for (const [asOf, usccs] of byDay) {
          const rows = await em.find(AssessmentChange, { uscc: { $in: usccs }, at: { $lt: endOfDayUtc(asOf) } }, { orderBy: { uscc: 'asc', id: 'asc' } });
          const grouped = new Map<string, AssessmentChange[]>();
          for (const row of rows) grouped.set(row.uscc, [...(grouped.get(row.uscc) ?? []), row]);
          for (const uscc of usccs) found.set(`${uscc}|${asOf}`, replayHistory(grouped.get(uscc) ?? []));
        }
        return keys.map((k) => found.get(`${k.uscc}|${k.asOf}`) ?? null);
      },
      { cacheKeyFn: (k) => `${k.uscc}|${k.asOf}` },
    ),
  };
}

export type EvaluationLoaders = ReturnType<typeof createLoaders>;
