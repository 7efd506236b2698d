import { inPool, parentRegionCode, type FeedEntry, type SupergraphClient } from '../kit/index.js';

/**
 * Where the exchange reads what it sends up: the supergraph, as its CONSUMER (what the public
 * reads, plus government bodies' debtor records after they leave the list), never another
 * subgraph's store. A change-feed entry names what changed by organization (USCC) or region; a
 * fetcher reads again everything of its kind under those keys, so that what was sent before and
 * is missing now can be withdrawn (DELETE). The export catalogue (catalogue/*.json) decides which
 * of these rows go up, with which fields, masked how.
 */
export type SourceName =
  | 'commitments.letter'
  | 'commitments.official-commitment'
  | 'commitments.complaint-report'
  | 'court-debtors.record'
  | 'dishonesty-records.record'
  | 'dishonesty-records.sanction'
  | 'evaluation.region-report';

/** One record as a source read it: its id, the key it was fetched under, and its fields. */
export interface SourceRow {
  id: string;
  scope: string;
  fields: Record<string, unknown>;
}

/** Each source's fields, as the catalogue may name them (checked when a catalogue loads). */
export const SOURCE_FIELDS: Record<SourceName, string[]> = {
  'commitments.letter': ['id', 'year', 'letterNumber', 'liability', 'signedAt', 'status', 'publishedAt', 'withdrawnReason', 'withdrawnLegalReason', 'withdrawnAt', 'items', 'organizationUscc', 'organizationName', 'regionCode'],
  'commitments.official-commitment': ['id', 'type', 'date', 'acceptingUnitName', 'acceptingUnitUscc', 'reason', 'content', 'liability', 'fulfilmentStatus', 'commitmentStatus', 'letterNumber', 'officialName'],
  'commitments.complaint-report': ['regionCode', 'year', 'half', 'received', 'resolved', 'rejected', 'open', 'overdue', 'byChannel'],
  'court-debtors.record': ['caseNumber', 'court', 'debtorName', 'debtorUscc', 'regionCode', 'basisDocumentNumber', 'basisIssuer', 'dishonestBehaviourText', 'performance', 'unperformedAmount', 'filingDate', 'publishDate', 'status', 'exitReason', 'exitedAt', 'repairedAt', 'governmentBody', 'legalRepresentative'],
  'dishonesty-records.record': ['id', 'kind', 'subjectType', 'organizationUscc', 'regionCode', 'authorityUscc', 'authorityName', 'documentNumber', 'decisionDate', 'severity', 'sanctionEndDate', 'publication', 'publishedAt', 'status', 'removedAt', 'repairedAt', 'organizationName', 'facts', 'legalBasis'],
  'dishonesty-records.sanction': ['id', 'recordId', 'organizationUscc', 'catalogue', 'measureId', 'measureZh', 'appliedBy', 'appliedOn', 'state', 'since'],
  'evaluation.region-report': ['regionCode', 'quarter', 'organizations', 'meanScore', 'gradeCounts', 'warningCounts', 'ruleSet'],
};

export type Fetched = Map<SourceName, SourceRow[]>;

/**
 * What a source cannot answer well now (evaluation's read model in the middle of a rebuild would
 * give half-counted region reports): the scopes are kept and read again at the next round.
 */
export class NotNow extends Error {}

/**
 * One way of reading sources again: which feed entries call for it, the keys (scopes) an entry
 * names, and the fetch of a batch of scopes. `scope` says whether a rebuild walks it by
 * organization or by region.
 */
export interface Fetcher {
  name: string;
  feed: string;
  entities: readonly string[];
  /** What an entry's keys name: organizations, regions, or the records themselves (the entry's ids). */
  scope: 'organization' | 'region' | 'record';
  produces: readonly SourceName[];
  /**
   * Whether what it reads changes with the date alone, without a write (a debtor's listing term
   * running out, a new half-year or quarter): the daily sweep reads these again.
   */
  changesByDate?: boolean;
  /** Scopes one request takes (what the gateway's cost limit for a token allows: 20,000). */
  batch: number;
  scopesOf(keys: readonly string[], on: string): string[];
  fetch(client: SupergraphClient, scopes: string[]): Promise<Fetched>;
}

interface Page<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: T }>;
}

