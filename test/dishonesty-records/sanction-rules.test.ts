// The sanctions catalogue (失信惩戒措施清单, seed 001 task 14) and the lifecycle of an applied sanction
// (seed 004 §四(八)(九)). Expectations are read off the catalogue's text by hand (which measure names
// which subjects, kinds and least severity), not computed by the code under test.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DishonestyKind, RecordStatus, Severity, SubjectType } from '../../subgraphs/dishonesty-records/entities/enums.js';
import { effectiveSanction, effectiveSanctionState, recordInForce } from '../../subgraphs/dishonesty-records/record.rules.js';
import {
  appliedMeasure, catalogueOn, catalogueProblems, catalogues, loadCatalogues, measuresFor, newSanction, nextSanctionState, planSanctions, rectificationDueDate, rectificationOverdue,
  sanctionInForce, termMonthsFor, type SanctionCatalogue, type SanctionEvent, type SanctionState,
} from '../../subgraphs/dishonesty-records/sanction.rules.js';

const catalogue2026 = catalogues.find((c) => c.id === 'HH-SANCTIONS-2026')!;
const ids = (record: { kind: DishonestyKind; subjectType: SubjectType; severity: Severity }) => measuresFor(catalogue2026, record).map((m) => m.id);

describe('the catalogue on file', () => {
  it('is sound and quotes a seed for every measure', () => {
    expect(catalogue2026).toBeDefined();
    expect(catalogueProblems(catalogue2026)).toEqual([]);
    for (const measure of catalogue2026.measures) expect(measure.basis, measure.id).toMatch(/seed 00[0-4] §/);
  });

  it('gives a county bureau with a minor penalty a written explanation with a deadline and the assessment deduction', () => {
    // seed 004 §四(八) applies "书面说明原因并限期加以整改" to every body with a record; seed 002 §四(二)3 the deduction
    expect(ids({ kind: DishonestyKind.ADMINISTRATIVE_PENALTY, subjectType: SubjectType.ORGANIZATION, severity: Severity.MINOR })).toEqual([
      'WRITTEN_EXPLANATION_AND_RECTIFICATION', 'ASSESSMENT_DEDUCTION',
    ]);
    expect(catalogue2026.measures.find((m) => m.id === 'WRITTEN_EXPLANATION_AND_RECTIFICATION')!.rectificationDays).toBe(30);
  });

  it('adds the honours ban and public criticism from GENERAL, and the principal\'s accountability for SERIOUS', () => {
    expect(ids({ kind: DishonestyKind.JUDGMENT, subjectType: SubjectType.ORGANIZATION, severity: Severity.GENERAL })).toEqual([
      'WRITTEN_EXPLANATION_AND_RECTIFICATION', 'HONOURS_INELIGIBLE', 'PUBLIC_CRITICISM', 'ASSESSMENT_DEDUCTION',
    ]);
    expect(ids({ kind: DishonestyKind.ACCOUNTABILITY, subjectType: SubjectType.ORGANIZATION, severity: Severity.SERIOUS })).toEqual([
      'WRITTEN_EXPLANATION_AND_RECTIFICATION', 'HONOURS_INELIGIBLE', 'PUBLIC_CRITICISM', 'PRINCIPAL_HELD_ACCOUNTABLE', 'ASSESSMENT_DEDUCTION',
    ]);
  });

  it('restricts an official in awards, and from GENERAL weighs the record in promotion; no body\'s measure reaches an official', () => {
    expect(ids({ kind: DishonestyKind.DISCIPLINARY_SANCTION, subjectType: SubjectType.OFFICIAL, severity: Severity.MINOR })).toEqual(['OFFICIAL_AWARDS_RESTRICTED']);
    expect(ids({ kind: DishonestyKind.DISCIPLINARY_SANCTION, subjectType: SubjectType.OFFICIAL, severity: Severity.SERIOUS })).toEqual([
      'OFFICIAL_AWARDS_RESTRICTED', 'OFFICIAL_PROMOTION_REVIEW',
    ]);
  });

  it('gives a record without a term of its own the catalogue\'s term for its kind and severity', () => {
    expect(termMonthsFor(catalogue2026, { kind: DishonestyKind.ADMINISTRATIVE_PENALTY, severity: Severity.GENERAL, sanctionTermMonths: null })).toBe(12);
    expect(termMonthsFor(catalogue2026, { kind: DishonestyKind.JUDGMENT, severity: Severity.SERIOUS, sanctionTermMonths: null })).toBe(36);
    expect(termMonthsFor(catalogue2026, { kind: DishonestyKind.JUDGMENT, severity: Severity.SERIOUS, sanctionTermMonths: 18 })).toBe(18);
  });
});

