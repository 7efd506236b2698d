import { Fulfilment, FulfilmentRecordKind } from './entities/enums.js';
import type { FulfilmentRecord } from './entities/fulfilment-record.js';

/** An item's status as its records give it. */
export interface DerivedFulfilment {
  /** The status in force: the latest finding once an auditor has one, else the unit's latest report. */
  fulfilment: Fulfilment | null;
  /** The latest finding disagrees with the unit's report it reviewed (the last one before it). */
  disputed: boolean;
  /** The unit reported after the latest finding: its claim waits for an auditor. */
  reportAwaitingReview: boolean;
}

/**
 * Seed 002 §三(三) asks units to report on their commitments and the credit office to check them
 * (跟踪评价, 承诺不实 is called out); a unit's report is its claim, an auditor's finding is the
 * record. So the status is the latest finding when there is one, and a later self-report does not
 * overturn it until an auditor looks again. Records are in the order they were recorded.
 */
export function deriveFulfilment(records: readonly Pick<FulfilmentRecord, 'kind' | 'fulfilment'>[]): DerivedFulfilment {
  let lastFinding = -1;
  records.forEach((r, i) => {
    if (r.kind === FulfilmentRecordKind.FINDING) lastFinding = i;
  });
  if (lastFinding < 0) {
    const report = records.at(-1);
    return { fulfilment: report?.fulfilment ?? null, disputed: false, reportAwaitingReview: false };
  }
  const finding = records[lastFinding]!;
  const reviewed = records.slice(0, lastFinding).filter((r) => r.kind === FulfilmentRecordKind.SELF_REPORT).at(-1);
  return {
    fulfilment: finding.fulfilment,
    disputed: reviewed !== undefined && reviewed.fulfilment !== finding.fulfilment,
    reportAwaitingReview: records.slice(lastFinding + 1).some((r) => r.kind === FulfilmentRecordKind.SELF_REPORT),
  };
}
