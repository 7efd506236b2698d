import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoContracts, type DemoMilestone } from '../../scripts/demo-data/contracts.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { buildSubgraph, complaintDueDate, config, maskPhone, officialPseudonym, regionPrefix, silentProgress, wholeDemo, today, type BuiltSubgraph, type EntityManager } from '../../subgraphs/kit/index.js';
import { COMPLAINT_HANDLING_DAYS } from '../../subgraphs/contracts/complaint.rules.js';
import { ensureAppendOnlyTriggers } from '../../subgraphs/contracts/complaint.repository.js';
import { ContractComplaintAction } from '../../subgraphs/contracts/entities/complaint-action.js';
import { ContractComplaint } from '../../subgraphs/contracts/entities/complaint.js';
import { contractRowsFromOcds } from '../../subgraphs/contracts/contract.ocds.rows.js';
import { subgraph } from '../../subgraphs/contracts/schema.js';
import { seed } from '../../subgraphs/contracts/seed.js';
import { bearer, daysFromToday, dropTestStore, fixtureUscc, lazyStore, testDbName, demoRoster, pendingSchemaChanges } from '../helpers.js';

const registry = buildDemoRegistry();
const demo = buildDemoContracts(registry);
const dbName = testDbName('contracts');
let contracts: BuiltSubgraph;
let auditor: { authorization: string };
let finance: { authorization: string };
let admin: { authorization: string };

/** A store with the demo ledger. */
async function demoStore(name: string): Promise<BuiltSubgraph> {
  const built = await buildSubgraph(subgraph, { dbName: name, roster: demoRoster(registry) });
  await built.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo(demo), progress: silentProgress }));
  return built;
}

/**
 * The tests that write work on a copy of the demo ledger of their own (each on rows of its own),
 * so that the brute-force checks read a store nobody has written to, in whatever order they run.
 */
const writes = lazyStore('contracts_writes', demoStore);
let writable: BuiltSubgraph;

beforeAll(async () => {
  contracts = await demoStore(dbName);
  // The seed made the triggers; running it again must be harmless (main.ts runs it at every start).
  await ensureAppendOnlyTriggers(contracts.store.orm.em.fork() as EntityManager);
  auditor = { authorization: await bearer('AUDITOR') };
  finance = { authorization: await bearer('FINANCE') };
  admin = { authorization: await bearer('ADMIN') };
});

afterAll(async () => {
  await writes.drop();
  await dropTestStore(contracts, dbName);
});

/** A table name for hand-written SQL: PostgreSQL keeps each test store in a schema of its own. */
function table(name: string, db = dbName): string {
  return config.dbDriver() === 'postgresql' ? `"${db}".${name}` : name;
}

async function sql(text: string): Promise<any[]> {
  return contracts.store.orm.em.fork().getConnection().execute(text);
}

/** The same on the writes' store. */
const writeTable = (name: string) => table(name, writes.dbName);
const writeSql = (text: string): Promise<any[]> => writable.store.orm.em.fork().getConnection().execute(text);
const write = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => writable.execute(query, variables, headers);

// ---------------------------------------------------------------------------
// Brute force over the demo data: the README's rule ("Overdue", "arrears") restated over the demo's
// rows, payments summed from the payment list, not from the stored paid column. It reads like the
// subgraph's contract.rules.ts because both state one short rule; it checks the queries, filters and
// paging over two thousand contracts. The rule itself is checked by the hand-worked fixtures at the
// end of this file, whose answers are written out.
// ---------------------------------------------------------------------------

const on = today();
const contractStatus = new Map(demo.contracts.map((c) => [c.id, c.status]));
const contractGovernment = new Map(demo.contracts.map((c) => [c.id, c.governmentUscc]));
const paidByMilestone = new Map<string, number>();
for (const p of demo.payments) if (p.milestoneId) paidByMilestone.set(p.milestoneId, (paidByMilestone.get(p.milestoneId) ?? 0) + p.amountFen);

function bruteArrears(m: DemoMilestone): number {
  const status = contractStatus.get(m.contractId);
  if (m.type !== 'PAYMENT' || m.dueDate >= on || (status !== 'ACTIVE' && status !== 'TERMINATED')) return 0;
  return Math.max(m.amountFen! - (paidByMilestone.get(m.id) ?? 0), 0);
}

function bruteOverdue(m: DemoMilestone): boolean {
  if (m.type === 'PAYMENT') return bruteArrears(m) > 0;
  return contractStatus.get(m.contractId) === 'ACTIVE' && m.dueDate < on && m.status !== 'MET';
}

