import type { ChangeFeedDeclaration } from '../kit/index.js';
import type { CreditRepair } from './entities/credit-repair.js';
import type { DebtorRecord } from './entities/debtor-record.js';
import type { DebtorObjection } from './entities/objection.js';
import type { PendingCase } from './entities/pending-case.js';
import type { PushAction } from './entities/push-action.js';

/** The debtor of a case, from the record this request loaded (objections, repairs and push measures name the case). */
const debtorOf = (caseNumber: string, related: Parameters<ChangeFeedDeclaration[string]>[1]) => {
  const record = related<DebtorRecord>('DebtorRecord', caseNumber) ?? related<PendingCase>('PendingCase', caseNumber);
  return { organizations: [record?.debtorUscc], regions: [record?.regionCode] };
};

/**
 * What a court-debtors change touches: the debtor body (USCC) and its region. Bulk imports and
 * native updates write their entries with `recordChanges` (record.repository.ts, pending.repository.ts).
 */
export const changeFeed: ChangeFeedDeclaration = {
  DebtorRecord: (r: DebtorRecord) => ({ id: r.caseNumber, organizations: [r.debtorUscc], regions: [r.regionCode] }),
  PendingCase: (p: PendingCase) => ({ id: p.caseNumber, organizations: [p.debtorUscc], regions: [p.regionCode] }),
  PushAction: (a: PushAction, related) => ({ id: a.id, ...debtorOf(a.caseNumber, related) }),
  DebtorObjection: (o: DebtorObjection, related) => ({ id: o.id, ...debtorOf(o.caseNumber, related) }),
  CreditRepair: (c: CreditRepair, related) => ({ id: c.id, ...debtorOf(c.caseNumber, related) }),
};
