// Sanctions applied for dishonesty records (issue 16 phase 2, seed 004 §四(八) 联合惩戒): applied at
// import from the catalogue version in force on the decision date, re-derived when a decision is
// sent again, undone on withdrawal, lifted lazily when the term ends; the written explanation and
// rectification (seed 004 §四(八) "对具体失信情况书面说明原因并限期加以整改"); who sees an official's.
// Every test sends the decisions it reads, on a store of its own, with dates counted from today().
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catalogues, loadCatalogues } from '../../subgraphs/dishonesty-records/sanction.rules.js';
import { AuditEntry, officialPseudonym, signToken, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { bearer, daysFromToday, dropTestStore, testDbName } from '../helpers.js';
import { countyStore, DISCIPLINE, HOUSING, MARKET, penalty, sanction, SCHOOL, ZHANG } from './fixture-county.js';

const IMPORT = 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted updated unchanged rejected errors { row field rule message } } }';
const SANCTIONS = 'sanctions { id measureId measureZh measureEn basis appliedBy catalogueId catalogueVersion appliedOn state reason since rectification { dueDate explanation reportedAt overdue } }';
const RECORD = `query($id: ID!) { dishonestyRecord(id: $id) { status inForce ${SANCTIONS} } }`;
const REPORT = 'mutation($id: ID!, $text: String!) { reportDishonestyRectification(sanctionId: $id, explanation: $text) { id rectification { reportedAt explanation overdue } } }';

/** A token of its own subject (bearer() gives every ORGANIZATION token the same one). */
const token = async (sub: string, role: string, uscc?: string) => ({ authorization: `Bearer ${await signToken({ sub, roles: [role as never], ...(uscc ? { uscc } : {}) })}` });

