import { randomUUID } from 'node:crypto';
import {
  checkRows, ImportResult, keepRegisteredOfficials, loadExisting, writeRows, rejectOversizedImport, requireUsccShape, toPage, type Caller, type EntityManager, type OfficialRoster, type PageWindow,
} from '../kit/index.js';
import { OfficialCommitment } from './entities/official-commitment.js';
import type { OfficialCommitmentInput } from './inputs.js';
import { checkOfficialCommitmentRow } from './official-commitment.rows.js';

/** The officials' commitments a unit accepted, by id. */
export async function officialCommitmentPage(em: EntityManager, acceptingUnitUscc: string, window: PageWindow) {
  const where = { acceptingUnitUscc: requireUsccShape(acceptingUnitUscc, 'acceptingUnitUscc') };
  const rows = await em.find(OfficialCommitment, window.afterKey === undefined ? where : { ...where, id: { $gt: String(window.afterKey) } }, { orderBy: { id: 'asc' }, limit: window.first + 1 });
  return toPage(rows, window, (c) => c.id, await em.count(OfficialCommitment, where));
}

/** A unit's staff commitments: rows checked one by one, registered officials only, upserted in one flush. */
export async function submitOfficialCommitments(em: EntityManager, rows: OfficialCommitmentInput[], caller: Caller, roster: OfficialRoster): Promise<ImportResult> {
  rejectOversizedImport(rows, 'rows');
  const result = new ImportResult();
  // No repeat is refused: a later row of the same key updates the earlier one.
  const checked = checkRows(rows, result, (row) => checkOfficialCommitmentRow(row, caller));
  // A unit submits for its own registered staff only: any other number gets the roster's one answer.
  const valid = await keepRegisteredOfficials(checked, ({ data }) => ({ officialId: data.officialId, unitUscc: data.acceptingUnitUscc, field: 'idNumber' }), { roster, caller }, result);
  // Idempotent by (accepting unit, official, letter number): a re-submission updates its own
  // unit's record and can never reach another unit's.
  const keyOf = (c: Pick<OfficialCommitment, 'acceptingUnitUscc' | 'officialId' | 'letterNumber'>) => `${c.acceptingUnitUscc}|${c.officialId}|${c.letterNumber}`;
  const existing = await loadExisting(valid.map((v) => v.data.officialId), (part) => em.find(OfficialCommitment, { officialId: { $in: part }, acceptingUnitUscc: caller.uscc! }), keyOf);
  writeRows(em, result, valid, existing, { keyOf, create: (data) => em.create(OfficialCommitment, { id: randomUUID(), ...data }) });
  await em.flush();
  return result;
}
