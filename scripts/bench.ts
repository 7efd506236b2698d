// npm run bench -- [--data-dir data/bench] [--duration 10] [--connections 16] [--gateways ours,hive,hive-rust] [--tracing off,on]
//
// Starts the subgraphs once, then, for each scenario and each gateway in turn, a fresh
// gateway process over the same supergraph, and drives it from a separate load process
// (autocannon). Prints a Markdown report; --out writes the figures as JSON too.
// --tracing off,on alternates the modes round by round in the order off on, on off, off on, … (so
// that a machine warming or cooling over the run favours neither), the subgraphs restarted and warmed
// for each round: `on` exports every process's spans over OTLP to a receiver in this process
// (scripts/lib/otlp-sink.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { criticalPath, recordingProxies, type CriticalPath } from './bench/critical-path.js';
import type { LoadResult, LoadSpec } from './bench/load.js';
import { runLoad } from './bench/run-load.js';
import { median, sampleProcesses, subgraphRequestCounts, type ProcessUsage } from './bench/measure.js';
import { benchEnvironment } from './bench/environment.js';
import { benchData } from './bench/data.js';
import { scenarios, type Scenario } from './bench/scenarios.js';
import { seedSubgraphs, terminalProgress } from './lib/seeding.js';
import { freePort, spawnTs, startStack, stopChild, waitForHealth, type Stack, type StackOptions } from './lib/stack.js';
import { readSubgraphList, SUPERGRAPH_FILE } from './lib/subgraphs.js';
import { signToken } from '../subgraphs/kit/index.js';
import type { SafelistManifest } from '../gateway/plugins/safelist.js';
import { SAFELIST_FILE } from './lib/safelist.js';
import { startOtlpSink, type OtlpSink } from './lib/otlp-sink.js';

type GatewayName = 'ours' | 'ours-cached' | 'hive' | 'hive-rust';
const GATEWAY_LABELS: Record<GatewayName, string> = {
  ours: 'ours (Apollo Gateway + plugins)',
  'ours-cached': 'ours, response cache on',
  hive: 'Hive Gateway 2.15 (JS planner)',
  'hive-rust': 'Hive Gateway + Rust planner',
};

const program = new Command()
  .name('bench')
  .description('Load-test the federation behind our gateway and behind Hive Gateway (压力测试)')
  .option('--data-dir <dir>', 'stores to serve; seeded with the demo data when empty', 'data/bench')
  .option('--duration <seconds>', 'measured seconds per scenario and gateway', Number, 10)
  .option('--connections <n>', 'concurrent connections of the load driver', Number, 16)
  .option('--warmup <n>', 'requests sent before measuring', Number, 200)
  .option('--warm-subgraphs <seconds>', 'unmeasured load per scenario before its first gateway, so no gateway meets cold subgraphs', Number, 15)
  .option('--scenarios <list>', 'profile,region,portal', 'profile,region,portal')
  .option('--gateways <list>', 'ours,hive,hive-rust', 'ours,hive,hive-rust')
  .option('--repeat <n>', 'rounds of every scenario, each round starting with the next gateway; ratios use medians', Number, 1)
  .option('--workers <n>', 'cluster workers of our gateway (CREDIT_GATEWAY_WORKERS)', Number, 1)
  .option('--no-overhead', 'skip the gateway-overhead measurement (critical path)')
  .option('--tracing <modes>', 'off, on, or off,on: OpenTelemetry tracing of every process, exported to an in-process OTLP receiver', 'off')
  .option('--cpu-prof <dir>', 'every gateway and subgraph process writes a V8 CPU profile (.cpuprofile) into this folder when it stops')
  .option('--out <file>', 'also write the figures as JSON')
  .parse();

const options = program.opts<{
  dataDir: string; duration: number; connections: number; warmup: number; warmSubgraphs: number; scenarios: string; gateways: string;
  workers: number; repeat: number; overhead: boolean; out?: string; tracing: string; cpuProf?: string;
}>();
const tracingModes = options.tracing.split(',').map((m) => m.trim());
if (tracingModes.length === 0 || tracingModes.some((m) => m !== 'on' && m !== 'off')) program.error('--tracing: off, on or off,on');

const env = benchEnvironment(options.dataDir, options.cpuProf ? { CREDIT_CPU_PROF_DIR: resolve(options.cpuProf) } : {});
Object.assign(process.env, env); // this process seeds and signs tokens with the same settings