/** Every node of a connection, page after page (keyset cursors: stable while rows are added). */
async function allPages<T>(client: SupergraphClient, query: string, variables: Record<string, unknown>, pick: (data: any) => Page<T>): Promise<T[]> {
  const nodes: T[] = [];
  let after = (variables.after as string | undefined) ?? null;
  do {
    const page: Page<T> = pick(await client.ask(query, { ...variables, after }));
    nodes.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

const rowsOf = (name: SourceName, rows: SourceRow[]): Fetched => new Map([[name, rows]]);

/** A region and the regions above it (county → city → province): a report of each may have moved. */
function withAncestors(codes: readonly string[]): string[] {
  const all = new Set<string>();
  for (let code of codes) {
    while (code && !all.has(code)) {
      all.add(code);
      code = parentRegionCode(code) ?? '';
    }
  }
  return [...all];
}

const LETTERS = `query ExchangeLetters($usccs: [String!]!) { organizationsByUscc(usccs: $usccs) { uscc name region { code }
  commitmentLetters { id year letterNumber liability signedAt status publishedAt withdrawnReason withdrawnLegalReason withdrawnAt items { number category content dueDate fulfilment } } } }`;

const letters: Fetcher = {
  name: 'letters',
  feed: 'commitments',
  entities: ['CommitmentLetter', 'CommitmentItem'],
  scope: 'organization',
  produces: ['commitments.letter'],
  batch: 8,
  scopesOf: (keys) => [...keys],
  async fetch(client, usccs) {
    const data = await client.ask<{ organizationsByUscc: Array<any | null> }>(LETTERS, { usccs });
    const rows: SourceRow[] = [];
    for (const org of data.organizationsByUscc) {
      for (const { items, ...letter } of org?.commitmentLetters ?? []) {
        rows.push({ id: letter.id, scope: org.uscc, fields: { ...letter, items, organizationUscc: org.uscc, organizationName: org.name, regionCode: org.region.code } });
      }
    }
    return rowsOf('commitments.letter', rows);
  },
};

const OFFICIAL_COMMITMENT_FIELDS = 'id type date acceptingUnitName acceptingUnitUscc reason content liability fulfilmentStatus commitmentStatus letterNumber official { name }';
const OFFICIAL_COMMITMENTS = `query ExchangeOfficialCommitments($uscc: String!, $after: String) { officialCommitments(acceptingUnitUscc: $uscc, first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${OFFICIAL_COMMITMENT_FIELDS} } } } }`;
const officialCommitmentRow = (uscc: string) => ({ official, ...c }: any): SourceRow => ({ id: c.id, scope: uscc, fields: { ...c, officialName: official?.name ?? null } });

const officialCommitments: Fetcher = {
  name: 'official-commitments',
  feed: 'commitments',
  entities: ['OfficialCommitment'],
  scope: 'organization',
  produces: ['commitments.official-commitment'],
  // The list is asked per accepting unit: one alias each (cost 1,801 each under the token's 20,000: test/exchange/inputs.test.ts).
  batch: 10,
  scopesOf: (keys) => [...keys],
  async fetch(client, usccs) {
    const args = usccs.map((_, i) => `$u${i}: String!`).join(', ');
    const fields = usccs.map((_, i) => `c${i}: officialCommitments(acceptingUnitUscc: $u${i}, first: 100) { pageInfo { hasNextPage endCursor } edges { node { ${OFFICIAL_COMMITMENT_FIELDS} } } }`).join('\n');
    const data = await client.ask<Record<string, Page<any>>>(`query ExchangeOfficialCommitmentsOf(${args}) { ${fields} }`, Object.fromEntries(usccs.map((u, i) => [`u${i}`, u])));
    const rows: SourceRow[] = [];
    for (const [i, uscc] of usccs.entries()) {
      const page = data[`c${i}`]!;
      rows.push(...page.edges.map((e) => officialCommitmentRow(uscc)(e.node)));
      // A unit with more than a page: the rest one page at a time.
      if (page.pageInfo.hasNextPage) {
        const rest = await allPages<any>(client, OFFICIAL_COMMITMENTS, { uscc, after: page.pageInfo.endCursor }, (d) => d.officialCommitments);
        rows.push(...rest.map(officialCommitmentRow(uscc)));
      }
    }
    return rowsOf('commitments.official-commitment', rows);
  },
};

const DEBTOR_RECORD_FIELDS = 'caseNumber court debtorName debtorUscc regionCode basisDocumentNumber basisIssuer dishonestBehaviourText performance unperformedAmount filingDate publishDate status exitReason exitedAt repairedAt governmentBody legalRepresentative';
const DEBTOR_RECORDS = `query ExchangeDebtorRecords($filter: DebtorRecordFilter!, $after: String) { debtorRecords(first: 100, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } edges { node { ${DEBTOR_RECORD_FIELDS} } } } }`;

/**
 * The cases a DebtorRecord entry names, read by case number, 1,000 a request (a court import of
 * 100,000 records is 100 requests, not the 1,000 pages of 100 reading its 100,000 units would be).
 * A case sent before that reads null now is withdrawn.
 */
const debtorRecordsByCase: Fetcher = {
  name: 'debtor-records-by-case',
  feed: 'court-debtors',
  entities: ['DebtorRecord'],
  scope: 'record',
  produces: ['court-debtors.record'],
  batch: 1_000,
  scopesOf: (keys) => [...keys],
  async fetch(client, caseNumbers) {
    const data = await client.ask<{ debtorRecordsByCaseNumbers: Array<any | null> }>(`query ExchangeDebtorRecordsByCase($c: [String!]!) { debtorRecordsByCaseNumbers(caseNumbers: $c) { ${DEBTOR_RECORD_FIELDS} } }`, { c: caseNumbers });
    return rowsOf('court-debtors.record', data.debtorRecordsByCaseNumbers.filter((r) => r != null).map((r) => ({ id: r.caseNumber, scope: r.debtorUscc, fields: r })));
  },
};

/** Every case of some units: what an objection or repair entry (which names the unit) calls for, and rebuilds and the daily sweep. */
const debtorRecords: Fetcher = {
  name: 'debtor-records',
  feed: 'court-debtors',
  entities: ['DebtorObjection', 'CreditRepair'],
  scope: 'organization',
  produces: ['court-debtors.record'],
  changesByDate: true,
  batch: 100,
  scopesOf: (keys) => [...keys],
  async fetch(client, usccs) {
    const nodes = await allPages<any>(client, DEBTOR_RECORDS, { filter: { debtorUsccs: usccs } }, (d) => d.debtorRecords);
    return rowsOf('court-debtors.record', nodes.map((r) => ({ id: r.caseNumber, scope: r.debtorUscc, fields: r })));
  },
};

const DISHONESTY_RECORDS = `query ExchangeDishonestyRecords($filter: DishonestyRecordFilter!, $after: String) { dishonestyRecords(first: 50, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } edges { node {
  id kind subjectType organizationUscc regionCode authorityUscc authorityName documentNumber decisionDate severity sanctionEndDate publication publishedAt status removedAt repairedAt organizationName facts legalBasis
  sanctions { id measureId catalogueId catalogueVersion appliedOn measureZh appliedBy state since } } } } }`;

const dishonestyRecords: Fetcher = {
  name: 'dishonesty-records',
  feed: 'dishonesty-records',
  entities: ['DishonestyRecord', 'AppliedSanction', 'DishonestyObjection', 'DishonestyRepair'],
  scope: 'organization',
  produces: ['dishonesty-records.record', 'dishonesty-records.sanction'],
  changesByDate: true,
  batch: 100,
  scopesOf: (keys) => [...keys],
  async fetch(client, usccs) {
    const nodes = await allPages<any>(client, DISHONESTY_RECORDS, { filter: { organizationUsccs: usccs } }, (d) => d.dishonestyRecords);
    const records: SourceRow[] = [];
    const sanctions: SourceRow[] = [];
    for (const { sanctions: applied, ...record } of nodes) {
      records.push({ id: record.id, scope: record.organizationUscc, fields: record });
      for (const { catalogueId, catalogueVersion, ...s } of applied ?? []) {
        sanctions.push({ id: s.id, scope: record.organizationUscc, fields: { ...s, recordId: record.id, organizationUscc: record.organizationUscc, catalogue: `${catalogueId}@${catalogueVersion}` } });
      }
    }
    return new Map([['dishonesty-records.record', records], ['dishonesty-records.sanction', sanctions]]);
  },
};

/** "231100:2026H2": a region's report for a half-year. */
const halfOf = (on: string) => `${on.slice(0, 4)}H${Number(on.slice(5, 7)) <= 6 ? 1 : 2}`;
const previousHalf = (half: string) => (half.endsWith('H2') ? `${half.slice(0, 4)}H1` : `${Number(half.slice(0, 4)) - 1}H2`);
const COMPLAINT_REPORT_FIELDS = 'regionCode year half received resolved rejected open overdue byChannel { channel count }';

const complaintReports: Fetcher = {
  name: 'complaint-reports',
  feed: 'commitments',
  entities: ['CommitmentComplaint'],
  scope: 'region',
  produces: ['commitments.complaint-report'],
  changesByDate: true,
  batch: 20,
  // The half-year now and the one before: a complaint settled in January still moves last half's report.
  scopesOf: (codes, on) => withAncestors(codes).flatMap((code) => [`${code}:${halfOf(on)}`, `${code}:${previousHalf(halfOf(on))}`]),
  async fetch(client, scopes) {
    const args = scopes.map((_, i) => `$c${i}: String!, $y${i}: Int!, $h${i}: Int!`).join(', ');
    const fields = scopes.map((_, i) => `r${i}: commitmentComplaintReport(regionCode: $c${i}, year: $y${i}, half: $h${i}) { ${COMPLAINT_REPORT_FIELDS} }`).join('\n');
    const variables: Record<string, unknown> = {};
    scopes.forEach((scope, i) => {
      const [code, period] = scope.split(':') as [string, string];
      Object.assign(variables, { [`c${i}`]: code, [`y${i}`]: Number(period.slice(0, 4)), [`h${i}`]: Number(period.slice(5)) });
    });
    const data = await client.ask<Record<string, any>>(`query ExchangeComplaintReports(${args}) { ${fields} }`, variables);
    return rowsOf('commitments.complaint-report', scopes.map((scope, i) => ({ id: scope, scope, fields: data[`r${i}`] })));
  },
};

/** "231100:2026Q4": a region's indicators for a quarter (the current one; a past quarter's last version stands). */
const quarterOf = (on: string) => `${on.slice(0, 4)}Q${Math.ceil(Number(on.slice(5, 7)) / 3)}`;
const REGION_REPORT_FIELDS = 'regionCode organizations meanScore gradeCounts { grade count } warningCounts { level count } ruleSet { id version }';

const regionReports: Fetcher = {
  name: 'region-reports',
  feed: 'evaluation',
  entities: ['IntegrityAssessment'],
  scope: 'region',
  produces: ['evaluation.region-report'],
  changesByDate: true,
  batch: 20,
  scopesOf: (codes, on) => withAncestors(codes).map((code) => `${code}:${quarterOf(on)}`),
  async fetch(client, scopes) {
    const args = scopes.map((_, i) => `$c${i}: String!`).join(', ');
    const fields = scopes.map((_, i) => `r${i}: integrityRegionReport(regionCode: $c${i}) { ${REGION_REPORT_FIELDS} }`).join('\n');
    const data = await client.ask<Record<string, any>>(`query ExchangeRegionReports(${args}) { integrityReadModel { state } ${fields} }`, Object.fromEntries(scopes.map((s, i) => [`c${i}`, s.split(':')[0]])));
    // Mid-rebuild, a region counts only the units assessed so far: such a report never goes up.
    if (data.integrityReadModel.state !== 'current') throw new NotNow(`evaluation's read model is ${data.integrityReadModel.state}`);
    return rowsOf('evaluation.region-report', scopes.map((scope, i) => {
      const { ruleSet, ...report } = data[`r${i}`];
      return { id: scope, scope, fields: { ...report, quarter: scope.split(':')[1], ruleSet: `${ruleSet.id}@${ruleSet.version}` } };
    }));
  },
};

export const FETCHERS: readonly Fetcher[] = [letters, officialCommitments, debtorRecordsByCase, debtorRecords, dishonestyRecords, complaintReports, regionReports];

/** The scopes each fetcher must read again for some feed entries of one source. */
export function scopesForEntries(source: string, entries: readonly FeedEntry[], on: string, fetchers: readonly Fetcher[] = FETCHERS): Map<Fetcher, Set<string>> {
  const due = new Map<Fetcher, Set<string>>();
  for (const fetcher of fetchers) {
    if (fetcher.feed !== source) continue;
    const keys = entries.filter((e) => fetcher.entities.includes(e.entity)).flatMap((e) => (fetcher.scope === 'organization' ? e.organizations : fetcher.scope === 'region' ? e.regions : e.ids)).filter(Boolean);
    if (keys.length === 0) continue;
    due.set(fetcher, new Set(fetcher.scopesOf([...new Set(keys)], on)));
  }
  return due;
}

/** Runs a fetcher over scopes in its batches, `concurrency` requests at a time; rows by source. */
export async function fetchAll(client: SupergraphClient, fetcher: Fetcher, scopes: readonly string[], concurrency = 4): Promise<Fetched> {
  const batches: string[][] = [];
  for (let i = 0; i < scopes.length; i += fetcher.batch) batches.push(scopes.slice(i, i + fetcher.batch));
  const all: Fetched = new Map(fetcher.produces.map((name) => [name, []]));
  await inPool(batches, concurrency, async (batch) => {
    for (const [name, rows] of await fetcher.fetch(client, batch)) all.get(name)!.push(...rows);
  });
  return all;
}
