// Each of the exchange's reads of the supergraph, at the batch size it uses, stays within what the
// gateway lets a token holder spend on one operation (platform/limits.ts: estimated cost 20,000,
// 30 aliases): a batch made larger, or a field added, that the gateway would refuse fails here
// instead of in a province-scale rebuild.
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FETCHERS, NotNow, scopesForEntries } from '../../subgraphs/exchange/exchange.inputs.js';
import { DEFAULT_QUERY_LIMITS, estimateCost, type SupergraphClient } from '../../subgraphs/kit/index.js';

const schema = Supergraph.build(readFileSync('schema/supergraph.graphql', 'utf8')).apiSchema().toGraphQLJSSchema();

/** A client that keeps what it is asked and answers empty pages, reports of zero. */
function recordingClient(readModelState = 'current') {
  const asked: Array<{ query: string; variables: Record<string, unknown> }> = [];
  const emptyPage = { pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
  const client = {
    async ask(query: string, variables: Record<string, unknown>) {
      asked.push({ query, variables });
      const document = parse(query);
      const data: Record<string, unknown> = {};
      for (const selection of (document.definitions[0] as any).selectionSet.selections) {
        const key = selection.alias?.value ?? selection.name.value;
        data[key] = selection.name.value === 'integrityReadModel' ? { state: readModelState } : ['organizationsByUscc', 'debtorRecordsByCaseNumbers'].includes(selection.name.value) ? [] : selection.name.value === 'integrityRegionReport' ? { regionCode: '231100', organizations: 0, meanScore: 0, gradeCounts: [], warningCounts: [], ruleSet: { id: 'x', version: 1 } } : selection.name.value === 'commitmentComplaintReport' ? {} : emptyPage;
      }
      return data;
    },
  };
  return { asked, client: client as unknown as SupergraphClient };
}

const scopeFor = (fetcher: (typeof FETCHERS)[number], i: number) => fetcher.scope === 'record' ? `(2025)黑11执${i + 1}号` : (fetcher.scope === 'organization' ? `1123110036055${String(i).padStart(4, '0')}X` : `2311${String(i).padStart(2, '0')}:2026H2`.replace(/:2026H2$/, fetcher.name === 'region-reports' ? ':2026Q4' : ':2026H2'));

describe('the exchange\'s reads of the supergraph', () => {
  for (const fetcher of FETCHERS) {
    it(`${fetcher.name}: a full batch of ${fetcher.batch} is valid against the API and within the token's cost and alias limits`, async () => {
      const { asked, client } = recordingClient();
      await fetcher.fetch(client, Array.from({ length: fetcher.batch }, (_, i) => scopeFor(fetcher, i)));
      expect(asked.length).toBeGreaterThan(0);
      for (const { query, variables } of asked) {
        const document = parse(query);
        expect(validate(schema, document)).toEqual([]);
        expect(estimateCost({ schema, document, variables })).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxCost);
        expect((query.match(/\w+:\s*\w+\(/g) ?? []).length).toBeLessThanOrEqual(DEFAULT_QUERY_LIMITS.maxAliases);
      }
    });
  }
});

describe('region reports while evaluation\'s read model rebuilds', () => {
  it('are not read then (NotNow: the exchange keeps the scopes for a later round), and are once it is current', async () => {
    const reports = FETCHERS.find((f) => f.name === 'region-reports')!;
    await expect(reports.fetch(recordingClient('rebuilding').client, ['231100:2026Q4'])).rejects.toBeInstanceOf(NotNow);
    const rows = await reports.fetch(recordingClient('current').client, ['231100:2026Q4']);
    expect(rows.get('evaluation.region-report')).toHaveLength(1);
  });
});

describe('which feed entries call for which reads', () => {
  const entry = (entity: string, organizations: string[], regions: string[] = []) => ({ seq: 1, at: '', entity, operation: 'update', ids: [], organizations, officials: [], regions });

  it('reads the cases a record entry names by case number, a debtor\'s records for an objection or repair entry, nothing for a pending case', () => {
    const record = { ...entry('DebtorRecord', ['A']), ids: ['(2025)黑11执1号'] };
    const due = scopesForEntries('court-debtors', [record, entry('CreditRepair', ['B']), entry('PendingCase', ['C'])], '2026-11-22');
    expect([...due].map(([f, scopes]) => [f.name, [...scopes]])).toEqual([['debtor-records-by-case', ['(2025)黑11执1号']], ['debtor-records', ['B']]]);
  });

  it('reads a complaint report for the region, the regions above it, this half-year and the one before', () => {
    const due = scopesForEntries('commitments', [entry('CommitmentComplaint', ['A'], ['231123'])], '2026-11-22');
    expect([...[...due.values()][0]!]).toEqual(['231123:2026H2', '231123:2026H1', '231100:2026H2', '231100:2026H1', '230000:2026H2', '230000:2026H1']);
  });
});