const entries = readSubgraphList();
const work = mkdtempSync(join(tmpdir(), 'credit-bench-'));

console.error(`seeding ${options.dataDir} if empty …`);
const progress = terminalProgress();
await seedSubgraphs({ names: entries.map((e) => e.name), scale: 'demo', reset: false, progress, log: (line) => console.error(line) });
progress.done();

const subgraphs: StackOptions['subgraphs'] = [];
for (const entry of entries) subgraphs.push({ ...entry, port: await freePort() });
// Tracing on: spans counted (not kept) by a receiver here, batches sent at the SDK's default pace.
const sink: OtlpSink | undefined = tracingModes.includes('on') ? await startOtlpSink({ keep: false }) : undefined;
/** The processes' environment in a tracing mode. */
const envFor = (tracing: string): NodeJS.ProcessEnv => (tracing === 'on' ? { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: sink!.endpoint } : env);
/** The subgraphs, on the same ports in every tracing mode (the supergraph names them). */
const startSubgraphs = (tracing: string) => startStack({ subgraphs, gatewayPort: 0, gateway: false, env: envFor(tracing), startTimeoutMs: 180_000 });
let tracing = tracingModes[0]!;
let stack: Stack = await startSubgraphs(tracing);

// The same supergraph for every gateway, its routing URLs pointing at this run's subgraphs.
let supergraphCopies = 0;
function supergraphFor(urls: Record<string, string>): string {
  const file = join(work, `supergraph-${++supergraphCopies}.graphql`);
  const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8').replace(/@join__graph\(name: "([^"]+)", url: "[^"]+"\)/g, (_m, name: string) => `@join__graph(name: "${name}", url: "${urls[name]}")`);
  writeFileSync(file, sdl);
  return file;
}
const subgraphUrls = Object.fromEntries(stack.subgraphs.map((s) => [s.name, s.url]));
const supergraph = supergraphFor(subgraphUrls);

interface RunningGateway {
  url: string;
  pids: number[];
  stop(): Promise<void>;
}

async function startGateway(name: GatewayName, supergraphFile: string): Promise<RunningGateway> {
  const port = await freePort();
  const child = name.startsWith('ours')
    ? spawnTs('gateway/main.ts', {
      ...envFor(tracing),
      PORT: String(port),
      CREDIT_SUPERGRAPH: supergraphFile,
      CREDIT_RESPONSE_CACHE: name === 'ours-cached' ? 'memory' : 'off',
      CREDIT_GATEWAY_WORKERS: String(options.workers),
    })
    : spawnTs('scripts/bench/hive-gateway.mjs', env, ['--supergraph', supergraphFile, '--port', String(port), ...(name === 'hive-rust' ? ['--rust'] : [])]);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const health = name.startsWith('ours') ? 'healthz' : 'healthcheck';
  try {
    await waitForHealth(name, `http://127.0.0.1:${port}/${health}`, child, 60_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output.slice(-3000)}`);
  }
  const workerPids = [...output.matchAll(/"workerPid":(\d+)/g)].map((m) => Number(m[1]));
  return { url: `http://127.0.0.1:${port}/graphql`, pids: [child.pid!, ...workerPids], stop: () => stopChild(child) };
}

function load(spec: LoadSpec): Promise<LoadResult> {
  return runLoad(spec, env, work);
}

/** The first request's answer through a gateway, compared across gateways. */
async function answer(url: string, body: string, uniqueTokens: boolean): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (uniqueTokens) headers.authorization = `Bearer ${await signToken({ sub: 'bench-check', roles: ['AUDITOR'] })}`;
  const response = await fetch(url, { method: 'POST', headers, body });
  const json = (await response.json()) as { data?: unknown; errors?: unknown[] };
  if (json.errors) return `errors: ${JSON.stringify(json.errors).slice(0, 300)}`;
  return JSON.stringify(json.data);
}

/**
 * Subgraph requests per client request, counted on the subgraphs over requests sent one at a
 * time (under load, requests still in flight when the driver stops would blur the count).
 * Sent after the load, so for the cached run it is the steady state.
 */
