// Registry + contracts + gateway as real processes: the cross-domain query of the issue,
// the import CLI against the gateway, and the complaint ledger end to end over HTTP.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoContracts } from '../../scripts/demo-data/contracts.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { contractRowsFromOcds } from '../../subgraphs/contracts/contract.ocds.rows.js';
import { maskPersonName, officialPseudonym, today } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { scriptCommand, startTestStack, type TestStack } from './test-stack.js';

const registry = buildDemoRegistry();
const demo = buildDemoContracts(registry);
const on = today();
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
}, 120_000);

afterAll(() => stack?.close());

function yuan(fen: bigint): string {
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}

/** Arrears of a government party, brute force over the demo data. */
function arrearsOf(uscc: string): bigint {
  const status = new Map(demo.contracts.map((c) => [c.id, c.status]));
  const own = new Set(demo.contracts.filter((c) => c.governmentUscc === uscc).map((c) => c.id));
  let total = 0n;
  for (const m of demo.milestones) {
    if (!own.has(m.contractId) || m.type !== 'PAYMENT' || m.dueDate >= on) continue;
    if (status.get(m.contractId) !== 'ACTIVE' && status.get(m.contractId) !== 'TERMINATED') continue;
    const paid = demo.payments.filter((p) => p.milestoneId === m.id).reduce((sum, p) => sum + p.amountFen, 0);
    total += BigInt(Math.max(m.amountFen! - paid, 0));
  }
  return total;
}

/** The sample OCDS file the import test below brings in, and the government parties it adds contracts to. */
const SAMPLE = 'test/fixtures/contracts/ocds-sample.json';
const sampleGovernments = new Set<string>(contractRowsFromOcds(JSON.parse(readFileSync(SAMPLE, 'utf8'))).map((r) => r.governmentUscc));

describe('contracts through the gateway', () => {
  it('answers organization(uscc) { name contracts milestones contractSummary { arrearsAmount } } in one query', async () => {
    // A party the sample import leaves alone, so the demo's figures hold whether it ran first or not.
    const uscc = demo.contracts.find((c) => arrearsOf(c.governmentUscc) > 0n && !sampleGovernments.has(c.governmentUscc))!.governmentUscc;
    const org = registry.organizations.find((o) => o.uscc === uscc)!;
    const result = await post(stack.gatewayUrl, 'query($u: String!) { organization(uscc: $u) { name contracts(first: 10) { edges { node { title milestones { status } } } } contractSummary { arrearsAmount } } }', { u: uscc });
    expect(result.errors).toBeUndefined();
    const own = demo.contracts.filter((c) => c.governmentUscc === uscc).sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, 10);
    expect(result.data.organization).toEqual({
      name: org.name,
      contracts: {
        edges: own.map((c) => ({
          node: {
            title: c.title,
            milestones: demo.milestones.filter((m) => m.contractId === c.id).sort((a, b) => (a.dueDate === b.dueDate ? (a.localId < b.localId ? -1 : 1) : a.dueDate < b.dueDate ? -1 : 1)).map((m) => ({ status: m.status })),
          },
        })),
      },
      contractSummary: { arrearsAmount: yuan(arrearsOf(uscc)) },
    });
  });

  it('resolves the government party and the PPP official from the registry, masked for PUBLIC', async () => {
    const ppp = demo.contracts.find((c) => c.kind === 'PPP' && demo.responsibilities.some((r) => r.contractId === c.id && r.until === null))!;
    const current = demo.responsibilities.find((r) => r.contractId === ppp.id && r.until === null)!;
    const official = registry.officials.find((o) => o.idNumber === current.idNumber)!;
    const query = 'query($id: ID!) { contract(id: $id) { governmentParty { name region { name } } responsibleOfficial { id name position } } }';
    const anonymous = await post(stack.gatewayUrl, query, { id: ppp.id });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.contract.governmentParty.name).toBe(ppp.governmentPartyName);
    expect(anonymous.data.contract.responsibleOfficial).toEqual({ id: officialPseudonym(official.idNumber), name: maskPersonName(official.name), position: official.position });
    const audited = await post(stack.gatewayUrl, query, { id: ppp.id }, { authorization: await bearer('AUDITOR') });
    expect(audited.data.contract.responsibleOfficial.name).toBe(official.name);
  });

  it('imports the sample OCDS file with npm run import:contracts, idempotently', async () => {
    const file = SAMPLE;
    const contracts = JSON.parse(readFileSync(file, 'utf8')).releases.flatMap((r: any) => r.contracts).length;
    const cli = () => promisify(execFile)(process.execPath, [...scriptCommand('scripts/import-contracts.ts'), file, '--url', stack.gatewayUrl, '--quiet'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test' } });
    const first = JSON.parse((await cli()).stdout.trim());
    expect(first).toMatchObject({ rows: contracts, accepted: contracts, updated: 0, rejected: 0 });
    const second = JSON.parse((await cli()).stdout.trim());
    expect(second).toMatchObject({ rows: contracts, accepted: 0, unchanged: contracts, rejected: 0 });
    const sample = await post(stack.gatewayUrl, '{ contract(id: "SAMPLE-2023-CG-00001") { governmentParty { name } value } }');
    expect(sample.data.contract.governmentParty.name).toBeTruthy();
  });

  it('takes a complaint from PUBLIC, lets an auditor handle it, and counts it in the region\'s ledger', async () => {
    const contract = demo.contracts.find((c) => c.status === 'ACTIVE' && c.regionCode === '231124')!;
    const statistics = 'query { contractComplaintStatistics(regionCode: "231124") { region { name } received open } }';
    const before = (await post(stack.gatewayUrl, statistics)).data.contractComplaintStatistics;
    expect(before.region.name).toBe('孙吴县');
    const filed = await post(stack.gatewayUrl, 'mutation($i: ContractComplaintInput!) { fileContractComplaint(input: $i) { id status contactPhone organization { name } contract { title } } }', {
      i: {
        category: 'ARREARS', complainantName: contract.counterparties[0]!.name, complainantUscc: contract.counterparties[0]!.uscc, contactPhone: '13812345678',
        organizationUscc: contract.governmentUscc, contractId: contract.id, channel: 'WEBSITE', content: '验收款逾期未付。',
      },
    });
    expect(filed.errors).toBeUndefined();
    // The receipt: tracking id and progress; the contact is for the ledger's readers (complaint.rules.ts).
    expect(filed.data.fileContractComplaint).toMatchObject({ status: 'RECEIVED', contactPhone: null, organization: { name: contract.governmentPartyName }, contract: { title: contract.title } });
    const id = filed.data.fileContractComplaint.id;
    const auditor = { authorization: await bearer('AUDITOR') };
    const accepted = await post(stack.gatewayUrl, 'mutation($id: ID!) { acceptContractComplaint(id: $id) { status contactPhone actions { kind } } }', { id }, auditor);
    expect(accepted.data.acceptContractComplaint).toEqual({ status: 'ACCEPTED', contactPhone: '13812345678', actions: [{ kind: 'RECEIVE' }, { kind: 'ACCEPT' }] });
    const after = (await post(stack.gatewayUrl, statistics)).data.contractComplaintStatistics;
    expect(after).toMatchObject({ received: before.received + 1, open: before.open + 1 });
  });
});

