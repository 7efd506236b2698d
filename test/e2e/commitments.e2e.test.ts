// Registry + commitments + gateway as real processes: the cross-domain joins and the
// lifecycle rules, end to end over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCommitments } from '../../scripts/demo-data/commitments.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { orgCodeCheckCharacter, regionPrefix, usccCheckCharacter } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const demo = buildDemoCommitments(registry);
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);

afterAll(() => stack?.close());

describe('commitments through the gateway', () => {
  it('joins registry and commitments in one query', async () => {
    const letter = demo.letters.find((l) => l.year === 2026 && l.status === 'PUBLISHED')!;
    const org = registry.organizations.find((o) => o.uscc === letter.organizationUscc)!;
    const result = await post(stack.gatewayUrl, 'query($u: String!) { organization(uscc: $u) { name commitmentLetters(year: 2026) { letterNumber items { category fulfilment } } } }', { u: org.uscc });
    expect(result.errors).toBeUndefined();
    expect(result.data.organization.name).toBe(org.name);
    expect(result.data.organization.commitmentLetters).toHaveLength(1);
    expect(result.data.organization.commitmentLetters[0].letterNumber).toBe(letter.letterNumber);
    expect(result.data.organization.commitmentLetters[0].items).toEqual(
      demo.items.filter((i) => i.letterId === letter.id).sort((a, b) => a.number - b.number).map((i) => ({ category: i.category, fulfilment: i.fulfilment })),
    );
  });

  it('computes coverage from the registry\'s organizations, equal to a brute-force count', async () => {
    for (const regionCode of ['231100', '231124']) {
      const result = await post(stack.gatewayUrl, 'query($r: String!) { commitmentCoverage(regionCode: $r, year: 2026) { region { name } eligibleOrganizations committedOrganizations publishedOrganizations meetsTarget missingOrganizations(first: 5) { totalCount edges { node { name } } } } }', { r: regionCode });
      expect(result.errors).toBeUndefined();
      // Seed 000 §一(二) "各级政府及部门（不含涉密部门）", §二(一) "（含街道、乡镇）" (README "Commitments").
      const governments = ['GOVERNMENT', 'GOVERNMENT_DEPARTMENT', 'TOWNSHIP', 'STREET_OFFICE'];
      const eligible = registry.organizations.filter((o) => !o.classified && governments.includes(o.kind) && o.regionCode.startsWith(regionPrefix(regionCode))).map((o) => o.uscc);
      const letters = demo.letters.filter((l) => l.year === 2026 && eligible.includes(l.organizationUscc));
      const committed = new Set(letters.filter((l) => l.status === 'SIGNED' || l.status === 'PUBLISHED').map((l) => l.organizationUscc));
      const report = result.data.commitmentCoverage;
      expect(report.region.name).toBe(registry.regions.find((r) => r.code === regionCode)!.name);
      expect(report.eligibleOrganizations).toBe(eligible.length);
      expect(report.committedOrganizations).toBe(committed.size);
      expect(report.publishedOrganizations).toBe(new Set(letters.filter((l) => l.status === 'PUBLISHED').map((l) => l.organizationUscc)).size);
      expect(report.missingOrganizations.totalCount).toBe(eligible.length - committed.size);
      // names of the missing come from the registry
      const missing = eligible.filter((u) => !committed.has(u)).sort().slice(0, 5);
      expect(report.missingOrganizations.edges.map((e: any) => e.node.name)).toEqual(missing.map((u) => registry.organizations.find((o) => o.uscc === u)!.name));
    }
  });

  it('follows the registry: a unit registered in a county, then classified, moves that county\'s eligible count within seconds', async () => {
    const query = '{ commitmentCoverage(regionCode: "231124", year: 2026) { eligibleOrganizations } }';
    const eligible = async () => (await post(stack.gatewayUrl, query)).data.commitmentCoverage.eligibleOrganizations as number;
    const before = await eligible();
    const admin = { authorization: await bearer('ADMIN') };
    const orgCode = `MA1MRR07${orgCodeCheckCharacter('MA1MRR07')}`;
    const uscc = `11231124${orgCode}${usccCheckCharacter(`11231124${orgCode}`)}`;
    const input = { uscc, name: '孙吴县镜像测试局', kind: 'GOVERNMENT_DEPARTMENT', level: 'COUNTY', regionCode: '231124', classified: false };
    const upsert = 'mutation($i: OrganizationInput!) { upsertOrganization(input: $i) { uscc } }';
    const added = await post(stack.gatewayUrl, upsert, { i: input }, admin);
    expect(added.errors).toBeUndefined();
    await expect.poll(eligible, { timeout: 15_000, interval: 100 }).toBe(before + 1);
    expect((await post(stack.gatewayUrl, upsert, { i: { ...input, classified: true } }, admin)).errors).toBeUndefined();
    await expect.poll(eligible, { timeout: 15_000, interval: 100 }).toBe(before);
  });

  it('lets the owner publish, forbids another unit, and never shows PUBLIC a draft', async () => {
    // A letter for 2027, a year the demo has no letters for: the tests above read 2026 and find
    // the demo's figures whether this test ran before them or not.
    const year = 2027;
    expect(demo.letters.some((l) => l.year === year)).toBe(false);
    const unit = registry.organizations.find((o) => !o.classified && !demo.letters.some((l) => l.organizationUscc === o.uscc && l.year === 2026))!;
    const other = registry.organizations.find((o) => o.uscc !== unit.uscc && !o.classified)!;
    const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
    const stranger = { authorization: await bearer('ORGANIZATION', { uscc: other.uscc }) };
    const input = { year, letterNumber: 'E2E-1', liability: '接受问责', complaintPhone: '0456-8226000', complaintEmail: 'a@heihe.gov.cn', items: [{ category: 'GOVERNMENT_SERVICE', content: '限时办结', dueDate: '2027-12-31' }] };
    const created = await post(stack.gatewayUrl, 'mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id status } }', { i: input }, owner);
    expect(created.errors).toBeUndefined();
    const id = created.data.createCommitmentLetter.id;

    const lettersOf = 'query($u: String!, $y: Int) { organization(uscc: $u) { commitmentLetters(year: $y) { id status } } }';
    expect((await post(stack.gatewayUrl, lettersOf, { u: unit.uscc, y: year })).data.organization.commitmentLetters).toEqual([]);
    expect((await post(stack.gatewayUrl, 'query($id: ID!) { commitmentLetter(id: $id) { id } }', { id })).data.commitmentLetter).toBeNull();

    await post(stack.gatewayUrl, 'mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "王局长") { id } }', { id }, owner);
    const foreign = await post(stack.gatewayUrl, 'mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { id } }', { id }, stranger);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const published = await post(stack.gatewayUrl, 'mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { status } }', { id }, owner);
    expect(published.data.publishCommitmentLetter.status).toBe('PUBLISHED');
    expect((await post(stack.gatewayUrl, lettersOf, { u: unit.uscc, y: year })).data.organization.commitmentLetters).toEqual([{ id, status: 'PUBLISHED' }]);
  });

  it('does not let a unit erase a broken promise by withdrawing its letter: the public still sees it, the assessment still counts it', async () => {
    // A 2028 letter (no other test writes 2028) of a unit no other test writes for.
    const year = 2028;
    const unit = [...registry.organizations].reverse().find((o) => !o.classified && o.kind === 'GOVERNMENT_DEPARTMENT' && !demo.letters.some((l) => l.organizationUscc === o.uscc))!;
    const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
    const input = { year, letterNumber: 'E2E-W-1', liability: '接受问责', complaintPhone: '0456-8226000', complaintEmail: 'a@heihe.gov.cn', items: [{ category: 'POLICY_DELIVERY', content: '补贴30日内拨付', dueDate: '2026-06-30' }] };
    const letter = (await post(stack.gatewayUrl, 'mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id items { id } } }', { i: input }, owner)).data.createCommitmentLetter;
    await post(stack.gatewayUrl, 'mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "王局长") { id } }', { id: letter.id }, owner);
    await post(stack.gatewayUrl, 'mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { id } }', { id: letter.id }, owner);
    const item = letter.items[0].id;
    expect((await post(stack.gatewayUrl, 'mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: UNFULFILLED }) { fulfilment } }', { id: item }, owner)).errors).toBeUndefined();

    const withdraw = 'mutation($id: ID!, $l: String) { withdrawCommitmentLetter(id: $id, reason: "重新作出承诺", legalReason: $l) { status } }';
    expect((await post(stack.gatewayUrl, withdraw, { id: letter.id }, owner)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'legalReason' });
    expect((await post(stack.gatewayUrl, withdraw, { id: letter.id, l: '上级政策调整' }, owner)).data.withdrawCommitmentLetter).toEqual({ status: 'WITHDRAWN' });

    const publicView = await post(stack.gatewayUrl, 'query($u: String!, $y: Int) { organization(uscc: $u) { commitmentLetters(year: $y) { id status withdrawnReason withdrawnLegalReason } commitmentSummary(year: $y) { unfulfilledItemIds } } }', { u: unit.uscc, y: year });
    expect(publicView.data.organization).toEqual({
      commitmentLetters: [{ id: letter.id, status: 'WITHDRAWN', withdrawnReason: '重新作出承诺', withdrawnLegalReason: '上级政策调整' }],
      commitmentSummary: { unfulfilledItemIds: [item] },
    });
  });

  it('lets an auditor dispute a unit\'s self-report: the finding prevails and the dispute is public', async () => {
    const year = 2029;
    const unit = [...registry.organizations].reverse().filter((o) => !o.classified && o.kind === 'GOVERNMENT_DEPARTMENT' && !demo.letters.some((l) => l.organizationUscc === o.uscc))[1]!;
    const owner = { authorization: await bearer('ORGANIZATION', { uscc: unit.uscc }) };
    const auditor = { authorization: await bearer('AUDITOR') };
    const input = { year, letterNumber: 'E2E-F-1', liability: '接受问责', complaintPhone: '0456-8226000', complaintEmail: 'a@heihe.gov.cn', items: [{ category: 'POLICY_DELIVERY', content: '补贴30日内拨付', dueDate: '2026-06-30' }] };
    const letter = (await post(stack.gatewayUrl, 'mutation($i: CommitmentLetterInput!) { createCommitmentLetter(input: $i) { id items { id } } }', { i: input }, owner)).data.createCommitmentLetter;
    await post(stack.gatewayUrl, 'mutation($id: ID!) { signCommitmentLetter(id: $id, issuer: "王局长") { id } }', { id: letter.id }, owner);
    await post(stack.gatewayUrl, 'mutation($id: ID!) { publishCommitmentLetter(id: $id, channels: ["政府网站"]) { id } }', { id: letter.id }, owner);
    const item = letter.items[0].id;
    await post(stack.gatewayUrl, 'mutation($id: ID!) { recordFulfilment(itemId: $id, input: { fulfilment: FULFILLED, evidence: "已拨付" }) { fulfilment } }', { id: item }, owner);
    const finding = 'mutation($id: ID!) { recordFulfilmentFinding(itemId: $id, input: { fulfilment: UNFULFILLED, evidence: "抽查：资金未到账" }) { fulfilment } }';
    expect((await post(stack.gatewayUrl, finding, { id: item }, owner)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await post(stack.gatewayUrl, finding, { id: item }, auditor)).data.recordFulfilmentFinding).toEqual({ fulfilment: 'UNFULFILLED' });
    const publicView = await post(stack.gatewayUrl, 'query($id: ID!) { commitmentItem(id: $id) { fulfilment fulfilmentDisputed fulfilmentHistory { kind fulfilment recordedAs } } }', { id: item });
    expect(publicView.data.commitmentItem).toEqual({
      fulfilment: 'UNFULFILLED', fulfilmentDisputed: true,
      fulfilmentHistory: [{ kind: 'SELF_REPORT', fulfilment: 'FULFILLED', recordedAs: 'ORGANIZATION' }, { kind: 'FINDING', fulfilment: 'UNFULFILLED', recordedAs: 'AUDITOR' }],
    });
  });

  it('sends a complaint to the unit it is transferred to, which handles and resolves it through the gateway', async () => {
    const about = demo.letters.find((l) => l.status === 'PUBLISHED' && l.year === 2026)!;
    const receiving = registry.organizations.find((o) => !o.classified && o.kind === 'GOVERNMENT_DEPARTMENT' && o.uscc !== about.organizationUscc)!;
    const auditor = { authorization: await bearer('AUDITOR') };
    const asReceiving = { authorization: await bearer('ORGANIZATION', { uscc: receiving.uscc }) };
    const filed = await post(stack.gatewayUrl, 'mutation($i: ComplaintInput!) { fileCommitmentComplaint(input: $i) { id letter { id } } }', { i: { organizationUscc: about.organizationUscc, channel: 'WEBSITE', content: '承诺未兑现', letterId: about.id } });
    expect(filed.data.fileCommitmentComplaint.letter).toEqual({ id: about.id });
    const id = filed.data.fileCommitmentComplaint.id;
    await post(stack.gatewayUrl, 'mutation($id: ID!, $u: String) { transferCommitmentComplaint(id: $id, to: "承办局", toUscc: $u) { id } }', { id, u: receiving.uscc }, auditor);
    const mine = await post(stack.gatewayUrl, '{ commitmentComplaints(filter: { transferredToMe: true }) { edges { node { id status } } } }', {}, asReceiving);
    expect(mine.data.commitmentComplaints.edges.map((e: any) => e.node)).toContainEqual({ id, status: 'TRANSFERRED' });
    expect((await post(stack.gatewayUrl, 'mutation($id: ID!) { handleCommitmentComplaint(id: $id) { status } }', { id }, asReceiving)).data.handleCommitmentComplaint).toEqual({ status: 'HANDLING' });
    expect((await post(stack.gatewayUrl, 'mutation($id: ID!) { resolveCommitmentComplaint(id: $id, resolution: "已兑现并回复") { status } }', { id }, asReceiving)).data.resolveCommitmentComplaint).toEqual({ status: 'RESOLVED' });
  });
});
