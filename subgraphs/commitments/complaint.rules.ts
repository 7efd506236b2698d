import { ComplaintStatus } from './entities/enums.js';

/** Days a receiving unit has to settle a complaint (办理期限). */
export const COMPLAINT_HANDLING_DAYS = 15;

/** RECEIVED → TRANSFERRED → HANDLING → RESOLVED / REJECTED; a complaint may be rejected before handling. */
export const NEXT_COMPLAINT_STATUS: Record<ComplaintStatus, ComplaintStatus[]> = {
  RECEIVED: [ComplaintStatus.TRANSFERRED, ComplaintStatus.HANDLING, ComplaintStatus.REJECTED],
  TRANSFERRED: [ComplaintStatus.HANDLING, ComplaintStatus.REJECTED],
  HANDLING: [ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED],
  RESOLVED: [],
  REJECTED: [],
};
