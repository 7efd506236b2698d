// npx tsx scripts/bench-dishonesty-import.ts [--rows 100000] [--batch-size 2000] [--official-share 0.1]
// Import throughput of the government dishonesty records (issue 16): a fresh dishonesty-records
// subgraph (own process, empty SQLite store in a temporary directory) receives deterministic
// generated decisions over HTTP in batches, exactly as `npm run import:dishonesty` posts them;
// then the same rows again (all unchanged).
//
// The import checks each authority against the subgraph's copy of the registry, and each official
// against the registry's roster. So a registry runs beside it: the Heihe demo registry seeded in the
// same temporary directory, its own process, from which the subgraph builds its copy before the first
// pass, as it does in a deployment. Two shortcuts, both for the benchmark's own processes only: the
// subgraph asks the registry directly (CREDIT_GATEWAY_URL is the registry's URL, no gateway in
// between; a deployment asks through the gateway, one more hop per 100 officials), and the rows are
// posted with an AUDITOR token (the credit office, which may send every kind) straight to the
// subgraph, as the court benchmark posts COURT rows, so both processes take AUDITOR (and the copy's
// CONSUMER) as a direct role.
import { Command, InvalidArgumentError } from 'commander';
import { recordRowsFrom } from '../subgraphs/dishonesty-records/record.rows.js';
import { config, signToken } from '../subgraphs/kit/index.js';
import { generateDishonestyRows } from './demo-data/dishonesty-records.js';
import { buildDemoRegistry } from './demo-data/heihe.js';
import { importAndReimport, inBenchWorkspace, positive, printImportSummary, startDemoRegistry } from './lib/import-bench.js';

const options = new Command()
  .name('bench-dishonesty-import')
  .description('Measures importDishonestyRecords throughput over HTTP on generated decisions')
  .option('--rows <n>', 'rows to generate', positive(1_000_000), 100_000)
  .option('--batch-size <n>', 'rows per request (one transaction each)', positive(10_000), 2_000)
  .option('--official-share <share>', 'share of officials\' records (0: bodies only)', (value: string) => {
    const share = Number(value);
    if (!(share >= 0 && share <= 1)) throw new InvalidArgumentError('0 to 1');
    return share;
  }, 0.1)
  .parse()
  .opts<{ rows: number; batchSize: number; officialShare: number }>();

const mutation = `mutation($rows: [DishonestyRecordInput!]!) {
  importDishonestyRecords(records: $rows) { accepted updated unchanged rejected errors { row field code rule message } }
}`;

/** Waits until the subgraph's copy of the registry is built and current (GET /healthz `worker`). */
async function registryCopied(url: string): Promise<void> {
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    const health = (await fetch(url.replace(/graphql$/, 'healthz')).then((r) => r.json(), () => ({}))) as { worker?: { state?: string; lastError?: string } };
    if (health.worker?.state === 'current') return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the subgraph\'s copy of the registry was not built within 180 s');
}

await inBenchWorkspace('dishonesty-bench-', async (workspace) => {
  const seeded = Date.now();
  const registry = await startDemoRegistry(workspace, ['AUDITOR', 'CONSUMER']);
  const { url } = await workspace.start('dishonesty-records', { ...registry, CREDIT_DIRECT_ROLES: [...config.directRoles(), 'AUDITOR'].join(',') });
  await registryCopied(url);
  console.log(`demo registry seeded, started and copied in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

  const generated = Date.now();
  // Through the CLI's own conversion, as a file's rows would go.
  const rows = recordRowsFrom(generateDishonestyRows(options.rows, buildDemoRegistry(), { officialShare: options.officialShare }));
  const officials = rows.filter((row) => row.idNumber).length;
  console.log(`generated ${rows.length} rows (${officials} officials' records) in ${((Date.now() - generated) / 1000).toFixed(1)} s`);
  const token = await signToken({ sub: 'bench-dishonesty-import', roles: ['AUDITOR'], expiresIn: '1h' });
  const results = await importAndReimport(rows, { url, token, mutation, resultField: 'importDishonestyRecords', batchSize: options.batchSize });
  printImportSummary({ rows: rows.length, batchSize: options.batchSize, extra: { officialsRecords: officials }, results });
});
