import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCommitments } from '../../scripts/demo-data/commitments.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { buildSubgraph, CommitmentGroup, complaintDueDate, MirroredOrganization, officialPseudonym, regionPrefix, RegistryMirrorState, silentProgress, wholeDemo, today, type BuiltSubgraph } from '../../subgraphs/kit/index.js';
import { subgraph } from '../../subgraphs/commitments/schema.js';
import { seed } from '../../subgraphs/commitments/seed.js';
import { computeCoverage } from '../../subgraphs/commitments/reports/coverage.js';
import { bearer, daysFromToday, dropTestStore, fillRegistryMirror, fixtureUscc, lazyStore, testDbName, demoRoster } from '../helpers.js';

const registry = buildDemoRegistry();
const demo = buildDemoCommitments(registry);
const dbName = testDbName('commitments');
let commitments: BuiltSubgraph;
let auditor: string;

async function demoStore(name: string): Promise<BuiltSubgraph> {
  const built = await buildSubgraph(subgraph, { dbName: name, roster: demoRoster(registry) });
  await built.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo(demo), progress: silentProgress }));
  // The copy of the registry the running subgraph keeps from the registry's feed (kit/registry-mirror.ts), as it would hold it.
  await built.store.orm.em.fork().transactional(async (em) => {
    await em.insertMany(MirroredOrganization, registry.organizations.map((o) => ({ uscc: o.uscc, regionCode: o.regionCode, kind: o.kind, level: o.level, classified: o.classified, officialCount: 0 })));
    await em.insertMany(RegistryMirrorState, [{ key: 'builtAt', value: new Date().toISOString() }]);
  });
  return built;
}

/**
 * The tests that write (a letter's lifecycle, officials' commitments, a complaint) work on a copy
 * of the demo data of their own, each on rows of its own: the counts read a store nobody writes to.
 */
const writes = lazyStore('commitments_writes', demoStore);

beforeAll(async () => {
  commitments = await demoStore(dbName);
  auditor = await bearer('AUDITOR');
});

afterAll(async () => {
  await writes.drop();
  await dropTestStore(commitments, dbName);
});

/**
 * The seed's definition, written out here independently of the kit's table (README "Commitment
 * coverage"): seed 000 §一(二) "全市各级政府及部门（不含涉密部门）" with §二(一) "政府和政府各部门（含街道、乡镇）".
 * A body has committed once its letter is signed by its head (seed 000 §四(一) "经主要负责人签署后…进行公示"):
 * a SIGNED or PUBLISHED letter of the year; a draft is not yet a commitment and a withdrawn one no longer is.
 * The brute-force checks below run that rule over the whole demo; the hand-worked fixtures at the end
 * of this file check the same figures on a dozen bodies with the answers written out.
 */
const SEED_TARGET_KINDS = ['GOVERNMENT', 'GOVERNMENT_DEPARTMENT', 'TOWNSHIP', 'STREET_OFFICE'];
/** The groups reported beside the target, by the kinds the README names for each. */
const SEED_GROUP_KINDS: Record<string, string[]> = {
  GOVERNMENTS_AND_DEPARTMENTS: SEED_TARGET_KINDS,
  PARTY_ORGANS: ['PARTY_ORGAN'],
  PUBLIC_INSTITUTIONS: ['PUBLIC_INSTITUTION'],
  OTHER_ORGANS: ['PEOPLES_CONGRESS', 'CPPCC', 'JUDICIAL_ORGAN', 'MASS_ORGANIZATION'],
  GRASSROOTS_COMMITTEES: ['RESIDENTS_COMMITTEE', 'VILLAGERS_COMMITTEE'],
  STATE_OWNED_ENTERPRISES: ['STATE_OWNED_ENTERPRISE'],
};

const inRegion = (l: { organizationUscc: string }, regionCode: string) => l.organizationUscc.slice(2, 8).startsWith(regionPrefix(regionCode));

/** The registry's non-classified organizations of these kinds in the region and below, from the demo world itself. */
function eligibleIn(regionCode: string, kinds = SEED_TARGET_KINDS): string[] {
  const prefix = regionPrefix(regionCode);
  return registry.organizations.filter((o) => !o.classified && kinds.includes(o.kind) && o.regionCode.startsWith(prefix)).map((o) => o.uscc);
}

const coverageQuery = `query($c: String!) { commitmentCoverage(regionCode: $c, year: 2026) {
  regionCode year eligibleOrganizations committedOrganizations publishedOrganizations coverageRate publicationRate target meetsTarget
  groups { group countsTowardTarget eligibleOrganizations committedOrganizations publishedOrganizations coverageRate publicationRate }
  missingOrganizations(first: 100) { totalCount edges { node { uscc } } }
  missingInstitutions: missingOrganizations(first: 100, group: PUBLIC_INSTITUTIONS) { totalCount edges { node { uscc } } } } }`;

