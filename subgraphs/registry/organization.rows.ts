import { badInput, readUscc, requireRegionCode, usccProblem, type DuplicateKey } from '../kit/index.js';
import type { OrganizationInput } from './inputs.js';

const MAX_NAME_LENGTH = 200;

/** A row that passed its own checks: the input with its USCC and name trimmed, and the code's pilot problem. */
export interface CheckedOrganizationRow {
  uscc: string;
  input: OrganizationInput;
  pilotProblem: string | null;
}

/**
 * Checks one organization row on its own (throws BAD_USER_INPUT naming the field): the USCC
 * (an early pilot code is accepted, its problem returned), the name, the region code's shape,
 * the superior body's code length. Whether the region and the superior body exist is the
 * repository's to ask.
 */
export function checkOrganizationRow(input: OrganizationInput): CheckedOrganizationRow {
  const { uscc, pilotProblem } = readUscc(input.uscc, 'uscc');
  const name = input.name.trim();
  if (!name || name.length > MAX_NAME_LENGTH) {
    throw badInput(`单位名称不能为空且不超过${MAX_NAME_LENGTH}字 (name must be 1–${MAX_NAME_LENGTH} characters)`, { field: 'name' });
  }
  requireRegionCode(input.regionCode);
  if (input.parentUscc && usccProblem(input.parentUscc.trim())?.rule === 'LENGTH') {
    throw badInput('上级单位代码应为18位 (parentUscc must have 18 characters)', { field: 'parentUscc' });
  }
  return { uscc, input: { ...input, uscc, name }, pilotProblem };
}

/** Two rows of one import with the same USCC: the later is refused. */
export const sameOrganizationAs: DuplicateKey<CheckedOrganizationRow> = {
  keyOf: (row) => row.uscc,
  field: 'uscc',
  message: (earlier) => `与第${earlier}行的统一社会信用代码重复 (duplicate of row ${earlier})`,
};

/** The stored columns of a checked row. */
export function organizationData({ uscc, input, pilotProblem }: CheckedOrganizationRow) {
  return {
    uscc,
    name: input.name,
    kind: input.kind,
    level: input.level,
    regionCode: input.regionCode,
    parentUscc: input.parentUscc?.trim() || null,
    classified: input.classified ?? false,
    usccCheckPassed: pilotProblem === null,
  };
}
