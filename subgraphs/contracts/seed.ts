import { buildDemoContracts } from '../../scripts/demo-data/contracts.js';
import { insertInChunks, officialPseudonym, seal, type Seeder } from '../kit/index.js';
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

/**
 * Seeds the demo ledger: contracts, their parts, PPP responsibility trails (officials by
 * pseudonym only), complaints (contact phones sealed) with their trails, then the
 * append-only triggers.
 */
export const seed: Seeder = async (em, { progress }) => {
  const demo = buildDemoContracts();

  const contracts = demo.contracts.map((c) => ({
    ...c,
    kind: c.kind as ContractKind,
    status: c.status as ContractStatus,
    pppStage: c.pppStage as PppStage | null,
    counterparties: c.counterparties.map((p) => ({ ...p, role: p.role as ContractPartyRole })),
    createdAt: EPOCH,
    updatedAt: EPOCH,
  }));
  await insertInChunks(em, Contract, contracts, progress.stage('contracts: contracts', contracts.length), 500);

  const milestones = demo.milestones.map((m) => ({ ...m, type: m.type as MilestoneType, status: m.status as MilestoneStatus, updatedAt: EPOCH }));
  await insertInChunks(em, ContractMilestone, milestones, progress.stage('contracts: milestones', milestones.length));

  const payments = demo.payments.map((p) => ({ ...p, createdAt: EPOCH }));
  await insertInChunks(em, ContractPayment, payments, progress.stage('contracts: payments', payments.length));

  const breaches = demo.breaches.map((b) => ({ ...b, party: b.party as BreachingParty, updatedAt: EPOCH }));
  await insertInChunks(em, ContractBreach, breaches, progress.stage('contracts: breaches', breaches.length));

  const amendments = demo.amendments.map((a) => ({ ...a, changes: [], createdAt: EPOCH }));
  await insertInChunks(em, ContractAmendment, amendments, progress.stage('contracts: amendments', amendments.length));

  const responsibilities = demo.responsibilities.map(({ idNumber, ...r }) => ({ ...r, stage: r.stage as PppStage, officialId: officialPseudonym(idNumber) }));
  await insertInChunks(em, PppResponsibility, responsibilities, progress.stage('contracts: PPP responsibilities', responsibilities.length));

  const complaints = demo.complaints.map(({ contactPhone, ...c }) => ({
    ...c,
    category: c.category as ComplaintCategory,
    channel: c.channel as ComplaintChannel,
    status: c.status as ComplaintStatus,
    contactPhoneSealed: contactPhone ? seal(contactPhone) : null,
    updatedAt: EPOCH,
  }));
  await insertInChunks(em, ContractComplaint, complaints, progress.stage('contracts: complaints', complaints.length));

  const actions = demo.actions.map((a) => ({ ...a, kind: a.kind as ComplaintActionKind, recordedAt: new Date(`${a.date}T09:00:00+08:00`) }));
  await insertInChunks(em, ContractComplaintAction, actions, progress.stage('contracts: complaint actions', actions.length));

};
