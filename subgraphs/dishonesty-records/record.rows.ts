import { createHash } from 'node:crypto';
import {
  badInput, Caller, CreditError, fieldRowsFrom, newPersonalRowId, newRowId, officialIdFrom, readUscc, requirePastDate, requireText, today, usccRegionCode, type DuplicateKey,
} from '../kit/index.js';
import { readDocumentNumber } from './document-number.rules.js';
import { DishonestyKind, KIND_LABELS, PUBLICATION_LABELS, PublicationStatus, RecordStatus, Severity, SEVERITY_LABELS, SubjectType } from './entities/enums.js';
import { RECORD_FIELDS, type DishonestyRecordInput, type RecordRow } from './inputs.js';
import { MAX_TERM_MONTHS, sanctionEndDate } from './record.rules.js';
import { catalogueOn, catalogues, termMonthsFor } from './sanction.rules.js';

/**
 * Reading a deciding system's rows: each field checked on its own, every problem naming the
 * input field and the rule it breaks, Chinese then English. What needs the store or the
 * registry (is the authority known, is the official registered in the unit) is checked after,
 * in record.repository.ts.
 */

/** A record's columns as a row gives them (importedBy and the timestamps are the import's). */
export interface RecordData {
  kind: DishonestyKind;
  subjectType: SubjectType;
  organizationUscc: string;
  organizationName: string;
  regionCode: string;
  officialId: string | null;
  officialName: string | null;
  authorityUscc: string;
  authorityName: string;
  documentNumber: string;
  decisionDate: string;
  facts: string;
  legalBasis: string;
  severity: Severity;
  sanctionTermMonths: number | null;
  sanctionEndDate: string | null;
  publication: PublicationStatus;
  publishedAt: string | null;
  sourceDigest: string;
}

/** A row read: the record's columns, and the early pilot codes it names (accepted only for registered bodies). */
export interface ReadRecordRow {
  data: RecordData;
  /** CHECK_DIGIT / ORG_CODE_CHECK problem of each USCC field whose check digits fail, by field. */
  pilotCodes: Array<{ field: 'organizationUscc' | 'authorityUscc'; uscc: string; problem: string }>;
}

function choice<T extends string>(value: string | null | undefined, field: string, names: Record<string, T>, labels: Record<string, T>, fallback?: T): T {
  const text = (value ?? '').trim();
  if (!text && fallback !== undefined) return fallback;
  if (!text) throw badInput(`${field} 不能为空 (${field} is required)`, { field, rule: 'REQUIRED' });
  // Own labels only: "constructor" or "toString" must not find what every object inherits.
  const found = (Object.values(names) as string[]).includes(text.toUpperCase()) ? (text.toUpperCase() as T) : Object.hasOwn(labels, text) ? labels[text] : undefined;
  if (!found) {
    throw badInput(`${field} 应为 ${Object.values(names).join('、')} 之一或其中文名称 (${field} must be one of ${Object.values(names).join(', ')} or its Chinese label)`, { field, rule: 'ENUM' });
  }
  return found;
}

/** The kind, and whether this caller may send it: checked before anything else of the row. */
export function readKind(value: string | null | undefined, allowed: ReadonlySet<DishonestyKind>): DishonestyKind {
  const kind = choice(value, 'kind', DishonestyKind, KIND_LABELS);
  if (!allowed.has(kind)) {
    throw new CreditError('FORBIDDEN', `无权报送此类记录（${kind}）`, `this caller may not send records of kind ${kind}`, { field: 'kind', rule: 'KIND_NOT_ALLOWED' });
  }
  return kind;
}

/** 1 to 120 whole months, or null (no fixed term). */
export function readTermMonths(value: string | null | undefined, field = 'sanctionTermMonths'): number | null {
  const text = (value ?? '').trim();
  if (!text) return null;
  const months = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(months >= 1 && months <= MAX_TERM_MONTHS)) {
    throw badInput(`${field} 应为1到${MAX_TERM_MONTHS}之间的整月数 (${field} must be a whole number of months from 1 to ${MAX_TERM_MONTHS})`, { field, rule: 'TERM' });
  }
  return months;
}

function readCode(value: string | null | undefined, field: 'organizationUscc' | 'authorityUscc', pilotCodes: ReadRecordRow['pilotCodes']): string {
  const text = (value ?? '').trim().toUpperCase();
  if (!text) throw badInput(`${field} 不能为空 (${field} is required)`, { field, rule: 'REQUIRED' });
  const { uscc, pilotProblem } = readUscc(text, field);
  if (pilotProblem) pilotCodes.push({ field, uscc, problem: pilotProblem });
  return uscc;
}

/**
 * Validates one row (throws naming the field) and derives the record's columns. `caller`: an
 * ORGANIZATION caller may name only its own USCC as the authority (FORBIDDEN, rule
 * OWN_AUTHORITY, before anything about the row is looked at).
 */
