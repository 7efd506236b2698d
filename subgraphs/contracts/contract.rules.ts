import type { FilterQuery } from '@mikro-orm/core';
import { CreditError, type EntityManager } from '../kit/index.js';
import { Contract } from './entities/contract.js';
import { ContractStatus, MilestoneStatus, MilestoneType } from './entities/enums.js';
import { ContractMilestone } from './entities/milestone.js';

/**
 * When a milestone is overdue and what the government owes (拖欠). One place for the rules,
 * in JavaScript for resolvers and summaries and in SQL for the `overdue` filter:
 *
 * - A payment milestone is the government's obligation to pay. It is in arrears when it is
 *   due before `on`, not fully paid (payments settling it < its amount), and the contract
 *   was in force: ACTIVE, or TERMINATED — a closed contract still owes its unpaid payments.
 *   Arrears are counted from payments, whatever status the milestone was given.
 * - Any other milestone is overdue when it is due before `on`, not MET, and the contract is
 *   ACTIVE (a closed contract delivers nothing more).
 * - PENDING and CANCELLED contracts were never in force and owe nothing.
 */
export type MilestoneFacts = Pick<ContractMilestone, 'type' | 'status' | 'dueDate' | 'amountFen' | 'paidFen'>;

/** Unpaid fen of a payment milestone in arrears; 0 for anything else. */
export function arrearsFen(milestone: MilestoneFacts, contractStatus: ContractStatus, on: string): number {
  if (milestone.type !== MilestoneType.PAYMENT || milestone.dueDate >= on) return 0;
  if (contractStatus !== ContractStatus.ACTIVE && contractStatus !== ContractStatus.TERMINATED) return 0;
  return Math.max((milestone.amountFen ?? 0) - milestone.paidFen, 0);
}

export function isMilestoneOverdue(milestone: MilestoneFacts, contractStatus: ContractStatus, on: string): boolean {
  if (milestone.type === MilestoneType.PAYMENT) return arrearsFen(milestone, contractStatus, on) > 0;
  return contractStatus === ContractStatus.ACTIVE && milestone.dueDate < on && milestone.status !== MilestoneStatus.MET;
}

/** Contracts with at least one overdue milestone on `on`, as a filter (two sub-selects, no join). */
export function overdueContracts(em: EntityManager, on: string): FilterQuery<Contract> {
  const unpaid = `m.type = '${MilestoneType.PAYMENT}' and m.amount_fen > m.paid_fen`;
  const undelivered = `m.type <> '${MilestoneType.PAYMENT}' and m.status <> '${MilestoneStatus.MET}'`;
  const anyOverdue = em.createQueryBuilder(ContractMilestone, 'm').select('m.contract_id').where({ dueDate: { $lt: on } }).andWhere(`(${unpaid}) or (${undelivered})`);
  const inArrears = em.createQueryBuilder(ContractMilestone, 'm').select('m.contract_id').where({ dueDate: { $lt: on } }).andWhere(unpaid);
  return {
    $or: [
      { status: ContractStatus.ACTIVE, id: { $in: anyOverdue.getKnexQuery() as any } },
      { status: ContractStatus.TERMINATED, id: { $in: inArrears.getKnexQuery() as any } },
    ],
  };
}

/** OCDS contract status moves forward only; CANCELLED and TERMINATED are final. */
export const NEXT_CONTRACT_STATUS: Record<ContractStatus, readonly ContractStatus[]> = {
  PENDING: [ContractStatus.ACTIVE, ContractStatus.TERMINATED, ContractStatus.CANCELLED],
  ACTIVE: [ContractStatus.TERMINATED],
  TERMINATED: [],
  CANCELLED: [],
};

/** Payments flow only under a contract that was in force. */
export const IN_FORCE: readonly ContractStatus[] = [ContractStatus.ACTIVE, ContractStatus.TERMINATED];

export function illegalStatus(from: ContractStatus, to: ContractStatus): CreditError {
  return new CreditError('CONFLICT', `合同状态不能从 ${from} 变为 ${to}（已终止、已取消为终态）`, `a contract cannot go from ${from} to ${to} (TERMINATED and CANCELLED are final)`, { field: 'status' });
}
