// npm run bench:exchange -- --data-dir data/province [--import-rows 100000] [--schema bench_exchange] [--batch-size 2000]
//
// The upward exchange's catch-up (issue 17's goal: 100,000 changes after a province-scale court
// import in the exchange schema in ≤ 60 s): every subgraph and the gateway as processes over seeded
// stores, the exchange writing to a PostgreSQL schema of its own (CREDIT_EXCHANGE_DB_URL, default the
// local test database; the schema dropped first) and starting at the feeds' heads
// (CREDIT_EXCHANGE_START=now), then
//   1. a court import of --import-rows rows through the gateway as COURT, every debtor a government
//      body (USCC type 11, a new random one per row), so that each row becomes a DEBTOR_RECORD (or, its term run out, a DEBTOR_EXIT) of
//      the exchange: how long;
//   2. how long, from the import's end and from its start, until the exchange schema holds a
//      record for every imported row (counted every 500 ms).
// The exchange's own store (exchange.sqlite in the data dir) is removed first, so that
// CREDIT_EXCHANGE_START=now applies (it does to a new store only). The rows' case numbers use a
// court code no earlier run used ((2016)黑9001执1号, then 9002, …), so the data dir can be used again.
// CREDIT_EXCHANGE_BATCH_SIZE and the other CREDIT_* variables of the environment reach the processes.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import pg from 'pg';
import pidusage from 'pidusage';
import { orgCodeCheckCharacter, usccCheckCharacter } from '../platform/validation/uscc.js';
import { signToken } from '../subgraphs/kit/index.js';
import { benchEnvironment } from './bench/environment.js';
import { percentiles } from './bench/measure.js';
import { generateCourtRows } from './demo-data/court-debtors.js';
import { mulberry32, pick } from './demo-data/heihe.js';
import { postInBatches } from './lib/import-cli.js';
import { freePort, startStack } from './lib/stack.js';
import { readSubgraphList } from './lib/subgraphs.js';

const whole = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
  return n;
};
const options = new Command()
  .name('bench-exchange')
  .description('Measures the upward exchange catching up a court import into the exchange database (数据交换追赶基准)')
  .requiredOption('--data-dir <dir>', 'seeded stores (npm run seed -- --scale province)')
  .option('--import-rows <n>', 'rows of the court import, each a government body\'s record', whole(1, 999_999), 100_000)
  .option('--schema <name>', 'PostgreSQL schema of the exchange database (dropped first)', 'bench_exchange')
  .option('--batch-size <n>', 'rows per import request (one transaction each)', whole(1, 10_000), 2_000)
  .option('--db-url <url>', 'the exchange database (CREDIT_EXCHANGE_DB_URL)', process.env.CREDIT_EXCHANGE_DB_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
  .option('--timeout <seconds>', 'give up waiting for the exchange after this long', whole(1, 86_400), 1_800)
  .parse()
  .opts<{ dataDir: string; importRows: number; schema: string; batchSize: number; dbUrl: string; timeout: number }>();

if (process.env.CREDIT_DB_DRIVER === 'postgresql') throw new InvalidArgumentError('the benchmark runs on the SQLite stores of --data-dir (unset CREDIT_DB_DRIVER): the exchange\'s own store must be removed before the start');
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) throw new InvalidArgumentError(`--schema must be a plain lower-case identifier: ${options.schema}`);
const schema = options.schema;
const env = benchEnvironment(options.dataDir, {
  CREDIT_EXCHANGE_DB_URL: options.dbUrl,
  CREDIT_EXCHANGE_DB_SCHEMA: schema,
  CREDIT_EXCHANGE_START: 'now',
  // The exchange database alone: no HTTP push even when the environment names one.
  CREDIT_EXCHANGE_PUSH_URL: '',
});
process.env.CREDIT_JWT_SECRET = env.CREDIT_JWT_SECRET;
const log = (line: string) => console.log(line);
const seconds = (ms: number) => Math.round(ms) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A clean start: the exchange database's schema and the exchange's own store.
const db = new pg.Pool({ connectionString: options.dbUrl, max: 1 });
await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
for (const suffix of ['', '-wal', '-shm']) rmSync(join(options.dataDir, `exchange.sqlite${suffix}`), { force: true });
log(`dropped schema ${schema}; removed ${join(options.dataDir, 'exchange.sqlite')} (a new exchange store starts at the feeds' heads)`);

