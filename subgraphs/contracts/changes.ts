import type { ChangeFeedDeclaration } from '../kit/index.js';
import type { ContractComplaintAction } from './entities/complaint-action.js';
import type { ContractComplaint } from './entities/complaint.js';
import type { Contract } from './entities/contract.js';
import type { PppResponsibility } from './entities/ppp-responsibility.js';

type Related = Parameters<ChangeFeedDeclaration[string]>[1];

/** Counterparties' USCCs; a contract's values before a change come as stored (JSON text). */
const counterpartyUsccs = (parties: Contract['counterparties'] | string | undefined) =>
  (typeof parties === 'string' ? (JSON.parse(parties) as Contract['counterparties']) : parties ?? []).map((p) => p.uscc);

/** A contract's government party and counterparties, from the contract this request loaded. */
const partiesOf = (contractId: string, related: Related) => {
  const contract = related<Contract>('Contract', contractId);
  return { organizations: [contract?.governmentUscc, ...counterpartyUsccs(contract?.counterparties)], regions: [contract?.regionCode] };
};
const part = (row: { id: string; contractId: string }, related: Related) => ({ id: row.id, ...partiesOf(row.contractId, related) });

/** What a contracts change touches: the government party (and counterparties), the region, PPP officials. */
export const changeFeed: ChangeFeedDeclaration = {
  Contract: (c: Contract) => ({ id: c.id, organizations: [c.governmentUscc, ...counterpartyUsccs(c.counterparties)], regions: [c.regionCode] }),
  ContractMilestone: part,
  ContractPayment: part,
  ContractBreach: part,
  ContractAmendment: part,
  PppResponsibility: (r: PppResponsibility, related) => ({ ...part(r, related), officials: [r.officialId] }),
  ContractComplaint: (c: ContractComplaint) => ({ id: c.id, organizations: [c.organizationUscc], regions: [c.regionCode] }),
  ContractComplaintAction: (a: ContractComplaintAction, related) => {
    const complaint = related<ContractComplaint>('ContractComplaint', a.complaintId);
    return { id: a.id, organizations: [complaint?.organizationUscc], regions: [complaint?.regionCode] };
  },
};