describe('catalogue versions', () => {
  const version = (effectiveFrom: string, n: number): SanctionCatalogue => ({ ...catalogue2026, id: `V${n}`, version: n, effectiveFrom });

  it('the version in force is the latest that took effect by the day; before the first, the first', () => {
    const versions = [version('2026-01-01', 1), version('2027-07-01', 2)];
    expect(catalogueOn(versions, '2027-06-30').id).toBe('V1');
    expect(catalogueOn(versions, '2027-07-01').id).toBe('V2');
    expect(catalogueOn(versions, '2028-01-01').id).toBe('V2');
    expect(catalogueOn(versions, '2025-05-01').id).toBe('V1');
  });

  it('names every problem of an unsound file, and a directory holding one does not load', () => {
    const unsound = {
      ...version('2026-13-01', 0),
      termMonths: { ...catalogue2026.termMonths, JUDGMENT: { MINOR: 0, GENERAL: 24, SERIOUS: 36 } },
      measures: [
        { ...catalogue2026.measures[0]!, id: 'lower', kinds: ['FINE' as DishonestyKind] },
        { ...catalogue2026.measures[1]!, basis: ' ', minSeverity: 'HUGE' as Severity, rectificationDays: 0 },
        { ...catalogue2026.measures[1]! },
      ],
    } as SanctionCatalogue;
    expect(catalogueProblems(unsound)).toEqual([
      'effectiveFrom must be YYYY-MM-DD',
      'version must be a whole number from 1',
      'termMonths.JUDGMENT.MINOR must be 1–120 months',
      'measure id "lower" must be UPPER_SNAKE',
      'lower: kinds must be of JUDGMENT / ADMINISTRATIVE_PENALTY / DISCIPLINARY_SANCTION / ACCOUNTABILITY / OTHER_BREACH',
      'HONOURS_INELIGIBLE: basis is required',
      'HONOURS_INELIGIBLE: minSeverity must be MINOR / GENERAL / SERIOUS',
      'HONOURS_INELIGIBLE: rectificationDays must be a whole number of days from 1',
      'HONOURS_INELIGIBLE: repeated',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(unsound));
    expect(() => loadCatalogues(dir)).toThrow(/invalid sanctions catalogue bad\.json: effectiveFrom/);
  });

  it('an applied sanction reads its wording from the version it names; two files under one id and version do not load', () => {
    const reworded = { ...version('2027-07-01', 2), id: catalogue2026.id, measures: catalogue2026.measures.map((m) => ({ ...m, zh: `${m.zh}（修订）` })) };
    const onFile = [catalogue2026, reworded];
    expect(appliedMeasure({ catalogueId: catalogue2026.id, catalogueVersion: 1, measureId: 'PUBLIC_CRITICISM' }, onFile).zh).toBe('予以公开通报批评');
    expect(appliedMeasure({ catalogueId: catalogue2026.id, catalogueVersion: 2, measureId: 'PUBLIC_CRITICISM' }, onFile).zh).toBe('予以公开通报批评（修订）');
    // A version or measure no longer on file is a deployment fault, named as such.
    expect(() => appliedMeasure({ catalogueId: catalogue2026.id, catalogueVersion: 3, measureId: 'PUBLIC_CRITICISM' }, onFile)).toThrow(/version 3 with measure PUBLIC_CRITICISM is not on file/);
    expect(() => appliedMeasure({ catalogueId: catalogue2026.id, catalogueVersion: 1, measureId: 'GONE' }, onFile)).toThrow(/not on file/);

    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify(catalogue2026));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ ...catalogue2026, effectiveFrom: '2027-07-01' }));
    expect(() => loadCatalogues(dir)).toThrow('two sanctions catalogue files have one id and version');
  });
});

