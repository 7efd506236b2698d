// npx tsx scripts/bench-contracts.ts [--contracts 10000] [--batch-size 500]
// The contract ledger under load: a fresh contracts subgraph (own process, empty SQLite store
// in a temporary directory) imports generated contracts over HTTP exactly as
// `npm run import:contracts` posts them (OCDS → rows → importContracts in batches), then the
// same file again (all unchanged); then the reads the portal and the evaluation make. The
// import checks the officials it names against the registry's roster: the demo registry runs
// beside it (scripts/lib/import-bench.ts startDemoRegistry).
import { Command } from 'commander';
import { contractRowsFromOcds } from '../subgraphs/contracts/contract.ocds.rows.js';
import { gatewaySignedBody, signToken } from '../subgraphs/kit/index.js';
import { buildDemoContracts, toOcdsReleasePackage } from './demo-data/contracts.js';
import { inBenchWorkspace, positive, startDemoRegistry } from './lib/import-bench.js';
import { postInBatches } from './lib/import-cli.js';
const options = new Command()
  .name('bench-contracts')
  .description('Measures importContracts throughput and the main reads over HTTP on generated contracts')
  .option('--contracts <n>', 'contracts to generate', positive(200_000), 10_000)
  .option('--batch-size <n>', 'contracts per request (one transaction each)', positive(10_000), 500)
  .parse()
  .opts<{ contracts: number; batchSize: number }>();

const mutation = 'mutation($rows: [ContractInput!]!) { importContracts(rows: $rows) { accepted updated unchanged rejected errors { row field code message } } }';

async function post(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: unknown[] }> {
  // Signed as the gateway signs: the subgraph answers nobody else without a direct role.
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: gatewaySignedBody(query, variables) });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

async function timed<T>(label: string, run: () => Promise<T>, rows?: number): Promise<T> {
  const started = performance.now();
  const result = await run();
  const ms = performance.now() - started;
  console.log(JSON.stringify({ step: label, ms: Math.round(ms), ...(rows ? { rows, rowsPerSecond: Math.round((rows / ms) * 1000) } : {}) }));
  return result;
}

await inBenchWorkspace('contracts-bench-', async (workspace) => {
  // A PPP contract names its responsible official, whom the import checks against the registry's roster.
  const { url } = await workspace.start('contracts', await startDemoRegistry(workspace));
  const demo = buildDemoContracts(undefined, { count: options.contracts, idPrefix: 'BENCH', complaints: 0 });
  const rows = contractRowsFromOcds(toOcdsReleasePackage(demo));
  const parts = demo.milestones.length + demo.payments.length + demo.breaches.length + demo.amendments.length;
  console.log(JSON.stringify({ contracts: rows.length, milestonesPaymentsBreachesAmendments: parts, batchSize: options.batchSize }));
  const token = await signToken({ sub: 'bench', roles: ['FINANCE'], expiresIn: '1h' });
  const send = () => postInBatches(rows, { url, token, mutation, resultField: 'importContracts', batchSize: options.batchSize });
  const first = await timed('import (all new)', send, rows.length);
  const second = await timed('import again (all unchanged)', send, rows.length);
  console.log(JSON.stringify({ first: { accepted: first.accepted, rejected: first.rejected }, second: { unchanged: second.unchanged, rejected: second.rejected } }));

  await timed('contracts(filter: { overdue: true }, first: 100) with milestones', () => post(url, '{ contracts(filter: { overdue: true }, first: 100) { totalCount edges { node { id arrearsAmount milestones { overdue } } } } }'));
  const governments = [...new Set(demo.contracts.map((c) => c.governmentUscc))].slice(0, 100);
  await timed(`${governments.length} organizations: contracts(first: 10) + contractSummary`, () =>
    post(url, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { contracts(first: 10) { totalCount edges { node { title milestones { status } } } } contractSummary { arrearsAmount overdueMilestoneIds } } } }', {
      r: governments.map((uscc) => ({ __typename: 'Organization', uscc })),
    }));
});
