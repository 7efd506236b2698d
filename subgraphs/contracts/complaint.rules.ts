import type { Caller } from '../kit/index.js';
import { ComplaintActionKind, ComplaintStatus } from './entities/enums.js';

/**
 * Days a complaint about a contract or a debt has to be settled (办理期限). Longer than the
 * 15 days of a commitment complaint: it needs the contract, the payments and both parties heard.
 */
export const COMPLAINT_HANDLING_DAYS = 30;

/** RECEIVED → ACCEPTED → INVESTIGATING → RESOLVED / REJECTED; rejection is possible until it is resolved. */
export const NEXT_COMPLAINT_STATUS: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  RECEIVED: [ComplaintStatus.ACCEPTED, ComplaintStatus.REJECTED],
  ACCEPTED: [ComplaintStatus.INVESTIGATING, ComplaintStatus.REJECTED],
  INVESTIGATING: [ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED],
  RESOLVED: [],
  REJECTED: [],
};

/** The trail step each status change writes. */
export const STEP_OF: Record<Exclude<ComplaintStatus, 'RECEIVED'>, ComplaintActionKind> = {
  ACCEPTED: ComplaintActionKind.ACCEPT,
  INVESTIGATING: ComplaintActionKind.INVESTIGATE,
  RESOLVED: ComplaintActionKind.RESOLVE,
  REJECTED: ComplaintActionKind.REJECT,
};

/** Supervision measures (督办、约谈、通报、移送) follow acceptance, also after resolution; never on a rejected complaint. */
export const TAKES_MEASURES: readonly ComplaintStatus[] = [ComplaintStatus.ACCEPTED, ComplaintStatus.INVESTIGATING, ComplaintStatus.RESOLVED];

/**
 * Who reads a complaint in full: who complained, the contact (masked but for AUDITOR), what was
 * written, the source ticket and who acted on it. The ledger's keepers (AUDITOR, ADMIN, FINANCE),
 * the unit complained about (it sees its complaints in its ledger) and the unit that complained.
 * Anyone else holding the tracking id sees the progress only: an assessment's sources show the ids
 * of the complaints it cites to everyone, and a complainant must not be exposed to retaliation.
 */
export function readsComplaintInFull(caller: Caller, complaint: { organizationUscc: string; complainantUscc: string }): boolean {
  if (caller.has('AUDITOR', 'ADMIN', 'FINANCE')) return true;
  return caller.has('ORGANIZATION') && (caller.uscc === complaint.organizationUscc || caller.uscc === complaint.complainantUscc);
}

/** What a trail shows for the account that acted when the caller may not read the complaint in full. */
export const WITHHELD = '不公开 (withheld)';
