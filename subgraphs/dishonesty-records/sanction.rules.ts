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
  // An applied sanction names its measure by (catalogue id, version): two files under one name would make that ambiguous.
  if (new Set(catalogues.map((c) => `${c.id}@${c.version}`)).size !== catalogues.length) throw new Error('two sanctions catalogue files have one id and version');
  return catalogues;
}

/**
 * The measure an applied sanction names, as its catalogue version words it. Every version a
 * sanction was applied under stays on file unchanged (a revision is a new version), so a missing
 * one is a deployment fault, not a caller's: it is reported as such.
 */
export function appliedMeasure(sanction: { catalogueId: string; catalogueVersion: number; measureId: string }, onFile: readonly SanctionCatalogue[] = catalogues): SanctionMeasure {
  const measure = onFile
    .find((c) => c.id === sanction.catalogueId && c.version === sanction.catalogueVersion)
    ?.measures.find((m) => m.id === sanction.measureId);
  if (!measure) throw new Error(`sanctions catalogue ${sanction.catalogueId} version ${sanction.catalogueVersion} with measure ${sanction.measureId} is not on file`);
  return measure;
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
export type SanctionEvent = 'OBJECTION_FILED' | 'OBJECTION_REJECTED' | 'OBJECTION_CORRECTED' | 'OBJECTION_REMOVED' | 'REPAIRED' | 'TERM_ENDED' | 'RECORD_CORRECTED' | 'RECORD_WITHDRAWN';
/** Why a sanction is in its state: the event that put it there, or RECORD_DECIDED for one applied when its record arrived. */
export type SanctionReason = SanctionEvent | 'RECORD_DECIDED';

/** Each state's next state after each event; an event a state does not list leaves it as it is. */
export const NEXT_SANCTION_STATE: Readonly<Record<SanctionState, Partial<Record<SanctionEvent, SanctionState>>>> = {
  // RECORD_CORRECTED: the decision, sent again or corrected on objection, no longer reaches the
  // measure; RECORD_WITHDRAWN: its authority withdrew it. Either way it should never have bound.
  APPLIED: { OBJECTION_FILED: 'SUSPENDED', REPAIRED: 'LIFTED', TERM_ENDED: 'LIFTED', OBJECTION_REMOVED: 'UNDONE', RECORD_CORRECTED: 'UNDONE', RECORD_WITHDRAWN: 'UNDONE' },
  SUSPENDED: { OBJECTION_REJECTED: 'APPLIED', OBJECTION_CORRECTED: 'APPLIED', OBJECTION_REMOVED: 'UNDONE', RECORD_CORRECTED: 'UNDONE', RECORD_WITHDRAWN: 'UNDONE' },
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

/** A sanction as the re-derivation sees it: which measure, and whether it still stands (not UNDONE). */
export interface HeldSanction {
  measureId: string;
  state: SanctionState;
}

/** What a record's facts now ask of its sanctions: the measures to apply anew, and the held ones (by measure id) to undo. */
export interface SanctionPlan {
  apply: SanctionMeasure[];
  undo: string[];
}

/**
 * Re-derivation (issue 16 phase 2): the measures the record reaches under the catalogue version in
 * force on its decision date, against the ones it holds. A measure held (APPLIED or SUSPENDED) and
 * still reached stays as it is, under the version it was applied by; one no longer reached is
 * undone; one newly reached is applied. `reached` null: the record reaches nothing (withdrawn).
 * LIFTED and UNDONE sanctions are history: they are neither undone again nor counted as held, so a
 * record withdrawn and later sent again gets its measures anew.
 */
export function planSanctions(held: readonly HeldSanction[], reached: readonly SanctionMeasure[] | null): SanctionPlan {
  const standing = held.filter((s) => s.state === 'APPLIED' || s.state === 'SUSPENDED');
  const reachedIds = new Set((reached ?? []).map((m) => m.id));
  const standingIds = new Set(standing.map((s) => s.measureId));
  const lifted = new Set(held.filter((s) => s.state === 'LIFTED').map((s) => s.measureId));
  return {
    apply: (reached ?? []).filter((m) => !standingIds.has(m.id) && !lifted.has(m.id)),
    undo: standing.filter((s) => !reachedIds.has(s.measureId)).map((s) => s.measureId),
  };
}

/** A new sanction's columns: the measure, by catalogue version and id, applied on `appliedOn` in `state`. */
export interface NewSanction {
  measureId: string;
  catalogueId: string;
  catalogueVersion: number;
  appliedOn: string;
  state: SanctionState;
  stateReason: SanctionReason;
  stateSince: string;
  rectificationDueDate: string | null;
  history: Array<{ state: SanctionState; reason: SanctionReason; at: string; by: string }>;
}

/**
 * A measure applied on `appliedOn` by `by` (the import's caller): APPLIED, or at once SUSPENDED when
 * its record is under objection (seed 004 §四(九) "异议处理、核实期间暂不执行联合惩戒措施"). A measure with
 * rectificationDays is due that many days after it was applied (seed 004 §四(八) "限期加以整改").
 */
export function newSanction(catalogue: SanctionCatalogue, measure: SanctionMeasure, appliedOn: string, by: string, underObjection = false): NewSanction {
  const applied = { state: 'APPLIED' as SanctionState, reason: 'RECORD_DECIDED' as SanctionReason, at: appliedOn, by };
  const history = underObjection ? [applied, { state: 'SUSPENDED' as SanctionState, reason: 'OBJECTION_FILED' as SanctionReason, at: appliedOn, by }] : [applied];
  const last = history[history.length - 1]!;
  return {
    measureId: measure.id,
    catalogueId: catalogue.id,
    catalogueVersion: catalogue.version,
    appliedOn,
    state: last.state,
    stateReason: last.reason,
    stateSince: appliedOn,
    rectificationDueDate: measure.rectificationDays === undefined ? null : rectificationDueDate(appliedOn, measure.rectificationDays),
    history,
  };
}

/** Read once at start; a changed catalogue takes effect at the next start. */
export const catalogues = loadCatalogues();

/**
 * The sanctions a record brings on when it arrives (deriveSanctions for a new record, in one step):
 * the measures of the catalogue version in force on its decision date, applied on `appliedOn`;
 * none for a record its authority withdrew. `idOf` names each (the import: random, the demo: fixed).
 */
export function sanctionsOfNewRecord(
  record: { id: string; kind: DishonestyKind; subjectType: SubjectType; severity: Severity; decisionDate: string; publication: string },
  appliedOn: string,
  by: string,
  idOf: (measureId: string) => string,
  onFile: readonly SanctionCatalogue[] = catalogues,
): Array<NewSanction & { id: string; recordId: string }> {
  if (record.publication === 'WITHDRAWN') return [];
  const catalogue = catalogueOn(onFile, record.decisionDate);
  return measuresFor(catalogue, record).map((measure) => ({ id: idOf(measure.id), recordId: record.id, ...newSanction(catalogue, measure, appliedOn, by) }));
}