async function subgraphRequestsPerRequest(url: string, scenario: Scenario): Promise<number> {
  const sample = scenario.requests.slice(0, 20);
  // The gateway may still be answering requests the driver gave up on when it stopped.
  const total = async () => Object.values(await subgraphRequestCounts(stack.subgraphs)).reduce((a, b) => a + b, 0);
  for (let last = -1, now = await total(); now !== last; last = now, now = await total()) await new Promise((r) => setTimeout(r, 500));
  const before = await subgraphRequestCounts(stack.subgraphs);
  for (const request of sample) await answer(url, request.body, scenario.uniqueTokens);
  const after = await subgraphRequestCounts(stack.subgraphs);
  return Object.keys(after).reduce((sum, k) => sum + after[k]! - before[k]!, 0) / sample.length;
}

interface Row {
  scenario: Scenario['name'];
  gateway: GatewayName;
  tracing: string;
  load: LoadResult;
  gatewayUsage: ProcessUsage;
  subgraphRequestsPerClientRequest: number;
  /** Mean CPU % of each subgraph process during the run. */
  subgraphCpu: Record<string, number>;
  sameAnswerAsOurs: boolean;
}

const data = await benchData(subgraphUrls.registry!, env);
const safelist = JSON.parse(readFileSync(SAFELIST_FILE, 'utf8')) as SafelistManifest;
const portalQueries = new Map(safelist.operations.map((op) => [op.name, op.body]));
const wanted = new Set(options.scenarios.split(','));
const gateways = options.gateways.split(',') as GatewayName[];
const rows: Row[] = [];
const subgraphUsage: Record<string, number> = {};
let subgraphGroups = Object.fromEntries(stack.subgraphs.map((s) => [s.name, [s.child.pid!]]));
const overhead: Array<{ scenario: string; gateway: GatewayName; p50: number; path: CriticalPath }> = [];
const spansReceived: Record<string, number> = {};

/** The runs in order: one pass with every round for one mode; with two modes, one pass per round and mode, alternating. */
const rounds = Array.from({ length: options.repeat }, (_, round) => round);
const passes: Array<{ mode: string; rounds: number[] }> = tracingModes.length === 1
  ? [{ mode: tracingModes[0]!, rounds }]
  : rounds.flatMap((round) => (round % 2 ? [...tracingModes].reverse() : tracingModes).map((mode) => ({ mode, rounds: [round] })));

