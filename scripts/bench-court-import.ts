// npx tsx scripts/bench-court-import.ts [--rows 100000] [--batch-size 2000]
// Import throughput of the court list: a fresh court-debtors subgraph (own process, empty
// SQLite store in a temporary directory) receives deterministic generated rows over HTTP in
// batches, exactly as `npm run import:court` posts them; then the same rows again (all unchanged).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { courtRowsFrom } from '../subgraphs/court-debtors/record.rows.js';
import { signToken } from '../subgraphs/kit/index.js';
import { generateCourtRows } from './demo-data/court-debtors.js';
import { postInBatches } from './lib/import-cli.js';
import { freePort } from './lib/stack.js';
import { ROOT } from './lib/subgraphs.js';

const positive = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`1 to ${max}`);
  return n;
};
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

const dataDir = mkdtempSync(join(tmpdir(), 'court-bench-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}/graphql`;
const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'subgraphs/court-debtors/main.ts')], {
  cwd: ROOT,
  env: { ...process.env, PORT: String(port), CREDIT_DATA_DIR: dataDir, NODE_ENV: 'test' },
  stdio: ['ignore', 'ignore', 'inherit'],
});

try {
  for (let ready = false; !ready; ) {
    if (child.exitCode !== null) throw new Error(`the subgraph exited with code ${child.exitCode}`);
    ready = await fetch(url.replace(/graphql$/, 'healthz')).then((r) => r.ok, () => false);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const generated = Date.now();
  // Through the CLI's own conversion, as a file's rows would go.
  const rows = courtRowsFrom(generateCourtRows(options.rows));
  console.log(`generated ${rows.length} rows in ${((Date.now() - generated) / 1000).toFixed(1)} s`);
  const token = await signToken({ sub: 'bench-court-import', roles: ['COURT'], expiresIn: '1h' });

  const pass = async (label: string) => {
    const bar = process.stdout.isTTY ? new SingleBar({ format: `  ${label} {bar} {percentage}% | {value}/{total} rows | {duration}s` }, Presets.shades_classic) : null;
    bar?.start(rows.length, 0);
    const started = process.hrtime.bigint();
    const totals = await postInBatches(rows, { url, token, mutation, resultField: 'importDebtorRecords', batchSize: options.batchSize, onBatch: (done) => bar?.update(done) });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    bar?.stop();
    return { pass: label, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows.length / seconds), accepted: totals.accepted, unchanged: totals.unchanged, rejected: totals.rejected };
  };
  const first = await pass('import');
  const second = await pass('re-import');
  console.log(JSON.stringify({
    rows: rows.length,
    batchSize: options.batchSize,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    store: 'SQLite (better-sqlite3, WAL), fresh',
    results: [first, second],
  }, null, 2));
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
