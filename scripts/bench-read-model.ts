// npm run bench:read-model -- --data-dir data/province [--connections 16] [--duration 10] [--writes 50] [--import-rows 100000] [--rebuild] [--response-cache memory]
//
// The evaluation read model (issue 20) over seeded stores: every subgraph and the gateway as
// processes, then
//   1. the read model built (or rebuilt with --rebuild) from scratch, with a progress bar: how long;
//   2. p50/p95 at N connections of the region answers (warnings, rankings and their next pages,
//      the province's cities ranked, 100 units of a county with their scores), by autocannon in a
//      process of its own;
//   3. freshness: one court listing at a time, how long until the public profile's warnings show it
//      (with --response-cache memory: through the gateway's cache, which the feeds purge);
//   4. catch-up: a court import of --import-rows rows on real units, then how long until every
//      assessment it touched is current.
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { openOrm, signToken } from '../subgraphs/kit/index.js';
import { benchEnvironment } from './bench/environment.js';
import type { LoadResult } from './bench/load.js';
import { runLoad } from './bench/run-load.js';
import { percentiles } from './bench/measure.js';
import { generateCourtRows } from './demo-data/court-debtors.js';
import { postInBatches } from './lib/import-cli.js';
import { freePort, startStack } from './lib/stack.js';
import { readSubgraphList } from './lib/subgraphs.js';

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number');
  return n;
};
const options = new Command()
  .name('bench-read-model')
  .description('Measures the evaluation read model: rebuild, region answers, freshness, catch-up (评价读模型基准)')
  .requiredOption('--data-dir <dir>', 'seeded stores (npm run seed -- --scale province)')
  .option('--connections <n>', 'concurrent connections', positive, 16)
  .option('--duration <seconds>', 'measured seconds per query', positive, 10)
  .option('--writes <n>', 'single listings for the freshness measure', positive, 50)
  .option('--import-rows <n>', 'rows of the catch-up import (0: skip)', positive, 100_000)
  .option('--government-share <n>', 'one row in n of the catch-up import names a registry unit', positive, 20)
  .option('--rebuild', 'rebuild the read model from scratch even when it is current', false)
  .addOption(new Option('--response-cache <kind>', "the gateway's response cache for public answers (CREDIT_RESPONSE_CACHE)").choices(['off', 'memory']).default('off'))
  .parse()
  .opts<{ dataDir: string; connections: number; duration: number; writes: number; importRows: number; governmentShare: number; rebuild: boolean; responseCache: string }>();

const env = benchEnvironment(options.dataDir, { CREDIT_RESPONSE_CACHE: options.responseCache });
process.env.CREDIT_JWT_SECRET = env.CREDIT_JWT_SECRET;
const work = mkdtempSync(join(tmpdir(), 'bench-read-model-'));
const log = (line: string) => console.log(line);

const subgraphs = [];
for (const entry of readSubgraphList()) subgraphs.push({ ...entry, port: await freePort() });
const stack = await startStack({ subgraphs, gatewayPort: await freePort(), env, startTimeoutMs: 300_000 });
const gateway = stack.gatewayUrl;
const evaluationHealth = stack.subgraphs.find((s) => s.name === 'evaluation')!.url.replace(/graphql$/, 'healthz');
const adminToken = `Bearer ${await signToken({ sub: 'bench-admin', roles: ['ADMIN'], expiresIn: '2h' })}`;
const courtToken = await signToken({ sub: 'bench-court', roles: ['COURT'], expiresIn: '2h' });

