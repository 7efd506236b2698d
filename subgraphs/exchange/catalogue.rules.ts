import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import stringify from 'json-stable-stringify';
import { isValidIdNumber, isValidUscc, maskEmail, maskIdNumber, maskPersonName, maskPhone, today } from '../kit/index.js';
import { SOURCE_FIELDS, type SourceName, type SourceRow } from './exchange.inputs.js';

/**
 * The export catalogue (交换目录): which record kinds go up to the provincial platform, under
 * which item codes, with which fields and which masking. Kept as versioned data in
 * catalogue/<year>.json; the version in force today is used. A version in force is never edited:
 * a revision is a new file with a later `effectiveFrom` (seed 001 task 13: the city's catalogue
 * follows the province's 基础目录, revised by edition).
 */
export interface CatalogueField {
  /** The province's data item code (数据项代码). */
  code: string;
  nameZh: string;
  /** The source row's field it takes its value from. */
  from: string;
  /** `uscc`: an organization code, never mistaken for an ID number by the personal-data guard. */
  type?: 'uscc';
  /** Personal data: sent only masked (name 王*明, phone 138****5678, idNumber 230102************, email z***@…). */
  personal?: 'name' | 'phone' | 'idNumber' | 'email';
}

export interface CatalogueKind {
  kind: string;
  itemCode: string;
  nameZh: string;
  basis: string;
  source: SourceName;
  /** Only rows whose fields hold one of the listed values belong to this kind (all when absent). */
  when?: Record<string, Array<string | number | boolean>>;
  fields: CatalogueField[];
}

export interface ExportCatalogue {
  id: string;
  version: number;
  effectiveFrom: string;
  title: string;
  basis: string;
  kinds: CatalogueKind[];
}

/** What goes up for one record: its kind, id and version, and either its fields (UPSERT) or nothing (DELETE). */
export interface ExportRow {
  kind: string;
  itemCode: string;
  recordId: string;
  /** The organization or region the source fetched it under (what a later fetch compares with). */
  scope: string;
  op: 'UPSERT' | 'DELETE';
  data: Record<string, unknown> | null;
  /** sha256 of op and data: a version is new only when this changes. */
  digest: string;
}

const MASKS = { name: maskPersonName, phone: maskPhone, idNumber: maskIdNumber, email: maskEmail } as const;

/** Problems with a catalogue, each a sentence naming the kind and field (empty when it is sound). */
export function catalogueProblems(catalogue: ExportCatalogue): string[] {
  const problems: string[] = [];
  if (!catalogue.id || !Number.isInteger(catalogue.version) || !/^\d{4}-\d{2}-\d{2}$/.test(catalogue.effectiveFrom ?? '')) problems.push('id, integer version and effectiveFrom (YYYY-MM-DD) are required');
  const kinds = new Set<string>();
  const itemCodes = new Set<string>();
  for (const kind of catalogue.kinds ?? []) {
    if (kinds.has(kind.kind)) problems.push(`${kind.kind}: listed twice`);
    if (itemCodes.has(kind.itemCode)) problems.push(`${kind.kind}: item code ${kind.itemCode} used twice`);
    kinds.add(kind.kind);
    itemCodes.add(kind.itemCode);
    const known = SOURCE_FIELDS[kind.source];
    if (!known) {
      problems.push(`${kind.kind}: unknown source ${kind.source}`);
      continue;
    }
    if (!kind.basis) problems.push(`${kind.kind}: a basis (the seed and paragraph it comes from) is required`);
    for (const field of Object.keys(kind.when ?? {})) if (!known.includes(field)) problems.push(`${kind.kind}: when names ${field}, which ${kind.source} does not have`);
    const codes = new Set<string>();
    for (const field of kind.fields ?? []) {
      if (codes.has(field.code)) problems.push(`${kind.kind}: field code ${field.code} used twice`);
      codes.add(field.code);
      if (!known.includes(field.from)) problems.push(`${kind.kind}.${field.code}: ${kind.source} has no field ${field.from}`);
      if (field.personal && !(field.personal in MASKS)) problems.push(`${kind.kind}.${field.code}: unknown personal data ${field.personal}`);
    }
    if (!kind.fields?.length) problems.push(`${kind.kind}: no fields`);
  }
  return problems;
}

const CATALOGUE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'catalogue');

/** Every catalogue version kept in the folder, each checked; a bad one refuses to load. */
export function loadCatalogues(dir = CATALOGUE_DIR): ExportCatalogue[] {
  const catalogues = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const catalogue = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ExportCatalogue;
    const problems = catalogueProblems(catalogue);
    if (problems.length) throw new Error(`export catalogue ${file} is not sound (交换目录有误):\n  - ${problems.join('\n  - ')}`);
    return catalogue;
  });
  const seen = new Set<string>();
  for (const c of catalogues) {
    if (seen.has(`${c.id}@${c.version}`)) throw new Error(`export catalogue ${c.id} version ${c.version} is kept twice (交换目录版本重复)`);
    seen.add(`${c.id}@${c.version}`);
  }
  return catalogues;
}

