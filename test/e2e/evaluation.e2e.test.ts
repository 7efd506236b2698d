// Evaluation end to end: every subgraph and the gateway as processes; the evaluation read
// model follows the other domains' change feeds, so a write shows in the score within seconds
// (the tests poll for it). Nothing here reads a database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCourtDebtors, generateCourtRows } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoDishonesty } from '../../scripts/demo-data/dishonesty-records.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { freePort, startStack, type Stack } from '../../scripts/lib/stack.js';
import { loadRuleSets, ruleSetFor } from '../../subgraphs/evaluation/rule-set.rules.js';
import { addDays } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { countingProxy, startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const courts = buildDemoCourtDebtors(registry);
const dishonesty = buildDemoDishonesty(registry);
/** The stack's day (CREDIT_TODAY below), whatever day the test process runs at. */
const STACK_DAY = '2026-11-22';
const rules = ruleSetFor(loadRuleSets(), 2026);
const DEBTOR_POINTS = rules.rules.find((r) => r.id === 'DEBTOR_LISTED')!.pointsPerSource!;
let stack: TestStack;

/** 黑河市's figures on the seeded demo, read before any test writes (tests may run in any order). */
let seededReport: unknown;

beforeAll(async () => {
  stack = await startTestStack({ CREDIT_TODAY: STACK_DAY });
  seededReport = (await post(stack.gatewayUrl, '{ integrityRegionReport(regionCode: "231100") { organizations meanScore gradeCounts { grade count } warningCounts { level count } } }')).data.integrityRegionReport;
}, 180_000);

afterAll(() => stack?.close());

const integrityOf = `query($u: String!) { organization(uscc: $u) { name integrity { score grade deductions { rule domain points sources } warnings { level kind sources } ruleSet { id } } } }`;

/** The unit's assessment once it satisfies `ready` (the read model follows writes within seconds). */
async function scoreWhen(uscc: string, ready: (integrity: any) => boolean): Promise<any> {
  let integrity: any;
  await expect.poll(async () => {
    integrity = (await post(stack.gatewayUrl, integrityOf, { u: uscc })).data.organization.integrity;
    return ready(integrity);
  }, { timeout: 15_000, interval: 100 }).toBe(true);
  return integrity;
}

describe('the README\'s region figures', () => {
  it('gives 黑河市 exactly the figures the README states (as read before any test wrote)', () => {
    // Rule set HH-2026-1 version 3. Against version 2 (A 1,122, B 725, C 45, D 5; RED 54, ORANGE 221, YELLOW 2,706), 13 bodies
    // have a record that counts on 2026-11-22 (test/dishonesty-records/summary.test.ts, the README): 3 SERIOUS (−15, RED), 7 GENERAL
    // (−8, ORANGE), 3 MINOR (−3, YELLOW). Grades that moved: 92 → 84 and 92 → 77 (A → B), 86 → 71, 77 → 69, 76 → 68 (B → C),
    // 61 → 53 (C → D): A 1,120, B 724, C 47, D 6. The mean falls by 110 / 1,897 points, 90.0 → 90.0 (89.96 rounded).
    // Version 4 (DISHONESTY_RECTIFICATION_OVERDUE, 5 a record, ORANGE): of the 13, the three transport bureaus reported their
    // rectification (scripts/demo-data/dishonesty-records.ts); the other ten records were decided by 2026-10-12 and their 30 days
    // (catalogue/2026.json) ran out by 2026-11-11, unreported: ten bodies lose 5 more (8 + 5 or 15 + 5, under the domain's 30) and
    // gain an ORANGE warning. Under version 3 their scores were 90, 41, 53, 69, 71, 80, 61, 77, 68, 84; three cross a threshold:
    // 90 → 85 (A → B), 77 → 72 (B → C), 61 → 56 (C → D): A 1,119, B 724, C 47, D 7; ORANGE 238. The mean falls by 50 / 1,897
    // more, 89.96 → 89.93, 89.9.
    expect(seededReport).toEqual({
      organizations: 1_897,
      meanScore: 89.9,
      gradeCounts: [{ grade: 'A', count: 1_119 }, { grade: 'B', count: 724 }, { grade: 'C', count: 47 }, { grade: 'D', count: 7 }],
      warningCounts: [{ level: 'RED', count: 57 }, { level: 'ORANGE', count: 238 }, { level: 'YELLOW', count: 2_709 }],
    });
  });
});

describe('deduction sources as typed references', () => {
  const refs = `query($u: String!) { organization(uscc: $u) { integrity { deductions { rule sources sourceRefs { type id
    debtorRecord { caseNumber status } pendingCase { caseNumber court } commitmentItem { id content } contractBreach { id description } contractMilestone { id dueDate }
    contractComplaint { id status } organization { uscc name } year } } } } }`;

  it('resolves every cited record through the supergraph, as the caller may see it', async () => {
    const { data, errors } = await post(stack.gatewayUrl, refs, { u: '11231124696698813J' });
    expect(errors).toBeUndefined();
    const cited = data.organization.integrity.deductions.flatMap((d: any) => d.sourceRefs.map((r: any) => ({ rule: d.rule, ...r })));
    // One reference per source, typed by its prefix.
    expect(cited.map((r: any) => `${r.type}:${r.id}`)).toEqual(data.organization.integrity.deductions.flatMap((d: any) => d.sources));
    const byType = (type: string) => cited.find((r: any) => r.type === type);
    expect(byType('CommitmentSummary')).toMatchObject({ organization: { uscc: '11231124696698813J', name: '孙吴县统计局' }, year: 2026 });
    expect(byType('CommitmentItem').commitmentItem).toMatchObject({ id: '36716936-fd51-4038-a348-c922dc36a1de', content: expect.any(String) });
    expect(byType('ContractBreach').contractBreach).toMatchObject({ id: 'HH-2023-CG-00629/b1', description: expect.any(String) });
    expect(byType('ContractMilestone').contractMilestone).toMatchObject({ id: 'HH-2023-CG-00629/m4', dueDate: expect.any(String) });
    // A complaint is the ledger keepers' alone: PUBLIC gets no record (the complainant stays unnamed), an auditor gets it.
    expect(byType('ContractComplaint').contractComplaint).toBeNull();
    const audited = await post(stack.gatewayUrl, refs, { u: '11231124696698813J' }, { authorization: await bearer('AUDITOR') });
    const complaintRef = audited.data.organization.integrity.deductions.flatMap((d: any) => d.sourceRefs).find((r: any) => r.type === 'ContractComplaint');
    expect(complaintRef.contractComplaint).toMatchObject({ id: complaintRef.id, status: expect.any(String) });
    expect(byType('TrainingSummary')).toMatchObject({ organization: { uscc: '11231124696698813J' }, year: 2026 });
  });

  it('gives PUBLIC no pending case (the warning list is not public), and an auditor the case', async () => {
    const pending = courts.pendingCases.filter((p) => p.status === 'PENDING').map((p) => ({ caseNumber: p.caseCode, debtorUscc: p.cardNum })).find((p) => registry.organizations.some((o) => o.uscc === p.debtorUscc && !o.classified))!;
    const asPublic = (await post(stack.gatewayUrl, refs, { u: pending.debtorUscc })).data.organization.integrity;
    const ref = (integrity: any) => integrity.deductions.flatMap((d: any) => d.sourceRefs).find((r: any) => r.type === 'PendingCase' && r.id === pending.caseNumber);
    expect(ref(asPublic)).toMatchObject({ pendingCase: null });
    const asAuditor = (await post(stack.gatewayUrl, refs, { u: pending.debtorUscc }, { authorization: await bearer('AUDITOR') })).data.organization.integrity;
    expect(ref(asAuditor)).toMatchObject({ pendingCase: { caseNumber: pending.caseNumber, court: expect.any(String) } });
    // And a lookup for every source type.
    const lookups = await post(stack.gatewayUrl, 'query($c: String!) { pendingCase(caseNumber: $c) { caseNumber } contractBreach(id: "HH-2023-CG-00629/b1") { id } contractMilestone(id: "HH-2023-CG-00629/m4") { id } commitmentItem(id: "36716936-fd51-4038-a348-c922dc36a1de") { id } }', { c: pending.caseNumber }, { authorization: await bearer('AUDITOR') });
    expect(lookups.data).toEqual({ pendingCase: { caseNumber: pending.caseNumber }, contractBreach: { id: 'HH-2023-CG-00629/b1' }, contractMilestone: { id: 'HH-2023-CG-00629/m4' }, commitmentItem: { id: '36716936-fd51-4038-a348-c922dc36a1de' } });
  });
});

describe('a court listing moves the score, an objection suspends it', () => {
  it('costs exactly the rule\'s points with a RED warning citing the record; objection removes it; rejection restores it', async () => {
    // An unclassified unit with no court records at all.
    const listed = new Set(courts.records.map((r) => r.row.cardNum));
    const unit = registry.organizations.find((o) => !o.classified && o.kind === 'GOVERNMENT_DEPARTMENT' && !listed.has(o.uscc))!;
    const before = (await post(stack.gatewayUrl, integrityOf, { u: unit.uscc })).data.organization.integrity;
    expect(before.ruleSet.id).toBe(rules.id);
    expect(before.deductions.filter((d: any) => d.domain === 'COURT_DEBTORS')).toEqual([]);

    const row = { ...generateCourtRows(1, 77)[0]!, iname: unit.name, cardNum: unit.uscc, caseCode: '(2026)黑11执9001号', regDate: '2026-09-01', publishDate: '2026-10-10' };
    const court = { authorization: await bearer('COURT') };
    const imported = await post(stack.gatewayUrl, 'mutation($r: [DebtorRecordInput!]!) { importDebtorRecords(records: $r) { accepted rejected errors { field message } } }', { r: [row] }, court);
    expect(imported.data.importDebtorRecords).toMatchObject({ accepted: 1, rejected: 0 });

    const source = `DebtorRecord:${row.caseCode}`;
    const after = await scoreWhen(unit.uscc, (i) => i.score !== before.score);
    expect(after.score).toBeCloseTo(before.score - DEBTOR_POINTS, 5);
    expect(after.deductions).toContainEqual({ rule: 'DEBTOR_LISTED', domain: 'COURT_DEBTORS', points: DEBTOR_POINTS, sources: [source] });
    expect(after.warnings).toContainEqual({ level: 'RED', kind: 'DEBTOR_LISTED', sources: [source] });

    const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
    const objection = await post(stack.gatewayUrl, 'mutation($c: String!) { fileDebtorObjection(caseNumber: $c, reason: "已全额履行，法院尚未更新") { id } }', { c: row.caseCode }, owner);
    expect(objection.errors).toBeUndefined();
    const during = await scoreWhen(unit.uscc, (i) => i.score !== after.score);
    expect(during.score).toBeCloseTo(before.score, 5);
    expect(during.deductions.filter((d: any) => d.rule === 'DEBTOR_LISTED')).toEqual([]);

    const rejected = await post(stack.gatewayUrl, 'mutation($id: ID!) { decideDebtorObjection(objectionId: $id, decision: REJECT, note: "经审查，异议不成立") { id } }', { id: objection.data.fileDebtorObjection.id }, court);
    expect(rejected.errors).toBeUndefined();
    const again = await scoreWhen(unit.uscc, (i) => i.score !== during.score);
    expect(again.score).toBeCloseTo(before.score - DEBTOR_POINTS, 5);
    expect(again.warnings).toContainEqual({ level: 'RED', kind: 'DEBTOR_LISTED', sources: [source] });
  });
});

describe('a dishonesty record moves the score, its withdrawal restores it', () => {
  // DISHONESTY_SERIOUS in rules/2026.json (version 4), written out: 15 points a record, RED (seed 002 §四(二)3).
  const SERIOUS_POINTS = 15;
  const IMPORT = 'mutation($r: [DishonestyRecordInput!]!) { importDishonestyRecords(records: $r) { accepted updated unchanged rejected errors { row field rule message } } }';
  const SCORED = `query($u: String!) { organization(uscc: $u) { dishonestySummary { seriousRecordIds } integrity { score grade ruleSet { id version }
    deductions { rule domain points sources sourceRefs { type id dishonestyRecord { id documentNumber severity publication } } } warnings { level kind domain sources } } } }`;

  /** The unit's summary and assessment once they satisfy `ready` (the read model follows the feed within seconds). */
  async function organizationWhen(uscc: string, ready: (organization: any) => boolean): Promise<any> {
    let organization: any;
    await expect.poll(async () => {
      organization = (await post(stack.gatewayUrl, SCORED, { u: uscc })).data.organization;
      return ready(organization);
    }, { timeout: 15_000, interval: 100 }).toBe(true);
    return organization;
  }

  /** An import through the gateway; the subgraph's copy of the registry may still be catching up just after start. */
  async function send(rows: unknown[], authorization: string) {
    for (let attempt = 0; ; attempt++) {
      const result = await post(stack.gatewayUrl, IMPORT, { r: rows }, { authorization });
      if (result.errors?.[0]?.extensions?.code !== 'SUBGRAPH_UNAVAILABLE' || attempt === 50) return result;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('a county bureau\'s SERIOUS penalty costs 15 points with a RED warning citing the record; WITHDRAWN by its authority, the score recovers', async () => {
    // A 孙吴县 department with no demo dishonesty record and no court record, other than the README's example and the court test's unit.
    const market = registry.organizations.find((o) => o.name === '孙吴县市场监督管理局')!;
    const listed = new Set(courts.records.map((r) => r.row.cardNum));
    const onRecord = new Set(dishonesty.records.map((r) => r.row.organizationUscc));
    const courtTestUnit = registry.organizations.find((o) => !o.classified && o.kind === 'GOVERNMENT_DEPARTMENT' && !listed.has(o.uscc))!;
    const unit = registry.organizations.find((o) => o.regionCode === '231124' && !o.classified && o.kind === 'GOVERNMENT_DEPARTMENT'
      && ![market.uscc, courtTestUnit.uscc, '11231124696698813J'].includes(o.uscc) && !listed.has(o.uscc) && !onRecord.has(o.uscc))!;
    const before = (await post(stack.gatewayUrl, SCORED, { u: unit.uscc })).data.organization;
    expect(before.integrity.ruleSet).toEqual({ id: 'HH-2026-1', version: 4 });
    expect(before.integrity.deductions.filter((d: any) => d.domain === 'DISHONESTY')).toEqual([]);
    expect(before.dishonestySummary).toEqual({ seriousRecordIds: [] });
    expect(before.integrity.score).toBeGreaterThanOrEqual(SERIOUS_POINTS);

    // The market regulator sends the penalty it decided ten days before the stack's day, published.
    const decisionDate = addDays(STACK_DAY, -10);
    const penalty = {
      kind: 'ADMINISTRATIVE_PENALTY', organizationUscc: unit.uscc, organizationName: unit.name, authorityUscc: market.uscc, authorityName: market.name,
      documentNumber: `孙市监处〔${decisionDate.slice(0, 4)}〕901号`, decisionDate, facts: '在政府采购中违规指定品牌，排斥潜在供应商，造成采购结果被撤销。',
      legalBasis: '《中华人民共和国政府采购法》第七十一条', severity: 'SERIOUS', sanctionTermMonths: '36', publication: 'PUBLISHED',
    };
    const regulator = await bearer('ORGANIZATION', { uscc: market.uscc });
    const imported = await send([penalty], regulator);
    expect(imported.errors).toBeUndefined();
    expect(imported.data.importDishonestyRecords).toMatchObject({ accepted: 1, rejected: 0 });
    const id = (await post(stack.gatewayUrl, 'query($f: DishonestyRecordFilter) { dishonestyRecords(filter: $f) { edges { node { id } } } }', { f: { organizationUscc: unit.uscc } }, { authorization: await bearer('AUDITOR') }))
      .data.dishonestyRecords.edges.map((e: any) => e.node.id);
    expect(id).toHaveLength(1);
    const source = `DishonestyRecord:${id[0]}`;

    // The read model follows the dishonesty-records feed: the score drops by exactly the rule's points, the record cited.
    const after = await organizationWhen(unit.uscc, (o) => o.integrity.score !== before.integrity.score);
    expect(after.integrity.score).toBeCloseTo(before.integrity.score - SERIOUS_POINTS, 5);
    expect(after.dishonestySummary).toEqual({ seriousRecordIds: [id[0]] });
    expect(after.integrity.deductions).toContainEqual({
      rule: 'DISHONESTY_SERIOUS', domain: 'DISHONESTY', points: SERIOUS_POINTS, sources: [source],
      sourceRefs: [{ type: 'DishonestyRecord', id: id[0], dishonestyRecord: { id: id[0], documentNumber: penalty.documentNumber, severity: 'SERIOUS', publication: 'PUBLISHED' } }],
    });
    expect(after.integrity.warnings).toContainEqual({ level: 'RED', kind: 'DISHONESTY_SERIOUS', domain: 'DISHONESTY', sources: [source] });

    // Sent again WITHDRAWN by the authority that decided it (the decision revoked): nothing counts any more.
    const withdrawn = await send([{ ...penalty, publication: 'WITHDRAWN' }], regulator);
    expect(withdrawn.data.importDishonestyRecords).toMatchObject({ accepted: 0, updated: 1, rejected: 0 });
    const again = await organizationWhen(unit.uscc, (o) => o.integrity.score !== after.integrity.score);
    expect(again.integrity.score).toBeCloseTo(before.integrity.score, 5);
    expect(again.dishonestySummary).toEqual({ seriousRecordIds: [] });
    expect(again.integrity.deductions.filter((d: any) => d.domain === 'DISHONESTY')).toEqual([]);
    expect(again.integrity.warnings.filter((w: any) => w.domain === 'DISHONESTY')).toEqual([]);
  });
});

describe('the README\'s worked example', () => {
  it('assesses 孙吴县统计局 at 72, grade C, with exactly the deductions and warnings the README shows', async () => {
    // README, "Evaluation": the demo data as of 2026-11-22. The figures are the README's, typed here, not computed.
    const { data } = await post(stack.gatewayUrl, '{ organization(uscc: "11231124696698813J") { name integrity { score grade ruleSet { id version } deductions { rule points sources } warnings { level kind } } } }');
    expect(data.organization.name).toBe('孙吴县统计局');
    const integrity = data.organization.integrity;
    // The bureau has no dishonesty record: versions 3 and 4 of the rule set leave it as version 2 had it.
    expect([integrity.score, integrity.grade, integrity.ruleSet.id, integrity.ruleSet.version]).toEqual([72, 'C', 'HH-2026-1', 4]);
    expect(integrity.deductions.map((d: any) => [d.rule, d.points, d.sources.length])).toEqual([
      ['NO_PUBLISHED_LETTER', 8, 1], ['COMMITMENT_OVERDUE', 2, 1], ['CONTRACT_GOVERNMENT_BREACH', 8, 1], ['CONTRACT_ARREARS', 3, 1], ['COMPLAINT_OVERDUE', 2, 1], ['TRAINING_COVERAGE_LOW', 5, 1],
    ]);
    // The 2025 letter's item, partly fulfilled and due 2025-12-02, is carried into 2026 (seed 002 §二(三)).
    expect(integrity.deductions.map((d: any) => d.sources[0]).slice(0, 4)).toEqual(['CommitmentSummary:11231124696698813J:2026', 'CommitmentItem:36716936-fd51-4038-a348-c922dc36a1de', 'ContractBreach:HH-2023-CG-00629/b1', 'ContractMilestone:HH-2023-CG-00629/m4']);
    expect(integrity.deductions[5].sources).toEqual(['TrainingSummary:11231124696698813J:2026']);
    expect(integrity.warnings.map((w: any) => `${w.level} ${w.kind}`)).toEqual(['YELLOW NO_PUBLISHED_LETTER', 'YELLOW COMMITMENT_OVERDUE', 'ORANGE CONTRACT_GOVERNMENT_BREACH', 'ORANGE CONTRACT_ARREARS', 'YELLOW TRAINING_COVERAGE_LOW']);
  });
});

describe('region figures', () => {
  it('spread the demo scores over all four grades, and agree with the single assessments', async () => {
    const report = (await post(stack.gatewayUrl, '{ integrityRegionReport(regionCode: "231100") { organizations meanScore gradeCounts { grade count } warningCounts { level count } } }')).data.integrityRegionReport;
    expect(report.organizations).toBe(registry.organizations.filter((o) => !o.classified).length);
    for (const grade of ['A', 'B', 'C', 'D']) expect(report.gradeCounts.find((g: any) => g.grade === grade).count, grade).toBeGreaterThan(0);

    // The county's ranking and warnings are the organizations' own assessments, put in order.
    const ranking = (await post(stack.gatewayUrl, '{ integrityRanking(regionCode: "231124", first: 100) { totalCount edges { node { rank score organization { uscc } } } } }')).data.integrityRanking;
    const first = ranking.edges[0].node;
    const own = (await post(stack.gatewayUrl, integrityOf, { u: first.organization.uscc })).data.organization.integrity;
    expect(own.score).toBe(first.score);
    const scores = ranking.edges.map((e: any) => e.node.score);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));

    const red = (await post(stack.gatewayUrl, '{ warnings(regionCode: "231124", minLevel: RED, first: 100) { totalCount edges { node { level sources organization { uscc name } } } } }')).data.warnings;
    expect(red.edges.every((e: any) => e.node.level === 'RED' && e.node.sources.length > 0 && e.node.organization.name)).toBe(true);
    const all = (await post(stack.gatewayUrl, '{ warnings(regionCode: "231124", first: 1) { totalCount } }')).data.warnings;
    expect(all.totalCount).toBeGreaterThanOrEqual(red.totalCount);
  });

  it('answers the rule sets through the API', async () => {
    const sets = (await post(stack.gatewayUrl, '{ integrityRuleSets { id year rules { id points pointsPerSource cap warning } } }')).data.integrityRuleSets;
    expect(sets.map((s: any) => s.id)).toEqual(['HH-2025-1', 'HH-2026-1']);
  });
});

describe('batching across the federation', () => {
  let gateway: Stack;
  let proxies: Record<string, Awaited<ReturnType<typeof countingProxy>>>;
  const gatewayDataDir = mkdtempSync(join(tmpdir(), 'credit-e2e-eval-gateway-'));

  beforeAll(async () => {
    proxies = {};
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', CREDIT_DATA_DIR: gatewayDataDir, CREDIT_TODAY: '2026-11-22' };
    for (const s of stack.subgraphs) {
      proxies[s.name] = await countingProxy(s.url);
      env[`CREDIT_SUBGRAPH_URL_${s.name.toUpperCase().replace(/-/g, '_')}`] = proxies[s.name]!.url;
    }
    gateway = await startStack({ subgraphs: [], gatewayPort: await freePort(), env });
  }, 120_000);

  afterAll(async () => {
    await gateway?.stop();
    for (const proxy of Object.values(proxies ?? {})) await proxy.close();
    rmSync(gatewayDataDir, { recursive: true, force: true });
  });

  it('makes one request to the registry and one to evaluation for 100 organizations\' scores, as for one, and none to the domains', async () => {
    const query = (n: number) => `{ organizations(filter: { regionCode: "231100" }, first: ${n}) { edges { node { name integrity { score grade deductions { rule points sources } } } } } }`;
    for (const n of [1, 100]) {
      for (const proxy of Object.values(proxies)) proxy.posts = 0;
      const result = await post(gateway.gatewayUrl, query(n));
      expect(result.errors).toBeUndefined();
      expect(result.data.organizations.edges).toHaveLength(n);
      expect(result.data.organizations.edges.every((e: any) => typeof e.node.integrity.score === 'number')).toBe(true);
      const posts = Object.fromEntries(Object.entries(proxies).map(([name, proxy]) => [name, proxy.posts]));
      // Scores come from the read model: the domains are not asked per request any more.
      // Every other subgraph of the stack (whatever schema/supergraph.yaml lists) is asked nothing.
      const expected = Object.fromEntries(Object.keys(proxies).map((name) => [name, name === 'registry' || name === 'evaluation' ? 1 : 0]));
      expect(Object.keys(expected)).toEqual(expect.arrayContaining(['registry', 'evaluation', 'commitments', 'court-debtors']));
      expect(posts, `n = ${n}`).toEqual(expected);
    }
  });
});