describe('commitmentCoverage', () => {
  it('equals a brute-force count over the demo data for every region', async () => {
    for (const regionCode of ['230000', '231100', '231102', '231123', '231124', '231181', '231182', '231183']) {
      const eligible = eligibleIn(regionCode);
      const { data, errors } = await commitments.execute(coverageQuery, { c: regionCode });
      expect(errors).toBeUndefined();
      const letters2026 = demo.letters.filter((l) => l.year === 2026 && eligible.includes(l.organizationUscc));
      const committed = new Set(letters2026.filter((l) => l.status === 'SIGNED' || l.status === 'PUBLISHED').map((l) => l.organizationUscc));
      const published = new Set(letters2026.filter((l) => l.status === 'PUBLISHED').map((l) => l.organizationUscc));
      const report = data.commitmentCoverage;
      expect(report.eligibleOrganizations).toBe(eligible.length);
      expect(report.committedOrganizations).toBe(committed.size);
      expect(report.publishedOrganizations).toBe(published.size);
      expect(report.coverageRate).toBeCloseTo(committed.size / eligible.length, 4);
      expect(report.publicationRate).toBeCloseTo(published.size / committed.size, 4);
      expect(report.meetsTarget).toBe(committed.size / eligible.length >= 0.85);
      expect(report.missingOrganizations.totalCount).toBe(eligible.length - committed.size);
      const missing = eligible.filter((u) => !committed.has(u)).sort();
      expect(report.missingOrganizations.edges.map((e: any) => e.node.uscc)).toEqual(missing.slice(0, 100));
      // Every other group is counted the same way, beside the target and never in it.
      for (const [group, kinds] of Object.entries(SEED_GROUP_KINDS)) {
        const members = eligibleIn(regionCode, kinds);
        const row = report.groups.find((g: any) => g.group === group);
        const rowCommitted = new Set(demo.letters.filter((l) => l.year === 2026 && members.includes(l.organizationUscc) && (l.status === 'SIGNED' || l.status === 'PUBLISHED')).map((l) => l.organizationUscc));
        expect(row, `${regionCode} ${group}`).toMatchObject({ countsTowardTarget: group === 'GOVERNMENTS_AND_DEPARTMENTS', eligibleOrganizations: members.length, committedOrganizations: rowCommitted.size });
        expect(row.coverageRate).toBeCloseTo(members.length ? rowCommitted.size / members.length : 0, 4);
      }
      const institutions = eligibleIn(regionCode, SEED_GROUP_KINDS.PUBLIC_INSTITUTIONS);
      const missingInstitutions = institutions.filter((u) => !demo.letters.some((l) => l.year === 2026 && l.organizationUscc === u && (l.status === 'SIGNED' || l.status === 'PUBLISHED'))).sort();
      expect(report.missingInstitutions.edges.map((e: any) => e.node.uscc)).toEqual(missingInstitutions.slice(0, 100));
    }
  });

  it('leaves villagers\' and residents\' committees and state-owned enterprises out of the 85 % figure', async () => {
    // In the demo city, 1,244 committees and 25 SOEs would otherwise be in the denominator.
    const { data } = await commitments.execute(coverageQuery, { c: '231100' });
    const report = data.commitmentCoverage;
    const everyNonClassified = registry.organizations.filter((o) => !o.classified).length;
    const committees = registry.organizations.filter((o) => !o.classified && (o.kind === 'VILLAGERS_COMMITTEE' || o.kind === 'RESIDENTS_COMMITTEE')).length;
    expect(committees).toBeGreaterThan(1000);
    expect(report.eligibleOrganizations).toBeLessThan(everyNonClassified - committees);
    const sum = report.groups.reduce((n: number, g: any) => n + g.eligibleOrganizations, 0);
    expect(sum).toBe(everyNonClassified);
  });

  it('has counties both above and below the 85 % target, by the raw rows as much as by the report', async () => {
    // Which side of 85 % (seed 000 §一(二)) each county falls on, counted from the demo's rows; the ranking e2e tests need both sides.
    const counties = ['231102', '231123', '231124', '231181', '231182', '231183'];
    const sides = new Map<string, boolean>();
    for (const regionCode of counties) {
      const eligible = eligibleIn(regionCode);
      const committed = new Set(demo.letters.filter((l) => l.year === 2026 && eligible.includes(l.organizationUscc) && (l.status === 'SIGNED' || l.status === 'PUBLISHED')).map((l) => l.organizationUscc));
      sides.set(regionCode, committed.size / eligible.length >= 0.85);
      const { data } = await commitments.execute(coverageQuery, { c: regionCode });
      expect(data.commitmentCoverage.meetsTarget, regionCode).toBe(sides.get(regionCode));
    }
    expect(new Set(sides.values())).toEqual(new Set([true, false]));
  });

  it('refuses, rather than report zero coverage, while its copy of the registry has never been built', async () => {
    const name = testDbName('commitments_nomirror');
    const bare = await buildSubgraph(subgraph, { dbName: name });
    try {
      const { errors } = await bare.execute(coverageQuery, { c: '231100' });
      expect(errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    } finally {
      await dropTestStore(bare, name);
    }
  });
});

describe('batching', () => {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { uscc commitmentLetters(year: 2026) { id items { category fulfilment } } commitmentSummary(year: 2026) { published overdueItems unfulfilledItemIds } } } }`;

  // Units with a 2026 letter, so that both the letters and their items are loaded.
  const committed = [...new Set(demo.letters.filter((l) => l.year === 2026 && l.status === 'PUBLISHED').map((l) => l.organizationUscc))];

  async function statementsFor(count: number): Promise<number> {
    const r = committed.slice(0, count).map((uscc) => ({ __typename: 'Organization', uscc }));
    commitments.store.statements.reset();
    const { data, errors } = await commitments.execute(query, { r }, { authorization: auditor });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(count);
    return commitments.store.statements.count;
  }

  it('resolves 1 and 100 organizations\' letters, items and summaries with the same statements', async () => {
    const one = await statementsFor(1);
    const hundred = await statementsFor(100);
    expect(one).toBe(2); // letters of the year, then their items
    expect(hundred).toBe(one);
  });

  /**
   * What counts against a unit in 2026: the items of every letter of 2026 or before that was
   * published (withdrawn afterwards or not), until fulfilled or lawfully changed (seed 002 §二(三)).
   */
  function bindingItems(uscc: string) {
    const letters = demo.letters.filter((l) => l.organizationUscc === uscc && l.year <= 2026 && l.publishedAt !== null && (l.status === 'PUBLISHED' || l.status === 'WITHDRAWN'));
    return demo.items.filter((i) => letters.some((l) => l.id === i.letterId)).map((i) => ({ ...i, year: letters.find((l) => l.id === i.letterId)!.year }));
  }

  it('summarises like a brute-force count, carrying last year\'s open items into this year', async () => {
    // A unit whose 2025 letter left an item unfulfilled: on 1 January it must not be forgotten.
    const carried = demo.items.find((i) => i.fulfilment === 'UNFULFILLED' && demo.letters.some((l) => l.id === i.letterId && l.year === 2025 && l.status === 'PUBLISHED'))!;
    const uscc = demo.letters.find((l) => l.id === carried.letterId)!.organizationUscc;
    const units = [uscc, demo.letters.find((l) => l.year === 2026 && l.status === 'PUBLISHED' && demo.items.some((i) => i.letterId === l.id && i.fulfilment === 'UNFULFILLED'))!.organizationUscc];
    const fields = 'commitmentSummary(year: 2026) { published unfulfilledItemIds overdueItemIds carriedOverItemIds }';
    for (const unit of units) {
      const { data, errors } = await commitments.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { ${fields} } } }`, { r: [{ __typename: 'Organization', uscc: unit }] });
      expect(errors).toBeUndefined();
      const summary = data._entities[0].commitmentSummary;
      const items = bindingItems(unit);
      const open = (i: (typeof items)[number]) => i.dueDate < today() && i.fulfilment !== 'FULFILLED' && i.fulfilment !== 'CHANGED';
      expect(summary.published).toBe(demo.letters.some((l) => l.organizationUscc === unit && l.year === 2026 && l.status === 'PUBLISHED'));
      expect([...summary.unfulfilledItemIds].sort()).toEqual(items.filter((i) => i.fulfilment === 'UNFULFILLED').map((i) => i.id).sort());
      expect([...summary.overdueItemIds].sort()).toEqual(items.filter(open).map((i) => i.id).sort());
      expect([...summary.carriedOverItemIds].sort()).toEqual(items.filter((i) => i.year < 2026 && (i.fulfilment === 'UNFULFILLED' || open(i))).map((i) => i.id).sort());
    }
    const first = await commitments.execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { ${fields} } } }`, { r: [{ __typename: 'Organization', uscc }] });
    expect(first.data._entities[0].commitmentSummary.carriedOverItemIds).toContain(carried.id);
  });
});

describe('who reads what', () => {
  const draft = demo.letters.find((l) => l.status === 'DRAFT')!;

  it('PUBLIC sees published letters and those withdrawn after publication, never a draft', async () => {
    const list = await commitments.execute('{ commitmentLetters(filter: { year: 2026 }, first: 1) { totalCount } }');
    expect(list.data.commitmentLetters.totalCount).toBe(demo.letters.filter((l) => l.year === 2026 && (l.status === 'PUBLISHED' || (l.status === 'WITHDRAWN' && l.publishedAt !== null))).length);
    const one = await commitments.execute('query($id: ID!) { commitmentLetter(id: $id) { id } }', { id: draft.id });
    expect(one.data.commitmentLetter).toBeNull();
    const drafts = await commitments.execute('{ commitmentLetters(filter: { status: DRAFT }) { totalCount } }');
    expect(drafts.data.commitmentLetters.totalCount).toBe(0);
  });

  it('lets an auditor filter letters by their items\' fulfilment and by overdue items, like a brute-force count', async () => {
    const query = 'query($f: CommitmentLetterFilter, $a: String) { commitmentLetters(filter: $f, first: 100, after: $a) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }';
    const all = async (filter: Record<string, unknown>) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { data, errors } = await commitments.execute(query, { f: filter, a: after }, { authorization: auditor });
        expect(errors).toBeUndefined();
        ids.push(...data.commitmentLetters.edges.map((e: any) => e.node.id));
        if (!data.commitmentLetters.pageInfo.hasNextPage) return ids.sort();
        after = data.commitmentLetters.pageInfo.endCursor;
      }
    };
    const itemsOf = (id: string) => demo.items.filter((i) => i.letterId === id);
    const binding = (l: (typeof demo.letters)[number]) => l.publishedAt !== null && (l.status === 'PUBLISHED' || l.status === 'WITHDRAWN');
    const overdue = (i: (typeof demo.items)[number]) => i.dueDate < today() && i.fulfilment !== 'FULFILLED' && i.fulfilment !== 'CHANGED';
    const cases: Array<[Record<string, unknown>, (l: (typeof demo.letters)[number]) => boolean]> = [
      [{ year: 2026, itemFulfilment: ['UNFULFILLED'] }, (l) => l.year === 2026 && itemsOf(l.id).some((i) => i.fulfilment === 'UNFULFILLED')],
      [{ regionCode: '231124', itemFulfilment: ['PARTLY_FULFILLED', 'UNFULFILLED'] }, (l) => inRegion(l, '231124') && itemsOf(l.id).some((i) => i.fulfilment === 'PARTLY_FULFILLED' || i.fulfilment === 'UNFULFILLED')],
      [{ year: 2025, hasOverdueItems: true }, (l) => l.year === 2025 && binding(l) && itemsOf(l.id).some(overdue)],
      [{ regionCode: '231102', year: 2026, hasOverdueItems: false }, (l) => inRegion(l, '231102') && l.year === 2026 && !(binding(l) && itemsOf(l.id).some(overdue))],
    ];
    for (const [filter, keep] of cases) {
      const expected = demo.letters.filter(keep).map((l) => l.id).sort();
      expect(expected.length, JSON.stringify(filter)).toBeGreaterThan(0);
      expect(await all(filter), JSON.stringify(filter)).toEqual(expected);
    }
    const bad = await commitments.execute('{ commitmentLetters(filter: { itemFulfilment: [] }) { totalCount } }', {}, { authorization: auditor });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.itemFulfilment' });
  });

  it('the unit sees its own draft, an auditor sees every letter', async () => {
    const own = await commitments.execute('query($id: ID!) { commitmentLetter(id: $id) { id status } }', { id: draft.id }, { authorization: await bearer('ORGANIZATION', { uscc: draft.organizationUscc }) });
    expect(own.data.commitmentLetter).toEqual({ id: draft.id, status: 'DRAFT' });
    const all = await commitments.execute('{ commitmentLetters(filter: { year: 2026 }) { totalCount } }', {}, { authorization: auditor });
    expect(all.data.commitmentLetters.totalCount).toBe(demo.letters.filter((l) => l.year === 2026).length);
  });

  it('masks the issuer for PUBLIC', async () => {
    const letter = demo.letters.find((l) => l.status === 'PUBLISHED' && l.issuer && l.issuer.length >= 2)!;
    const q = 'query($id: ID!) { commitmentLetter(id: $id) { issuer } }';
    expect((await commitments.execute(q, { id: letter.id })).data.commitmentLetter.issuer).not.toBe(letter.issuer);
    expect((await commitments.execute(q, { id: letter.id }, { authorization: auditor })).data.commitmentLetter.issuer).toBe(letter.issuer);
  });
});

describe('letter lifecycle', () => {
  let commitments: BuiltSubgraph; // the writes' own store
  beforeAll(async () => {
    commitments = await writes.get();
  });

  // A unit with no 2026 letter at all.
  const unit = registry.organizations.find((o) => !o.classified && !demo.letters.some((l) => l.organizationUscc === o.uscc && l.year === 2026))!;
  const other = registry.organizations.find((o) => o.uscc !== unit.uscc && !o.classified)!;
  const input = {
    year: 2026, letterNumber: 'TEST-2026-001', liability: '违诺自愿接受问责。', complaintPhone: '0456-8226000', complaintEmail: 'xyb@heihe.gov.cn',
    items: [{ category: 'GOVERNMENT_SERVICE', content: '限时办结', dueDate: '2026-01-31' }, { category: 'POLICY_DELIVERY', content: '政策兑现', dueDate: '2026-12-31' }],
  };
  const fields = 'id status issuer signedAt publishedAt items { id number fulfilment }';

  it('runs draft → signed → published, refusing illegal steps with CONFLICT', async () => {
    const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
    const stranger = { authorization: await bearer('ORGANIZATION', { uscc: other.uscc }) };

    const anonymous = await commitments.execute(`mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id } }`, { i: input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const created = await commitments.execute(`mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { ${fields} } }`, { i: input }, owner);
    expect(created.errors).toBeUndefined();
    const letter = created.data.createCommitmentLetter;
    expect(letter.status).toBe('DRAFT');
    expect(letter.items.map((i: any) => i.number)).toEqual([1, 2]);

    const twice = await commitments.execute(`mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id } }`, { i: input }, owner);
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const publishDraft = await commitments.execute('mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { id } }', { id: letter.id }, owner);
    expect(publishDraft.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const badEdit = await commitments.execute(`mutation($id: ID!, $i: CommitmentLetterInput!) { updateCommitmentLetter(id: $id, input: $i) { id } }`, { id: letter.id, i: { ...input, complaintEmail: 'not-an-email' } }, owner);
    expect(badEdit.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'complaintEmail' });

    const foreignSign = await commitments.execute('mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "张三") { id } }', { id: letter.id }, stranger);
    expect(foreignSign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const signed = await commitments.execute(`mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "张三丰", signedAt: "2026-04-01") { ${fields} } }`, { id: letter.id }, owner);
    expect(signed.data.signCommitmentLetter).toMatchObject({ status: 'SIGNED', issuer: '张三丰', signedAt: '2026-04-01' });

    const editSigned = await commitments.execute(`mutation($id: ID!, $i: CommitmentLetterInput!) { updateCommitmentLetter(id: $id, input: $i) { id } }`, { id: letter.id, i: input }, owner);
    expect(editSigned.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const earlyFulfilment = await commitments.execute('mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: FULFILLED }) { id } }', { id: letter.items[0].id }, owner);
    expect(earlyFulfilment.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const foreignPublish = await commitments.execute('mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { id } }', { id: letter.id }, stranger);
    expect(foreignPublish.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const published = await commitments.execute(`mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"], publishedAt: "2026-04-10") { ${fields} } }`, { id: letter.id }, owner);
    expect(published.data.publishCommitmentLetter).toMatchObject({ status: 'PUBLISHED', publishedAt: '2026-04-10' });
    const publicView = await commitments.execute('query($id: ID!) { commitmentLetter(id: $id) { status issuer } }', { id: letter.id });
    expect(publicView.data.commitmentLetter).toEqual({ status: 'PUBLISHED', issuer: '张*丰' });

    const fulfilled = await commitments.execute('mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: FULFILLED, evidence: "已办结", reviewedAt: "2026-06-30" }) { fulfilment lastReviewedAt evidence } }', { id: letter.items[0].id }, owner);
    expect(fulfilled.data.recordFulfilment).toEqual({ fulfilment: 'FULFILLED', lastReviewedAt: '2026-06-30', evidence: '已办结' });

    const noReason = await commitments.execute('mutation($id: ID!) { changeCommitmentItem(itemId: $id, input: { legalReason: " ", compensation: "补偿" }) { id } }', { id: letter.items[1].id }, owner);
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'legalReason' });
    const changed = await commitments.execute('mutation($id: ID!) { changeCommitmentItem(itemId: $id, input: { legalReason: "上级政策调整", compensation: "按原标准补偿", newDueDate: "2027-03-31" }) { fulfilment changeReason dueDate } }', { id: letter.items[1].id }, owner);
    expect(changed.data.changeCommitmentItem).toEqual({ fulfilment: 'CHANGED', changeReason: '上级政策调整', dueDate: '2027-03-31' });
    const afterChange = await commitments.execute('mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: FULFILLED }) { id } }', { id: letter.items[1].id }, owner);
    expect(afterChange.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const noWithdrawReason = await commitments.execute('mutation($id: ID!) { withdrawCommitmentLetter(id: $id, reason: "") { id } }', { id: letter.id }, owner);
    expect(noWithdrawReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A published letter needs its lawful ground (seed 002 §二(三)).
    const noLegalReason = await commitments.execute('mutation($id: ID!) { withdrawCommitmentLetter(id: $id, reason: "机构撤并") { id } }', { id: letter.id }, owner);
    expect(noLegalReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'legalReason' });
    const withdrawn = await commitments.execute('mutation($id: ID!) { withdrawCommitmentLetter(id: $id, reason: "机构撤并", legalReason: "机构改革") { status withdrawnReason withdrawnLegalReason withdrawnAt } }', { id: letter.id }, owner);
    expect(withdrawn.data.withdrawCommitmentLetter).toEqual({ status: 'WITHDRAWN', withdrawnReason: '机构撤并', withdrawnLegalReason: '机构改革', withdrawnAt: today() });
  });

  it('keeps a withdrawn letter\'s broken promises on the record: public as withdrawn, its unfulfilled items counted until fulfilled', async () => {
    const store = commitments;
    // A unit with no letter in any year, other than the one the test above writes for.
    const unit = [...registry.organizations].reverse().find((o) => !o.classified && !demo.letters.some((l) => l.organizationUscc === o.uscc))!;
    const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
    const input = { year: 2027, letterNumber: 'HHZW-2027-T-1', liability: '依法承担责任', complaintPhone: '0456-8200000', complaintEmail: 'xyb@heihe.gov.cn',
      items: [{ category: 'GOVERNMENT_SERVICE', content: '一次性告知', dueDate: '2026-01-31' }, { category: 'DUTY_PERFORMANCE', content: '依法履职', dueDate: '2027-12-31' }] };
    const create = 'mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id items { id } } }';
    const letter = (await store.execute(create, { i: input }, owner)).data.createCommitmentLetter;
    await store.execute('mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "张三丰") { id } }', { id: letter.id }, owner);
    await store.execute('mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { id } }', { id: letter.id }, owner);
    const broken = letter.items[0].id;
    expect((await store.execute('mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: UNFULFILLED }) { id } }', { id: broken }, owner)).errors).toBeUndefined();
    const summary = async () => (await store.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { commitmentSummary(year: 2027) { letterId published unfulfilledItemIds } } } }', { r: [{ __typename: 'Organization', uscc: unit.uscc }] })).data._entities[0].commitmentSummary;
    expect((await summary()).unfulfilledItemIds).toEqual([broken]);

    expect((await store.execute('mutation($id: ID!) { withdrawCommitmentLetter(id: $id, reason: "重新作出承诺", legalReason: "上级政策调整") { id } }', { id: letter.id }, owner)).errors).toBeUndefined();
    // The public still sees the letter, as withdrawn, with both reasons.
    const publicView = await store.execute('query($id: ID!) { commitmentLetter(id: $id) { status withdrawnReason withdrawnLegalReason } }', { id: letter.id });
    expect(publicView.data.commitmentLetter).toEqual({ status: 'WITHDRAWN', withdrawnReason: '重新作出承诺', withdrawnLegalReason: '上级政策调整' });
    const listed = await store.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { commitmentLetters(year: 2027) { id status } } } }', { r: [{ __typename: 'Organization', uscc: unit.uscc }] });
    expect(listed.data._entities[0].commitmentLetters).toEqual([{ id: letter.id, status: 'WITHDRAWN' }]);
    // A new one-item letter does not wash the old promise away (observed before: 82 → 92 → 100).
    const second = (await store.execute(create, { i: { ...input, letterNumber: 'HHZW-2027-T-2', items: [input.items[1]] } }, owner)).data.createCommitmentLetter;
    await store.execute('mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "张三丰") { id } }', { id: second.id }, owner);
    await store.execute('mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { id } }', { id: second.id }, owner);
    expect(await summary()).toEqual({ letterId: second.id, published: true, unfulfilledItemIds: [broken] });
    // Fulfilling it later is what clears it.
    expect((await store.execute('mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: FULFILLED, evidence: "已补办" }) { fulfilment } }', { id: broken }, owner)).data.recordFulfilment).toEqual({ fulfilment: 'FULFILLED' });
    expect((await summary()).unfulfilledItemIds).toEqual([]);
  });

  it('keeps fulfilment as a history: the unit reports, an auditor\'s finding prevails and can dispute the report, and the store refuses to rewrite it', async () => {
    const store = commitments;
    const unit = [...registry.organizations].reverse().filter((o) => !o.classified && !demo.letters.some((l) => l.organizationUscc === o.uscc))[1]!;
    const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
    const input = { year: 2027, letterNumber: 'HHZW-2027-T-9', liability: '依法承担责任', complaintPhone: '0456-8200000', complaintEmail: 'xyb@heihe.gov.cn',
      items: [{ category: 'POLICY_DELIVERY', content: '惠企资金30日内拨付', dueDate: '2026-06-30' }] };
    const letter = (await store.execute('mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id items { id } } }', { i: input }, owner)).data.createCommitmentLetter;
    await store.execute('mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "张三丰") { id } }', { id: letter.id }, owner);
    await store.execute('mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { id } }', { id: letter.id }, owner);
    const itemId = letter.items[0].id;
    const report = 'mutation($id: ID!, $i: FulfilmentInput!) { recordFulfilment(itemId: $id, input: $i) { fulfilment } }';
    const finding = 'mutation($id: ID!, $i: FulfilmentInput!) { recordFulfilmentFinding(itemId: $id, input: $i) { fulfilment } }';
    const read = async () => (await store.execute('query($id: ID!) { commitmentLetter(id: $id) { items { fulfilment evidence fulfilmentDisputed fulfilmentReportAwaitingReview fulfilmentHistory { kind fulfilment evidence recordedAs } } } }', { id: letter.id })).data.commitmentLetter.items[0];

    expect((await store.execute(report, { id: itemId, i: { fulfilment: 'FULFILLED', evidence: '已拨付' } }, owner)).data.recordFulfilment).toEqual({ fulfilment: 'FULFILLED' });
    expect(await read()).toMatchObject({ fulfilment: 'FULFILLED', fulfilmentDisputed: false, fulfilmentHistory: [{ kind: 'SELF_REPORT', fulfilment: 'FULFILLED', evidence: '已拨付', recordedAs: 'ORGANIZATION' }] });

    // Only auditors record findings, and a finding states its grounds.
    expect((await store.execute(finding, { id: itemId, i: { fulfilment: 'UNFULFILLED', evidence: '抽查' } }, owner)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await store.execute(finding, { id: itemId, i: { fulfilment: 'UNFULFILLED' } }, { authorization: auditor })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
    expect((await store.execute(finding, { id: itemId, i: { fulfilment: 'UNFULFILLED', evidence: '抽查：企业反映资金未到账' } }, { authorization: auditor })).data.recordFulfilmentFinding).toEqual({ fulfilment: 'UNFULFILLED' });
    expect(await read()).toMatchObject({ fulfilment: 'UNFULFILLED', fulfilmentDisputed: true, fulfilmentReportAwaitingReview: false });
    const summary = async () => (await store.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { commitmentSummary(year: 2027) { unfulfilledItemIds } } } }', { r: [{ __typename: 'Organization', uscc: unit.uscc }] })).data._entities[0].commitmentSummary;
    expect((await summary()).unfulfilledItemIds).toEqual([itemId]);

    // The unit's new claim does not overturn the finding; it waits for the next one.
    expect((await store.execute(report, { id: itemId, i: { fulfilment: 'FULFILLED', evidence: '已补拨' } }, owner)).data.recordFulfilment).toEqual({ fulfilment: 'UNFULFILLED' });
    expect(await read()).toMatchObject({ fulfilment: 'UNFULFILLED', fulfilmentReportAwaitingReview: true });
    expect((await store.execute(finding, { id: itemId, i: { fulfilment: 'FULFILLED', evidence: '复核：已到账' } }, { authorization: auditor })).data.recordFulfilmentFinding).toEqual({ fulfilment: 'FULFILLED' });
    const settled = await read();
    expect(settled).toMatchObject({ fulfilment: 'FULFILLED', evidence: '复核：已到账', fulfilmentDisputed: false, fulfilmentReportAwaitingReview: false });
    expect(settled.fulfilmentHistory.map((r: any) => `${r.kind} ${r.fulfilment} ${r.recordedAs}`)).toEqual([
      'SELF_REPORT FULFILLED ORGANIZATION', 'FINDING UNFULFILLED AUDITOR', 'SELF_REPORT FULFILLED ORGANIZATION', 'FINDING FULFILLED AUDITOR',
    ]);
    expect((await summary()).unfulfilledItemIds).toEqual([]);

    // Append-only in the store as well, whoever connects.
    const connection = store.store.orm.em.getConnection();
    const table = store.store.orm.config.get('schema') ? `"${store.store.orm.config.get('schema')}".commitment_fulfilment_record` : 'commitment_fulfilment_record';
    await expect(connection.execute(`update ${table} set fulfilment = 'FULFILLED'`)).rejects.toThrow(/append-only/);
    await expect(connection.execute(`delete from ${table}`)).rejects.toThrow(/append-only/);
  });
});

