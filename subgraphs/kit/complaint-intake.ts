import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, errors } from '../../platform/errors.js';
import type { Caller } from '../../platform/auth.js';
import { requireDate, requireText, today } from './dates.js';

/** Where a complaint came from: the date its source received it, and the source's ticket number. */
export interface ComplaintSource {
  receivedAt: string;
  ticketNumber: string | null;
}

/**
 * The systems that take complaints in on the platform's behalf (the credit office's auditors, the
 * finance bureau's ledger, administrators): only they give a source's own date and ticket.
 */
export const COMPLAINT_INTAKE_ROLES = ['AUDITOR', 'ADMIN', 'FINANCE'] as const;

/**
 * The rule both complaint ledgers share for a complaint's source (seed 002 §三(二) 12345热线、网站、
 * 邮箱、信访): anyone may file, but only an intake system (COMPLAINT_INTAKE_ROLES) may give the
 * source's own received date and ticket number. Anyone else backdating a complaint would make it
 * overdue on arrival (and cost the unit complained about points it cannot get back), and one
 * claiming a ticket number could block the real ticket's import. A received date is never in the
 * future; without one it is today.
 */
export function readComplaintSource(caller: Caller, input: { receivedAt?: string | null; ticketNumber?: string | null }): ComplaintSource {
  if (!caller.has(...COMPLAINT_INTAKE_ROLES)) {
    for (const field of ['receivedAt', 'ticketNumber'] as const) {
      if (input[field] != null) throw badInput(`${field} 只能由接入系统填写 (${field} is given by intake systems only)`, { field, rule: 'INTAKE_ONLY' });
    }
  }
  const receivedAt = input.receivedAt == null ? today() : requireDate(input.receivedAt, 'receivedAt');
  if (receivedAt > today()) throw badInput('受理日期不能晚于今天 (receivedAt cannot be in the future)', { field: 'receivedAt', rule: 'FUTURE' });
  return { receivedAt, ticketNumber: input.ticketNumber == null ? null : requireText(input.ticketNumber, 'ticketNumber', 64) };
}

/**
 * Runs a write that may add a ticket; two writes of one ticket at once meet at the store's unique
 * index (channel, ticket number), and the second is CONFLICT, not a server error.
 */
export async function writingTickets<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw errors.conflict('工单已登记', 'a ticket of this channel and number is already in the ledger');
    throw error;
  }
}
