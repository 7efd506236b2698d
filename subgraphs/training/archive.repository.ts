import { chunked, ImportResult, keepRegisteredOfficials, type OfficialRoster, type Caller, officialIdFrom, requireDate, requireText, requireYear, type EntityManager } from '../kit/index.js';
import { AnnualAssessment } from './entities/annual-assessment.js';
import { IntegrityRecord } from './entities/integrity-record.js';
import type { AnnualAssessmentInput, IntegrityRecordInput } from './inputs.js';
import { upsertRows, validRows } from './training.rows.js';
import { unitUscc } from './training.rules.js';

type WriteContext = { roster: OfficialRoster; caller: Caller };

const assessmentKey = (a: { officialId: string; year: number }) => `${a.officialId}|${a.year}`;
const recordKey = (r: { officialId: string; kind: string; reference: string }) => `${r.officialId}|${r.kind}|${r.reference}`;

/** 诚信档案: annual assessments, idempotent by official and year. */
export async function importAnnualAssessments(em: EntityManager, rows: AnnualAssessmentInput[], context: WriteContext): Promise<ImportResult> {
  const result = new ImportResult();
  const checked = validRows(rows, result, assessmentKey, (row, n) => ({
    officialId: officialIdFrom(row.idNumber),
    year: requireYear(row.year),
    result: row.result,
    organizationUscc: unitUscc(row.organizationUscc, 'organizationUscc', n, result),
    source: requireText(row.source, 'source', 200),
  }));
  // The assessed official must be registered in the unit the row names (no ID-number oracle).
  const valid = await keepRegisteredOfficials(checked, ({ data }) => ({ officialId: data.officialId, unitUscc: data.organizationUscc, field: 'idNumber' }), context, result);
  const existing = new Map<string, AnnualAssessment>();
  for (const ids of chunked([...new Set(valid.map((v) => v.data.officialId))])) {
    for (const a of await em.find(AnnualAssessment, { officialId: { $in: ids } })) existing.set(assessmentKey(a), a);
  }
  return upsertRows(em, AnnualAssessment, result, valid, existing, assessmentKey);
}

/** 诚信档案: integrity and violation records, idempotent by official, kind and document number. */
export async function importIntegrityRecords(em: EntityManager, rows: IntegrityRecordInput[], context: WriteContext): Promise<ImportResult> {
  const result = new ImportResult();
  const checked = validRows(rows, result, recordKey, (row, n) => ({
    officialId: officialIdFrom(row.idNumber),
    kind: row.kind,
    date: requireDate(row.date, 'date'),
    description: requireText(row.description, 'description', 2000),
    source: requireText(row.source, 'source', 200),
    reference: requireText(row.reference, 'reference', 100),
    organizationUscc: row.organizationUscc ? unitUscc(row.organizationUscc, 'organizationUscc', n, result) : null,
  }));
  // Registered in the row's unit, or in some unit when the row names none (no ID-number oracle).
  const valid = await keepRegisteredOfficials(checked, ({ data }) => ({ officialId: data.officialId, unitUscc: data.organizationUscc, field: 'idNumber' }), context, result);
  const existing = new Map<string, IntegrityRecord>();
  for (const ids of chunked([...new Set(valid.map((v) => v.data.officialId))])) {
    for (const r of await em.find(IntegrityRecord, { officialId: { $in: ids } })) existing.set(recordKey(r), r);
  }
  return upsertRows(em, IntegrityRecord, result, valid, existing, recordKey);
}