describe('officials\' commitments', () => {
  let commitments: BuiltSubgraph; // the writes' own store
  beforeAll(async () => {
    commitments = await writes.get();
  });

  const unit = registry.organizations.find((o) => o.kind === 'GOVERNMENT_DEPARTMENT')!;
  const person = registry.officials.find((o) => o.organizationUscc === unit.uscc)!;
  const mutation = 'mutation($rows: [OfficialCommitmentInput!]!) { submitOfficialCommitments(rows: $rows) { accepted updated unchanged rejected errors { row field code } } }';
  const row = { idNumber: person.idNumber, date: '2026-04-25', acceptingUnitName: unit.name, acceptingUnitUscc: unit.uscc, content: '依法履职', liability: '接受问责', letterNumber: 'TEST-OC-1' };

  it('takes the unit\'s own staff by pseudonym, reports bad rows, and is idempotent', async () => {
    const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
    const other = registry.organizations.find((o) => o.uscc !== unit.uscc)!;
    const rows = [row, { ...row, idNumber: '110105194912310021' }, { ...row, acceptingUnitUscc: other.uscc, letterNumber: 'TEST-OC-2' }];
    const first = await commitments.execute(mutation, { rows }, owner);
    expect(first.data.submitOfficialCommitments).toMatchObject({ accepted: 1, rejected: 2 });
    expect(first.data.submitOfficialCommitments.errors.map((e: any) => [e.row, e.code])).toEqual([[2, 'BAD_USER_INPUT'], [3, 'FORBIDDEN']]);
    const again = await commitments.execute(mutation, { rows: [row] }, owner);
    expect(again.data.submitOfficialCommitments).toMatchObject({ accepted: 0, unchanged: 1 });

    const official = await commitments.execute('query($r: [_Any!]!) { _entities(representations: $r) { ... on PublicOfficial { commitments { letterNumber acceptingUnitUscc } } } }', { r: [{ __typename: 'PublicOfficial', id: officialPseudonym(person.idNumber) }] });
    expect(official.data._entities[0].commitments).toContainEqual({ letterNumber: 'TEST-OC-1', acceptingUnitUscc: unit.uscc });
    const stored = JSON.stringify(await (commitments.store.orm.em.fork() as any).createQueryBuilder('OfficialCommitment').select('*').execute('all', false));
    expect(stored).not.toContain(person.idNumber);
  });
});