function yuan(fen: bigint | number): string {
  const v = BigInt(fen);
  return `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
}

const overdueMilestones = demo.milestones.filter(bruteOverdue);
const overdueContractIds = new Set(overdueMilestones.map((m) => m.contractId));

async function run(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return contracts.execute(query, variables, headers);
}

async function allPages<T>(query: string, field: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors } = await run(query, { ...variables, after }, headers);
    expect(errors).toBeUndefined();
    const connection = data[field];
    nodes.push(...connection.edges.map((e: any) => e.node));
    if (!connection.pageInfo.hasNextPage) return nodes;
    after = connection.pageInfo.endCursor;
  }
}

describe('the demo ledger', () => {
  it('is deterministic', () => {
    expect(buildDemoContracts(registry)).toEqual(demo);
  });

  it('has contracts of every kind, some overdue, some in arrears, a few breached by the government, complaints in every state', () => {
    expect(demo.contracts.length).toBeGreaterThanOrEqual(2_000);
    expect(new Set(demo.contracts.map((c) => c.kind)).size).toBe(6);
    expect(new Set(demo.contracts.map((c) => c.status)).size).toBe(4);
    expect(demo.milestones.some((m) => bruteArrears(m) > 0)).toBe(true);
    expect(demo.milestones.some((m) => m.type !== 'PAYMENT' && bruteOverdue(m))).toBe(true);
    const governmentBreaches = demo.breaches.filter((b) => b.party === 'GOVERNMENT').length;
    expect(governmentBreaches).toBeGreaterThan(0);
    expect(governmentBreaches).toBeLessThan(demo.contracts.length * 0.05);
    expect(new Set(demo.complaints.map((c) => c.status)).size).toBe(5);
    expect(demo.complaints.filter((c) => c.category === 'OLD_DEBTS_IGNORED' && c.status === 'RESOLVED' && c.substantiated).length).toBeGreaterThan(0);
    // Consistent with the registry: every government party and PPP official exists there.
    const usccs = new Set(registry.organizations.map((o) => o.uscc));
    expect(demo.contracts.every((c) => usccs.has(c.governmentUscc))).toBe(true);
    const idNumbers = new Set(registry.officials.map((o) => o.idNumber));
    expect(demo.responsibilities.length).toBeGreaterThan(0);
    expect(demo.responsibilities.every((r) => idNumbers.has(r.idNumber))).toBe(true);
  });
});

describe('overdue and arrears equal a brute-force computation over the demo data', () => {
  it('filters overdue contracts, overall and per region, like the brute force', async () => {
    const overall = await run('{ yes: contracts(filter: { overdue: true }) { totalCount } no: contracts(filter: { overdue: false }) { totalCount } }');
    expect(overall.errors).toBeUndefined();
    expect(overall.data.yes.totalCount).toBe(overdueContractIds.size);
    expect(overall.data.no.totalCount).toBe(demo.contracts.length - overdueContractIds.size);
    for (const regionCode of ['231100', '231102', '231124', '231183']) {
      const { data } = await run('query($r: String!) { contracts(filter: { regionCode: $r, overdue: true }) { totalCount } }', { r: regionCode });
      const expected = [...overdueContractIds].filter((id) => contractGovernment.get(id)!.slice(2, 8).startsWith(regionPrefix(regionCode))).length;
      expect(data.contracts.totalCount, regionCode).toBe(expected);
    }
  });

  it('walks every overdue contract page by page with the arrears of each', async () => {
    const nodes = await allPages<any>(
      'query($after: String) { contracts(filter: { overdue: true }, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id overdue arrearsAmount paidAmount milestones { id overdue arrearsAmount paidAmount } } } } }',
      'contracts',
    );
    expect(nodes.map((n) => n.id)).toEqual([...overdueContractIds].sort());
    for (const node of nodes) {
      const mine = demo.milestones.filter((m) => m.contractId === node.id);
      expect(node.overdue).toBe(true);
      expect(node.arrearsAmount, node.id).toBe(yuan(mine.reduce((sum, m) => sum + BigInt(bruteArrears(m)), 0n)));
      expect(node.paidAmount).toBe(yuan(demo.payments.filter((p) => p.contractId === node.id).reduce((sum, p) => sum + BigInt(p.amountFen), 0n)));
      for (const m of node.milestones) {
        const expected = mine.find((x) => x.id === m.id)!;
        expect(m.overdue, m.id).toBe(bruteOverdue(expected));
        expect(m.arrearsAmount, m.id).toBe(yuan(bruteArrears(expected)));
        expect(m.paidAmount, m.id).toBe(yuan(paidByMilestone.get(m.id) ?? 0));
      }
    }
  });

  it('summarises every government party like the brute force (arrears, overdue, breaches, complaints)', async () => {
    const governments = [...new Set([...demo.contracts.map((c) => c.governmentUscc), ...demo.complaints.map((c) => c.organizationUscc)])].sort();
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { uscc contractSummary {
      contracts activeContracts arrearsAmount arrearsMilestoneIds overdueMilestones overdueMilestoneIds contractsBreachedByGovernment governmentBreaches
      unremediedGovernmentBreachIds openComplaints overdueComplaints overdueComplaintIds substantiatedOldDebtComplaintIds } } } }`;
    let totalArrears = 0n;
    for (let i = 0; i < governments.length; i += 100) {
      const batch = governments.slice(i, i + 100);
      const { data, errors } = await run(query, { r: batch.map((uscc) => ({ __typename: 'Organization', uscc })) });
      expect(errors).toBeUndefined();
      for (const { uscc, contractSummary: s } of data._entities) {
        const own = demo.contracts.filter((c) => c.governmentUscc === uscc);
        const ownIds = new Set(own.map((c) => c.id));
        const milestones = demo.milestones.filter((m) => ownIds.has(m.contractId));
        const arrears = milestones.filter((m) => bruteArrears(m) > 0);
        const arrearsFen = arrears.reduce((sum, m) => sum + BigInt(bruteArrears(m)), 0n);
        totalArrears += arrearsFen;
        const breaches = demo.breaches.filter((b) => ownIds.has(b.contractId) && b.party === 'GOVERNMENT');
        const complaints = demo.complaints.filter((c) => c.organizationUscc === uscc);
        const overdueComplaints = complaints.filter((c) => (c.closedAt ? c.closedAt > c.dueDate : c.dueDate < on));
        expect(s, uscc).toEqual({
          contracts: own.length,
          activeContracts: own.filter((c) => c.status === 'ACTIVE').length,
          arrearsAmount: yuan(arrearsFen),
          arrearsMilestoneIds: arrears.map((m) => m.id).sort(),
          overdueMilestones: milestones.filter(bruteOverdue).length,
          overdueMilestoneIds: milestones.filter(bruteOverdue).map((m) => m.id).sort(),
          contractsBreachedByGovernment: new Set(breaches.map((b) => b.contractId)).size,
          governmentBreaches: breaches.length,
          unremediedGovernmentBreachIds: breaches.filter((b) => !b.remedied).map((b) => b.id).sort(),
          openComplaints: complaints.filter((c) => c.status !== 'RESOLVED' && c.status !== 'REJECTED').length,
          overdueComplaints: overdueComplaints.length,
          overdueComplaintIds: overdueComplaints.map((c) => c.id).sort(),
          substantiatedOldDebtComplaintIds: complaints.filter((c) => c.category === 'OLD_DEBTS_IGNORED' && c.status === 'RESOLVED' && c.substantiated).map((c) => c.id).sort(),
        });
      }
    }
    expect(totalArrears).toBe(demo.milestones.reduce((sum, m) => sum + BigInt(bruteArrears(m)), 0n));
    expect(totalArrears).toBeGreaterThan(0n);
  });

  it('counts the complaint ledger per region like the brute force', async () => {
    for (const regionCode of ['231100', '231102', '231181']) {
      const { data, errors } = await run(
        'query($r: String!) { contractComplaintStatistics(regionCode: $r, receivedFrom: "2024-01-01") { received open resolved rejected substantiated overdue byStatus { status count } byCategory { category received resolved overdue } } }',
        { r: regionCode },
      );
      expect(errors).toBeUndefined();
      const inRegion = demo.complaints.filter((c) => c.regionCode.startsWith(regionPrefix(regionCode)) && c.receivedAt >= '2024-01-01');
      const isOverdue = (c: (typeof inRegion)[number]) => (c.closedAt ? c.closedAt > c.dueDate : c.dueDate < on);
      const stats = data.contractComplaintStatistics;
      expect(stats).toMatchObject({
        received: inRegion.length,
        open: inRegion.filter((c) => !c.closedAt).length,
        resolved: inRegion.filter((c) => c.status === 'RESOLVED').length,
        rejected: inRegion.filter((c) => c.status === 'REJECTED').length,
        substantiated: inRegion.filter((c) => c.substantiated === true).length,
        overdue: inRegion.filter(isOverdue).length,
      });
      for (const { category, received, resolved, overdue } of stats.byCategory) {
        const ofCategory = inRegion.filter((c) => c.category === category);
        expect({ received, resolved, overdue }, category).toEqual({
          received: ofCategory.length,
          resolved: ofCategory.filter((c) => c.status === 'RESOLVED').length,
          overdue: ofCategory.filter(isOverdue).length,
        });
      }
    }
  });
});

describe('reads', () => {
  const counts = new Map<string, number>();
  for (const c of demo.contracts) counts.set(c.governmentUscc, (counts.get(c.governmentUscc) ?? 0) + 1);
  const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const own = demo.contracts.filter((c) => c.governmentUscc === busiest).map((c) => c.id).sort();

  it('pages Organization.contracts in id order, with a status filter and totalCount', async () => {
    const query = `query($r: [_Any!]!, $after: String, $status: ContractStatus) { _entities(representations: $r) { ... on Organization {
      contracts(first: 7, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status counterparties { uscc identifier } } } } } } }`;
    for (const status of [null, 'TERMINATED']) {
      const expected = demo.contracts.filter((c) => c.governmentUscc === busiest && (!status || c.status === status)).map((c) => c.id).sort();
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { data, errors }: any = await run(query, { r: [{ __typename: 'Organization', uscc: busiest }], after, status });
        expect(errors).toBeUndefined();
        const page = data._entities[0].contracts;
        expect(page.totalCount).toBe(expected.length);
        for (const { node } of page.edges) {
          seen.push(node.id);
          expect(node.counterparties[0].identifier).toBe(`CN-USCI-${node.counterparties[0].uscc}`);
        }
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(expected);
    }
    expect(own.length).toBeGreaterThan(7);
  });

  it('filters the ledger by kind, status, government party and signing dates', async () => {
    const { data, errors } = await run(
      'query($g: String!) { a: contracts(filter: { kind: PPP }) { totalCount } b: contracts(filter: { status: CANCELLED }) { totalCount } c: contracts(filter: { governmentUscc: $g }) { totalCount } d: contracts(filter: { signedFrom: "2024-01-01", signedTo: "2024-12-31" }) { totalCount } }',
      { g: busiest },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      a: { totalCount: demo.contracts.filter((c) => c.kind === 'PPP').length },
      b: { totalCount: demo.contracts.filter((c) => c.status === 'CANCELLED').length },
      c: { totalCount: own.length },
      d: { totalCount: demo.contracts.filter((c) => c.dateSigned && c.dateSigned >= '2024-01-01' && c.dateSigned <= '2024-12-31').length },
    });
  });

  it('refuses bad filters and oversized pages with BAD_USER_INPUT naming the field', async () => {
    for (const [query, field] of [
      ['{ contracts(first: 101) { totalCount } }', 'first'],
      ['{ contracts(filter: { regionCode: "23110" }) { totalCount } }', 'filter.regionCode'],
      ['{ contracts(filter: { signedFrom: "2024-02-30" }) { totalCount } }', 'filter.signedFrom'],
      ['{ contracts(filter: { governmentUscc: "123" }) { totalCount } }', 'filter.governmentUscc'],
    ]) {
      const { errors } = await run(query!);
      expect(errors?.[0]?.extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('resolves Contract references for other subgraphs, unknown ids as null', async () => {
    const ids = demo.contracts.slice(0, 3).map((c) => c.id);
    const { data, errors } = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on Contract { id title governmentParty { uscc } } } }', {
      r: [...ids, 'NO-SUCH-CONTRACT'].map((id) => ({ __typename: 'Contract', id })),
    });
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([...demo.contracts.slice(0, 3).map((c) => ({ id: c.id, title: c.title, governmentParty: { uscc: c.governmentUscc } })), null]);
  });

  it('shows a PPP project\'s responsibility trail by pseudonym, and the official\'s projects', async () => {
    const changed = demo.contracts.find((c) => c.kind === 'PPP' && new Set(demo.responsibilities.filter((r) => r.contractId === c.id).map((r) => r.idNumber)).size > 1)!;
    const trail = demo.responsibilities.filter((r) => r.contractId === changed.id);
    const { data, errors } = await run('query($id: ID!) { contract(id: $id) { pppStage responsibleOfficial { id } pppResponsibilities { stage since until official { id } } } }', { id: changed.id });
    expect(errors).toBeUndefined();
    expect(data.contract.pppResponsibilities).toEqual(trail.map((r) => ({ stage: r.stage, since: r.since, until: r.until, official: { id: officialPseudonym(r.idNumber) } })));
    expect(data.contract.responsibleOfficial.id).toBe(officialPseudonym(trail.at(-1)!.idNumber));
    expect(data.contract.pppStage).toBe(changed.pppStage);
    const first = officialPseudonym(trail[0]!.idNumber);
    const official = await run('query($r: [_Any!]!) { _entities(representations: $r) { ... on PublicOfficial { pppResponsibilities { contract { id } stage } } } }', { r: [{ __typename: 'PublicOfficial', id: first }] });
    expect(official.data._entities[0].pppResponsibilities.map((r: any) => r.contract.id)).toContain(changed.id);
    // Only pseudonyms are stored.
    const stored = JSON.stringify(await sql(`select * from ${table('ppp_responsibility')}`));
    for (const r of demo.responsibilities.slice(0, 50)) expect(stored).not.toContain(r.idNumber);
  });
});

