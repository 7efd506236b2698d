import { today, type EntityManager } from '../../kit/index.js';
import { loadRegionLedger } from './ledger.js';
import type { DebtorReconciliation, ListedDebtor } from './types.js';

/** A reconciliation, with the unmatched bodies for paging. */
export type ComputedReconciliation = DebtorReconciliation & { unmatched: ListedDebtor[] };

export async function computeReconciliation(em: EntityManager, regionCode: string, registered: readonly string[]): Promise<ComputedReconciliation> {
  const known = new Set(registered);
  const listed = await loadRegionLedger(em, regionCode, today());
  const unmatched = listed.filter((d) => !known.has(d.uscc));
  return {
    regionCode,
    region: { code: regionCode },
    listedDebtors: listed.length,
    matchedDebtors: listed.length - unmatched.length,
    unmatchedCount: unmatched.length,
    unmatched,
  };
}