for (const [passIndex, pass] of passes.entries()) {
if (passIndex > 0) {
  await stack.stop();
  tracing = pass.mode;
  stack = await startSubgraphs(tracing);
  subgraphGroups = Object.fromEntries(stack.subgraphs.map((s) => [s.name, [s.child.pid!]]));
}
const spansBefore = sink?.count() ?? 0;
try {
  for (const scenario of scenarios(data, portalQueries).filter((s) => wanted.has(s.name))) {
    const kinds: GatewayName[] = scenario.name === 'portal' && gateways.includes('ours') ? [...gateways, 'ours-cached'] : gateways;
    // Rounds rotate the order, so no gateway always runs first (or last) on a busy machine.
    const runs = pass.rounds.map((round) => [...kinds.slice(round % kinds.length), ...kinds.slice(0, round % kinds.length)]).flat();
    let reference: string | undefined;
    for (const [index, name] of runs.entries()) {
      console.error(`${scenario.title} — ${GATEWAY_LABELS[name]}${tracingModes.length > 1 || tracing === 'on' ? `, tracing ${tracing}` : ''} …`);
      const gateway = await startGateway(name, supergraph);
      try {
        if (index === 0 && options.warmSubgraphs > 0) {
          // Subgraphs' JIT and SQLite page caches warm here, not during the first gateway's run.
          await load({ url: gateway.url, bodies: scenario.requests.map((r) => r.body), uniqueTokens: scenario.uniqueTokens, connections: options.connections, durationSeconds: options.warmSubgraphs, warmupRequests: 0 });
        }
        const first = await answer(gateway.url, scenario.requests[0]!.body, scenario.uniqueTokens);
        reference ??= first;
        const sampler = sampleProcesses({ gateway: gateway.pids, ...subgraphGroups });
        const result = await load({
          url: gateway.url,
          bodies: scenario.requests.map((r) => r.body),
          uniqueTokens: scenario.uniqueTokens,
          connections: options.connections,
          durationSeconds: options.duration,
          warmupRequests: options.warmup,
        });
        const usage = await sampler.stop();
        const fanOut = await subgraphRequestsPerRequest(gateway.url, scenario);
        for (const s of stack.subgraphs) subgraphUsage[s.name] = Math.max(subgraphUsage[s.name] ?? 0, usage[s.name]!.maxRssMiB);
        rows.push({
          scenario: scenario.name,
          gateway: name,
          tracing,
          load: result,
          gatewayUsage: usage.gateway!,
          subgraphRequestsPerClientRequest: fanOut,
          subgraphCpu: Object.fromEntries(stack.subgraphs.map((sg) => [sg.name, usage[sg.name]!.cpuPercent])),
          sameAnswerAsOurs: first === reference,
        });
        console.error(`  ${result.rps.toFixed(0)} rps, p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, errors ${result.graphqlErrors + result.non2xx + result.errors}`);

        if (options.overhead && scenario.name !== 'portal' && !name.endsWith('cached') && passIndex === 0) {
          const single = await load({ url: gateway.url, bodies: [scenario.requests[0]!.body], uniqueTokens: scenario.uniqueTokens, connections: 1, durationSeconds: 8, warmupRequests: 50 });
          overhead.push({ scenario: scenario.name, gateway: name, p50: single.p50, path: undefined as unknown as CriticalPath });
        }
      } finally {
        await gateway.stop();
      }
    }
    if (options.overhead && scenario.name !== 'portal' && passIndex === 0) {
      // One request through our gateway with recording proxies in front of the subgraphs.
      const recorder = await recordingProxies(stack.subgraphs);
      const recorded = await startGateway('ours', supergraphFor(recorder.urls));
      await answer(recorded.url, scenario.requests[0]!.body, scenario.uniqueTokens); // warm
      recorder.fetches.length = 0;
      await answer(recorded.url, scenario.requests[0]!.body, scenario.uniqueTokens);
      await recorded.stop();
      await recorder.close();
      const path = await criticalPath(recorder.fetches);
      for (const o of overhead.filter((o) => o.scenario === scenario.name)) o.path = path;
    }
  }
} finally {
  if (passIndex === passes.length - 1) await stack.stop();
}
if (tracing === 'on') {
  // The last batches leave within the SDK's 5 s schedule delay.
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  spansReceived.on = (spansReceived.on ?? 0) + (sink?.count() ?? 0) - spansBefore;
}
}
await sink?.close();

// ---- report ----
/** The federation's CPU time per answered request: every process's mean CPU % over the run ÷ RPS. */
const cpuMsPerRequest = (row: Row): number =>
  ((row.gatewayUsage.cpuPercent + Object.values(row.subgraphCpu).reduce((a, b) => a + b, 0)) / 100) * 1000 / row.load.rps;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const lines: string[] = [];
