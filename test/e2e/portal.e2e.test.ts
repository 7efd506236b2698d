// The public credit portal end to end, as production runs it: the safelist enforced, every request
// anonymous, over real HTTP through the gateway to every subgraph. What the portal is for (seed 000
// §五(三) 政务承诺专栏, seed 001 row 2 the court list, seed 002 §三(二) complaints): a unit's credit
// profile, the court list of government bodies, the region pages, and filing a complaint.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoContracts } from '../../scripts/demo-data/contracts.js';
import { buildDemoCourtDebtors } from '../../scripts/demo-data/court-debtors.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { regionPrefix } from '../../subgraphs/kit/index.js';
import { inRegion, isGovernment, onListOn } from '../court-debtors/demo-truth.js';
import { bearer, post } from '../helpers.js';
import { startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const courts = buildDemoCourtDebtors(registry);
const contracts = buildDemoContracts(registry);
const manifest = JSON.parse(readFileSync(join(ROOT, 'gateway', 'safelist.json'), 'utf8')) as { operations: Array<{ name: string; body: string }> };
const FILINGS_PER_HOUR = 3;
/** The portal stack's day, whatever day the run is at; the brute-force answers are computed for the same day. */
const STACK_DAY = '2026-11-22';
const onStackDay = onListOn(STACK_DAY);
let stack: TestStack;
let auditor: Record<string, string>;

/** A safelisted operation's text, exactly as the portal sends it. */
function operation(name: string): string {
  const found = manifest.operations.find((o) => o.name === name);
  if (!found) throw new Error(`${name} is not in gateway/safelist.json`);
  return found.body;
}

const portal = (name: string, variables: Record<string, unknown> = {}) => post(stack.gatewayUrl, operation(name), variables);

beforeAll(async () => {
  stack = await startTestStack({ CREDIT_SAFELIST: 'enforce', CREDIT_RATE_LIMIT_FILINGS: String(FILINGS_PER_HOUR), CREDIT_TODAY: STACK_DAY });
  auditor = { authorization: await bearer('AUDITOR') };
}, 180_000);

afterAll(() => stack?.close());

describe('the portal with the safelist enforced', () => {
  it('refuses an anonymous ad-hoc query, and answers the same question asked as a safelisted operation', async () => {
    const adHoc = await post(stack.gatewayUrl, '{ organization(uscc: "11231124696698813J") { integrity { score } } }');
    expect(adHoc.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_SAFELISTED');
    const profile = await portal('PortalCreditProfile', { uscc: '11231124696698813J' });
    expect(profile.errors).toBeUndefined();
    expect(profile.data.organization.integrity.score).toBeGreaterThan(0);
  });

  it('shows a unit\'s public credit profile: the score an auditor sees, its deductions and warnings, its court listings and contract figures', async () => {
    // A registered government body with a record on the published list.
    const listed = courts.records.find((r) => onStackDay(r) && isGovernment(r.row.cardNum) && registry.organizations.some((o) => o.uscc === r.row.cardNum))!;
    const uscc = listed.row.cardNum;
    const { data, errors } = await portal('PortalCreditProfile', { uscc });
    expect(errors).toBeUndefined();
    const profile = data.organization;
    expect(profile.name).toBe(registry.organizations.find((o) => o.uscc === uscc)!.name);

    const audited = (await post(stack.gatewayUrl, 'query($u: String!) { organization(uscc: $u) { integrity { score grade deductions { rule points } warnings { kind level } } } }', { u: uscc }, auditor)).data.organization.integrity;
    expect(profile.integrity).toMatchObject({ score: audited.score, grade: audited.grade });
    expect(profile.integrity.deductions.map((d: any) => [d.rule, d.points])).toEqual(audited.deductions.map((d: any) => [d.rule, d.points]));
    expect(profile.integrity.warnings.map((w: any) => [w.kind, w.level])).toEqual(audited.warnings.map((w: any) => [w.kind, w.level]));
    expect(profile.integrity.deductions.map((d: any) => d.rule)).toContain('DEBTOR_LISTED');

    // The court list as published: every record of the unit on it, and no other.
    const published = courts.records.filter((r) => r.row.cardNum === uscc && onStackDay(r)).map((r) => r.row.caseCode).sort();
    expect(profile.debtorRecords.map((r: any) => r.caseNumber).sort()).toEqual(published);
    expect(profile.debtorSummary.activeRecords + profile.debtorSummary.underObjection).toBe(published.length);

    // Contract figures from the finance ledger.
    const own = contracts.contracts.filter((c) => c.governmentUscc === uscc);
    expect(profile.contractSummary.contracts).toBe(own.length);
  });

  it('lists the court list of government bodies like a brute-force count', async () => {
    const regionCode = '231100';
    const expected = courts.records.filter((r) => onStackDay(r) && isGovernment(r.row.cardNum) && inRegion(r.row.cardNum, regionCode)).map((r) => r.row.caseCode).sort();
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors } = await portal('PortalCourtList', { regionCode, after });
      expect(errors).toBeUndefined();
      seen.push(...data.debtorRecords.edges.map((e: any) => e.node.caseNumber));
      expect(data.debtorRecords.totalCount).toBe(expected.length);
      if (!data.debtorRecords.pageInfo.hasNextPage) break;
      after = data.debtorRecords.pageInfo.endCursor;
    }
    expect(seen.sort()).toEqual(expected);
  });

  it('shows a region page with the seeds\' indicators, the same as the domains report them', async () => {
    const { data, errors } = await portal('PortalRegionPage', { regionCode: '231124', year: 2026 });
    expect(errors).toBeUndefined();
    expect(data.region.name).toBe('孙吴县');
    const governments = ['GOVERNMENT', 'GOVERNMENT_DEPARTMENT', 'TOWNSHIP', 'STREET_OFFICE'];
    expect(data.commitmentCoverage.eligibleOrganizations).toBe(registry.organizations.filter((o) => !o.classified && governments.includes(o.kind) && o.regionCode.startsWith(regionPrefix('231124'))).length);
    expect(data.commitmentCoverage.meetsTarget).toBe(false); // 孙吴县 is below 85 % in the demo
    expect(data.commitmentCoverage.groups.map((g: any) => g.group)).toHaveLength(6);
    expect(data.pushCoverage.meetsTarget).toBe(false); // and pushed only every other listed body
    expect(data.integrityRegionReport.organizations).toBe(registry.organizations.filter((o) => !o.classified && o.regionCode.startsWith(regionPrefix('231124'))).length);
    expect(data.trainingCoverage.officialCount).toBeGreaterThan(0);

    const ranking = await portal('PortalRegionRanking', { parentCode: '231100' });
    expect(ranking.errors).toBeUndefined();
    expect(ranking.data.integrityRegionRanking.map((e: any) => e.report.regionCode).sort()).toEqual(registry.regions.filter((r) => r.parentCode === '231100').map((r) => r.code).sort());
  });

  it('lets anyone file a complaint in either ledger, and limits how often one address may file', async () => {
    const letterUnit = '11231124696698813J';
    const contract = contracts.contracts.find((c) => c.status === 'ACTIVE')!;
    const commitment = { input: { organizationUscc: letterUnit, channel: 'WEBSITE', content: '承诺书公示的投诉电话无人接听。' } };
    const contractComplaint = {
      input: {
        category: 'ARREARS', complainantName: contract.counterparties[0]!.name, complainantUscc: contract.counterparties[0]!.uscc,
        organizationUscc: contract.governmentUscc, contractId: contract.id, channel: 'WEBSITE', content: '验收款逾期未付。',
      },
    };
    const first = await portal('PortalFileComplaint', commitment);
    expect(first.errors).toBeUndefined();
    expect(first.data.fileCommitmentComplaint.status).toBe('RECEIVED');
    const second = await portal('PortalFileContractComplaint', contractComplaint);
    expect(second.errors).toBeUndefined();
    expect(second.data.fileContractComplaint.status).toBe('RECEIVED');
    expect((await portal('PortalFileComplaint', commitment)).errors).toBeUndefined();
    // The fourth from this address within the hour, whichever ledger, is refused without being written.
    const refused = await portal('PortalFileContractComplaint', contractComplaint);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // Reading the portal is not filing: it still answers.
    expect((await portal('PortalRegions', { parentCode: '231100' })).errors).toBeUndefined();
    // A contributing system files with its token, outside the anonymous budget.
    const system = await post(stack.gatewayUrl, operation('PortalFileComplaint'), commitment, auditor);
    expect(system.errors).toBeUndefined();
  });
});