describe('the complaint ledger as read', () => {
  it('lists complaints for auditors, finance and the unit itself; PUBLIC only by tracking id', async () => {
    const list = 'query($f: ContractComplaintFilter) { contractComplaints(filter: $f, first: 100) { totalCount edges { node { organization { uscc } } } } }';
    expect((await run(list, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await run(list, {}, { authorization: await bearer('COURT') })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const isOverdue = (c: (typeof demo.complaints)[number]) => (c.closedAt ? c.closedAt > c.dueDate : c.dueDate < on);
    for (const [role, headers] of [['AUDITOR', auditor], ['FINANCE', finance], ['ADMIN', admin]] as const) {
      const all = await run(list, { f: { category: 'OLD_DEBTS_IGNORED', overdue: true } }, headers);
      expect(all.errors, role).toBeUndefined();
      expect(all.data.contractComplaints.totalCount, role).toBe(demo.complaints.filter((c) => c.category === 'OLD_DEBTS_IGNORED' && isOverdue(c)).length);
    }
    const unit = demo.complaints[0]!.organizationUscc;
    const own = await run(list, {}, { authorization: await bearer('ORGANIZATION', { uscc: unit }) });
    expect(own.data.contractComplaints.edges.every((e: any) => e.node.organization.uscc === unit)).toBe(true);
    expect(own.data.contractComplaints.totalCount).toBe(demo.complaints.filter((c) => c.organizationUscc === unit).length);
    // PUBLIC, holding a tracking id: that complaint's progress, not who complained or their contact
    // (the ledger's readers' alone: complaint.rules.ts readsComplaintInFull); FINANCE the contact masked.
    const tracked = demo.complaints.find((c) => c.contactPhone)!;
    const lookup = 'query($id: ID!) { contractComplaint(id: $id) { id status complainantName contactPhone organization { uscc } } }';
    const byId = await run(lookup, { id: tracked.id });
    expect(byId.errors).toBeUndefined();
    expect(byId.data.contractComplaint).toEqual({ id: tracked.id, status: tracked.status, complainantName: null, contactPhone: null, organization: { uscc: tracked.organizationUscc } });
    const forFinance = (await run(lookup, { id: tracked.id }, finance)).data.contractComplaint;
    expect(forFinance).toMatchObject({ complainantName: tracked.complainantName, contactPhone: maskPhone(tracked.contactPhone!) });
    expect(forFinance.contactPhone).not.toBe(tracked.contactPhone);
  });
});

describe('batching', () => {
  const governments = [...new Set(demo.contracts.map((c) => c.governmentUscc))].sort();
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
    contracts(first: 10) { totalCount edges { node { title value overdue milestones { status overdue arrearsAmount } payments { amount } breaches { party } } } }
    contractSummary { arrearsAmount overdueMilestoneIds } } } }`;

  async function statementsFor(count: number): Promise<number> {
    contracts.store.statements.reset();
    const { data, errors } = await run(query, { r: governments.slice(0, count).map((uscc) => ({ __typename: 'Organization', uscc })) });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(count);
    return contracts.store.statements.count;
  }

  it('costs the same statements for 1 and for 100 organizations', async () => {
    const one = await statementsFor(1);
    const hundred = await statementsFor(100);
    // pages, counts, milestones, payments, breaches; the summary's contracts, milestones, breaches, complaints
    expect(one).toBe(9);
    expect(hundred).toBe(one);
  });

  it('costs the same statements for a page of 1 and of 100 contracts', async () => {
    const page = 'query($n: Int) { contracts(first: $n) { edges { node { id value arrearsAmount milestones { overdue } payments { amount } breaches { party } amendments { rationale } pppResponsibilities { stage } } } } }';
    const costs = [];
    for (const n of [1, 100]) {
      contracts.store.statements.reset();
      const { errors } = await run(page, { n });
      expect(errors).toBeUndefined();
      costs.push(contracts.store.statements.count);
    }
    expect(costs[0]).toBe(7); // page, count, milestones, payments, breaches, amendments, responsibilities
    expect(costs[1]).toBe(costs[0]);
  });
});

// ---------------------------------------------------------------------------
// Writes, on the writes' own store (`write`, `writeSql`): each test on contracts and complaints of its own
// ---------------------------------------------------------------------------

const gov = registry.organizations.find((o) => o.kind === 'GOVERNMENT_DEPARTMENT' && o.name.endsWith('财政局'))!;
const supplier = demo.enterprises[0]!;

function contractRow(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    contractNumber: `TEST-${id}`,
    title: '测试采购合同',
    kind: 'GOVERNMENT_PROCUREMENT',
    governmentUscc: gov.uscc,
    governmentPartyName: gov.name,
    counterparties: [{ name: supplier.name, uscc: `CN-USCI-${supplier.uscc}`, role: 'SUPPLIER' }],
    value: '12345678.91',
    dateSigned: '2026-01-10',
    periodStart: '2026-01-15',
    periodEnd: '2027-06-30',
    status: 'ACTIVE',
    milestones: [
      { id: 'm1', title: '交付', type: 'DELIVERY', dueDate: '2026-03-01', status: 'MET', dateMet: '2026-02-20' },
      { id: 'm2', title: '首付款', type: 'PAYMENT', dueDate: '2026-03-31', amount: '0.30', status: 'MET', dateMet: '2026-02-02' },
      { id: 'm3', title: '尾款', type: 'PAYMENT', dueDate: '2026-04-30', amount: '12345678.61', status: 'SCHEDULED' },
    ],
    payments: [
      { id: 't1', date: '2026-02-01', amount: '0.1', milestoneId: 'm2' },
      { id: 't2', date: '2026-02-02', amount: '0.2', milestoneId: 'm2' },
    ],
    ...over,
  };
}

const importMutation = 'mutation($rows: [ContractInput!]!) { importContracts(rows: $rows) { accepted updated unchanged rejected errors { row field code message } warnings { row field code } } }';
const contractFields = 'id value paidAmount arrearsAmount overdue status milestones { localId amount paidAmount arrearsAmount status overdue } payments { localId amount milestoneId payerName payeeName } counterparties { uscc identifier }';

describe('money through the API', () => {
  beforeAll(async () => {
    writable = await writes.get();
  });

  it('round-trips 12345678.91 exactly and sums 0.1 + 0.2 payments to 0.30', async () => {
    const imported = await write(importMutation, { rows: [contractRow('TEST-MONEY-1'), contractRow('TEST-MONEY-2', { value: '9999999999999.99', milestones: [], payments: [] })] }, finance);
    expect(imported.errors).toBeUndefined();
    expect(imported.data.importContracts).toMatchObject({ accepted: 2, rejected: 0 });
    const { data } = await write(`query { a: contract(id: "TEST-MONEY-1") { ${contractFields} } b: contract(id: "TEST-MONEY-2") { value } }`);
    expect(data.a).toMatchObject({ value: '12345678.91', paidAmount: '0.30', arrearsAmount: on > '2026-04-30' ? '12345678.61' : '0.00' });
    expect(data.a.milestones.find((m: any) => m.localId === 'm2')).toMatchObject({ amount: '0.30', paidAmount: '0.30', arrearsAmount: '0.00', overdue: false });
    expect(data.a.payments.map((p: any) => p.amount)).toEqual(['0.10', '0.20']);
    expect(data.a.payments[0]).toMatchObject({ milestoneId: 'm2', payerName: gov.name, payeeName: supplier.name });
    expect(data.a.counterparties[0]).toEqual({ uscc: supplier.uscc, identifier: `CN-USCI-${supplier.uscc}` });
    expect(data.b.value).toBe('9999999999999.99');
    // Stored as integer fen.
    const [row] = await writeSql(`select value_fen from ${writeTable('contract')} where id = 'TEST-MONEY-1'`);
    expect(Number(row.value_fen)).toBe(1234567891);
  });

  it('takes OCDS JSON numbers exactly and refuses a float sum like 0.1 + 0.2 per row', async () => {
    const pkg = JSON.parse(readFileSync('test/fixtures/contracts/ocds-sample.json', 'utf8'));
    const release = pkg.releases[0];
    const numbers = (amount: number, id: string) => ({ releases: [{ ...release, contracts: [{ ...release.contracts[0], id, value: { amount, currency: 'CNY' } }] }] });
    const rows = [...contractRowsFromOcds(numbers(12345678.91, 'TEST-JSON-1')), ...contractRowsFromOcds(numbers(0.1 + 0.2, 'TEST-JSON-2'))];
    expect(rows.map((r) => r.value)).toEqual(['12345678.91', '0.30000000000000004']);
    const { data } = await write(importMutation, { rows }, finance);
    expect(data.importContracts).toMatchObject({ accepted: 1, rejected: 1, errors: [{ row: 2, field: 'value', code: 'BAD_USER_INPUT' }] });
    expect((await write('{ contract(id: "TEST-JSON-1") { value } }')).data.contract.value).toBe('12345678.91');
    expect((await write('{ contract(id: "TEST-JSON-2") { value } }')).data.contract).toBeNull();
  });
});

describe('importContracts', () => {
  beforeAll(async () => {
    writable = await writes.get();
  });

  it('imports the sample OCDS file, then finds every row unchanged', async () => {
    const rows = contractRowsFromOcds(JSON.parse(readFileSync('test/fixtures/contracts/ocds-sample.json', 'utf8')));
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const first = await write(importMutation, { rows }, finance);
    expect(first.errors).toBeUndefined();
    expect(first.data.importContracts).toMatchObject({ accepted: rows.length, updated: 0, rejected: 0, errors: [] });
    const again = await write(importMutation, { rows }, finance);
    expect(again.data.importContracts).toMatchObject({ accepted: 0, updated: 0, unchanged: rows.length, rejected: 0 });
    const ppp = rows.find((r) => r.kind === 'PPP' && r.responsibleOfficialIdNumber)!;
    const { data } = await write('query($id: ID!) { contract(id: $id) { kind pppStage responsibleOfficial { id } milestones { localId } payments { localId } } }', { id: ppp.id });
    expect(data.contract.responsibleOfficial.id).toBe(officialPseudonym(ppp.responsibleOfficialIdNumber!));
    expect(data.contract.milestones).toHaveLength(ppp.milestones.length);
    expect(data.contract.payments).toHaveLength(ppp.payments.length);
  });

  it('reports each bad row with its number, field and code, and writes none of it', async () => {
    const rows = [
      contractRow('TEST-ROWS-1'),
      contractRow('TEST-ROWS-2', { governmentUscc: '91110000600037341' }),
      contractRow('TEST-ROWS-3', { value: '100.001' }),
      contractRow('TEST-ROWS-4', { payments: [{ id: 't1', date: '2026-02-01', amount: '1.00', milestoneId: 'm9' }] }),
      contractRow('TEST-ROWS-5', { payments: [{ id: 't1', date: '2026-02-01', amount: '0.31', milestoneId: 'm2' }] }),
      contractRow('TEST-ROWS-6', { status: 'PENDING', dateSigned: null }),
      contractRow('TEST-ROWS-1'),
      contractRow('TEST-ROWS-8', { milestones: [{ id: 'm1', title: '付款', type: 'PAYMENT', dueDate: '2026-03-01', status: 'SCHEDULED' }], payments: [] }),
      contractRow('TEST-ROWS-9', { pppStage: 'IMPLEMENTATION' }),
      contractRow('TEST-ROWS-10', { responsibleOfficialIdNumber: '110105194912310021', kind: 'PPP' }),
      contractRow('TEST-ROWS-11', { currency: 'USD' }),
    ];
    const { data, errors } = await write(importMutation, { rows }, finance);
    expect(errors).toBeUndefined();
    const result = data.importContracts;
    expect(result).toMatchObject({ accepted: 1, rejected: 10 });
    expect(result.errors.map((e: any) => [e.row, e.field, e.code])).toEqual([
      [2, 'governmentUscc', 'BAD_USER_INPUT'],
      [3, 'value', 'BAD_USER_INPUT'],
      [7, 'id', 'BAD_USER_INPUT'],
      [8, 'milestones[0].amount', 'BAD_USER_INPUT'],
      [9, 'pppStage', 'BAD_USER_INPUT'],
      [10, 'responsibleOfficialIdNumber', 'BAD_USER_INPUT'],
      [11, 'currency', 'BAD_USER_INPUT'],
      [4, 'payments[0].milestoneId', 'BAD_USER_INPUT'],
      [5, 'payments[0]', 'BAD_USER_INPUT'],
      [6, 'payments', 'BAD_USER_INPUT'],
    ]);
    for (const e of result.errors) expect(e.message).toMatch(/[\u4e00-\u9fff].*\(.*[a-z]/);
    // An ID number never appears in an error.
    expect(JSON.stringify(result)).not.toContain('110105194912310021');
    const found = await write('{ contracts(filter: { governmentUscc: "' + gov.uscc + '", signedFrom: "2026-01-10", signedTo: "2026-01-10" }, first: 100) { edges { node { id } } } }');
    const ids = found.data.contracts.edges.map((e: any) => e.node.id);
    expect(ids).toContain('TEST-ROWS-1');
    for (let n = 2; n <= 11; n++) expect(ids).not.toContain(`TEST-ROWS-${n}`);
    for (const part of ['contract_milestone', 'contract_payment']) {
      const [{ count }] = await writeSql(`select count(*) as count from ${writeTable(part)} where contract_id like 'TEST-ROWS-%' and contract_id <> 'TEST-ROWS-1'`);
      expect(Number(count), part).toBe(0);
    }
  });

  it('merges parts by id, counts updates, and refuses to move a final status (CONFLICT)', async () => {
    const base = contractRow('TEST-MERGE-1');
    expect((await write(importMutation, { rows: [base] }, finance)).data.importContracts.accepted).toBe(1);
    // A later release carries only the new payment: the others stay.
    const later = contractRow('TEST-MERGE-1', { milestones: [], payments: [{ id: 't3', date: '2026-05-10', amount: '345678.61', milestoneId: 'm3' }] });
    expect((await write(importMutation, { rows: [later] }, finance)).data.importContracts).toMatchObject({ updated: 1 });
    const { data } = await write(`{ contract(id: "TEST-MERGE-1") { ${contractFields} } }`);
    expect(data.contract.payments.map((p: any) => p.localId)).toEqual(['t1', 't2', 't3']);
    expect(data.contract.milestones.find((m: any) => m.localId === 'm3').paidAmount).toBe('345678.61');
    expect(data.contract.paidAmount).toBe('345678.91');
    const closed = await write(importMutation, { rows: [contractRow('TEST-MERGE-1', { status: 'TERMINATED', statusDetails: '履行完毕' })] }, finance);
    expect(closed.data.importContracts.updated).toBe(1);
    const reopened = await write(importMutation, { rows: [contractRow('TEST-MERGE-1', { status: 'ACTIVE' })] }, finance);
    expect(reopened.data.importContracts).toMatchObject({ rejected: 1, errors: [{ row: 1, field: 'status', code: 'CONFLICT' }] });
  });

  it('keeps the PPP responsibility trail when the responsible official changes', async () => {
    const officials = registry.officials.filter((o) => o.organizationUscc === gov.uscc).slice(0, 2);
    const ppp = (idNumber: string, stage: string) => contractRow('TEST-PPP-1', { kind: 'PPP', pppStage: stage, responsibleOfficialIdNumber: idNumber, counterparties: [{ name: supplier.name, uscc: supplier.uscc, role: 'PRIVATE_PARTY' }] });
    await write(importMutation, { rows: [ppp(officials[0]!.idNumber, 'FINANCING')] }, finance);
    expect((await write(importMutation, { rows: [ppp(officials[0]!.idNumber, 'FINANCING')] }, finance)).data.importContracts.unchanged).toBe(1);
    expect((await write(importMutation, { rows: [ppp(officials[1]!.idNumber, 'IMPLEMENTATION')] }, finance)).data.importContracts.updated).toBe(1);
    const { data } = await write('{ contract(id: "TEST-PPP-1") { pppStage responsibleOfficial { id } pppResponsibilities { stage until official { id } } } }');
    expect(data.contract.pppStage).toBe('IMPLEMENTATION');
    expect(data.contract.responsibleOfficial.id).toBe(officialPseudonym(officials[1]!.idNumber));
    expect(data.contract.pppResponsibilities).toEqual([
      { stage: 'FINANCING', until: on, official: { id: officialPseudonym(officials[0]!.idNumber) } },
      { stage: 'IMPLEMENTATION', until: null, official: { id: officialPseudonym(officials[1]!.idNumber) } },
    ]);
  });

  it('is FINANCE\'s: anonymous is UNAUTHENTICATED, others FORBIDDEN', async () => {
    expect((await write(importMutation, { rows: [] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const role of [auditor, admin, { authorization: await bearer('ORGANIZATION', { uscc: gov.uscc }) }]) {
      expect((await write(importMutation, { rows: [] }, role)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('single writes', () => {
  beforeAll(async () => {
    writable = await writes.get();
  });

  it('records payments: a settled milestone becomes MET, overpayment is refused, a duplicate is a CONFLICT', async () => {
    const milestones = contractRow('TEST-PAY-1').milestones.map((m) => (m.id === 'm2' ? { ...m, status: 'SCHEDULED', dateMet: null } : m));
    await write(importMutation, { rows: [contractRow('TEST-PAY-1', { payments: [], milestones })] }, finance);
    const pay = 'mutation($i: ContractPaymentInput!) { recordContractPayment(contractId: "TEST-PAY-1", input: $i) { localId amount } }';
    const m2 = '{ contract(id: "TEST-PAY-1") { milestones { localId status paidAmount dateMet } } }';
    expect((await write(pay, { i: { id: 'p1', date: '2026-02-01', amount: '0.1', milestoneId: 'm2' } }, finance)).data.recordContractPayment).toEqual({ localId: 'p1', amount: '0.10' });
    expect((await write(m2)).data.contract.milestones.find((m: any) => m.localId === 'm2')).toMatchObject({ status: 'PARTIALLY_MET', paidAmount: '0.10' });
    await write(pay, { i: { id: 'p2', date: '2026-02-03', amount: '0.2', milestoneId: 'm2' } }, finance);
    expect((await write(m2)).data.contract.milestones.find((m: any) => m.localId === 'm2')).toEqual({ localId: 'm2', status: 'MET', paidAmount: '0.30', dateMet: '2026-02-03' });
    expect((await write(pay, { i: { id: 'p3', date: '2026-02-04', amount: '0.01', milestoneId: 'm2' } }, finance)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'OVERPAID' });
    expect((await write(pay, { i: { id: 'p2', date: '2026-02-04', amount: '0.01' } }, finance)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await write(pay, { i: { id: 'p4', date: '2026-02-04', amount: '-5' } }, finance)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount', rule: 'MONEY_NEGATIVE' });
  });

  it('moves status forward only, records amendments with who, why and what', async () => {
    await write(importMutation, { rows: [contractRow('TEST-LIFE-1', { status: 'PENDING', dateSigned: null, payments: [] })] }, finance);
    const change = 'mutation($s: ContractStatus!, $d: String) { changeContractStatus(id: "TEST-LIFE-1", status: $s, dateSigned: $d) { status dateSigned } }';
    expect((await write(change, { s: 'ACTIVE' }, finance)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dateSigned' });
    expect((await write(change, { s: 'ACTIVE', d: '2026-02-01' }, finance)).data.changeContractStatus).toEqual({ status: 'ACTIVE', dateSigned: '2026-02-01' });
    const amended = await write('mutation { amendContract(id: "TEST-LIFE-1", input: { rationale: "工程量增加", amendedBy: "黑河市财政局", value: "12345679.00", periodEnd: "2027-12-31" }) { localId rationale amendedBy recordedBy changes { field from to } } }', {}, finance);
    expect(amended.data.amendContract).toEqual({
      localId: 'amendment-1', rationale: '工程量增加', amendedBy: '黑河市财政局', recordedBy: 'test-finance',
      changes: [{ field: 'value', from: '12345678.91', to: '12345679.00' }, { field: 'periodEnd', from: '2027-06-30', to: '2027-12-31' }],
    });
    expect((await write('{ contract(id: "TEST-LIFE-1") { value periodEnd amendments { localId } } }')).data.contract).toEqual({ value: '12345679.00', periodEnd: '2027-12-31', amendments: [{ localId: 'amendment-1' }] });
    expect((await write(change, { s: 'TERMINATED' }, finance)).data.changeContractStatus.status).toBe('TERMINATED');
    for (const s of ['ACTIVE', 'CANCELLED', 'TERMINATED']) expect((await write(change, { s }, finance)).errors?.[0]?.extensions?.code, s).toBe('CONFLICT');
    expect((await write('mutation { amendContract(id: "TEST-LIFE-1", input: { rationale: "x", amendedBy: "y" }) { localId } }', {}, finance)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('records a government breach and its remedy; the summary counts it', async () => {
    await write(importMutation, { rows: [contractRow('TEST-BREACH-1', { payments: [] })] }, finance);
    const summary = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { contractSummary { governmentBreachIds unremediedGovernmentBreachIds } } } }';
    const before = (await write(summary, { r: [{ __typename: 'Organization', uscc: gov.uscc }] })).data._entities[0].contractSummary;
    const breach = await write('mutation { recordContractBreach(contractId: "TEST-BREACH-1", input: { id: "b1", date: "2026-05-01", party: GOVERNMENT, description: "逾期未付尾款" }) { id remedied } }', {}, finance);
    expect(breach.data.recordContractBreach).toEqual({ id: 'TEST-BREACH-1/b1', remedied: false });
    const during = (await write(summary, { r: [{ __typename: 'Organization', uscc: gov.uscc }] })).data._entities[0].contractSummary;
    expect(during.governmentBreachIds).toEqual([...before.governmentBreachIds, 'TEST-BREACH-1/b1'].sort());
    expect(during.unremediedGovernmentBreachIds).toContain('TEST-BREACH-1/b1');
    const remedy = 'mutation($d: String!) { remedyContractBreach(contractId: "TEST-BREACH-1", breachId: "b1", remediedAt: $d, note: "已支付") { remedied remediedAt } }';
    expect((await write(remedy, { d: '2026-04-01' }, finance)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'remediedAt' });
    expect((await write(remedy, { d: '2026-06-01' }, finance)).data.remedyContractBreach).toEqual({ remedied: true, remediedAt: '2026-06-01' });
    expect((await write(remedy, { d: '2026-06-02' }, finance)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const after = (await write(summary, { r: [{ __typename: 'Organization', uscc: gov.uscc }] })).data._entities[0].contractSummary;
    expect(after.unremediedGovernmentBreachIds).not.toContain('TEST-BREACH-1/b1');
  });
});

describe('the complaint ledger', () => {
  beforeAll(async () => {
    writable = await writes.get();
  });

  const target = demo.contracts.find((c) => c.status === 'ACTIVE')!;
  const complaintFields = 'id status category contactName contactPhone dueDate receivedAt overdue substantiated actions { seq kind by note authority date }';
  const fileMutation = `mutation($i: ContractComplaintInput!) { fileContractComplaint(input: $i) { ${complaintFields} } }`;
  const input = {
    category: 'OLD_DEBTS_IGNORED', complainantName: target.counterparties[0]!.name, complainantUscc: target.counterparties[0]!.uscc,
    contactName: '李小龙', contactPhone: '13912345678', organizationUscc: target.governmentUscc, contractId: target.id, channel: 'HOTLINE_12345',
    content: '换届后新任负责人不认可原合同约定的付款。',
  };

  async function fileOne(): Promise<any> {
    const filed = await write(fileMutation, { i: input });
    expect(filed.errors).toBeUndefined();
    return filed.data.fileContractComplaint;
  }

  it('keeps an intake system\'s received date and ticket number; the public can give neither', async () => {
    const source = { ...input, receivedAt: '2026-10-09', ticketNumber: 'HH12345-C-0001' };
    expect((await write(fileMutation, { i: source })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedAt' });
    const filed = await write('mutation($i: ContractComplaintInput!) { fileContractComplaint(input: $i) { receivedAt dueDate ticketNumber actions { note } } }', { i: source }, finance);
    expect(filed.errors).toBeUndefined();
    expect(filed.data.fileContractComplaint).toMatchObject({ receivedAt: '2026-10-09', dueDate: complaintDueDate('2026-10-09', COMPLAINT_HANDLING_DAYS), ticketNumber: 'HH12345-C-0001' });
    expect((await write(fileMutation, { i: source }, finance)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    // A unit's token is no intake system: backdated, its complaint would be overdue on arrival and
    // cost the government it names points (COMPLAINT_OVERDUE) that no later step takes back.
    const complainant = { authorization: await bearer('ORGANIZATION', { uscc: input.complainantUscc }) };
    expect((await write(fileMutation, { i: { ...input, receivedAt: '2020-01-01' } }, complainant)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedAt' });
    expect((await write(fileMutation, { i: { ...input, ticketNumber: 'HH12345-C-9999' } }, complainant)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ticketNumber' });
    // Two filings of one ticket at once: one lands, the other is CONFLICT, never a server error.
    const both = await Promise.all([1, 2].map(() => write(fileMutation, { i: { ...source, ticketNumber: 'HH12345-C-RACE' } }, finance)));
    expect(both.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('imports 12345 tickets idempotently by ticket number, reporting bad rows by number', async () => {
    const rows = [
      { ...input, contactPhone: null, receivedAt: '2026-09-01', ticketNumber: 'HH12345-C-1001' },
      { ...input, contactPhone: null, receivedAt: '2026-09-02', ticketNumber: 'HH12345-C-1002', content: '拖欠工程款' },
      { ...input, contactPhone: null, receivedAt: '2026-09-03', ticketNumber: 'HH12345-C-1003', contractId: 'NO-SUCH-CONTRACT' },
      { ...input, contactPhone: null, receivedAt: '2026-09-04' },
    ];
    const importRows = 'mutation($r: [ContractComplaintInput!]!) { importContractComplaints(rows: $r) { accepted unchanged rejected errors { row field } } }';
    expect((await write(importRows, { r: rows })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const first = (await write(importRows, { r: rows }, finance)).data.importContractComplaints;
    expect({ ...first, errors: [...first.errors].sort((a: any, b: any) => a.row - b.row) }).toEqual({ accepted: 2, unchanged: 0, rejected: 2, errors: [{ row: 3, field: 'contractId' }, { row: 4, field: 'ticketNumber' }] });
    expect((await write(importRows, { r: rows.slice(0, 2) }, finance)).data.importContractComplaints).toMatchObject({ accepted: 0, unchanged: 2, rejected: 0 });
    const [row] = await writeSql(`select received_at, due_date from ${writeTable('contract_complaint')} where ticket_number = 'HH12345-C-1002'`);
    expect([row.received_at, row.due_date]).toEqual(['2026-09-02', complaintDueDate('2026-09-02', COMPLAINT_HANDLING_DAYS)]);
  });

  it('takes a complaint from anyone, with the contact masked for all but AUDITOR and ADMIN, and hidden from all but the ledger\'s readers', async () => {
    const complaint = await fileOne();
    // The receipt: the tracking id and the progress; the contact only for the ledger's readers.
    expect(complaint).toMatchObject({ status: 'RECEIVED', category: 'OLD_DEBTS_IGNORED', contactName: null, contactPhone: null, receivedAt: on, overdue: false });
    expect(complaint.actions).toEqual([{ seq: 1, kind: 'RECEIVE', by: '不公开 (withheld)', note: null, authority: null, date: on }]);
    const read = 'query($id: ID!) { contractComplaint(id: $id) { complainantName contactName contactPhone content contract { id } actions { by } } }';
    const complained = { authorization: await bearer('ORGANIZATION', { uscc: target.governmentUscc }) };
    expect((await write(read, { id: complaint.id }, complained)).data.contractComplaint).toMatchObject({
      complainantName: input.complainantName, contactName: '李*龙', contactPhone: '139****5678', content: input.content, actions: [{ by: 'anonymous' }],
    });
    const another = { authorization: await bearer('ORGANIZATION', { uscc: demo.contracts.find((c) => c.governmentUscc !== target.governmentUscc)!.governmentUscc }) };
    expect((await write(read, { id: complaint.id }, another)).data.contractComplaint).toEqual({
      complainantName: null, contactName: null, contactPhone: null, content: null, contract: { id: target.id }, actions: [{ by: '不公开 (withheld)' }],
    });
    expect((await write(read, { id: complaint.id }, admin)).data.contractComplaint).toMatchObject({ contactName: '李小龙', contactPhone: '13912345678' });
    expect((await write(read, { id: complaint.id }, finance)).data.contractComplaint).toMatchObject({ contactName: '李*龙', contactPhone: '139****5678' });
    expect((await write(read, { id: complaint.id }, auditor)).data.contractComplaint).toMatchObject({ contactName: '李小龙', contactPhone: '13912345678', contract: { id: target.id } });
    const stored = JSON.stringify(await writeSql(`select * from ${writeTable('contract_complaint')} where id = '${complaint.id}'`));
    expect(stored).not.toContain('13912345678');
    const bad = await write(fileMutation, { i: { ...input, contractId: 'NO-SUCH-CONTRACT' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contractId' });
  });

  it('moves RECEIVED → ACCEPTED → INVESTIGATING → RESOLVED, refusing other steps, and appends every action', async () => {
    const { id } = await fileOne();
    const step = async (mutation: string, headers = auditor) => write(`mutation($id: ID!) { ${mutation} { ${complaintFields} } }`, { id }, headers);
    expect((await step('investigateContractComplaint(id: $id)')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await step('addContractComplaintMeasure(id: $id, input: { kind: SUPERVISE, note: "督办" })')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await step('acceptContractComplaint(id: $id)', {} as any)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await step('acceptContractComplaint(id: $id)', finance)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await step('acceptContractComplaint(id: $id, note: "已登记")')).data.acceptContractComplaint.status).toBe('ACCEPTED');
    expect((await step('addContractComplaintMeasure(id: $id, input: { kind: REFER, note: "移送" })')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'authority' });
    expect((await step('addContractComplaintMeasure(id: $id, input: { kind: RESOLVE, note: "x" })')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'kind' });
    await step('addContractComplaintMeasure(id: $id, input: { kind: SUPERVISE, note: "发出督办单" })');
    await step('investigateContractComplaint(id: $id)');
    await step('addContractComplaintMeasure(id: $id, input: { kind: INTERVIEW, note: "约谈主要负责人" })', admin);
    expect((await step('resolveContractComplaint(id: $id, resolution: " ", substantiated: true)')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resolution' });
    const resolved = (await step('resolveContractComplaint(id: $id, resolution: "经核实属实，已限期支付", substantiated: true)')).data.resolveContractComplaint;
    expect(resolved).toMatchObject({ status: 'RESOLVED', substantiated: true });
    await step('addContractComplaintMeasure(id: $id, input: { kind: REFER, note: "移送处理", authority: "黑河市纪委监委" })');
    const trail = (await step('addContractComplaintMeasure(id: $id, input: { kind: NOTIFY, note: "全市通报" })')).data.addContractComplaintMeasure.actions;
    expect(trail.map((a: any) => [a.seq, a.kind, a.by])).toEqual([
      [1, 'RECEIVE', 'anonymous'], [2, 'ACCEPT', 'test-auditor'], [3, 'SUPERVISE', 'test-auditor'], [4, 'INVESTIGATE', 'test-auditor'],
      [5, 'INTERVIEW', 'test-admin'], [6, 'RESOLVE', 'test-auditor'], [7, 'REFER', 'test-auditor'], [8, 'NOTIFY', 'test-auditor'],
    ]);
    expect(trail[6].authority).toBe('黑河市纪委监委');
    for (const next of ['rejectContractComplaint(id: $id, reason: "x")', 'investigateContractComplaint(id: $id)']) {
      expect((await step(next)).errors?.[0]?.extensions?.code, next).toBe('CONFLICT');
    }
    // The substantiated 新官不理旧账 complaint is now a source record against the unit.
    const summary = await write('query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { contractSummary { substantiatedOldDebtComplaintIds } } } }', { r: [{ __typename: 'Organization', uscc: target.governmentUscc }] });
    expect(summary.data._entities[0].contractSummary.substantiatedOldDebtComplaintIds).toContain(id);
  });

  it('keeps the trail append-only: no mutation rewrites or removes an action, and the store refuses to', async () => {
    const { id } = await fileOne();
    await write('mutation($id: ID!) { acceptContractComplaint(id: $id) { id } }', { id }, auditor);
    // The API has no way to change or remove an action.
    const { data } = await write('{ __schema { mutationType { fields { name args { name } } } } }');
    const mutations = data.__schema.mutationType.fields as Array<{ name: string }>;
    expect(mutations.filter((m) => /(delete|remove|update|edit|rewrite|replace).*(action|complaint)/i.test(m.name))).toEqual([]);
    const attempt = await write('mutation($id: ID!) { deleteContractComplaintAction(id: $id) }', { id }, admin);
    expect(attempt.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // The store refuses too, whoever connects.
    await expect(writeSql(`update ${writeTable('contract_complaint_action')} set note = 'rewritten' where complaint_id = '${id}'`)).rejects.toThrow(/append-only/);
    await expect(writeSql(`delete from ${writeTable('contract_complaint_action')} where complaint_id = '${id}'`)).rejects.toThrow(/append-only/);
    await expect(writeSql(`delete from ${writeTable('contract_complaint')} where id = '${id}'`)).rejects.toThrow(/append-only/);
    const em = writable.store.orm.em.fork();
    if (config.dbDriver() === 'postgresql') await expect(writeSql(`truncate ${writeTable('contract_complaint_action')}`)).rejects.toThrow(/append-only/);
    await expect(em.nativeUpdate(ContractComplaintAction, { complaintId: id }, { note: 'rewritten' })).rejects.toThrow(/append-only/);
    await expect(em.nativeDelete(ContractComplaint, { id })).rejects.toThrow(/append-only/);
    const action = await em.findOneOrFail(ContractComplaintAction, { complaintId: id, seq: 1 });
    action.note = 'rewritten through the ORM';
    await expect(em.flush()).rejects.toThrow(/append-only/);

    const trail = await write('query($id: ID!) { contractComplaint(id: $id) { actions { seq kind note } } }', { id });
    expect(trail.data.contractComplaint.actions).toEqual([{ seq: 1, kind: 'RECEIVE', note: null }, { seq: 2, kind: 'ACCEPT', note: null }]);
  });
});

describe('store', () => {
  it('has nothing left to migrate once created (no table rebuilds at start)', async () => {
    expect(await pendingSchemaChanges(contracts.store.orm)).toBe('');
  });
});

// ---------------------------------------------------------------------------
// Hand-worked fixtures (issue 21: independent oracles): one made-up government's four contracts,
// their milestones, payments, breaches and complaints written out below; every expected figure is
// worked out by hand in the comments and written as a literal, not by bruteArrears above (which
// restates the subgraph's rule) nor by the code under test.
// ---------------------------------------------------------------------------

describe('hand-worked fixtures', () => {
  // Arrears (拖欠, seed 001 §三(一)3 and table row 3, "新官不理旧账"; seed 002 §二(三) "认真履行…签订的各类合同、协议，不得以…
  // 为由违约毁约"): what a government owes on payment milestones already due (README "Contracts": a payment milestone past
  // due and not fully paid under a contract in force). A contract terminated still owes what fell due; one never in force
  // (pending, cancelled) owes nothing. Any other milestone is overdue when past due, not met, under an active contract.
  // Complaints (seed 001 table row 3 "应接必接"): overdue when closed after the due day or still open past it.
  const G = fixtureUscc('11', '231190', 1);
  const SUPPLIER = fixtureUscc('91', '231190', 2);
  const d = daysFromToday;
  /** [contract, status] */
  const CONTRACTS: Array<[string, string]> = [['K1', 'ACTIVE'], ['K2', 'TERMINATED'], ['K3', 'PENDING'], ['K4', 'CANCELLED']];
  /** [contract, local id, type, due (days from the pinned day), amount in yuan (payments only), paid in yuan, status] */
  // Written out of id order (m7 first): the summary lists ids in id order, not in the order the rows were stored.
  const MILESTONES: Array<[string, string, string, number, number | null, number, string]> = [
    ['K1', 'm7', 'PAYMENT', -40, 150.5, 0, 'MET'], // marked met, never paid: owes 150.50 (counted from payments)
    ['K1', 'm1', 'PAYMENT', -10, 1000, 400, 'PARTIALLY_MET'], // owes 600.00
    ['K1', 'm2', 'PAYMENT', 0, 500, 0, 'SCHEDULED'], // due today: not yet owed
    ['K1', 'm3', 'PAYMENT', -5, 300, 300, 'MET'], // paid
    ['K1', 'm4', 'DELIVERY', -3, null, 0, 'SCHEDULED'], // overdue delivery, nothing owed
    ['K1', 'm5', 'PAYMENT', -20, 200, 250, 'MET'], // overpaid: owes nothing (not −50)
    ['K1', 'm6', 'PAYMENT', 10, 800, 0, 'SCHEDULED'], // not due
    ['K2', 'm1', 'PAYMENT', -30, 2000, 500, 'PARTIALLY_MET'], // terminated, still owes 1,500.00
    ['K2', 'm2', 'DELIVERY', -30, null, 0, 'NOT_MET'], // terminated: nothing more to deliver
    ['K3', 'm1', 'PAYMENT', -30, 700, 0, 'SCHEDULED'], // never in force
    ['K4', 'm1', 'PAYMENT', -30, 900, 0, 'SCHEDULED'], // cancelled
  ];
  /** [contract, local id, party, remedied]: b2 written first, out of id order like m7 above */
  const BREACHES: Array<[string, string, string, boolean]> = [['K1', 'b2', 'GOVERNMENT', true], ['K1', 'b1', 'GOVERNMENT', false], ['K2', 'b1', 'COUNTERPARTY', false]];
  /** [id, category, received, due, status, closed on, substantiated] */
  const COMPLAINTS: Array<[string, string, string, string, string, string | null, boolean | null]> = [
    ['Q1', 'ARREARS', '2026-01-05', '2026-02-04', 'RESOLVED', '2026-02-04', true], // closed on its due day: on time
    ['Q2', 'ARREARS', '2026-01-06', '2026-02-05', 'RESOLVED', '2026-02-06', false], // a day late: overdue
    ['Q3', 'NON_PERFORMANCE', '2026-01-07', '2026-02-06', 'REJECTED', '2026-01-20', null], // rejected in time
    ['Q4', 'ARREARS', d(-30), d(0), 'INVESTIGATING', null, null], // open, due today: not yet overdue
    ['Q5', 'NON_PERFORMANCE', d(-31), d(-1), 'ACCEPTED', null, null], // open, due yesterday: overdue
    ['Q6', 'OLD_DEBTS_IGNORED', '2026-02-01', '2026-03-03', 'RESOLVED', '2026-03-01', true], // "新官不理旧账", substantiated
    ['Q7', 'OLD_DEBTS_IGNORED', '2026-02-02', '2026-03-04', 'RESOLVED', '2026-03-01', false], // not substantiated
  ];
  const fen = (yuan: number) => Math.round(yuan * 100);

  const worked = lazyStore('contracts_worked', async (name) => {
    const built = await buildSubgraph(subgraph, { dbName: name });
    const contracts = CONTRACTS.map(([id, status]) => ({
      id, ocid: `ocds-test-${id}`, contractNumber: `231190-${id}`, title: `测试合同${id}`, kind: 'GOVERNMENT_PROCUREMENT', governmentUscc: G, governmentPartyName: '测试县人民政府',
      regionCode: '231190', valueFen: fen(10_000), dateSigned: '2025-01-10', periodStart: '2025-02-01', periodEnd: '2027-12-31', status, statusDetails: null, pppStage: null,
      counterparties: [{ name: '测试供应商有限公司', uscc: SUPPLIER, role: 'SUPPLIER' }],
    }));
    const milestones = MILESTONES.map(([contractId, localId, type, due, amount, paid, status]) => ({
      id: `${contractId}/${localId}`, contractId, localId, title: localId, type, dueDate: d(due), amountFen: amount === null ? null : fen(amount), paidFen: fen(paid), status, dateMet: status === 'MET' ? d(due) : null,
    }));
    const payments = MILESTONES.filter(([, , , , , paid]) => paid > 0).map(([contractId, localId, , due, , paid]) => ({
      id: `${contractId}/t-${localId}`, contractId, localId: `t-${localId}`, date: d(due), amountFen: fen(paid), payerName: '测试县人民政府', payerUscc: G, payeeName: '测试供应商有限公司', payeeUscc: SUPPLIER, milestoneId: `${contractId}/${localId}`,
    }));
    const breaches = BREACHES.map(([contractId, localId, party, remedied]) => ({
      id: `${contractId}/${localId}`, contractId, localId, date: '2026-01-15', party, description: '未按约定履行', remedied, remediedAt: remedied ? '2026-02-15' : null, remedyNote: remedied ? '已纠正' : null,
    }));
    const complaints = COMPLAINTS.map(([id, category, receivedAt, dueDate, status, closedAt, substantiated]) => ({
      id, category, complainantName: '测试供应商有限公司', complainantUscc: SUPPLIER, contactName: '李小龙', contactPhone: null, organizationUscc: G, regionCode: '231190', contractId: 'K1',
      channel: 'HOTLINE_12345', receivedAt, dueDate, content: '拖欠账款', status, substantiated, resolution: closedAt ? '已办结' : null, closedAt,
    }));
    await built.store.orm.em.fork().transactional((em) => seed(em as any, { parts: wholeDemo({ contracts, milestones, payments, breaches, amendments: [], responsibilities: [], complaints, actions: [] } as any), progress: silentProgress }));
    return built;
  });
  afterAll(() => worked.drop());

  it('the government\'s summary: arrears, overdue milestones, unremedied breaches, overdue complaints', async () => {
    const NONE = fixtureUscc('11', '231190', 3); // a government with no contract and no complaint
    const { data, errors } = await (await worked.get()).execute(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { contractSummary {
      contracts activeContracts arrearsAmount arrearsMilestoneIds overdueMilestones overdueMilestoneIds contractsBreachedByGovernment governmentBreaches governmentBreachIds
      unremediedGovernmentBreachIds openComplaints overdueComplaints overdueComplaintIds substantiatedOldDebtComplaintIds } } } }`,
    { r: [G, NONE].map((uscc) => ({ __typename: 'Organization', uscc })) });
    expect(errors).toBeUndefined();
    // Every id list in id order.
    expect(data._entities[0].contractSummary).toEqual({
      contracts: 4, activeContracts: 1,
      // K1/m1 600.00 + K1/m7 150.50 + K2/m1 1,500.00 = 2,250.50.
      arrearsAmount: '2250.50', arrearsMilestoneIds: ['K1/m1', 'K1/m7', 'K2/m1'],
      // The three in arrears and K1's late delivery m4.
      overdueMilestones: 4, overdueMilestoneIds: ['K1/m1', 'K1/m4', 'K1/m7', 'K2/m1'],
      // K1/b1 and K1/b2 are the government's (one contract); b2 was remedied. K2/b1 is the counterparty's.
      contractsBreachedByGovernment: 1, governmentBreaches: 2, governmentBreachIds: ['K1/b1', 'K1/b2'], unremediedGovernmentBreachIds: ['K1/b1'],
      // Open: Q4, Q5. Overdue: Q2 (closed a day late), Q5 (open since yesterday's due day). Q6 is the substantiated old debt
      // (Q7, resolved as an old debt too, was found not substantiated).
      openComplaints: 2, overdueComplaints: 2, overdueComplaintIds: ['Q2', 'Q5'], substantiatedOldDebtComplaintIds: ['Q6'],
    });
    // Nothing at all: every count 0, no arrears.
    expect(data._entities[1].contractSummary).toEqual({
      contracts: 0, activeContracts: 0, arrearsAmount: '0.00', arrearsMilestoneIds: [], overdueMilestones: 0, overdueMilestoneIds: [], contractsBreachedByGovernment: 0,
      governmentBreaches: 0, governmentBreachIds: [], unremediedGovernmentBreachIds: [], openComplaints: 0, overdueComplaints: 0, overdueComplaintIds: [], substantiatedOldDebtComplaintIds: [],
    });
  });

  it('each contract\'s and milestone\'s own figures, and the overdue filter', async () => {
    const store = await worked.get();
    const { data, errors } = await store.execute('{ contracts(filter: { regionCode: "231190" }, first: 10) { edges { node { id overdue arrearsAmount milestones { localId overdue arrearsAmount } } } } }', {}, auditor);
    expect(errors).toBeUndefined();
    const byId = Object.fromEntries(data.contracts.edges.map(({ node }: any) => [node.id, { overdue: node.overdue, arrears: node.arrearsAmount, late: node.milestones.filter((m: any) => m.overdue).map((m: any) => `${m.localId} ${m.arrearsAmount}`).sort() }]));
    expect(byId).toEqual({
      K1: { overdue: true, arrears: '750.50', late: ['m1 600.00', 'm4 0.00', 'm7 150.50'] },
      K2: { overdue: true, arrears: '1500.00', late: ['m1 1500.00'] },
      K3: { overdue: false, arrears: '0.00', late: [] },
      K4: { overdue: false, arrears: '0.00', late: [] },
    });
    const filtered = await store.execute('{ yes: contracts(filter: { regionCode: "231190", overdue: true }) { edges { node { id } } } no: contracts(filter: { regionCode: "231190", overdue: false }) { edges { node { id } } } }');
    expect([filtered.data.yes.edges.map((e: any) => e.node.id).sort(), filtered.data.no.edges.map((e: any) => e.node.id).sort()]).toEqual([['K1', 'K2'], ['K3', 'K4']]);
  });

  it('the complaint ledger\'s statistics', async () => {
    const { data, errors } = await (await worked.get()).execute('{ contractComplaintStatistics(regionCode: "231190") { received open resolved rejected substantiated overdue } }');
    expect(errors).toBeUndefined();
    // 7 received; open Q4, Q5; resolved Q1, Q2, Q6, Q7; rejected Q3; substantiated (of the resolved) Q1, Q6; overdue Q2, Q5.
    expect(data.contractComplaintStatistics).toEqual({ received: 7, open: 2, resolved: 4, rejected: 1, substantiated: 2, overdue: 2 });
  });
});
