import { errors, officialIdFrom, requireDate, requireText, requireUsccShape, type Caller } from '../kit/index.js';
import type { OfficialCommitment } from './entities/official-commitment.js';
import type { OfficialCommitmentInput } from './inputs.js';

/** An official's commitment as stored, before it has an id. */
export type OfficialCommitmentData = Omit<OfficialCommitment, 'id' | 'createdAt'>;

/**
 * Checks one submitted row (throws naming the field) and turns it into stored values: the ID
 * number becomes the pseudonym and is not kept. A unit submits the commitments it accepted only.
 */
export function checkOfficialCommitmentRow(row: OfficialCommitmentInput, caller: Caller): OfficialCommitmentData {
  const unit = requireUsccShape(row.acceptingUnitUscc, 'acceptingUnitUscc');
  if (unit !== caller.uscc) {
    throw errors.forbidden(`只能提交本单位（${caller.uscc}）人员的承诺`, `only commitments accepted by the caller's own unit (${caller.uscc})`);
  }
  return {
    officialId: officialIdFrom(row.idNumber),
    type: requireText(row.type, 'type', 50),
    date: requireDate(row.date, 'date'),
    acceptingUnitName: requireText(row.acceptingUnitName, 'acceptingUnitName', 200),
    acceptingUnitUscc: unit,
    reason: requireText(row.reason, 'reason'),
    content: requireText(row.content, 'content', 10000),
    liability: requireText(row.liability, 'liability'),
    fulfilmentStatus: requireText(row.fulfilmentStatus, 'fulfilmentStatus', 50),
    commitmentStatus: requireText(row.commitmentStatus, 'commitmentStatus', 50),
    remarks: row.remarks?.trim() || null,
    letterNumber: requireText(row.letterNumber, 'letterNumber', 100),
  };
}
