import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays, isDate, today } from '../kit/index.js';
import { DishonestyKind, Severity, SubjectType } from './entities/enums.js';

/**
 * 失信惩戒措施清单 (seed 001 task 14): which measures a record brings on, as data. The catalogue is
 * versioned like the evaluation's rule sets: each file in catalogue/ is one version, in force from
 * its `effectiveFrom`; a record's sanctions are taken from the version in force on its decision
 * date, and a sanction names the catalogue version it was applied under.
 */

export interface SanctionMeasure {
  id: string;
  zh: string;
  en: string;
  /** Seed and paragraph, quoted. */
  basis: string;
  /** Who applies it (谁认定、谁惩戒 is the deciding body's; these are the bodies the seeds name). */
  appliedBy: string;
  subjects: SubjectType[];
  kinds: DishonestyKind[];
  /** The least severe record it applies to. */
  minSeverity: Severity;
  /** A measure that asks the body to rectify by a deadline: the days it has (seed 004 §四(八) "限期加以整改"). */
  rectificationDays?: number;
}

export interface SanctionCatalogue {
  id: string;
  version: number;
  effectiveFrom: string;
  title: string;
  basis: string;
  /** Seed 004 §四(九) "确定失信行为惩戒期限": the term of a record whose decision states none. */
  termMonths: { basis: string } & Record<DishonestyKind, Record<Severity, number>>;
  measures: SanctionMeasure[];
}

const SEVERITY_ORDER: readonly Severity[] = [Severity.MINOR, Severity.GENERAL, Severity.SERIOUS];
const KINDS = Object.values(DishonestyKind) as string[];
const SUBJECTS = Object.values(SubjectType) as string[];

const CATALOGUE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'catalogue');

/** Every problem of a catalogue file (empty when it is sound): a catalogue in force must not be guessed at. */
export function catalogueProblems(catalogue: SanctionCatalogue): string[] {
  const problems: string[] = [];
  if (!isDate(catalogue.effectiveFrom ?? '')) problems.push('effectiveFrom must be YYYY-MM-DD');
  if (!Number.isInteger(catalogue.version) || catalogue.version < 1) problems.push('version must be a whole number from 1');
  for (const kind of KINDS) {
    for (const severity of SEVERITY_ORDER) {
      const months = catalogue.termMonths?.[kind as DishonestyKind]?.[severity];
      if (!Number.isInteger(months) || months! < 1 || months! > 120) problems.push(`termMonths.${kind}.${severity} must be 1–120 months`);
    }
  }
  const ids = new Set<string>();
  for (const measure of catalogue.measures ?? []) {
    if (!/^[A-Z][A-Z_]*$/.test(measure.id ?? '')) problems.push(`measure id ${JSON.stringify(measure.id)} must be UPPER_SNAKE`);
    if (ids.has(measure.id)) problems.push(`${measure.id}: repeated`);
    ids.add(measure.id);
    for (const field of ['zh', 'en', 'basis', 'appliedBy'] as const) if (!measure[field]?.trim()) problems.push(`${measure.id}: ${field} is required`);
    if (!measure.subjects?.length || measure.subjects.some((s) => !SUBJECTS.includes(s))) problems.push(`${measure.id}: subjects must be ${SUBJECTS.join(' / ')}`);
    if (!measure.kinds?.length || measure.kinds.some((k) => !KINDS.includes(k))) problems.push(`${measure.id}: kinds must be of ${KINDS.join(' / ')}`);
    if (!SEVERITY_ORDER.includes(measure.minSeverity)) problems.push(`${measure.id}: minSeverity must be ${SEVERITY_ORDER.join(' / ')}`);
    if (measure.rectificationDays !== undefined && (!Number.isInteger(measure.rectificationDays) || measure.rectificationDays < 1)) problems.push(`${measure.id}: rectificationDays must be a whole number of days from 1`);
  }
  if (ids.size === 0) problems.push('no measures');
  return problems;
}

