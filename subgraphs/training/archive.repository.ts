import { randomUUID } from 'node:crypto';
import { checkRows, ImportResult, loadExisting, writeRows, keepRegisteredOfficials, type OfficialRoster, type Caller, officialIdFrom, requireDate, requireText, requireYear, type EntityManager } from '../kit/index.js';
import { AnnualAssessment } from './entities/annual-assessment.js';
import { IntegrityRecord } from './entities/integrity-record.js';
import type { AnnualAssessmentInput, IntegrityRecordInput } from './inputs.js';
import { sameRowAs } from './training.rows.js';
import { unitUscc } from './training.rules.js';

type WriteContext = { roster: OfficialRoster; caller: Caller };

const assessmentKey = (a: { officialId: string; year: number }) => `${a.officialId}|${a.year}`;
const recordKey = (r: { officialId: string; kind: string; reference: string }) => `${r.officialId}|${r.kind}|${r.reference}`;

/** 诚信档案: annual assessments, idempotent by official and year. */
export async function importAnnualAssessments(em: EntityManager, rows: AnnualAssessmentInput[], context: WriteContext): Promise<ImportResult> {
  const result = new ImportResult();
  const checked = checkRows(rows, result, (row, n) => ({
    officialId: officialIdFrom(row.idNumber),
    year: requireYear(row.year),
    result: row.result,
    organizationUscc: unitUscc(row.organizationUscc, 'organizationUscc', n, result),
    source: requireText(row.source, 'source', 200),
  }), sameRowAs(assessmentKey));
  // The assessed official must be registered in the unit the row names (no ID-number oracle).
  const valid = await keepRegisteredOfficials(checked, ({ data }) => ({ officialId: data.officialId, unitUscc: data.organizationUscc, field: 'idNumber' }), context, result);
  const existing = await loadExisting(valid.map((v) => v.data.officialId), (ids) => em.find(AnnualAssessment, { officialId: { $in: ids } }), assessmentKey);
  writeRows(em, result, valid, existing, { keyOf: assessmentKey, create: (data) => em.create(AnnualAssessment, { id: randomUUID(), ...data }) });
  await em.flush();
  return result;
}

/** 诚信档案: integrity and violation records, idempotent by official, kind and document number. */
export async function importIntegrityRecords(em: EntityManager, rows: IntegrityRecordInput[], context: WriteContext): Promise<ImportResult> {
  const result = new ImportResult();
  const checked = checkRows(rows, result, (row, n) => ({
    officialId: officialIdFrom(row.idNumber),
    kind: row.kind,
    date: requireDate(row.date, 'date'),
    description: requireText(row.description, 'description', 2000),
    source: requireText(row.source, 'source', 200),
    reference: requireText(row.reference, 'reference', 100),
    organizationUscc: row.organizationUscc ? unitUscc(row.organizationUscc, 'organizationUscc', n, result) : null,
  }), sameRowAs(recordKey));
  // Registered in the row's unit, or in some unit when the row names none (no ID-number oracle).
  const valid = await keepRegisteredOfficials(checked, ({ data }) => ({ officialId: data.officialId, unitUscc: data.organizationUscc, field: 'idNumber' }), context, result);
  const existing = await loadExisting(valid.map((v) => v.data.officialId), (ids) => em.find(IntegrityRecord, { officialId: { $in: ids } }), recordKey);
  writeRows(em, result, valid, existing, { keyOf: recordKey, create: (data) => em.create(IntegrityRecord, { id: randomUUID(), ...data }) });
  await em.flush();
  return result;
}