const work = mkdtempSync(join(tmpdir(), 'bench-exchange-'));
const logFile = join(work, 'stack.log');
const logStream = createWriteStream(logFile);
const subgraphs = [];
for (const entry of readSubgraphList()) subgraphs.push({ ...entry, port: await freePort() });
const startedStack = Date.now();
const stack = await startStack({ subgraphs, gatewayPort: await freePort(), env, startTimeoutMs: 300_000, onLine: (line) => logStream.write(`${line}\n`) });
const gateway = stack.gatewayUrl;
const healthOf = (name: string) => stack.subgraphs.find((s) => s.name === name)!.url.replace(/graphql$/, 'healthz');
const adminToken = `Bearer ${await signToken({ sub: 'bench-admin', roles: ['ADMIN'], expiresIn: '4h' })}`;
const courtToken = await signToken({ sub: 'bench-court', roles: ['COURT'], expiresIn: '4h' });

async function gql(query: string, variables: Record<string, unknown> = {}, authorization = adminToken): Promise<any> {
  const response = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

interface WorkerStatus { state: string; lag?: Record<string, number>; processed?: number; lastError?: string; channels?: Array<{ channel: string; state: string; lastError: string | null }> }
async function workerOf(name: string): Promise<WorkerStatus | null> {
  return (((await (await fetch(healthOf(name))).json()) as any).worker as WorkerStatus | undefined) ?? null;
}
const lagOf = (w: WorkerStatus | null) => Object.values(w?.lag ?? {}).reduce((a, b) => a + b, 0);

/** CPU-seconds each process of the stack has used so far (pidusage's ctime: user + system). */
async function cpuSeconds(): Promise<Record<string, number>> {
  const processes = [...stack.subgraphs, stack.gateway];
  const stats = await pidusage(processes.map((p) => p.child.pid!));
  const own = process.cpuUsage();
  return { ...Object.fromEntries(processes.map((p) => [p.name, (stats[p.child.pid!]?.ctime ?? NaN) / 1000])), bench: (own.user + own.system) / 1e6 };
}
const cpuBetween = (from: Record<string, number>, to: Record<string, number>) => Object.fromEntries(Object.keys(to).map((k) => [k, Math.round((to[k]! - from[k]!) * 10) / 10]));

/** The gateway's requests among stack.logs[from, to), by caller and operation: how many, and their time in ms (where the catch-up's reads went). */
function gatewayRequests(from: number, to: number): Record<string, { requests: number; p50: number; p95: number; max: number; totalSeconds: number }> {
  const times = new Map<string, number[]>();
  for (const line of stack.logs.slice(from, to)) {
    if (!line.startsWith('[gateway] {')) continue;
    try {
      const entry = JSON.parse(line.slice('[gateway] '.length)) as { msg?: string; caller?: string; operationName?: string; ms?: number };
      if (entry.msg !== 'request' || typeof entry.ms !== 'number') continue;
      const key = `${entry.caller ?? '?'} ${entry.operationName ?? '(anonymous)'}`;
      times.set(key, [...(times.get(key) ?? []), entry.ms]);
    } catch {
      // not a JSON line
    }
  }
  return Object.fromEntries([...times].sort((a, b) => b[1].length - a[1].length).map(([key, ms]) => {
    const [p50, p95, max] = percentiles(ms, [50, 95, 100]);
    return [key, { requests: ms.length, p50: p50!, p95: p95!, max: max!, totalSeconds: seconds(ms.reduce((a, b) => a + b, 0)) }];
  }));
}

/** Court records in the exchange schema (as DEBTOR_RECORD or DEBTOR_EXIT): all, and those of this run's case numbers (0 before the schema exists). */
async function debtorRecords(ours: string): Promise<{ all: number; ours: number }> {
  try {
    // A listed record goes up as DEBTOR_RECORD, one whose term has already run out as DEBTOR_EXIT alone.
    const { rows } = await db.query(`SELECT count(DISTINCT record_id)::int AS "all", count(DISTINCT record_id) FILTER (WHERE record_id LIKE $1)::int AS ours FROM ${schema}.exchange_record WHERE kind IN ('DEBTOR_RECORD', 'DEBTOR_EXIT')`, [ours]);
    return rows[0];
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return { all: 0, ours: 0 };
    throw error;
  }
}

/** Court import rows: the generator's rows, every debtor a government body (USCC type 11) of the row's region, case numbers `(year)黑<court>执<n>号`. */
const ORGANS = ['人民政府', '财政局', '农业农村局', '住房和城乡建设局', '交通运输局', '水务局', '教育局', '卫生健康委员会', '自然资源局', '市场监督管理局'];
const caseCodeOf = (court: number, i: number) => `(${2016 + (i % 11)})黑${court}执${i + 1}号`;
function governmentRows(count: number, court: number) {
  const rand = mulberry32(court * 7_919);
  return generateCourtRows(count, 300_000 + court).map((row, i) => {
    const body = Array.from({ length: 8 }, () => Math.floor(rand() * 10)).join('');
    const first17 = `11${row.cardNum.slice(2, 8)}${body}${orgCodeCheckCharacter(body)}`;
    const place = row.courtName.replace(/人民法院$/, '').replace(/中级$/, '');
    return { ...row, iname: `${place}${pick(rand, ORGANS)}`, cardNum: first17 + usccCheckCharacter(first17), caseCode: caseCodeOf(court, i) };
  });
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100) },
  dataDir: options.dataDir,
  schema,
  importRows: options.importRows,
  importBatchSize: options.batchSize,
  exchangeBatchSize: Number(env.CREDIT_EXCHANGE_BATCH_SIZE ?? 500),
};
let failed = false;
try {
  // 0. Every reader of the feeds current (the exchange at the heads, evaluation's read model built), so that the import runs on a quiet stack.
  const deadline = Date.now() + options.timeout * 1_000;
  for (;;) {
    const states = Object.fromEntries(await Promise.all(stack.subgraphs.map(async (s) => [s.name, (await workerOf(s.name))?.state ?? 'none'] as const)));
    if (states.exchange === 'current' && Object.values(states).every((s) => s === 'current' || s === 'off' || s === 'none')) break;
    if (Date.now() > deadline) throw new Error(`the stack's feed readers were not current within --timeout: ${JSON.stringify(states)}`);
    await sleep(500);
  }
  results.startToCurrentSeconds = seconds(Date.now() - startedStack);
  log(`stack started, every feed reader current, in ${results.startToCurrentSeconds} s`);

  // 1. The import, under a court code no earlier run used.
  let court = 9_001;
  const exists = async (caseNumber: string) => (await gql('query($c: String!) { debtorRecord(caseNumber: $c) { caseNumber } }', { c: caseNumber })).debtorRecord !== null;
  while ((await exists(caseCodeOf(court, 0))) || (await exists(caseCodeOf(court, options.importRows - 1)))) court++;
  const rows = governmentRows(options.importRows, court);
  const ours = `%黑${court}执%`;
  results.caseNumbers = `${caseCodeOf(court, 0)} … ${caseCodeOf(court, rows.length - 1)}`;
  results.debtors = new Set(rows.map((r) => r.cardNum)).size;
  log(`importing ${rows.length} rows (${results.caseNumbers}), ${results.debtors} government-body debtors`);

  const courtHead = async () => ((await (await fetch(healthOf('court-debtors').replace(/healthz$/, 'changes/head'), { headers: { authorization: adminToken } })).json()) as { head: number }).head;
  const headAtStart = await courtHead();
  const processedAtStart = (await workerOf('exchange'))?.processed ?? 0;
  const cpuAtStart = await cpuSeconds();
  const logAtStart = stack.logs.length;
  const importBar = new SingleBar({ format: '  import {bar} {percentage}% | {value}/{total} rows | {duration}s', noTTYOutput: true, notTTYSchedule: 10_000 }, Presets.shades_classic);
  importBar.start(rows.length, 0);
  const started = Date.now();
  const totals = await postInBatches(rows, {
    url: gateway, token: courtToken, batchSize: options.batchSize, resultField: 'importDebtorRecords', onBatch: (done) => importBar.update(done),
    mutation: 'mutation($rows: [DebtorRecordInput!]!) { importDebtorRecords(records: $rows) { accepted updated unchanged rejected errors { row field code message } } }',
  });
  const imported = Date.now();
  importBar.stop();
  const cpuAtImportEnd = await cpuSeconds();
  const atImportEnd = await debtorRecords(ours);
  // The court feed's entries of the import (one per batch, or more): what the exchange must handle.
  const importEntries = (await courtHead()) - headAtStart;
  const { errors, ...counts } = totals;
  results.import = { ...counts, seconds: seconds(imported - started), rowsPerSecond: Math.round(rows.length / ((imported - started) / 1_000)), courtFeedEntries: importEntries, inExchangeAtImportEnd: atImportEnd.ours };
  log(`import: ${JSON.stringify(counts)} in ${seconds(imported - started)} s; ${atImportEnd.ours} already in the exchange schema`);
  if (errors.length) log(`  first errors: ${JSON.stringify(errors.slice(0, 5))}`);
  // Rows not new (rejected, or already there) make no new version to wait for.
  const target = totals.accepted;
  if (target < rows.length) log(`  waiting for the ${target} accepted rows only`);

  // 2. Catch-up: the exchange schema until it holds every new record.
  const bar = new SingleBar({ format: '  exchange {bar} {percentage}% | {value}/{total} records | {duration}s | feed lag {lag}', noTTYOutput: true, notTTYSchedule: 10_000 }, Presets.shades_classic);
  bar.start(target, atImportEnd.ours, { lag: '?' });
  let followerCaughtUp: number | null = null;
  let last = atImportEnd;
  let exchangeWorker: WorkerStatus | null = null;
  for (;;) {
    last = await debtorRecords(ours);
    exchangeWorker = await workerOf('exchange');
    const lag = lagOf(exchangeWorker);
    // The follower has handled as many entries as the import wrote and found nothing beyond its court cursor at its last read:
    // the import's versions are in the outbox, what is left is delivery (to the poll's 500 ms).
    if (followerCaughtUp === null && (exchangeWorker?.processed ?? 0) - processedAtStart >= importEntries && (exchangeWorker?.lag?.['court-debtors'] ?? 1) === 0) followerCaughtUp = Date.now();
    bar.update(Math.min(last.ours, target), { lag });
    if (last.ours >= target) break;
    if (Date.now() - imported > options.timeout * 1_000) {
      failed = true;
      break;
    }
    await sleep(500);
  }
  const done = Date.now();
  bar.stop();
  const cpuAtDone = await cpuSeconds();
  const logAtDone = stack.logs.length;
  const all = await db.query(`SELECT kind, count(*)::int AS versions, count(DISTINCT record_id)::int AS records FROM ${schema}.exchange_record GROUP BY kind ORDER BY kind`).catch(() => ({ rows: [] }));
  // The batches that carried this run's records, by the exchange database's clock (same machine).
  const batches = await db.query(`SELECT count(*)::int AS n, min(written_at) AS first, max(written_at) AS last FROM ${schema}.exchange_batch b
    WHERE EXISTS (SELECT 1 FROM ${schema}.exchange_record r WHERE r.batch_id = b.batch_id AND r.record_id LIKE $1)`, [ours]).catch(() => ({ rows: [{}] }));
  const sinceStart = (at: Date | null | undefined) => (at ? seconds(new Date(at).getTime() - started) : null);
  results.catchUp = {
    target,
    inExchange: last.ours,
    debtorRecordsInSchema: last.all,
    timedOut: failed,
    afterImportSeconds: seconds(done - imported),
    fromImportStartSeconds: seconds(done - started),
    rowsPerSecondFromImportStart: Math.round(last.ours / ((done - started) / 1_000)),
    followerCaughtUpAfterImportSeconds: followerCaughtUp === null ? null : seconds(Math.max(0, followerCaughtUp - imported)),
    batchesWithTheseRecords: batches.rows[0]?.n,
    firstBatchWrittenFromImportStartSeconds: sinceStart(batches.rows[0]?.first),
    lastBatchWrittenFromImportStartSeconds: sinceStart(batches.rows[0]?.last),
    byKind: all.rows,
  };
  results.cpuSeconds = { import: cpuBetween(cpuAtStart, cpuAtImportEnd), afterImport: cpuBetween(cpuAtImportEnd, cpuAtDone) };
  // From the import's start until every record was in the exchange: the feed readers' reads through the gateway.
  results.gatewayRequests = gatewayRequests(logAtStart, logAtDone);
  log(`exchange: ${last.ours}/${target} court records ${failed ? `NOT reached within --timeout ${options.timeout} s` : `${seconds(done - imported)} s after the import ended, ${seconds(done - started)} s after it started`} (${Math.round(last.ours / ((done - started) / 1_000))} rows/s from the import's start); the follower had read them all ${followerCaughtUp === null ? '—' : `${seconds(Math.max(0, followerCaughtUp - imported))} s`} after the import, the first batch with them was written ${sinceStart(batches.rows[0]?.first) ?? '—'} s after the import started`);
  const status = await gql('{ exchangeStatus { state lastError feeds { source seq lag } channels { channel state pending sending delivered accepted refused blocked batchesAwaitingReceipts batchesSending lastError } } }').catch((error) => ({ error: String(error) }));
  results.exchangeStatus = status.exchangeStatus ?? status;
  results.exchangeWorker = exchangeWorker;
  console.log(JSON.stringify(results, null, 2));
  log(`summary: ${target} court rows → ${last.ours} records (DEBTOR_RECORD or DEBTOR_EXIT) in ${schema}; import ${(results.import as any).seconds} s; in the exchange ${seconds(done - imported)} s after the import, ${seconds(done - started)} s from its start (goal ≤ 60 s${failed ? ', timed out' : ''})`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await stack.stop();
  await db.end();
  const problems = stack.logs.filter((line) => /"level":"(error|warn)"|Error|error:/.test(line));
  logStream.end();
  const byProcess: Record<string, number> = {};
  for (const line of problems) {
    const name = /^\[([^\]]+)\]/.exec(line)?.[1] ?? '?';
    byProcess[name] = (byProcess[name] ?? 0) + 1;
  }
  log(`stack log: ${logFile} (${stack.logs.length} lines; errors and warnings by process: ${JSON.stringify(byProcess)})`);
  for (const line of problems.slice(0, 10)) log(`  ${line.slice(0, 400)}`);
}
process.exit(failed ? 1 : 0);