lines.push(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
lines.push(`Data: ${options.dataDir}; load: ${options.connections} connections, ${options.duration} s measured after ${options.warmup} warm-up requests; our gateway workers: ${options.workers}; tracing: ${tracingModes.join(', ')}${spansReceived.on !== undefined ? ` (${spansReceived.on} spans received while on)` : ''}`);
lines.push('');
lines.push('| scenario | gateway | tracing | RPS | p50 ms | p95 ms | p99 ms | errors | gateway CPU % | gateway RSS MiB | subgraph req / request | same answer |');
lines.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
for (const row of rows) {
  const errors = row.load.graphqlErrors + row.load.non2xx + row.load.errors;
  lines.push(`| ${row.scenario} | ${GATEWAY_LABELS[row.gateway]} | ${row.tracing} | ${fmt(row.load.rps, 0)} | ${fmt(row.load.p50)} | ${fmt(row.load.p95)} | ${fmt(row.load.p99)} | ${errors} | ${fmt(row.gatewayUsage.cpuPercent, 0)} | ${fmt(row.gatewayUsage.maxRssMiB, 0)} | ${fmt(row.subgraphRequestsPerClientRequest, 2)} | ${row.sameAnswerAsOurs ? 'yes' : 'NO'} |`);
}
lines.push('');
const names = stack.subgraphs.map((sg) => sg.name);
lines.push(`Where the CPU went (mean % of one core; the machine has ${cpus().length * 100} %):`);
lines.push('');
lines.push(`| scenario | gateway | tracing | gateway | ${names.join(' | ')} | CPU ms / request |`);
lines.push(`|---|---|---|---:|${names.map(() => '---:').join('|')}|---:|`);
for (const row of rows) {
  lines.push(`| ${row.scenario} | ${row.gateway} | ${row.tracing} | ${fmt(row.gatewayUsage.cpuPercent, 0)} | ${names.map((n) => fmt(row.subgraphCpu[n]!, 0)).join(' | ')} | ${fmt(cpuMsPerRequest(row))} |`);
}
lines.push('');
lines.push('CPU ms / request: the gateway\'s and every subgraph\'s CPU time over the measured seconds ÷ requests answered (the load driver and this process not counted). On a saturated machine it is what RPS is made of, with less round-to-round noise.');
lines.push('');
lines.push(options.repeat > 1 ? `Ratios of the medians over ${options.repeat} rounds (ours ÷ other, RPS; p95 ours vs other):` : 'Ratios (ours ÷ other, RPS; p95 ours vs other):');
const medianOf = (scenario: string, gateway: GatewayName, mode = tracingModes[0]) => {
  const runs = rows.filter((r) => r.scenario === scenario && r.gateway === gateway && r.tracing === mode);
  return runs.length ? { rps: median(runs.map((r) => r.load.rps)), p95: median(runs.map((r) => r.load.p95)), cpuMs: median(runs.map(cpuMsPerRequest)) } : undefined;
};
for (const scenario of [...new Set(rows.map((r) => r.scenario))]) {
  const ours = medianOf(scenario, 'ours');
  if (!ours) continue;
  for (const gateway of [...new Set(rows.filter((r) => r.scenario === scenario && r.gateway !== 'ours').map((r) => r.gateway))]) {
    const other = medianOf(scenario, gateway)!;
    const label = gateway === 'ours-cached' ? 'cache on ÷ cache off' : `ours ÷ ${gateway}`;
    const ratio = gateway === 'ours-cached' ? other.rps / ours.rps : ours.rps / other.rps;
    lines.push(`- ${scenario}: ${label} = ${fmt(ratio, 2)} × RPS (${fmt(ours.rps, 0)} vs ${fmt(other.rps, 0)}); p95 ${fmt(ours.p95)} vs ${fmt(other.p95)} ms`);
  }
  const traced = tracingModes.length > 1 ? medianOf(scenario, 'ours', 'on') : undefined;
  const untraced = medianOf(scenario, 'ours', 'off');
  if (traced && untraced) {
    lines.push(`- ${scenario}: tracing on ÷ off = ${fmt(traced.rps / untraced.rps, 2)} × RPS (${fmt(traced.rps, 0)} vs ${fmt(untraced.rps, 0)}); p95 ${fmt(traced.p95)} vs ${fmt(untraced.p95)} ms; CPU per request ${fmt(traced.cpuMs)} vs ${fmt(untraced.cpuMs)} ms = ${fmt(traced.cpuMs / untraced.cpuMs, 2)} ×`);
  }
}
if (overhead.length) {
  lines.push('');
  lines.push('Gateway overhead at 1 connection (p50 through the gateway vs the subgraphs\' own p50s along the plan\'s critical path, measured directly):');
  for (const key of [...new Set(overhead.map((o) => `${o.scenario}|${o.gateway}`))]) {
    const runs = overhead.filter((o) => `${o.scenario}|${o.gateway}` === key);
    const { scenario, gateway, path } = runs[0]!;
    const p50 = median(runs.map((o) => o.p50));
    lines.push(`- ${scenario}, ${gateway}: p50 ${fmt(p50)} ms${runs.length > 1 ? ` (median of ${runs.length}: ${runs.map((o) => fmt(o.p50)).join(', ')})` : ''} vs critical path ${fmt(path.totalMs)} ms (${path.fetches} fetches; ${path.chain}) = ${fmt(p50 / path.totalMs, 2)} ×; vs the plan replayed stage by stage ${fmt(path.stagedMs)} ms = ${fmt(p50 / path.stagedMs, 2)} ×`);
  }
}
lines.push('');
lines.push(`Subgraph peak RSS (MiB): ${Object.entries(subgraphUsage).map(([n, v]) => `${n} ${fmt(v, 0)}`).join(', ')}`);
console.log(lines.join('\n'));
if (options.out) writeFileSync(options.out, JSON.stringify({ date: new Date().toISOString(), options, data: { ...data, usccs: data.usccs.length }, rows, overhead, subgraphUsage }, null, 2));
