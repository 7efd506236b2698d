import { officialPseudonym, seal, tableRows, tableSeeder, type DemoRowOf, type Seeder, type TableRows } from '../kit/index.js';
import { ContractAmendment } from './entities/amendment.js';
import { ContractBreach } from './entities/breach.js';
import { ContractComplaint } from './entities/complaint.js';
import { ContractComplaintAction } from './entities/complaint-action.js';
import { Contract } from './entities/contract.js';
import type {
  BreachingParty, ComplaintActionKind, ComplaintCategory, ComplaintChannel, ComplaintStatus, ContractKind, ContractPartyRole, ContractStatus,
  MilestoneStatus, MilestoneType, PppStage,
} from './entities/enums.js';
import { ContractMilestone } from './entities/milestone.js';
import { ContractPayment } from './entities/payment.js';
import { PppResponsibility } from './entities/ppp-responsibility.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');

/** The contracts' part of the demo world, as the seeder's caller hands it over. */
export interface ContractSeedRows {
  contracts: Array<DemoRowOf<Contract,
    'id' | 'ocid' | 'contractNumber' | 'title' | 'kind' | 'governmentUscc' | 'governmentPartyName' | 'regionCode' | 'valueFen' | 'dateSigned'
    | 'periodStart' | 'periodEnd' | 'status' | 'statusDetails', 'kind' | 'status'>
    & { pppStage: string | null; counterparties: Array<{ name: string; uscc: string; role: string }> }>;
  milestones: Array<DemoRowOf<ContractMilestone,
    'id' | 'contractId' | 'localId' | 'title' | 'type' | 'dueDate' | 'amountFen' | 'paidFen' | 'status' | 'dateMet', 'type' | 'status'>>;
  payments: Array<DemoRowOf<ContractPayment,
    'id' | 'contractId' | 'localId' | 'date' | 'amountFen' | 'payerName' | 'payerUscc' | 'payeeName' | 'payeeUscc' | 'milestoneId'>>;
  breaches: Array<DemoRowOf<ContractBreach, 'id' | 'contractId' | 'localId' | 'date' | 'party' | 'description' | 'remedied' | 'remediedAt' | 'remedyNote', 'party'>>;
  amendments: Array<DemoRowOf<ContractAmendment, 'id' | 'contractId' | 'localId' | 'date' | 'rationale' | 'description' | 'amendedBy' | 'recordedBy'>>;
  responsibilities: Array<DemoRowOf<PppResponsibility, 'id' | 'contractId' | 'stage' | 'since' | 'until' | 'recordedBy', 'stage'> & { idNumber: string }>;
  complaints: Array<DemoRowOf<ContractComplaint,
    'id' | 'category' | 'complainantName' | 'complainantUscc' | 'contactName' | 'organizationUscc' | 'regionCode' | 'contractId' | 'channel'
    | 'receivedAt' | 'dueDate' | 'content' | 'status' | 'substantiated' | 'resolution' | 'closedAt', 'category' | 'channel' | 'status'> & { contactPhone: string | null }>;
  actions: Array<DemoRowOf<ContractComplaintAction, 'id' | 'complaintId' | 'seq' | 'kind' | 'date' | 'by' | 'note' | 'authority', 'kind'>>;
}

/**
 * Seeds the ledger from the rows it is handed (the demo, or the province city by city):
 * contracts, their parts, PPP responsibility trails (officials by pseudonym only),
 * complaints (contact phones sealed) with their trails.
 */
export const seed: Seeder<ContractSeedRows> = tableSeeder(contractTables);

function contractTables(demo: ContractSeedRows): TableRows[] {
  const contracts = demo.contracts.map((c) => ({
    ...c,
    kind: c.kind as ContractKind,
    status: c.status as ContractStatus,
    pppStage: c.pppStage as PppStage | null,
    counterparties: c.counterparties.map((p) => ({ ...p, role: p.role as ContractPartyRole })),
    createdAt: EPOCH,
    updatedAt: EPOCH,
  }));
  const milestones = demo.milestones.map((m) => ({ ...m, type: m.type as MilestoneType, status: m.status as MilestoneStatus, updatedAt: EPOCH }));
  const payments = demo.payments.map((p) => ({ ...p, createdAt: EPOCH }));
  const breaches = demo.breaches.map((b) => ({ ...b, party: b.party as BreachingParty, updatedAt: EPOCH }));
  const amendments = demo.amendments.map((a) => ({ ...a, changes: [], createdAt: EPOCH }));
  const responsibilities = demo.responsibilities.map(({ idNumber, ...r }) => ({ ...r, stage: r.stage as PppStage, officialId: officialPseudonym(idNumber) }));
  const complaints = demo.complaints.map(({ contactPhone, ...c }) => ({
    ...c,
    category: c.category as ComplaintCategory,
    channel: c.channel as ComplaintChannel,
    status: c.status as ComplaintStatus,
    contactPhoneSealed: contactPhone ? seal(contactPhone) : null,
    updatedAt: EPOCH,
  }));
  const actions = demo.actions.map((a) => ({ ...a, kind: a.kind as ComplaintActionKind, recordedAt: new Date(`${a.date}T09:00:00+08:00`) }));
  return [
    tableRows(Contract, 'contracts: contracts', contracts),
    tableRows(ContractMilestone, 'contracts: milestones', milestones),
    tableRows(ContractPayment, 'contracts: payments', payments),
    tableRows(ContractBreach, 'contracts: breaches', breaches),
    tableRows(ContractAmendment, 'contracts: amendments', amendments),
    tableRows(PppResponsibility, 'contracts: PPP responsibilities', responsibilities),
    tableRows(ContractComplaint, 'contracts: complaints', complaints),
    tableRows(ContractComplaintAction, 'contracts: complaint actions', actions),
  ];
}