describe('complaints', () => {
  it('anyone files; contact is masked for all but AUDITOR and ADMIN; handling follows the allowed steps', async () => {
    const commitments = await writes.get();
    const unit = demo.letters.find((l) => l.status === 'PUBLISHED')!;
    const filed = await commitments.execute('mutation($i: ComplaintInput!) { fileCommitmentComplaint(input: $i) { id status dueDate receivedAt contact complainantName } }', {
      i: { organizationUscc: unit.organizationUscc, channel: 'HOTLINE_12345', content: '补贴未兑现', complainantName: '李小龙', contact: '13912345678' },
    });
    expect(filed.errors).toBeUndefined();
    const complaint = filed.data.fileCommitmentComplaint;
    expect(complaint).toMatchObject({ status: 'RECEIVED', contact: '139****5678', complainantName: '李*龙' });
    const read = 'query($id: ID!) { commitmentComplaint(id: $id) { contact complainantName status history { status } } }';
    expect((await commitments.execute(read, { id: complaint.id }, { authorization: await bearer('ADMIN') })).data.commitmentComplaint).toMatchObject({ contact: '13912345678', complainantName: '李小龙' });
    expect((await commitments.execute(read, { id: complaint.id }, { authorization: await bearer('FINANCE') })).data.commitmentComplaint).toMatchObject({ contact: '139****5678', complainantName: '李*龙' });
    expect((await commitments.execute(read, { id: complaint.id }, { authorization: auditor })).data.commitmentComplaint).toMatchObject({ contact: '13912345678', complainantName: '李小龙' });

    const resolveEarly = await commitments.execute('mutation($id: ID!) { resolveCommitmentComplaint(id: $id, resolution: "已办") { id } }', { id: complaint.id }, { authorization: auditor });
    expect(resolveEarly.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const byPublic = await commitments.execute('mutation($id: ID!) { transferCommitmentComplaint(id: $id, to: "市营商环境局") { id } }', { id: complaint.id });
    expect(byPublic.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const step of ['transferCommitmentComplaint(id: $id, to: "市营商环境局")', 'handleCommitmentComplaint(id: $id)', 'resolveCommitmentComplaint(id: $id, resolution: "已督促兑现")']) {
      const result = await commitments.execute(`mutation($id: ID!) { ${step} { id } }`, { id: complaint.id }, { authorization: auditor });
      expect(result.errors).toBeUndefined();
    }
    const done = await commitments.execute(read, { id: complaint.id }, { authorization: auditor });
    expect(done.data.commitmentComplaint.history.map((h: any) => h.status)).toEqual(['RECEIVED', 'TRANSFERRED', 'HANDLING', 'RESOLVED']);
  });

  it('goes to the unit it is transferred to, which sees it, handles and resolves it, and nothing more', async () => {
    const commitments = await writes.get();
    const about = demo.letters.find((l) => l.status === 'PUBLISHED')!.organizationUscc;
    const receiving = registry.organizations.find((o) => o.kind === 'GOVERNMENT_DEPARTMENT' && o.uscc !== about && !o.classified)!.uscc;
    const other = registry.organizations.find((o) => o.kind === 'GOVERNMENT_DEPARTMENT' && o.uscc !== about && o.uscc !== receiving && !o.classified)!.uscc;
    const [asReceiving, asOther, asAbout] = await Promise.all([receiving, other, about].map(async (uscc) => ({ authorization: await bearer('ORGANIZATION', { uscc }) })));
    const id = (await commitments.execute('mutation($i: ComplaintInput!) { fileCommitmentComplaint(input: $i) { id } }', { i: { organizationUscc: about, channel: 'WEBSITE', content: '窗口未执行一次性告知' } })).data.fileCommitmentComplaint.id;
    const transfer = await commitments.execute('mutation($id: ID!, $u: String) { transferCommitmentComplaint(id: $id, to: "承办局", toUscc: $u) { transferredToUscc } }', { id, u: receiving }, { authorization: auditor });
    expect(transfer.data.transferCommitmentComplaint).toEqual({ transferredToUscc: receiving });
    const listed = async (headers: Record<string, string>) => (await commitments.execute('{ commitmentComplaints(filter: { transferredToMe: true }, first: 100) { edges { node { id } } } }', {}, headers)).data.commitmentComplaints.edges.map((e: any) => e.node.id);
    expect(await listed(asReceiving)).toContain(id);
    expect(await listed(asOther)).not.toContain(id);
    const step = (mutation: string, headers: Record<string, string>) => commitments.execute(`mutation($id: ID!) { ${mutation} { status } }`, { id }, headers);
    // Neither another unit nor the unit complained about handles it; the receiving unit does not reject it.
    expect((await step('handleCommitmentComplaint(id: $id)', asOther)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await step('handleCommitmentComplaint(id: $id)', asAbout)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await step('rejectCommitmentComplaint(id: $id, reason: "不属实")', asReceiving)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await step('handleCommitmentComplaint(id: $id, note: "已约谈窗口负责人")', asReceiving)).data.handleCommitmentComplaint).toEqual({ status: 'HANDLING' });
    expect((await step('resolveCommitmentComplaint(id: $id, resolution: "已整改并回复")', asReceiving)).data.resolveCommitmentComplaint).toEqual({ status: 'RESOLVED' });
  });

  it('keeps an intake system\'s received date and ticket number, and names the letter and item concerned', async () => {
    const commitments = await writes.get();
    const letter = demo.letters.find((l) => l.status === 'PUBLISHED' && l.year === 2026)!;
    const item = demo.items.find((i) => i.letterId === letter.id)!;
    const file = 'mutation($i: ComplaintInput!) { fileCommitmentComplaint(input: $i) { receivedAt dueDate ticketNumber letter { id } item { id } } }';
    const base = { organizationUscc: letter.organizationUscc, channel: 'HOTLINE_12345', content: '补贴未兑现' };
    // The public cannot backdate a complaint (it would be overdue on arrival) nor claim a ticket.
    expect((await commitments.execute(file, { i: { ...base, receivedAt: '2026-01-05' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedAt' });
    expect((await commitments.execute(file, { i: { ...base, ticketNumber: 'X' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ticketNumber' });
    // Nor can a unit's token (only intake systems: AUDITOR, ADMIN, FINANCE).
    const unitToken = { authorization: await bearer('ORGANIZATION', { uscc: letter.organizationUscc }) };
    expect((await commitments.execute(file, { i: { ...base, receivedAt: '2026-01-05' } }, unitToken)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedAt' });
    const system = { authorization: auditor };
    const filed = await commitments.execute(file, { i: { ...base, receivedAt: '2026-10-09', ticketNumber: 'HH12345-20261009-0001', itemId: item.id } }, system);
    expect(filed.errors).toBeUndefined();
    expect(filed.data.fileCommitmentComplaint).toEqual({ receivedAt: '2026-10-09', dueDate: complaintDueDate('2026-10-09', 15), ticketNumber: 'HH12345-20261009-0001', letter: { id: letter.id }, item: { id: item.id } });
    expect((await commitments.execute(file, { i: { ...base, receivedAt: '2026-10-09', ticketNumber: 'HH12345-20261009-0001' } }, system)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await commitments.execute(file, { i: { ...base, receivedAt: '2999-01-01' } }, system)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedAt' });
    // The letter must be the unit's own published one.
    const foreign = demo.letters.find((l) => l.status === 'PUBLISHED' && l.organizationUscc !== letter.organizationUscc)!;
    expect((await commitments.execute(file, { i: { ...base, letterId: foreign.id } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'letterId' });
  });

  it('imports 12345 tickets idempotently by ticket number, reporting bad rows by number and writing none of them', async () => {
    const commitments = await writes.get();
    const unit = demo.letters.find((l) => l.status === 'PUBLISHED')!.organizationUscc;
    const rows = [
      { ticketNumber: 'T-1', receivedAt: '2026-09-01', organizationUscc: unit, content: '承诺事项未兑现', contact: '13912345678' },
      { ticketNumber: 'T-2', receivedAt: '2026-09-02', organizationUscc: unit, content: '政策未兑现' },
      { ticketNumber: 'T-3', receivedAt: '2026-13-01', organizationUscc: unit, content: '日期错误' },
      { ticketNumber: 'T-1', receivedAt: '2026-09-03', organizationUscc: unit, content: '重复' },
    ];
    const importRows = 'mutation($r: [ComplaintImportRow!]!) { importCommitmentComplaints(rows: $r) { accepted updated unchanged rejected errors { row field code } } }';
    expect((await commitments.execute(importRows, { r: rows }, { authorization: await bearer('ORGANIZATION', { uscc: unit }) })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const first = await commitments.execute(importRows, { r: rows }, { authorization: auditor });
    expect(first.data.importCommitmentComplaints).toEqual({
      accepted: 2, updated: 0, unchanged: 0, rejected: 2,
      errors: [{ row: 3, field: 'receivedAt', code: 'BAD_USER_INPUT' }, { row: 4, field: 'ticketNumber', code: 'BAD_USER_INPUT' }],
    });
    const again = await commitments.execute(importRows, { r: rows.slice(0, 2) }, { authorization: auditor });
    expect(again.data.importCommitmentComplaints).toMatchObject({ accepted: 0, updated: 0, unchanged: 2, rejected: 0 });
    const changed = await commitments.execute(importRows, { r: [{ ...rows[1], content: '政策未兑现（补充）' }] }, { authorization: auditor });
    expect(changed.data.importCommitmentComplaints).toMatchObject({ accepted: 0, updated: 1 });
    const ticket = async (n: string) => (await commitments.execute('query($t: String) { commitmentComplaints(filter: { ticketNumber: $t }) { edges { node { ticketNumber receivedAt dueDate content status } } } }', { t: n }, { authorization: auditor })).data.commitmentComplaints.edges.map((e: any) => e.node);
    const tickets = [...(await ticket('T-1')), ...(await ticket('T-2')), ...(await ticket('T-3'))];
    expect(tickets.sort((a: any, b: any) => a.ticketNumber.localeCompare(b.ticketNumber))).toEqual([
      { ticketNumber: 'T-1', receivedAt: '2026-09-01', dueDate: complaintDueDate('2026-09-01', 15), content: '承诺事项未兑现', status: 'RECEIVED' },
      { ticketNumber: 'T-2', receivedAt: '2026-09-02', dueDate: complaintDueDate('2026-09-02', 15), content: '政策未兑现（补充）', status: 'RECEIVED' },
    ]);
  });

  it('half-year report equals a brute-force count', async () => {
    // Overdue here restates the rule (settled after the due day, or open past it) over the whole demo; the hand-worked
    // fixture at the end of this file checks the rule itself on complaints whose answers are written out.
    const { data } = await commitments.execute('{ commitmentComplaintReport(regionCode: "231100", year: 2025, half: 2) { received resolved rejected open overdue byChannel { channel count } } }');
    const inHalf = demo.complaints.filter((c) => c.receivedAt >= '2025-07-01' && c.receivedAt <= '2025-12-31');
    expect(data.commitmentComplaintReport).toMatchObject({
      received: inHalf.length,
      resolved: inHalf.filter((c) => c.status === 'RESOLVED').length,
      rejected: inHalf.filter((c) => c.status === 'REJECTED').length,
      overdue: inHalf.filter((c) => (c.resolvedAt ? c.resolvedAt > c.dueDate : c.dueDate < today())).length,
    });
    expect(data.commitmentComplaintReport.byChannel.find((c: any) => c.channel === 'HOTLINE_12345').count).toBe(inHalf.filter((c) => c.channel === 'HOTLINE_12345').length);
  });
});

// ---------------------------------------------------------------------------
// Hand-worked fixtures (issue 21: independent oracles). A made-up county with a dozen bodies whose
// letters, items and complaints are written out below; every expected figure is worked out by hand
// in the comments and written as a literal, never computed by the code under test or a copy of it.
// ---------------------------------------------------------------------------

describe('hand-worked fixtures', () => {
  const COUNTY = '231190'; // a county of 黑河市 that the demo does not use
  const OTHER_COUNTY = '231191'; // the summary and complaint-boundary units, kept out of COUNTY's coverage
  const body = (type: string, serial: number, region = COUNTY) => fixtureUscc(type, region, serial);
  // Governments and departments (the 85 % figure's denominator, seed 000 §一(二) and §二(一)): ten bodies.
  const G1 = body('11', 1); // 县人民政府
  const [D1, D2, D3, D4, D5, D6, D7] = [2, 3, 4, 5, 6, 7, 8].map((n) => body('11', n)); // 县政府工作部门
  const T1 = body('11', 9); // 镇人民政府
  const S1 = body('11', 10); // 街道办事处
  // Outside the denominator: a classified department (涉密部门), a Party organ, a public institution, a committee, an SOE.
  const X1 = body('11', 11);
  const PO = body('11', 12);
  const P1 = body('12', 13);
  const V1 = body('54', 14);
  const E1 = body('91', 15);
  const U = body('11', 20, OTHER_COUNTY);
  const W = body('11', 21, OTHER_COUNTY);
  const Z = body('11', 22, OTHER_COUNTY);
  // A kind the registry may add later that this subgraph does not know: it counts in no group.
  const N1 = body('11', 16);
  const organizations = [
    ...[[G1, 'GOVERNMENT'], [D1, 'GOVERNMENT_DEPARTMENT'], [D2, 'GOVERNMENT_DEPARTMENT'], [D3, 'GOVERNMENT_DEPARTMENT'], [D4, 'GOVERNMENT_DEPARTMENT'], [D5, 'GOVERNMENT_DEPARTMENT'],
      [D6, 'GOVERNMENT_DEPARTMENT'], [D7, 'GOVERNMENT_DEPARTMENT'], [T1, 'TOWNSHIP'], [S1, 'STREET_OFFICE'], [PO, 'PARTY_ORGAN'], [P1, 'PUBLIC_INSTITUTION'],
      [V1, 'VILLAGERS_COMMITTEE'], [E1, 'STATE_OWNED_ENTERPRISE']].map(([uscc, kind]) => ({ uscc: uscc!, regionCode: COUNTY, kind: kind! })),
    { uscc: X1, regionCode: COUNTY, kind: 'GOVERNMENT_DEPARTMENT', classified: true },
    { uscc: U, regionCode: OTHER_COUNTY, kind: 'GOVERNMENT_DEPARTMENT' },
    { uscc: W, regionCode: OTHER_COUNTY, kind: 'GOVERNMENT_DEPARTMENT' },
    { uscc: Z, regionCode: OTHER_COUNTY, kind: 'GOVERNMENT_DEPARTMENT' },
    { uscc: N1, regionCode: COUNTY, kind: 'NOT_YET_KNOWN' },
  ];

  const Y = Number(today().slice(0, 4)); // the summary's year: the tests' pinned year
  /** [id, body, year, status]: a PUBLISHED or WITHDRAWN letter was published; WITHDRAWN here means withdrawn after publication. */
  const LETTERS: Array<[string, string, number, string]> = [
    // 2022: G1 and D1–D7 published (8 of 10), T1 and S1 without a letter.
    ...[G1, D1, D2, D3, D4, D5, D6, D7].map((u, i): [string, string, number, string] => [`L22-${i}`, u, 2022, 'PUBLISHED']),
    // 2023: the same eight committed, D7's letter signed but never published.
    ...[G1, D1, D2, D3, D4, D5, D6].map((u, i): [string, string, number, string] => [`L23-${i}`, u, 2023, 'PUBLISHED']),
    ['L23-7', D7, 2023, 'SIGNED'],
    // 2025: D6 published its letter (and made none for 2026).
    ['L25-D6', D6, 2025, 'PUBLISHED'],
    // 2026.
    ['L26-G1', G1, 2026, 'PUBLISHED'],
    ['L26-D1', D1, 2026, 'PUBLISHED'],
    ['L26-D2a', D2, 2026, 'WITHDRAWN'], // withdrawn, then a new one published: D2 counts once, as published
    ['L26-D2b', D2, 2026, 'PUBLISHED'],
    ['L26-D3', D3, 2026, 'SIGNED'],
    ['L26-D4', D4, 2026, 'DRAFT'],
    ['L26-D5a', D5, 2026, 'WITHDRAWN'], // withdrawn, its successor still a draft: no letter in force
    ['L26-D5b', D5, 2026, 'DRAFT'],
    ['L26-T1', T1, 2026, 'PUBLISHED'],
    ['L26-S1', S1, 2026, 'SIGNED'],
    ['L26-X1', X1, 2026, 'PUBLISHED'],
    ['L26-PO', PO, 2026, 'PUBLISHED'],
    ['L26-P1', P1, 2026, 'SIGNED'],
    ['L26-V1', V1, 2026, 'PUBLISHED'],
    // The summary's units.
    ['LU-prev', U, Y - 1, 'WITHDRAWN'],
    ['LU-now', U, Y, 'SIGNED'],
    ['LW-now', W, Y, 'PUBLISHED'],
    // Z: this year's letter's id sorts before last year's (the loader hands a unit's letters newest year first). LZ-w, published
    // this year too and then withdrawn, is written after LZ-a (D2's withdrawn letter is written before its successor): the
    // year's letter is the one not withdrawn in either order.
    ['LZ-a', Z, Y, 'PUBLISHED'],
    ['LZ-b', Z, Y - 1, 'PUBLISHED'],
    ['LZ-w', Z, Y, 'WITHDRAWN'],
  ];
  /** [id, letter, due (days from the pinned day), fulfilment] */
  const ITEMS: Array<[string, string, number, string]> = [
    ['U-a', 'LU-prev', -200, 'UNFULFILLED'],
    ['U-b', 'LU-prev', -200, 'FULFILLED'],
    ['U-c', 'LU-prev', -30, 'PARTLY_FULFILLED'],
    ['U-d', 'LU-now', -10, 'NOT_DUE'],
    ['U-e', 'LU-now', 30, 'UNFULFILLED'],
    ['W-f', 'LW-now', -1, 'IN_PROGRESS'],
    ['W-g', 'LW-now', 0, 'NOT_DUE'],
    ['W-h', 'LW-now', -60, 'CHANGED'],
    ['W-i', 'LW-now', -60, 'FULFILLED'],
    ['W-j', 'LW-now', 60, 'UNFULFILLED'],
    ['Z-2', 'LZ-a', -5, 'UNFULFILLED'],
    ['Z-1', 'LZ-b', -100, 'UNFULFILLED'],
    ['Z-3', 'LZ-w', 10, 'UNFULFILLED'],
  ];
  /** [id, region, channel, received, due, status, settled on]: the due date as stored (received + 15 days, this platform's handling period). */
  const COMPLAINTS: Array<[string, string, string, string, string, string, string | null]> = [
    ['C1', COUNTY, 'HOTLINE_12345', '2025-07-01', '2025-07-16', 'RESOLVED', '2025-07-16'], // settled on its due day: on time
    ['C2', COUNTY, 'HOTLINE_12345', '2025-08-01', '2025-08-16', 'RESOLVED', '2025-08-17'], // a day late: overdue
    ['C3', COUNTY, 'WEBSITE', '2025-09-01', '2025-09-16', 'REJECTED', '2025-09-10'], // rejected in time
    ['C4', COUNTY, 'HOTLINE_12345', '2025-12-20', '2026-01-04', 'HANDLING', null], // still open long after its due date: overdue
    ['C5', COUNTY, 'EMAIL', '2025-06-30', '2025-07-15', 'RESOLVED', '2025-07-20'], // received in the first half: not in the report
    ['C6', COUNTY, 'EMAIL', '2025-12-31', '2026-01-15', 'RESOLVED', '2026-01-10'], // the half's last day, settled early
    ['C7', OTHER_COUNTY, 'HOTLINE_12345', '2025-08-01', '2025-08-16', 'RECEIVED', null], // another county
    // Around the pinned day: open and due today (not yet overdue), open and due yesterday (overdue).
    ['C8', OTHER_COUNTY, 'WEBSITE', daysFromToday(-15), daysFromToday(0), 'RECEIVED', null],
    ['C9', OTHER_COUNTY, 'WEBSITE', daysFromToday(-16), daysFromToday(-1), 'TRANSFERRED', null],
  ];

  const worked = lazyStore('commitments_worked', async (name) => {
    const built = await buildSubgraph(subgraph, { dbName: name });
    const regionOf = new Map(organizations.map((o) => [o.uscc, o.regionCode]));
    const letters = LETTERS.map(([id, uscc, year, status]) => {
      const published = status === 'PUBLISHED' || status === 'WITHDRAWN';
      return {
        id, organizationUscc: uscc, regionCode: regionOf.get(uscc)!, year, letterNumber: id, liability: '违诺自愿接受问责', issuer: status === 'DRAFT' ? null : '张三丰',
        signedAt: status === 'DRAFT' ? null : `${year}-04-10`, complaintPhone: '0456-8200000', complaintEmail: 'xyb@heihe.gov.cn', publicationChannels: published ? ['政府网站'] : [],
        status, publishedAt: published ? `${year}-04-20` : null,
        withdrawnReason: status === 'WITHDRAWN' ? '机构职能调整' : null, withdrawnLegalReason: status === 'WITHDRAWN' ? '上级政策调整' : null, withdrawnAt: status === 'WITHDRAWN' ? `${year}-05-01` : null,
      };
    });
    const items = ITEMS.map(([id, letterId, due, fulfilment], i) => ({
      id, letterId, number: i + 1, category: 'GOVERNMENT_SERVICE', content: `事项${id}`, dueDate: daysFromToday(due), fulfilment,
      evidence: null, lastReviewedAt: null, changeReason: fulfilment === 'CHANGED' ? '上级政策调整' : null, changeCompensation: fulfilment === 'CHANGED' ? '按原标准补偿' : null, changedAt: null,
    }));
    const complaints = COMPLAINTS.map(([id, regionCode, channel, receivedAt, dueDate, status, settledAt]) => ({
      id, organizationUscc: regionCode === COUNTY ? D1 : W, regionCode, letterId: null, channel, receivedAt, content: '承诺未兑现', complainantName: null, contact: null,
      transferredTo: null, status, resolution: settledAt ? '已办结' : null, resolvedAt: settledAt, dueDate, history: [{ status: 'RECEIVED', at: receivedAt, by: 'test', note: null }],
    }));
    await built.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo({ letters, items, officialCommitments: [], complaints } as any), progress: silentProgress }));
    await fillRegistryMirror(built, organizations);
    return built;
  });
  afterAll(() => worked.drop());

  const report = `query($c: String!, $y: Int!) { commitmentCoverage(regionCode: $c, year: $y) {
    eligibleOrganizations committedOrganizations publishedOrganizations coverageRate publicationRate target publicationTarget meetsTarget meetsPublicationTarget
    groups { group eligibleOrganizations committedOrganizations publishedOrganizations coverageRate publicationRate } } }`;
  const coverage = async (year: number) => {
    const { data, errors } = await (await worked.get()).execute(report, { c: COUNTY, y: year });
    expect(errors).toBeUndefined();
    return data.commitmentCoverage;
  };

  it('2026: coverage 6 of 10, publication 4 of 6, both short of their targets', async () => {
    // Denominator (seed 000 §一(二) "全市各级政府及部门（不含涉密部门）", §二(一) "（含街道、乡镇）"): G1, D1–D7, T1, S1 = 10;
    // X1 is classified, PO/P1/V1/E1 are other groups.
    // Committed = a letter signed by the head (seed 000 §四(一) "经主要负责人签署后…进行公示"), in force: G1, D1, D2 (its second
    // letter), D3 (signed), T1, S1 (signed) = 6. Not D4 (a draft), D5 (withdrawn, successor a draft), D6 (a 2025 letter only), D7 (none).
    // Coverage 6/10 = 0.6 < 0.85 (seed 000 §一(二): 85 % from 2023).
    // Published (seed 001 table row 5 "政务诚信承诺公开公示率达到100%"): G1, D1, D2, T1 = 4 of the 6 committed: 4/6 = 0.6667 < 1.
    expect(await coverage(2026)).toMatchObject({
      eligibleOrganizations: 10, committedOrganizations: 6, publishedOrganizations: 4, coverageRate: 0.6, publicationRate: 0.6667,
      target: 0.85, publicationTarget: 1, meetsTarget: false, meetsPublicationTarget: false,
    });
  });

  it('2026: the other groups are counted beside the target, each on its own', async () => {
    const groups = Object.fromEntries((await coverage(2026)).groups.map(({ group, ...figures }: any) => [group, figures]));
    expect(groups).toEqual({
      GOVERNMENTS_AND_DEPARTMENTS: { eligibleOrganizations: 10, committedOrganizations: 6, publishedOrganizations: 4, coverageRate: 0.6, publicationRate: 0.6667 },
      PARTY_ORGANS: { eligibleOrganizations: 1, committedOrganizations: 1, publishedOrganizations: 1, coverageRate: 1, publicationRate: 1 }, // PO published
      PUBLIC_INSTITUTIONS: { eligibleOrganizations: 1, committedOrganizations: 1, publishedOrganizations: 0, coverageRate: 1, publicationRate: 0 }, // P1 signed only
      OTHER_ORGANS: { eligibleOrganizations: 0, committedOrganizations: 0, publishedOrganizations: 0, coverageRate: 0, publicationRate: 0 },
      GRASSROOTS_COMMITTEES: { eligibleOrganizations: 1, committedOrganizations: 1, publishedOrganizations: 1, coverageRate: 1, publicationRate: 1 }, // V1 published
      STATE_OWNED_ENTERPRISES: { eligibleOrganizations: 1, committedOrganizations: 0, publishedOrganizations: 0, coverageRate: 0, publicationRate: 0 }, // E1 none
    });
  });

  it('holds 2022 to 80 % and 2023 to 85 %: the same 8 of 10 meets the first and misses the second', async () => {
    // Seed 001 table row 1 (2022): "作出承诺的各级政府及其部门应占本地政府及其部门总数的80%以上"; seed 000 §一(二) (2023 on): 85 %.
    // 2022: G1, D1–D7 published = 8 of 10 = 0.8 ≥ 0.8; all 8 published: publication 8/8 = 1.
    expect(await coverage(2022)).toMatchObject({ committedOrganizations: 8, publishedOrganizations: 8, coverageRate: 0.8, publicationRate: 1, target: 0.8, meetsTarget: true, meetsPublicationTarget: true });
    // 2023: the same eight committed (D7 signed, unpublished): 0.8 < 0.85; publication 7/8 = 0.875.
    expect(await coverage(2023)).toMatchObject({ committedOrganizations: 8, publishedOrganizations: 7, coverageRate: 0.8, publicationRate: 0.875, target: 0.85, meetsTarget: false, meetsPublicationTarget: false });
  });

  it('pages the bodies without a letter in USCC order, each once', async () => {
    // 2026, target group: D4, D5, D6, D7 have no letter in force; their codes are serials 5–8 of one type and county, so that is their order.
    const store = await worked.get();
    const page = async (after: string | null) => {
      const { data, errors } = await store.execute('query($a: String) { commitmentCoverage(regionCode: "231190", year: 2026) { missingOrganizations(first: 2, after: $a) { totalCount edges { node { uscc } } pageInfo { hasNextPage endCursor } } } }', { a: after });
      expect(errors).toBeUndefined();
      return data.commitmentCoverage.missingOrganizations;
    };
    const first = await page(null);
    expect(first).toMatchObject({ totalCount: 4, edges: [{ node: { uscc: D4 } }, { node: { uscc: D5 } }], pageInfo: { hasNextPage: true } });
    const second = await page(first.pageInfo.endCursor);
    expect(second).toMatchObject({ totalCount: 4, edges: [{ node: { uscc: D6 } }, { node: { uscc: D7 } }], pageInfo: { hasNextPage: false } });
  });

  const summaryOf = async (uscc: string) => {
    const { data, errors } = await (await worked.get()).execute(`query($r: [_Any!]!, $y: Int!) { _entities(representations: $r) { ... on Organization { commitmentSummary(year: $y) {
      letterStatus published itemCount unfulfilledItemIds overdueItemIds carriedOverItemIds itemsByFulfilment { fulfilment count } } } } }`, { r: [{ __typename: 'Organization', uscc }], y: Y });
    expect(errors).toBeUndefined();
    const summary = data._entities[0].commitmentSummary;
    return { ...summary, unfulfilledItemIds: [...summary.unfulfilledItemIds].sort(), overdueItemIds: [...summary.overdueItemIds].sort(), carriedOverItemIds: [...summary.carriedOverItemIds].sort() };
  };

  it('summary: an unpublished letter\'s items bind nothing; last year\'s published (later withdrawn) letter still does', async () => {
    // U: last year's letter was published, then withdrawn: its items bind until fulfilled or lawfully changed (seed 002 §二(三)).
    //   U-a unfulfilled, 200 days late → unfulfilled, overdue, carried over; U-b fulfilled → nothing; U-c partly fulfilled, 30 days late → overdue, carried over.
    // This year's letter is only signed (not public, seed 000 §四(一)): U-d (past due, not due yet by its status) and U-e (unfulfilled) count for nothing.
    expect(await summaryOf(U)).toMatchObject({
      letterStatus: 'SIGNED', published: false, itemCount: 2,
      unfulfilledItemIds: ['U-a'], overdueItemIds: ['U-a', 'U-c'], carriedOverItemIds: ['U-a', 'U-c'],
    });
  });

  it('summary: overdue means past its due day and neither fulfilled nor lawfully changed', async () => {
    // W's published letter: W-f in progress, due yesterday → overdue; W-g due today → not yet; W-h lawfully changed and W-i fulfilled,
    // both past due → neither; W-j unfulfilled, due in 60 days → unfulfilled, not overdue.
    const summary = await summaryOf(W);
    expect(summary).toMatchObject({ letterStatus: 'PUBLISHED', published: true, itemCount: 5, unfulfilledItemIds: ['W-j'], overdueItemIds: ['W-f'], carriedOverItemIds: [] });
    expect(Object.fromEntries(summary.itemsByFulfilment.map((f: any) => [f.fulfilment, f.count]))).toEqual({ NOT_DUE: 1, IN_PROGRESS: 1, FULFILLED: 1, PARTLY_FULFILLED: 0, UNFULFILLED: 1, CHANGED: 1 });
  });

  /** A summary as the API gives it, id lists in their own order. */
  const summaryIn = async (uscc: string, year: number) => {
    const { data, errors } = await (await worked.get()).execute(`query($r: [_Any!]!, $y: Int!) { _entities(representations: $r) { ... on Organization { commitmentSummary(year: $y) {
      letterId letterStatus published itemCount unfulfilledItems overdueItems unfulfilledItemIds overdueItemIds carriedOverItemIds itemsByFulfilment { fulfilment count } } } } }`, { r: [{ __typename: 'Organization', uscc }], y: year });
    expect(errors).toBeUndefined();
    const { itemsByFulfilment, ...summary } = data._entities[0].commitmentSummary;
    return { ...summary, byFulfilment: Object.fromEntries(itemsByFulfilment.map((f: any) => [f.fulfilment, f.count])) };
  };
  const none = { NOT_DUE: 0, IN_PROGRESS: 0, FULFILLED: 0, PARTLY_FULFILLED: 0, UNFULFILLED: 0, CHANGED: 0 };

  it('summary: the year\'s letter is the one not withdrawn; a year without one has no items', async () => {
    // D2, 2026: L26-D2a was withdrawn, L26-D2b published in its place: the year's letter is L26-D2b (neither has items).
    expect(await summaryIn(D2, 2026)).toMatchObject({ letterId: 'L26-D2b', letterStatus: 'PUBLISHED', published: true, itemCount: 0 });
    // D6, 2026: its only letter is 2025's (no items): no letter for the year, nothing counted.
    expect(await summaryIn(D6, 2026)).toEqual({
      letterId: null, letterStatus: null, published: false, itemCount: 0, unfulfilledItems: 0, overdueItems: 0,
      unfulfilledItemIds: [], overdueItemIds: [], carriedOverItemIds: [], byFulfilment: none,
    });
  });

  it('summary: a later year\'s letter does not count in an earlier year', async () => {
    // W's only letter is this year's: last year, W had no letter, and W-f (overdue) and W-j (unfulfilled) of this year's letter are not yet promised.
    expect(await summaryIn(W, Y - 1)).toEqual({
      letterId: null, letterStatus: null, published: false, itemCount: 0, unfulfilledItems: 0, overdueItems: 0,
      unfulfilledItemIds: [], overdueItemIds: [], carriedOverItemIds: [], byFulfilment: none,
    });
  });

  it('summary: the ids run from the oldest letter to the newest', async () => {
    // Z: last year's LZ-b (Z-1, unfulfilled, 100 days late), this year's LZ-a (Z-2, unfulfilled, 5 days late) and LZ-w (Z-3, unfulfilled,
    // due in 10 days), all published; LZ-w was withdrawn after publication, so the year's letter is LZ-a (one item), and Z-3 still binds.
    // Unfulfilled: Z-1, Z-2, Z-3; overdue: Z-1, Z-2; carried over from last year: Z-1. Oldest letter first, a year's letters by id:
    // LZ-b, then LZ-a, LZ-w (not by letter id alone, where LZ-a comes first, nor newest first as the letters are loaded).
    expect(await summaryIn(Z, Y)).toEqual({
      letterId: 'LZ-a', letterStatus: 'PUBLISHED', published: true, itemCount: 1, unfulfilledItems: 3, overdueItems: 2,
      unfulfilledItemIds: ['Z-1', 'Z-2', 'Z-3'], overdueItemIds: ['Z-1', 'Z-2'], carriedOverItemIds: ['Z-1'], byFulfilment: { ...none, UNFULFILLED: 1 },
    });
  });

  it('coverage: the region\'s reference; a year with nothing committed meets neither target', async () => {
    // 2024: no body of 231190 has a letter. Coverage 0 of 10 (N1, of a kind this subgraph does not know, is in no group);
    // publication over nothing committed is 0, short of 100 %.
    const { data, errors } = await (await worked.get()).execute(`{ commitmentCoverage(regionCode: "231190", year: 2024) {
      region { code } eligibleOrganizations committedOrganizations publishedOrganizations coverageRate publicationRate meetsTarget meetsPublicationTarget } }`);
    expect(errors).toBeUndefined();
    expect(data.commitmentCoverage).toEqual({
      region: { code: '231190' }, eligibleOrganizations: 10, committedOrganizations: 0, publishedOrganizations: 0, coverageRate: 0, publicationRate: 0, meetsTarget: false, meetsPublicationTarget: false,
    });
  });

  it('coverage: the bodies without a letter come sorted whatever order they are handed in', async () => {
    // 2026, given D7, D5, N1, D4, D1 (in that order): D1 published; D4 (a draft), D5 (withdrawn, successor a draft) and D7 (none) have no
    // letter in force; N1's kind is in no group. Their codes are serials 5, 6 and 8 of one type and county: D4, D5, D7.
    const em = (await worked.get()).store.orm.em.fork();
    const report = await computeCoverage(em as any, COUNTY, 2026, [D7, D5, N1, D4, D1].map((uscc) => ({ uscc, kind: uscc === N1 ? 'NOT_YET_KNOWN' : 'GOVERNMENT_DEPARTMENT' })));
    expect(report.missing.get(CommitmentGroup.GOVERNMENTS_AND_DEPARTMENTS)).toEqual([D4, D5, D7]);
    expect(report).toMatchObject({ eligibleOrganizations: 4, committedOrganizations: 1, publishedOrganizations: 1 });
  });

  it('half-year complaint report: received, settled and overdue by hand', async () => {
    // Seed 002 §三(二): the receiving unit reports complaint handling every half year. 231190, 2025 second half (received 07-01 … 12-31):
    // C1, C2, C3, C4, C6 (C5 came in June, C7 is another county) = 5 received; resolved C1, C2, C6 = 3; rejected C3 = 1; open C4 = 1.
    // Overdue (settled after the due day, or open past it): C2 (a day late) and C4 (open since 2026-01-04) = 2; C1, settled on its due day, is not.
    // By channel: 12345 C1, C2, C4 = 3; website C3 = 1; e-mail C6 = 1.
    const { data, errors } = await (await worked.get()).execute('{ commitmentComplaintReport(regionCode: "231190", year: 2025, half: 2) { received resolved rejected open overdue byChannel { channel count } } }');
    expect(errors).toBeUndefined();
    const { byChannel, ...counts } = data.commitmentComplaintReport;
    expect(counts).toEqual({ received: 5, resolved: 3, rejected: 1, open: 1, overdue: 2 });
    expect(Object.fromEntries(byChannel.map((c: any) => [c.channel, c.count]))).toEqual({ HOTLINE_12345: 3, WEBSITE: 1, EMAIL: 1, PETITION: 0, OTHER: 0 });
  });

  it('a complaint open on its due day is not overdue yet; the day after, it is', async () => {
    const store = await worked.get();
    const overdue = async (id: string) => (await store.execute('query($id: ID!) { commitmentComplaint(id: $id) { overdue } }', { id }, { authorization: auditor })).data.commitmentComplaint.overdue;
    expect({ C1: await overdue('C1'), C2: await overdue('C2'), C8: await overdue('C8'), C9: await overdue('C9') }).toEqual({ C1: false, C2: true, C8: false, C9: true });
  });
});
