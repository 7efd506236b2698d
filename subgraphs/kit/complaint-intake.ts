import { badInput } from '../../platform/errors.js';
import type { Caller } from '../../platform/auth.js';
import { requireDate, requireText, today } from './dates.js';

/** Where a complaint came from: the date its source received it, and the source's ticket number. */
export interface ComplaintSource {
  receivedAt: string;
  ticketNumber: string | null;
}

/**
 * The rule both complaint ledgers share for a complaint's source (seed 002 §三(二) 12345热线、网站、
 * 邮箱、信访): anyone may file, but only an authenticated intake system may give the source's own
 * received date and ticket number. An anonymous caller backdating a complaint would make it
 * overdue on arrival, and one claiming a ticket number could block the real ticket's import.
 * A received date is never in the future; without one it is today.
 */
export function readComplaintSource(caller: Caller, input: { receivedAt?: string | null; ticketNumber?: string | null }): ComplaintSource {
  if (!caller.authenticated) {
    for (const field of ['receivedAt', 'ticketNumber'] as const) {
      if (input[field] != null) throw badInput(`${field} 只能由接入系统填写 (${field} is given by intake systems only)`, { field, rule: 'INTAKE_ONLY' });
    }
  }
  const receivedAt = input.receivedAt == null ? today() : requireDate(input.receivedAt, 'receivedAt');
  if (receivedAt > today()) throw badInput('受理日期不能晚于今天 (receivedAt cannot be in the future)', { field: 'receivedAt', rule: 'FUTURE' });
  return { receivedAt, ticketNumber: input.ticketNumber == null ? null : requireText(input.ticketNumber, 'ticketNumber', 64) };
}