async function gql(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<any> {
  const response = await fetch(gateway, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data;
}

async function worker(): Promise<{ state: string; done: number; total: number; lag: Record<string, number> }> {
  return ((await (await fetch(evaluationHealth)).json()) as any).worker;
}

async function untilCurrent(label: string): Promise<number> {
  const started = Date.now();
  const bar = new SingleBar({ format: `  ${label} {bar} {percentage}% | {value}/{total} | {duration}s`, noTTYOutput: true, notTTYSchedule: 10_000 }, Presets.shades_classic);
  let shown = false;
  for (;;) {
    const w = await worker();
    if (w.state === 'rebuilding' && w.total > 0) {
      if (!shown) bar.start(w.total, w.done);
      shown = true;
      bar.update(w.done);
    }
    if (w.state === 'current') break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (shown) bar.stop();
  return (Date.now() - started) / 1000;
}

function load(body: string): Promise<LoadResult> {
  return runLoad({ url: gateway, bodies: [body], uniqueTokens: false, connections: options.connections, durationSeconds: options.duration, warmupRequests: 50 }, env, work);
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  dataDir: options.dataDir,
  connections: options.connections,
  durationSeconds: options.duration,
};
try {
  // 1. Build.
  const firstBuild = await untilCurrent('read model');
  if (options.rebuild) {
    await gql('mutation { rebuildIntegrityAssessments }', {}, adminToken);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    results.rebuildSeconds = await untilCurrent('rebuild');
  }
  const status = (await gql('{ integrityReadModel { total done reason } }', {}, adminToken)).integrityReadModel;
  results.organizations = status.total;
  results.firstStartToCurrentSeconds = firstBuild;
  log(`read model current: ${status.total} organizations (${status.reason}); start to current ${firstBuild.toFixed(1)} s${results.rebuildSeconds ? `, rebuild ${results.rebuildSeconds} s` : ''}`);

  // 2. Region answers.
  const page = async (query: string, field: string) => (await gql(query))[field].pageInfo.endCursor as string;
  // The province, its capital (or the demo's one city), and that city's first county.
  const cities = (await gql('{ regions(parentCode: "230000") { code } }')).regions.map((r: { code: string }) => r.code) as string[];
  const city = cities.includes('230100') ? '230100' : cities[0]!;
  const county = (await gql(`{ regions(parentCode: "${city}") { code } }`)).regions[0].code as string;
  const queries: Array<[string, string]> = [];
  for (const code of ['230000', city]) {
    const warnings = `{ warnings(regionCode: "${code}", first: 20) { totalCount pageInfo { endCursor } edges { node { level kind since organization { uscc name } } } } }`;
    const ranking = `{ integrityRanking(regionCode: "${code}", first: 20) { totalCount pageInfo { endCursor } edges { node { rank score grade organization { uscc name } } } } }`;
    queries.push([`warnings ${code}`, warnings], [`warnings ${code}, next page`, warnings.replace('first: 20)', `first: 20, after: "${await page(warnings, 'warnings')}")`)]);
    queries.push([`integrityRanking ${code}`, ranking], [`integrityRanking ${code}, next page`, ranking.replace('first: 20)', `first: 20, after: "${await page(ranking, 'integrityRanking')}")`)]);
  }
  queries.push(['integrityRegionRanking 230000 (13 cities)', '{ integrityRegionRanking(parentCode: "230000") { rank report { regionCode region { name } meanScore organizations } } }']);
  queries.push([`100 organizations of ${county} with integrity`, `{ organizations(filter: { regionCode: "${county}" }, first: 100) { edges { node { uscc name integrity { score grade warnings { level kind } } } } } }`]);
  const latency: Record<string, LoadResult> = {};
  for (const [label, query] of queries) {
    latency[label] = await load(JSON.stringify({ query }));
    log(`${label}: p50 ${latency[label].p50} ms, p95 ${latency[label].p95} ms, ${latency[label].rps} req/s, errors ${latency[label].graphqlErrors + latency[label].non2xx + latency[label].errors}`);
  }
  results.latency = latency;

  // Real units to list: the registry's own (read from its store: this is a harness, not a client).
  const registry = await openOrm({ name: 'registry', entities: [], dbName: join(options.dataDir, 'registry.sqlite') });
  const units = await registry.orm.em.getConnection().execute<Array<{ uscc: string; name: string; regionCode: string }>>('select uscc, name, region_code as "regionCode" from organization where classified = 0 order by uscc');
  await registry.close();

  // 3. Freshness: one listing, then the public warning list of its county until it shows.
  const delays: number[] = [];
  const IMPORT = 'mutation($r: [DebtorRecordInput!]!) { importDebtorRecords(records: $r) { accepted } }';
  for (let i = 0; i < options.writes; i++) {
    const unit = units[(i * 7919) % units.length]!;
    const caseCode = `(2026)黑${String(10 + (i % 80)).padStart(2, '0')}执${90_000 + i}号`;
    const row = { ...generateCourtRows(1, 9_000 + i)[0]!, iname: unit.name, cardNum: unit.uscc, caseCode, regDate: '2026-09-01', publishDate: '2026-10-10' };
    const started = Date.now();
    await gql(IMPORT, { r: [row] }, `Bearer ${courtToken}`);
    for (;;) {
      const data = await gql('query($u: String!) { organization(uscc: $u) { integrity { warnings { sources } } } }', { u: unit.uscc });
      if (data.organization.integrity?.warnings.some((w: any) => w.sources.includes(`DebtorRecord:${caseCode}`))) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    delays.push(Date.now() - started);
  }
  const [p50, p95, max] = percentiles(delays, [50, 95, 100]);
  results.freshness = { writes: delays.length, responseCache: options.responseCache, p50, p95, max };
  log(`freshness over ${delays.length} writes (response cache ${options.responseCache}): ${JSON.stringify(results.freshness)} ms`);

  // 4. Catch-up after a big import.
  if (options.importRows > 0) {
    // Most debtors on a court list are enterprises and people, not bodies in the registry: one row
    // in --government-share (default 1 in 20) names a registry unit, the rest keep the generator's
    // debtor. The read model still looks every named debtor up through the supergraph.
    const rows = generateCourtRows(options.importRows, 424_242).map((row, i) => {
      const caseCode = `(2026)黑${String(10 + (i % 80)).padStart(2, '0')}执${200_000 + i}号`;
      if (i % options.governmentShare !== 0) return { ...row, caseCode };
      const unit = units[(i * 104_729) % units.length]!;
      return { ...row, iname: unit.name, cardNum: unit.uscc, caseCode };
    });
    const touched = new Set(rows.map((r) => r.cardNum)).size;
    const bar = new SingleBar({ format: '  import {bar} {percentage}% | {value}/{total} rows | {duration}s', noTTYOutput: true, notTTYSchedule: 10_000 }, Presets.shades_classic);
    bar.start(rows.length, 0);
    const started = Date.now();
    await postInBatches(rows, { url: gateway, token: courtToken, mutation: 'mutation($rows: [DebtorRecordInput!]!) { importDebtorRecords(records: $rows) { accepted updated unchanged rejected errors { row field code message } } }', resultField: 'importDebtorRecords', batchSize: 2_000, onBatch: (done) => bar.update(done) });
    bar.stop();
    const imported = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await untilCurrent('catch-up');
    const current = Date.now();
    const registryUnits = new Set(rows.filter((_, i) => i % options.governmentShare === 0).map((r) => r.cardNum)).size;
    results.catchUp = { rows: rows.length, debtorsNamed: touched, registryUnitsTouched: registryUnits, importSeconds: (imported - started) / 1000, currentAfterImportSeconds: (current - imported) / 1000 };
    log(`catch-up: ${rows.length} rows naming ${touched} debtors (${registryUnits} registry units) imported in ${((imported - started) / 1000).toFixed(1)} s; every assessment current ${((current - imported) / 1000).toFixed(1)} s after the import ended`);
  }
  console.log(JSON.stringify(results, null, 2));
} finally {
  await stack.stop();
}