/** The day after a YYYY-MM-DD date, by hand. */
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('sanctions of a dishonesty record', () => {
  let dbName: string;
  let store: BuiltSubgraph;
  let auditor: Record<string, string>;
  beforeEach(async () => {
    dbName = testDbName('dishonesty_sanctions');
    store = await countyStore(dbName);
    auditor = { authorization: await bearer('AUDITOR') };
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await dropTestStore(store, dbName);
  });

  /** Sends rows as the credit office; expects them taken. */
  const send = async (rows: unknown[]) => {
    const result = await store.execute(IMPORT, { r: rows }, auditor);
    expect(result.errors).toBeUndefined();
    expect(result.data.importDishonestyRecords.rejected).toBe(0);
    return result.data.importDishonestyRecords;
  };
  const idOf = async (documentNumber: string) => {
    const found = await store.execute('{ dishonestyRecords(first: 100) { edges { node { id documentNumber } } } }', {}, auditor);
    return found.data.dishonestyRecords.edges.find((e: any) => e.node.documentNumber === documentNumber).node.id as string;
  };
  const read = async (id: string, headers: Record<string, string> = auditor) => (await store.execute(RECORD, { id }, headers)).data.dishonestyRecord;
  const states = (record: any) => record.sanctions.map((s: any) => [s.measureId, s.state, s.reason]);

  it('a GENERAL penalty on a body brings on the four measures reaching GENERAL, applied today under the 2026 catalogue, version 1', async () => {
    await send([{ ...penalty, decisionDate: daysFromToday(-10) }]);
    const record = await read(await idOf(penalty.documentNumber));
    expect(record.status).toBe('ACTIVE');
    expect(record.inForce).toBe(true);
    // catalogue/2026.json, body measures with minSeverity MINOR or GENERAL, by measure id:
    // ASSESSMENT_DEDUCTION (MINOR), HONOURS_INELIGIBLE (GENERAL), PUBLIC_CRITICISM (GENERAL),
    // WRITTEN_EXPLANATION_AND_RECTIFICATION (MINOR, 30 days); not PRINCIPAL_HELD_ACCOUNTABLE (SERIOUS), nor the officials' two.
    expect(record.sanctions.map((s: any) => [s.measureId, s.catalogueId, s.catalogueVersion, s.appliedOn, s.state, s.reason, s.since])).toEqual([
      ['ASSESSMENT_DEDUCTION', 'HH-SANCTIONS-2026', 1, daysFromToday(0), 'APPLIED', 'RECORD_DECIDED', daysFromToday(0)],
      ['HONOURS_INELIGIBLE', 'HH-SANCTIONS-2026', 1, daysFromToday(0), 'APPLIED', 'RECORD_DECIDED', daysFromToday(0)],
      ['PUBLIC_CRITICISM', 'HH-SANCTIONS-2026', 1, daysFromToday(0), 'APPLIED', 'RECORD_DECIDED', daysFromToday(0)],
      ['WRITTEN_EXPLANATION_AND_RECTIFICATION', 'HH-SANCTIONS-2026', 1, daysFromToday(0), 'APPLIED', 'RECORD_DECIDED', daysFromToday(0)],
    ]);
    // Only the written explanation asks for rectification: due 30 days after it was applied (today).
    expect(record.sanctions.map((s: any) => s.rectification)).toEqual([null, null, null, { dueDate: daysFromToday(30), explanation: null, reportedAt: null, overdue: false }]);
  });

  it('a MINOR penalty brings on only the two measures from MINOR', async () => {
    await send([{ ...penalty, severity: 'MINOR', decisionDate: daysFromToday(-10) }]);
    expect(states(await read(await idOf(penalty.documentNumber)))).toEqual([
      ['ASSESSMENT_DEDUCTION', 'APPLIED', 'RECORD_DECIDED'],
      ['WRITTEN_EXPLANATION_AND_RECTIFICATION', 'APPLIED', 'RECORD_DECIDED'],
    ]);
  });

  it('takes the measures of the catalogue version in force on the decision date, not on the import day, and words each as its version does', async () => {
    // A second version, in force from 20 days ago: no public criticism any more, 15 days to rectify,
    // and the deduction reworded.
    const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
    const saved = [...catalogues];
    const WORDING = ['政务诚信评价按比例扣分（第二版措辞）', 'points deducted in the integrity assessment (second wording)'];
    try {
      copyFileSync(new URL('../../subgraphs/dishonesty-records/catalogue/2026.json', import.meta.url), join(dir, '2026.json'));
      const v1 = loadCatalogues(dir)[0]!;
      const v2 = {
        ...v1, version: 2, effectiveFrom: daysFromToday(-20),
        measures: v1.measures.filter((m) => m.id !== 'PUBLIC_CRITICISM')
          .map((m) => (m.rectificationDays ? { ...m, rectificationDays: 15 } : m))
          .map((m) => (m.id === 'ASSESSMENT_DEDUCTION' ? { ...m, zh: WORDING[0], en: WORDING[1] } : m)),
      };
      writeFileSync(join(dir, 'v2.json'), JSON.stringify(v2));
      catalogues.splice(0, catalogues.length, ...loadCatalogues(dir));
      await send([
        { ...penalty, decisionDate: daysFromToday(-21) }, // the day before v2: version 1
        { ...penalty, documentNumber: '孙市监处〔2026〕13号', decisionDate: daysFromToday(-20) }, // v2's first day
      ]);
      const before = await read(await idOf(penalty.documentNumber));
      const after = await read(await idOf('孙市监处〔2026〕13号'));
      expect(before.sanctions.map((s: any) => [s.measureId, s.catalogueVersion])).toEqual([
        ['ASSESSMENT_DEDUCTION', 1], ['HONOURS_INELIGIBLE', 1], ['PUBLIC_CRITICISM', 1], ['WRITTEN_EXPLANATION_AND_RECTIFICATION', 1],
      ]);
      expect(after.sanctions.map((s: any) => [s.measureId, s.catalogueVersion, s.rectification?.dueDate ?? null])).toEqual([
        ['ASSESSMENT_DEDUCTION', 2, null], ['HONOURS_INELIGIBLE', 2, null], ['WRITTEN_EXPLANATION_AND_RECTIFICATION', 2, daysFromToday(15)],
      ]);
      // The wording is the version's that applied it: catalogue/2026.json's own for version 1.
      expect([before.sanctions[0].measureZh, before.sanctions[0].measureEn]).toEqual(['年度综合考核按比例扣分', 'points deducted in the annual assessment']);
      expect([after.sanctions[0].measureZh, after.sanctions[0].measureEn]).toEqual(WORDING);
      expect(before.sanctions[0].basis).toBe(after.sanctions[0].basis);
    } finally {
      catalogues.splice(0, catalogues.length, ...saved);
      rmSync(dir, { recursive: true });
    }
  });

  it('re-derives when the decision is sent again: GENERAL → MINOR undoes the two GENERAL measures; → SERIOUS applies them anew and the SERIOUS one', async () => {
    await send([{ ...penalty, decisionDate: daysFromToday(-10) }]);
    const id = await idOf(penalty.documentNumber);
    expect(await send([{ ...penalty, decisionDate: daysFromToday(-10), severity: 'MINOR' }])).toMatchObject({ updated: 1 });
    expect(states(await read(id))).toEqual([
      ['ASSESSMENT_DEDUCTION', 'APPLIED', 'RECORD_DECIDED'],
      ['HONOURS_INELIGIBLE', 'UNDONE', 'RECORD_CORRECTED'],
      ['PUBLIC_CRITICISM', 'UNDONE', 'RECORD_CORRECTED'],
      ['WRITTEN_EXPLANATION_AND_RECTIFICATION', 'APPLIED', 'RECORD_DECIDED'],
    ]);
    // Sent again unchanged: nothing moves.
    expect(await send([{ ...penalty, decisionDate: daysFromToday(-10), severity: 'MINOR' }])).toMatchObject({ unchanged: 1 });
    expect((await read(id)).sanctions).toHaveLength(4);
    await send([{ ...penalty, decisionDate: daysFromToday(-10), severity: 'SERIOUS' }]);
    // The undone rows stay as history (older first); HONOURS_INELIGIBLE and PUBLIC_CRITICISM come again as new rows, with PRINCIPAL_HELD_ACCOUNTABLE.
    expect(states(await read(id))).toEqual([
      ['ASSESSMENT_DEDUCTION', 'APPLIED', 'RECORD_DECIDED'],
      ['HONOURS_INELIGIBLE', 'UNDONE', 'RECORD_CORRECTED'],
      ['HONOURS_INELIGIBLE', 'APPLIED', 'RECORD_DECIDED'],
      ['PRINCIPAL_HELD_ACCOUNTABLE', 'APPLIED', 'RECORD_DECIDED'],
      ['PUBLIC_CRITICISM', 'UNDONE', 'RECORD_CORRECTED'],
      ['PUBLIC_CRITICISM', 'APPLIED', 'RECORD_DECIDED'],
      ['WRITTEN_EXPLANATION_AND_RECTIFICATION', 'APPLIED', 'RECORD_DECIDED'],
    ]);
  });

  it('a record withdrawn by its authority has every sanction undone and is not in force', async () => {
    await send([{ ...penalty, decisionDate: daysFromToday(-10) }]);
    const id = await idOf(penalty.documentNumber);
    await send([{ ...penalty, decisionDate: daysFromToday(-10), publication: 'WITHDRAWN' }]);
    const record = await read(id);
    expect(record.inForce).toBe(false);
    expect(record.sanctions.map((s: any) => [s.state, s.reason, s.since])).toEqual(Array(4).fill(['UNDONE', 'RECORD_WITHDRAWN', daysFromToday(0)]));
  });

  it('gives a decision that states no term the catalogue\'s default for its kind and severity; a stated term is kept', async () => {
    // catalogue/2026.json termMonths, written out: ADMINISTRATIVE_PENALTY MINOR 6, GENERAL 12, SERIOUS 36 (seed 004 §四(九) "确定失信行为惩戒期限").
    await send([
      { ...penalty, documentNumber: '孙市监处〔2026〕31号', decisionDate: '2026-08-31', severity: 'MINOR', sanctionTermMonths: null },
      { ...penalty, documentNumber: '孙市监处〔2026〕32号', decisionDate: '2026-01-15', severity: 'SERIOUS', sanctionTermMonths: '' },
      { ...penalty, documentNumber: '孙市监处〔2026〕33号', decisionDate: '2026-01-15', severity: 'SERIOUS', sanctionTermMonths: '2' },
    ]);
    const terms = async (documentNumber: string) =>
      (await store.execute('query($id: ID!) { dishonestyRecord(id: $id) { sanctionTermMonths sanctionEndDate } }', { id: await idOf(documentNumber) }, auditor)).data.dishonestyRecord;
    // 6 months from 2026-08-31: February has no 31st, so its last day (民法典 第二百零二条).
    expect(await terms('孙市监处〔2026〕31号')).toEqual({ sanctionTermMonths: null, sanctionEndDate: '2027-02-28' });
    expect(await terms('孙市监处〔2026〕32号')).toEqual({ sanctionTermMonths: null, sanctionEndDate: '2029-01-15' });
    expect(await terms('孙市监处〔2026〕33号')).toEqual({ sanctionTermMonths: 2, sanctionEndDate: '2026-03-15' });
  });

  it('lifts a sanction lazily the day after its record\'s term ends (TERM_ENDED), no job writing it', async () => {
    // Imported 40 days ago with a one-month term: the term ended about ten days ago.
    vi.stubEnv('CREDIT_TODAY', daysFromToday(-40));
    const decided = daysFromToday(-40);
    await send([{ ...penalty, decisionDate: decided, sanctionTermMonths: '1' }]);
    vi.unstubAllEnvs();
    const id = await idOf(penalty.documentNumber);
    const end = (await store.execute('query($id: ID!) { dishonestyRecord(id: $id) { sanctionEndDate } }', { id }, auditor)).data.dishonestyRecord.sanctionEndDate;
    const record = await read(id);
    expect(record.inForce).toBe(false);
    expect(record.sanctions.map((s: any) => [s.state, s.reason, s.since])).toEqual(Array(4).fill(['LIFTED', 'TERM_ENDED', dayAfter(end)]));
    // A lifted measure asks nothing: its rectification is not overdue though never reported.
    expect(record.sanctions[3].rectification).toEqual({ dueDate: daysFromToday(-10), explanation: null, reportedAt: null, overdue: false });
  });

  it('is overdue the day after the due date, not on it (seed 004 §四(八) "限期加以整改")', async () => {
    // Applied 31 days ago: due yesterday, overdue today. Applied 30 days ago: due today, not overdue.
    vi.stubEnv('CREDIT_TODAY', daysFromToday(-31));
    const late = daysFromToday(-31);
    await send([{ ...penalty, decisionDate: late }]);
    vi.unstubAllEnvs();
    vi.stubEnv('CREDIT_TODAY', daysFromToday(-30));
    const onTime = daysFromToday(-30);
    await send([{ ...penalty, documentNumber: '孙市监处〔2026〕13号', decisionDate: onTime }]);
    vi.unstubAllEnvs();
    expect((await read(await idOf(penalty.documentNumber))).sanctions[3].rectification).toEqual({ dueDate: daysFromToday(-1), explanation: null, reportedAt: null, overdue: true });
    expect((await read(await idOf('孙市监处〔2026〕13号'))).sanctions[3].rectification).toEqual({ dueDate: daysFromToday(0), explanation: null, reportedAt: null, overdue: false });
  });

  it('the unit reports its written explanation and rectification; the public sees that it did, not what it wrote', async () => {
    vi.stubEnv('CREDIT_TODAY', daysFromToday(-31));
    await send([{ ...penalty, decisionDate: daysFromToday(-31) }]);
    vi.unstubAllEnvs();
    const id = await idOf(penalty.documentNumber);
    const [, honours, , written] = (await read(id)).sanctions;
    const housing = await token('housing-clerk', 'ORGANIZATION', HOUSING);
    // Another unit, the public, a measure that asks for no rectification, an empty text, an unknown sanction: refused.
    const school = await store.execute(REPORT, { id: written.id, text: '已整改' }, await token('school-clerk', 'ORGANIZATION', SCHOOL));
    expect(school.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The public holds no token at all: refused before anything is read (the platform's UNAUTHENTICATED).
    expect((await store.execute(REPORT, { id: written.id, text: '已整改' }, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await store.execute(REPORT, { id: honours.id, text: '已整改' }, housing)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'NO_RECTIFICATION' });
    expect((await store.execute(REPORT, { id: written.id, text: '   ' }, housing)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'explanation' });
    expect((await store.execute(REPORT, { id: written.id, text: 'x'.repeat(5001) }, housing)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'explanation' });
    expect((await store.execute(REPORT, { id: '00000000-0000-0000-0000-000000000000', text: '已整改' }, housing)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Nothing of those was written: still overdue (due yesterday), nothing reported.
    expect((await read(id)).sanctions[3].rectification).toEqual({ dueDate: daysFromToday(-1), explanation: null, reportedAt: null, overdue: true });

    const done = await store.execute(REPORT, { id: written.id, text: '已退还违规收取的技术服务费32,000元，并建立收费公示制度' }, housing);
    expect(done.errors).toBeUndefined();
    expect(done.data.reportDishonestyRectification.rectification).toEqual({ reportedAt: daysFromToday(0), explanation: '已退还违规收取的技术服务费32,000元，并建立收费公示制度', overdue: false });
    // Reported once: a second report is a CONFLICT.
    expect((await store.execute(REPORT, { id: written.id, text: '再次报告' }, housing)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // The public and another unit see the date, not the text; the deciding authority sees the text.
    expect((await read(id, {})).sanctions[3].rectification).toEqual({ dueDate: daysFromToday(-1), explanation: null, reportedAt: daysFromToday(0), overdue: false });
    expect((await read(id, await token('school-clerk', 'ORGANIZATION', SCHOOL))).sanctions[3].rectification.explanation).toBeNull();
    expect((await read(id, await token('market-clerk', 'ORGANIZATION', MARKET))).sanctions[3].rectification.explanation).toBe('已退还违规收取的技术服务费32,000元，并建立收费公示制度');
  });

  it('the credit office (AUDITOR) may record the rectification on the unit\'s behalf', async () => {
    await send([{ ...penalty, decisionDate: daysFromToday(-10) }]);
    const written = (await read(await idOf(penalty.documentNumber))).sanctions[3];
    const done = await store.execute(REPORT, { id: written.id, text: '据书面报告（纸质）登记：已整改' }, auditor);
    expect(done.data.reportDishonestyRectification.rectification).toMatchObject({ reportedAt: daysFromToday(0), overdue: false });
  });

  it('an official\'s sanctions (restricted awards, promotion) are for AUDITOR, ADMIN and PERSONNEL; hidden from the public and the official\'s unit-mates', async () => {
    await send([{ ...sanction, decisionDate: daysFromToday(-10) }]);
    const id = await idOf(sanction.documentNumber);
    // catalogue/2026.json, official measures reaching GENERAL: OFFICIAL_AWARDS_RESTRICTED (MINOR), OFFICIAL_PROMOTION_REVIEW (GENERAL).
    const expected = [['OFFICIAL_AWARDS_RESTRICTED', 'APPLIED', 'RECORD_DECIDED'], ['OFFICIAL_PROMOTION_REVIEW', 'APPLIED', 'RECORD_DECIDED']];
    expect(states(await read(id, { authorization: await bearer('PERSONNEL') }))).toEqual(expected);
    expect(states(await read(id, auditor))).toEqual(expected);
    // The record is published: the public and the housing bureau (張三's unit) read it, not its sanctions.
    expect((await read(id, {})).sanctions).toBeNull();
    expect((await read(id, await token('housing-clerk', 'ORGANIZATION', HOUSING))).sanctions).toBeNull();
    expect((await read(id, await token('discipline-clerk', 'ORGANIZATION', DISCIPLINE))).sanctions).toBeNull();
  });

  it('PublicOfficial.dishonestySanctions (seed 004 §四(八) "限制评先评优"): AUDITOR, ADMIN and PERSONNEL only, each read audited', async () => {
    await send([{ ...sanction, decisionDate: daysFromToday(-10) }]);
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on PublicOfficial { dishonestySanctions { measureId state } } } }';
    const r = [{ __typename: 'PublicOfficial', id: officialPseudonym(ZHANG) }];
    expect((await store.execute(query, { r })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await store.execute(query, { r }, await token('housing-clerk', 'ORGANIZATION', HOUSING))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const before = await store.store.orm.em.fork().count(AuditEntry, {});
    const full = await store.execute(query, { r }, await token('org-dept', 'PERSONNEL'));
    expect(full.data._entities[0].dishonestySanctions).toEqual([{ measureId: 'OFFICIAL_AWARDS_RESTRICTED', state: 'APPLIED' }, { measureId: 'OFFICIAL_PROMOTION_REVIEW', state: 'APPLIED' }]);
    const entry = (await store.store.orm.em.fork().find(AuditEntry, {}, { orderBy: { id: 'desc' }, limit: 1 }))[0]!;
    expect(await store.store.orm.em.fork().count(AuditEntry, {})).toBe(before + 1);
    // The audit counts the personal values returned: one per sanction read (platform/audit/personal-fields.ts).
    expect(entry.personalFields).toEqual({ 'PublicOfficial.dishonestySanctions': 2 });
  });
});