/** The version in force on a day: the latest effectiveFrom on or before it. */
export function catalogueInForce(catalogues: ExportCatalogue[], on: string = today()): ExportCatalogue {
  const inForce = catalogues.filter((c) => c.effectiveFrom <= on).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version).at(-1);
  if (!inForce) throw new Error(`no export catalogue is in force on ${on} (${on} 无有效交换目录)`);
  return inForce;
}

function belongs(kind: CatalogueKind, row: SourceRow): boolean {
  return Object.entries(kind.when ?? {}).every(([field, allowed]) => allowed.some((value) => value === row.fields[field]));
}

export function digestOf(op: ExportRow['op'], data: Record<string, unknown> | null): string {
  return createHash('sha256').update(stringify({ op, data }) ?? '').digest('hex');
}

/** The catalogue's fields of one row, personal ones masked. */
export function exportData(kind: CatalogueKind, row: SourceRow): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of kind.fields) {
    const value = row.fields[field.from] ?? null;
    data[field.code] = field.personal && typeof value === 'string' && value ? MASKS[field.personal](value) : value;
  }
  return data;
}

/**
 * What the catalogue sends for the rows one source fetched under some scopes: an UPSERT for each
 * row of each kind it belongs to, and a DELETE for each record sent before under those scopes
 * (`previously`: kind → record id → its scope) that no longer belongs (withdrawn from
 * publication, exited a kind's condition, or gone).
 */
export function exportRows(catalogue: ExportCatalogue, source: SourceName, rows: SourceRow[], previously: Map<string, Map<string, string>>, scopes: ReadonlySet<string>): ExportRow[] {
  const out: ExportRow[] = [];
  for (const kind of catalogue.kinds.filter((k) => k.source === source)) {
    const present = new Set<string>();
    for (const row of rows) {
      if (!belongs(kind, row)) continue;
      present.add(row.id);
      const data = exportData(kind, row);
      out.push({ kind: kind.kind, itemCode: kind.itemCode, recordId: row.id, scope: row.scope, op: 'UPSERT', data, digest: digestOf('UPSERT', data) });
    }
    for (const [recordId, scope] of previously.get(kind.kind) ?? []) {
      if (!present.has(recordId) && scopes.has(scope)) out.push({ kind: kind.kind, itemCode: kind.itemCode, recordId, scope, op: 'DELETE', data: null, digest: digestOf('DELETE', null) });
    }
  }
  return out;
}

/** 18 characters: 17 digits and a digit or X; 15 digits: the first-generation card (no check character). */
const ID_NUMBER_18 = /(?<!\d)\d{17}[\dX](?![\dX])/g;
const ID_NUMBER_15 = /(?<!\d)\d{15}(?!\d)/g;
/** A mainland mobile number, with or without +86 / 86 / 0086 in front. */
const MOBILE = /(?<!\d)(?:(?:00|\+)?86)?1[3-9]\d{9}(?!\d)/;

const plausibleDate = (yyyy: number, mm: number, dd: number) => yyyy >= 1900 && yyyy <= 2100 && mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31;

/**
 * Whether a string of digits is an ID number: a valid one, or one shaped as one (a region code
 * and a real birth date) whose check character is wrong (a typo still names a person). An
 * 18-character organization code that passes its own check is not one.
 */
function looksLikeIdNumber(candidate: string): boolean {
  if (candidate.length === 15) return /^[1-8]\d{5}$/.test(candidate.slice(0, 6)) && plausibleDate(1900 + Number(candidate.slice(6, 8)), Number(candidate.slice(8, 10)), Number(candidate.slice(10, 12)));
  if (isValidIdNumber(candidate)) return true;
  return /^[1-8]\d{5}$/.test(candidate.slice(0, 6)) && plausibleDate(Number(candidate.slice(6, 10)), Number(candidate.slice(10, 12)), Number(candidate.slice(12, 14))) && !isValidUscc(candidate);
}

/**
 * The last guard before anything leaves: a clear ID number or mobile number anywhere in a row's
 * values (in free text too, e.g. facts that quote one) stops the row, whatever the catalogue says.
 * The text is read as a person would write it: full-width digits folded (NFKC), and spaces, dashes
 * and dots between digits ignored (138 1234 5678, 138-1234-5678), as well as read as it stands.
 * Fields typed `uscc` are organization codes and are not looked at. Returns why, or null.
 */
export function personalDataFound(kind: CatalogueKind, data: Record<string, unknown> | null): string | null {
  if (!data) return null;
  const skip = new Set(kind.fields.filter((f) => f.type === 'uscc').map((f) => f.code));
  for (const [code, value] of Object.entries(data)) {
    if (skip.has(code) || value == null) continue;
    const text = (typeof value === 'string' ? value : JSON.stringify(value)).normalize('NFKC').toUpperCase();
    for (const form of [text, text.replace(/(?<=\d)[\s\-‐‑–—.·]+(?=\d)/g, '')]) {
      const ids = [...form.matchAll(ID_NUMBER_18), ...form.matchAll(ID_NUMBER_15)].map((m) => m[0]);
      if (ids.some(looksLikeIdNumber)) return `${code}: 含明文身份号码 (holds a clear ID number)`;
      if (MOBILE.test(form)) return `${code}: 含明文手机号码 (holds a clear mobile number)`;
    }
  }
  return null;
}