describe('an applied sanction', () => {
  it('is suspended by an objection and applies again when the objection is rejected or the record corrected', () => {
    expect(nextSanctionState('APPLIED', 'OBJECTION_FILED')).toBe('SUSPENDED');
    expect(nextSanctionState('SUSPENDED', 'OBJECTION_REJECTED')).toBe('APPLIED');
    expect(nextSanctionState('SUSPENDED', 'OBJECTION_CORRECTED')).toBe('APPLIED');
  });

  it('is undone when the record is removed as wrongly made, and lifted by repair or the end of the term', () => {
    expect(nextSanctionState('SUSPENDED', 'OBJECTION_REMOVED')).toBe('UNDONE');
    expect(nextSanctionState('APPLIED', 'REPAIRED')).toBe('LIFTED');
    expect(nextSanctionState('APPLIED', 'TERM_ENDED')).toBe('LIFTED');
  });

  it('does not come back once lifted or undone, and a suspended one is not lifted behind the objection\'s back', () => {
    const events: SanctionEvent[] = ['OBJECTION_FILED', 'OBJECTION_REJECTED', 'OBJECTION_CORRECTED', 'OBJECTION_REMOVED', 'REPAIRED', 'TERM_ENDED'];
    for (const end of ['LIFTED', 'UNDONE'] as SanctionState[]) for (const event of events) expect(nextSanctionState(end, event), `${end} ${event}`).toBe(end);
    expect(nextSanctionState('SUSPENDED', 'REPAIRED')).toBe('SUSPENDED');
    expect(nextSanctionState('SUSPENDED', 'OBJECTION_FILED')).toBe('SUSPENDED');
    expect(nextSanctionState('APPLIED', 'OBJECTION_REJECTED')).toBe('APPLIED');
  });

  it('binds only while APPLIED', () => {
    expect((['APPLIED', 'SUSPENDED', 'LIFTED', 'UNDONE'] as SanctionState[]).filter(sanctionInForce)).toEqual(['APPLIED']);
  });
});

describe('rectification by a deadline (seed 004 §四(八) "限期加以整改")', () => {
  it('is due 30 days after the sanction, across a month and a year end', () => {
    expect(rectificationDueDate('2026-11-22', 30)).toBe('2026-12-22');
    expect(rectificationDueDate('2026-12-15', 30)).toBe('2027-01-14');
    expect(rectificationDueDate('2028-02-01', 30)).toBe('2028-03-02'); // 2028 is a leap year: 29 days of February
  });

  it('is overdue from the day after the due date, unless done or the sanction does not bind', () => {
    const due = { dueDate: '2026-12-22', completedAt: null };
    expect(rectificationOverdue(due, 'APPLIED', '2026-12-22')).toBe(false);
    expect(rectificationOverdue(due, 'APPLIED', '2026-12-23')).toBe(true);
    expect(rectificationOverdue({ ...due, completedAt: '2026-12-20' }, 'APPLIED', '2027-01-10')).toBe(false);
    for (const state of ['SUSPENDED', 'LIFTED', 'UNDONE'] as SanctionState[]) expect(rectificationOverdue(due, state, '2027-01-10'), state).toBe(false);
  });
});

