// The contracts subgraph's rules as functions and tables (issue 21, mutation testing): when a
// milestone is overdue and what the government owes (contract.rules.ts), the contract and complaint
// workflows (contract.rules.ts, complaint.rules.ts). Expectations are the rules as their
// documentation states them, with amounts and dates worked out by hand.
import { describe, expect, it } from 'vitest';
import { COMPLAINT_HANDLING_DAYS, NEXT_COMPLAINT_STATUS, STEP_OF, TAKES_MEASURES } from '../../subgraphs/contracts/complaint.rules.js';
import { arrearsFen, illegalStatus, IN_FORCE, isMilestoneOverdue, NEXT_CONTRACT_STATUS, type MilestoneFacts } from '../../subgraphs/contracts/contract.rules.js';
import type { ContractStatus, MilestoneStatus, MilestoneType } from '../../subgraphs/contracts/entities/enums.js';

const ON = '2026-11-22';
const DAY_BEFORE = '2026-11-21';

function milestone(type: string, status: string, dueDate: string, amountFen: number | null, paidFen = 0): MilestoneFacts {
  return { type: type as MilestoneType, status: status as MilestoneStatus, dueDate, amountFen, paidFen };
}
const status = (s: string) => s as ContractStatus;

describe('arrears (拖欠): the unpaid part of a payment milestone due before the day, under a contract in force', () => {
  // 1,000.00 yuan due, 250.50 paid: 749.50 yuan (74,950 fen) owed.
  const partlyPaid = milestone('PAYMENT', 'SCHEDULED', DAY_BEFORE, 100_000, 25_050);

  it('is the unpaid balance once the due date has passed, whatever status the milestone was given', () => {
    expect(arrearsFen(partlyPaid, status('ACTIVE'), ON)).toBe(74_950);
    expect(arrearsFen(milestone('PAYMENT', 'MET', DAY_BEFORE, 100_000, 25_050), status('ACTIVE'), ON)).toBe(74_950);
    expect(arrearsFen(milestone('PAYMENT', 'NOT_MET', '2025-01-31', 5_000), status('ACTIVE'), ON)).toBe(5_000);
  });

  it('is owed by a terminated contract too, not by one pending or cancelled (never in force)', () => {
    expect(arrearsFen(partlyPaid, status('TERMINATED'), ON)).toBe(74_950);
    expect(arrearsFen(partlyPaid, status('PENDING'), ON)).toBe(0);
    expect(arrearsFen(partlyPaid, status('CANCELLED'), ON)).toBe(0);
  });

  it('starts the day after the due date: nothing is owed on the due date itself or before', () => {
    expect(arrearsFen(milestone('PAYMENT', 'SCHEDULED', ON, 100_000, 25_050), status('ACTIVE'), ON)).toBe(0);
    expect(arrearsFen(milestone('PAYMENT', 'SCHEDULED', '2026-12-01', 100_000), status('ACTIVE'), ON)).toBe(0);
  });

  it('is nothing for a paid or overpaid milestone, one without an amount, or a milestone that is not a payment', () => {
    expect(arrearsFen(milestone('PAYMENT', 'SCHEDULED', DAY_BEFORE, 100_000, 100_000), status('ACTIVE'), ON)).toBe(0);
    expect(arrearsFen(milestone('PAYMENT', 'SCHEDULED', DAY_BEFORE, 100_000, 120_000), status('ACTIVE'), ON)).toBe(0);
    expect(arrearsFen(milestone('PAYMENT', 'SCHEDULED', DAY_BEFORE, null), status('ACTIVE'), ON)).toBe(0);
    expect(arrearsFen(milestone('DELIVERY', 'SCHEDULED', DAY_BEFORE, 100_000), status('ACTIVE'), ON)).toBe(0);
  });
});

