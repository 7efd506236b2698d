// npx tsx scripts/bench-court-import.ts [--rows 100000] [--batch-size 2000]
// Import throughput of the court list: a fresh court-debtors subgraph (own process, empty
// SQLite store in a temporary directory) receives deterministic generated rows over HTTP in
// batches, exactly as `npm run import:court` posts them; then the same rows again (all unchanged).
import { Command } from 'commander';
import { courtRowsFrom } from '../subgraphs/court-debtors/record.rows.js';
import { signToken } from '../subgraphs/kit/index.js';
import { generateCourtRows } from './demo-data/court-debtors.js';
import { importAndReimport, inBenchWorkspace, positive, printImportSummary } from './lib/import-bench.js';

const options = new Command()
  .name('bench-court-import')
  .description('Measures importDebtorRecords throughput over HTTP on generated rows')
  .option('--rows <n>', 'rows to generate', positive(1_000_000), 100_000)
  .option('--batch-size <n>', 'rows per request (one transaction each)', positive(10_000), 2_000)
  .parse()
  .opts<{ rows: number; batchSize: number }>();

const mutation = `mutation($rows: [DebtorRecordInput!]!) {
  importDebtorRecords(records: $rows) { accepted updated unchanged rejected errors { row field code message } }
}`;

await inBenchWorkspace('court-bench-', async (workspace) => {
  const { url } = await workspace.start('court-debtors');
  const generated = Date.now();
  // Through the CLI's own conversion, as a file's rows would go.
  const rows = courtRowsFrom(generateCourtRows(options.rows));
  console.log(`generated ${rows.length} rows in ${((Date.now() - generated) / 1000).toFixed(1)} s`);
  const token = await signToken({ sub: 'bench-court-import', roles: ['COURT'], expiresIn: '1h' });
  const results = await importAndReimport(rows, { url, token, mutation, resultField: 'importDebtorRecords', batchSize: options.batchSize });
  printImportSummary({ rows: rows.length, batchSize: options.batchSize, results });
});