export function readRecordRow(row: DishonestyRecordInput, context: { caller: Caller; allowed: ReadonlySet<DishonestyKind>; on?: string }): ReadRecordRow {
  const on = context.on ?? today();
  const pilotCodes: ReadRecordRow['pilotCodes'] = [];
  const kind = readKind(row.kind, context.allowed);
  const authorityUscc = readCode(row.authorityUscc, 'authorityUscc', pilotCodes);
  const { caller } = context;
  if (caller.has('ORGANIZATION') && !caller.has('AUDITOR', 'COURT', 'PERSONNEL') && authorityUscc !== caller.uscc) {
    throw new CreditError('FORBIDDEN', `单位只能报送本单位（${caller.uscc}）作出的决定`, `a unit may send only decisions it made itself (${caller.uscc})`, { field: 'authorityUscc', rule: 'OWN_AUTHORITY' });
  }
  const authorityName = requireText(row.authorityName, 'authorityName', 100);
  if (kind === DishonestyKind.JUDGMENT && !authorityName.endsWith('法院')) {
    throw badInput('司法判决的作出机关应为人民法院 (a judgment\'s authority is a people\'s court)', { field: 'authorityName', rule: 'AUTHORITY_NAME' });
  }
  const organizationUscc = readCode(row.organizationUscc, 'organizationUscc', pilotCodes);
  const organizationName = requireText(row.organizationName, 'organizationName', 200);
  const idNumber = (row.idNumber ?? '').trim();
  // A unit sends the administrative penalties it imposed on bodies. Officials' records come from
  // PERSONNEL (纪检监察、组织人事), the courts or the credit office: a unit naming officials could
  // test ID numbers against any unit's roster (security review 2026-12-01, finding B1).
  if (idNumber && caller.has('ORGANIZATION') && !caller.has('AUDITOR', 'COURT', 'PERSONNEL')) {
    throw new CreditError('FORBIDDEN', '单位报送的行政处罚只针对单位；公职人员的记录由纪检监察、组织人事部门或法院报送', 'a unit sends penalties on bodies; officials\' records are sent by PERSONNEL, the courts or the credit office', { field: 'idNumber', rule: 'OFFICIAL_SUBJECT' });
  }
  // The ID number becomes the pseudonym here and goes no further (checked first, never repeated in a message).
  const officialId = idNumber ? officialIdFrom(idNumber, 'idNumber') : null;
  const officialName = officialId ? requireText(row.officialName, 'officialName', 50) : null;
  if (!officialId && (row.officialName ?? '').trim()) {
    throw badInput('填写公职人员姓名时须同时填写其身份号码 (officialName needs the official\'s idNumber)', { field: 'idNumber', rule: 'REQUIRED' });
  }
  // Not before 1949-10-01 nor after today (kit/dates.ts): 0000-01-01 is a valid date but no decision's.
  const decisionDate = requirePastDate((row.decisionDate ?? '').trim(), 'decisionDate', on);
  const documentNumber = readDocumentNumber(kind, requireText(row.documentNumber, 'documentNumber', 64), decisionDate);
  const sanctionTermMonths = readTermMonths(row.sanctionTermMonths);
  const publication = choice(row.publication, 'publication', PublicationStatus, PUBLICATION_LABELS, PublicationStatus.PUBLISHED);
  const publishedText = (row.publishedAt ?? '').trim();
  const publishedAt = publishedText ? requirePastDate(publishedText, 'publishedAt', on) : null;
  if (publishedAt && (publication !== PublicationStatus.PUBLISHED || publishedAt < decisionDate)) {
    throw badInput('publishedAt 仅用于已公开的记录，且应在决定日期与今天之间 (publishedAt is for published records, between the decision date and today)', { field: 'publishedAt', rule: 'PUBLICATION_DATE' });
  }
  const severity = choice(row.severity, 'severity', Severity, SEVERITY_LABELS);
  // A decision that states no term carries the catalogue's for its kind and severity, the version in
  // force on its decision day (seed 004 §四(九) "确定失信行为惩戒期限"): every record's term ends.
  const termMonths = termMonthsFor(catalogueOn(catalogues, decisionDate), { kind, severity, sanctionTermMonths });
  const data: RecordData = {
    kind,
    subjectType: officialId ? SubjectType.OFFICIAL : SubjectType.ORGANIZATION,
    organizationUscc,
    organizationName,
    regionCode: usccRegionCode(organizationUscc),
    officialId,
    officialName,
    authorityUscc,
    authorityName,
    documentNumber,
    decisionDate,
    facts: requireText(row.facts, 'facts', 5000),
    legalBasis: requireText(row.legalBasis, 'legalBasis', 2000),
    severity,
    sanctionTermMonths,
    sanctionEndDate: sanctionEndDate(decisionDate, termMonths),
    publication,
    publishedAt,
    sourceDigest: '',
  };
  // Of the normalized row: the same decision in another notation (（2026）, 行政处罚) is unchanged.
  data.sourceDigest = createHash('sha256').update(JSON.stringify({ ...data, sourceDigest: undefined })).digest('hex');
  return { data, pilotCodes };
}

/** The id of a new record or sanction: time-ordered for a body's (public), random for an official's (kit/ids.ts). */
export function newRecordRowId(record: { subjectType: SubjectType }): string {
  return record.subjectType === SubjectType.OFFICIAL ? newPersonalRowId() : newRowId();
}

/** A new record's columns, as the import and the demo seeder insert them: ACTIVE, with no history yet. */
export function newRecordColumns(id: string, data: RecordData, importedBy: string, at: Date) {
  return { id, ...data, importedBy, status: RecordStatus.ACTIVE, history: [] as never[], createdAt: at, updatedAt: at };
}

/** A decision is identified by its authority and document number. */
export const recordKey = (data: { authorityUscc: string; documentNumber: string }): string => `${data.authorityUscc}|${data.documentNumber}`;

/** Two rows of one import with the same decision: the later is refused. */
export const sameDecisionAs: DuplicateKey<ReadRecordRow> = {
  keyOf: ({ data }) => recordKey(data),
  field: 'documentNumber',
  message: (earlier) => `与第${earlier}行的作出机关和文号相同 (same authority and document number as row ${earlier})`,
};

/** A file's content (JSON or CSV in the input's field names) as rows for importDishonestyRecords. */
export function recordRowsFrom(content: unknown): RecordRow[] {
  return fieldRowsFrom(content, RECORD_FIELDS);
}