describe('overdue milestones', () => {
  it('a payment milestone is overdue when it is in arrears, and only then', () => {
    expect(isMilestoneOverdue(milestone('PAYMENT', 'SCHEDULED', DAY_BEFORE, 100_000, 25_050), status('ACTIVE'), ON)).toBe(true);
    expect(isMilestoneOverdue(milestone('PAYMENT', 'SCHEDULED', DAY_BEFORE, 100_000, 25_050), status('TERMINATED'), ON)).toBe(true);
    expect(isMilestoneOverdue(milestone('PAYMENT', 'NOT_MET', DAY_BEFORE, 100_000, 100_000), status('ACTIVE'), ON)).toBe(false);
    expect(isMilestoneOverdue(milestone('PAYMENT', 'SCHEDULED', ON, 100_000), status('ACTIVE'), ON)).toBe(false);
    expect(isMilestoneOverdue(milestone('PAYMENT', 'SCHEDULED', DAY_BEFORE, 100_000), status('PENDING'), ON)).toBe(false);
  });

  it('any other milestone is overdue when due before the day, not met, under an active contract', () => {
    for (const s of ['SCHEDULED', 'NOT_MET', 'PARTIALLY_MET']) {
      expect(isMilestoneOverdue(milestone('DELIVERY', s, DAY_BEFORE, null), status('ACTIVE'), ON), s).toBe(true);
    }
    expect(isMilestoneOverdue(milestone('DELIVERY', 'MET', DAY_BEFORE, null), status('ACTIVE'), ON)).toBe(false);
    expect(isMilestoneOverdue(milestone('DELIVERY', 'SCHEDULED', ON, null), status('ACTIVE'), ON)).toBe(false);
    expect(isMilestoneOverdue(milestone('REPORTING', 'SCHEDULED', '2026-12-31', null), status('ACTIVE'), ON)).toBe(false);
    // a closed contract delivers nothing more
    expect(isMilestoneOverdue(milestone('DELIVERY', 'SCHEDULED', DAY_BEFORE, null), status('TERMINATED'), ON)).toBe(false);
    expect(isMilestoneOverdue(milestone('DELIVERY', 'SCHEDULED', DAY_BEFORE, null), status('CANCELLED'), ON)).toBe(false);
    expect(isMilestoneOverdue(milestone('DELIVERY', 'SCHEDULED', DAY_BEFORE, null), status('PENDING'), ON)).toBe(false);
  });
});

describe('the contract workflow (OCDS contract status)', () => {
  it('moves forward only; TERMINATED and CANCELLED are final', () => {
    expect(NEXT_CONTRACT_STATUS).toEqual({
      PENDING: ['ACTIVE', 'TERMINATED', 'CANCELLED'],
      ACTIVE: ['TERMINATED'],
      TERMINATED: [],
      CANCELLED: [],
    });
  });

  it('lets payments flow under a contract that was in force: active or terminated', () => {
    expect(IN_FORCE).toEqual(['ACTIVE', 'TERMINATED']);
  });

  it('refuses an illegal change as CONFLICT on the field status, naming both statuses', () => {
    const error = illegalStatus(status('TERMINATED'), status('ACTIVE'));
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'status' });
    expect(error.message).toContain('TERMINATED');
    expect(error.message).toContain('ACTIVE');
    expect(error.message).toMatch(/合同状态不能从 TERMINATED 变为 ACTIVE.*a contract cannot go from TERMINATED to ACTIVE/);
  });
});

describe('contract complaints', () => {
  it('are due 30 days after they are received', () => {
    expect(COMPLAINT_HANDLING_DAYS).toBe(30);
  });

  it('go RECEIVED → ACCEPTED → INVESTIGATING → RESOLVED / REJECTED, rejected at any step until resolved', () => {
    expect(NEXT_COMPLAINT_STATUS).toEqual({
      RECEIVED: ['ACCEPTED', 'REJECTED'],
      ACCEPTED: ['INVESTIGATING', 'REJECTED'],
      INVESTIGATING: ['RESOLVED', 'REJECTED'],
      RESOLVED: [],
      REJECTED: [],
    });
  });

  it('write one trail step per status change', () => {
    expect(STEP_OF).toEqual({ ACCEPTED: 'ACCEPT', INVESTIGATING: 'INVESTIGATE', RESOLVED: 'RESOLVE', REJECTED: 'REJECT' });
  });

  it('take supervision measures once accepted, also after resolution, never when rejected', () => {
    expect(TAKES_MEASURES).toEqual(['ACCEPTED', 'INVESTIGATING', 'RESOLVED']);
  });
});