describe('a complaint an assessment cites', () => {
  it('cannot be looked up by its public id to learn who complained, their contact or what they wrote', async () => {
    // The attack: an assessment's sources are public and carry the complaint's id; the id is also
    // the tracking id anyone may look a complaint up by.
    const units = [...new Set(demo.complaints.filter((c) => c.status !== 'RESOLVED' && c.status !== 'REJECTED' && c.dueDate < on).map((c) => c.organizationUscc))];
    let cited: { id: string; unit: string } | undefined;
    for (const unit of units.slice(0, 20)) {
      const assessed = await post(stack.gatewayUrl, `{ organization(uscc: "${unit}") { integrity(year: ${Number(on.slice(0, 4))}) { deductions { sourceRefs { type id } } } } }`);
      const ref = assessed.data?.organization?.integrity?.deductions.flatMap((d: any) => d.sourceRefs).find((r: any) => r.type === 'ContractComplaint');
      if (ref) {
        cited = { id: ref.id, unit };
        break;
      }
    }
    expect(cited, 'a unit whose public assessment cites a contract complaint').toBeDefined();
    const complaint = demo.complaints.find((c) => c.id === cited!.id)!;
    const lookup = `query($id: ID!) { contractComplaint(id: $id) { id status overdue receivedAt actions { kind by note }
      complainantName complainantUscc contactName contactPhone content ticketNumber } }`;
    const identity = { complainantName: null, complainantUscc: null, contactName: null, contactPhone: null, content: null, ticketNumber: null };
    const otherUnit = demo.complaints.find((c) => c.organizationUscc !== cited!.unit)!.organizationUscc;
    const outsiders: Array<Record<string, string>> = [{}, { authorization: await bearer('COURT') }, { authorization: await bearer('ORGANIZATION', { uscc: otherUnit }) }];
    for (const headers of outsiders) {
      const seen = await post(stack.gatewayUrl, lookup, { id: cited!.id }, headers);
      expect(seen.errors).toBeUndefined();
      // The progress stays public to whoever holds the tracking id.
      expect(seen.data.contractComplaint).toMatchObject({ id: cited!.id, status: complaint.status, receivedAt: complaint.receivedAt, overdue: true, ...identity });
      // The trail shows what was done and when, not which account did it or what it noted.
      expect(seen.data.contractComplaint.actions.length).toBeGreaterThan(0);
      expect(seen.data.contractComplaint.actions.filter((a: any) => a.by !== '不公开 (withheld)' || a.note !== null)).toEqual([]);
    }
    // The ledger's readers still see who complained: the keepers, and the unit complained about.
    for (const headers of [{ authorization: await bearer('FINANCE') }, { authorization: await bearer('ORGANIZATION', { uscc: cited!.unit }) }]) {
      const seen = await post(stack.gatewayUrl, lookup, { id: cited!.id }, headers);
      expect(seen.data.contractComplaint).toMatchObject({ complainantName: complaint.complainantName, complainantUscc: complaint.complainantUscc, content: complaint.content });
    }
  });
});
