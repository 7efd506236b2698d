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