describe('re-deriving a record\'s sanctions (planSanctions)', () => {
  const measure = (id: string) => catalogue2026.measures.find((m) => m.id === id)!;
  it('applies what is newly reached, undoes what is no longer, leaves what stands', () => {
    const held = [
      { measureId: 'ASSESSMENT_DEDUCTION', state: 'APPLIED' as SanctionState },
      { measureId: 'HONOURS_INELIGIBLE', state: 'SUSPENDED' as SanctionState },
      { measureId: 'PUBLIC_CRITICISM', state: 'UNDONE' as SanctionState },
    ];
    // Now MINOR: ASSESSMENT_DEDUCTION and WRITTEN_EXPLANATION_AND_RECTIFICATION reached.
    const plan = planSanctions(held, [measure('WRITTEN_EXPLANATION_AND_RECTIFICATION'), measure('ASSESSMENT_DEDUCTION')]);
    expect(plan.apply.map((m) => m.id)).toEqual(['WRITTEN_EXPLANATION_AND_RECTIFICATION']);
    expect(plan.undo).toEqual(['HONOURS_INELIGIBLE']);
  });

  it('a record that reaches nothing (withdrawn) undoes every standing one; a lifted one is neither undone nor applied again', () => {
    const held = [{ measureId: 'ASSESSMENT_DEDUCTION', state: 'APPLIED' as SanctionState }, { measureId: 'HONOURS_INELIGIBLE', state: 'LIFTED' as SanctionState }];
    expect(planSanctions(held, null)).toEqual({ apply: [], undo: ['ASSESSMENT_DEDUCTION'] });
    expect(planSanctions(held, [measure('HONOURS_INELIGIBLE')])).toEqual({ apply: [], undo: ['ASSESSMENT_DEDUCTION'] });
  });

  it('a new sanction names its catalogue and version; the rectification is due 30 days after it is applied; under objection it is suspended at once', () => {
    const written = newSanction(catalogue2026, measure('WRITTEN_EXPLANATION_AND_RECTIFICATION'), '2026-12-15', 'clerk');
    expect([written.catalogueId, written.catalogueVersion, written.state, written.stateReason, written.rectificationDueDate]).toEqual(['HH-SANCTIONS-2026', 1, 'APPLIED', 'RECORD_DECIDED', '2027-01-14']);
    const suspended = newSanction(catalogue2026, measure('HONOURS_INELIGIBLE'), '2026-12-15', 'clerk', true);
    expect([suspended.state, suspended.stateReason, suspended.rectificationDueDate, suspended.history.map((h) => h.state)]).toEqual(['SUSPENDED', 'OBJECTION_FILED', null, ['APPLIED', 'SUSPENDED']]);
  });
});

describe('an applied sanction on a day (effectiveSanction), and a record in force', () => {
  const applied = { state: 'APPLIED' as SanctionState, stateReason: 'RECORD_DECIDED' as const, stateSince: '2026-03-20' };
  const record = { sanctionEndDate: '2027-03-15' };
  it('an APPLIED sanction is LIFTED (TERM_ENDED) from the day after its record\'s term ends; on the last day it still applies', () => {
    expect(effectiveSanction(applied, record, '2027-03-15')).toEqual({ state: 'APPLIED', reason: 'RECORD_DECIDED', since: '2026-03-20' });
    expect(effectiveSanction(applied, record, '2027-03-16')).toEqual({ state: 'LIFTED', reason: 'TERM_ENDED', since: '2027-03-16' });
    expect(effectiveSanctionState(applied, { sanctionEndDate: null }, '2040-01-01')).toBe('APPLIED');
  });

  it('a suspended one waits for its objection; an undone one stays undone', () => {
    expect(effectiveSanctionState({ ...applied, state: 'SUSPENDED' }, record, '2028-01-01')).toBe('SUSPENDED');
    expect(effectiveSanctionState({ ...applied, state: 'UNDONE' }, record, '2028-01-01')).toBe('UNDONE');
  });

  it('a record is in force only while ACTIVE (seed 004 §四(九)), besides decided, in term and not withdrawn', () => {
    const r = { decisionDate: '2026-03-15', sanctionEndDate: '2027-03-15', publication: 'PUBLISHED' as never, status: RecordStatus.ACTIVE };
    expect(recordInForce(r, '2026-06-01')).toBe(true);
    for (const status of [RecordStatus.UNDER_OBJECTION, RecordStatus.REMOVED, RecordStatus.REPAIRED]) expect(recordInForce({ ...r, status }, '2026-06-01'), status).toBe(false);
  });
});
