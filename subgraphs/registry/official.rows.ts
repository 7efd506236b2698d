import { badInput, isPhoneNumber, officialPseudonym, requireIdNumber, type DuplicateKey } from '../kit/index.js';
import type { OfficialInput } from './inputs.js';

/** A row that passed its own checks: the ID number (for the pseudonym, and to seal), the input trimmed. */
export interface CheckedOfficialRow {
  idNumber: string;
  input: OfficialInput;
}

/**
 * Checks one official row on its own (throws BAD_USER_INPUT naming the field; the ID number is
 * never repeated in a message). The pseudonym, duplicates and whether the unit exists are the
 * repository's to derive and ask.
 */
export function checkOfficialRow(input: OfficialInput): CheckedOfficialRow {
  const idNumber = requireIdNumber(input.idNumber);
  const name = input.name.trim();
  if (!name || name.length > 50) {
    throw badInput('姓名不能为空且不超过50字 (name must be 1–50 characters)', { field: 'name' });
  }
  const phone = input.phone?.replace(/\s+/g, '') || null;
  if (phone && !isPhoneNumber(phone)) {
    throw badInput('电话号码格式不正确 (phone must be a mainland mobile or landline number)', { field: 'phone' });
  }
  if (!input.position.trim()) {
    throw badInput('职务不能为空 (position must not be empty)', { field: 'position' });
  }
  return { idNumber, input: { ...input, name, phone, position: input.position.trim(), organizationUscc: input.organizationUscc.trim() } };
}

/** Two rows of one import about the same person (the same pseudonym): the later is refused. */
export const sameOfficialAs: DuplicateKey<CheckedOfficialRow> = {
  keyOf: (row) => officialPseudonym(row.idNumber),
  field: 'idNumber',
  message: (earlier) => `与第${earlier}行是同一人 (same person as row ${earlier})`,
};