/** Every catalogue version on file, oldest first. An unsound file stops the subgraph at start. */
export function loadCatalogues(dir = CATALOGUE_DIR): SanctionCatalogue[] {
  const catalogues = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const catalogue = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SanctionCatalogue;
      const problems = catalogueProblems(catalogue);
      if (problems.length) throw new Error(`invalid sanctions catalogue ${file}: ${problems.join('; ')}`);
      return catalogue;
    })
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (catalogues.length === 0) throw new Error(`no sanctions catalogue in ${dir}`);
  if (new Set(catalogues.map((c) => c.effectiveFrom)).size !== catalogues.length) throw new Error('two sanctions catalogues take effect on one day');
  return catalogues;
}

/** The version in force on `on`: the latest that took effect by then, or the first one for earlier dates. */
export function catalogueOn(catalogues: readonly SanctionCatalogue[], on: string): SanctionCatalogue {
  const inForce = catalogues.filter((c) => c.effectiveFrom <= on);
  return inForce[inForce.length - 1] ?? catalogues[0]!;
}

/** The measures a record brings on under `catalogue`, in the catalogue's order. */
export function measuresFor(catalogue: SanctionCatalogue, record: { kind: DishonestyKind; subjectType: SubjectType; severity: Severity }): SanctionMeasure[] {
  const rank = SEVERITY_ORDER.indexOf(record.severity);
  return catalogue.measures.filter(
    (m) => m.subjects.includes(record.subjectType) && m.kinds.includes(record.kind) && SEVERITY_ORDER.indexOf(m.minSeverity) <= rank,
  );
}

/** The term (months) a record carries: the decision's own, or the catalogue's for its kind and severity. */
export function termMonthsFor(catalogue: SanctionCatalogue, record: { kind: DishonestyKind; severity: Severity; sanctionTermMonths: number | null }): number {
  return record.sanctionTermMonths ?? catalogue.termMonths[record.kind][record.severity];
}

/**
 * An applied sanction's states. APPLIED: in force. SUSPENDED: an objection to its record is being
 * examined (seed 004 §四(九) "异议处理、核实期间暂不执行联合惩戒措施"). LIFTED: the record was repaired
 * or its term ended ("信用修复结果生效后，失信惩戒措施应给予解除"). UNDONE: the record was removed as
 * wrongly made ("因错误实施联合惩戒措施损害有关主体合法权益的，应积极采取措施恢复其信誉").
 */
export type SanctionState = 'APPLIED' | 'SUSPENDED' | 'LIFTED' | 'UNDONE';
/** What happens to a record, as the sanctions on it see it. */
export type SanctionEvent = 'OBJECTION_FILED' | 'OBJECTION_REJECTED' | 'OBJECTION_CORRECTED' | 'OBJECTION_REMOVED' | 'REPAIRED' | 'TERM_ENDED';

/** Each state's next state after each event; an event a state does not list leaves it as it is. */
export const NEXT_SANCTION_STATE: Readonly<Record<SanctionState, Partial<Record<SanctionEvent, SanctionState>>>> = {
  APPLIED: { OBJECTION_FILED: 'SUSPENDED', REPAIRED: 'LIFTED', TERM_ENDED: 'LIFTED', OBJECTION_REMOVED: 'UNDONE' },
  SUSPENDED: { OBJECTION_REJECTED: 'APPLIED', OBJECTION_CORRECTED: 'APPLIED', OBJECTION_REMOVED: 'UNDONE' },
  LIFTED: {},
  UNDONE: {},
};

export function nextSanctionState(state: SanctionState, event: SanctionEvent): SanctionState {
  return NEXT_SANCTION_STATE[state][event] ?? state;
}

/** In force: only an APPLIED sanction binds (a suspended one waits for the objection). */
export function sanctionInForce(state: SanctionState): boolean {
  return state === 'APPLIED';
}

/** The day a rectification is due: `days` after the sanction was applied. */
export function rectificationDueDate(appliedOn: string, days: number): string {
  return addDays(appliedOn, days);
}

/**
 * Overdue (逾期未整改) on `on`: past its due date, not yet reported done, and the sanction asking
 * for it binds (a suspended, lifted or undone one asks nothing meanwhile).
 */
export function rectificationOverdue(rectification: { dueDate: string; completedAt: string | null }, state: SanctionState, on: string = today()): boolean {
  return sanctionInForce(state) && rectification.completedAt === null && on > rectification.dueDate;
}

/** Read once at start; a changed catalogue takes effect at the next start. */
export const catalogues = loadCatalogues();
