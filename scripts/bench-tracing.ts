// npm run bench:tracing -- [--data-dir data/bench] [--modes off,on] [--rounds 4] [--windows 3] [--duration 20] [--warm 15] [--connections 16] [--out F]
//
// What tracing costs, measured in pairs: two whole federations (a gateway and every subgraph, each on
// its own copy of the data) run side by side on this machine at the same time, one in each mode,
// each driven by half the connections over the same seconds, and the figure is the ratio of their
// RPS. Run one after the other (`npm run bench -- --tracing off,on`), the same mode's rounds spread
// by ±15 % on this machine from minute to minute, more than the effect measured; side by side,
// whatever slows the machine slows both and leaves the ratio. Each round starts both federations
// afresh and swaps which of them starts first, then measures several windows. `--modes off,off`
// measures the method's own noise.
//
// Modes: `off` (no OTLP endpoint: nothing of the SDK loads), `on` (every request traced and
// exported to a receiver in this process, scripts/lib/otlp-sink.ts), `on@R` (the same, sampling
// a share R of requests: parentbased_traceidratio; `on@0` loads everything and records nothing).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { benchData } from './bench/data.js';
import { benchEnvironment } from './bench/environment.js';
import type { LoadResult } from './bench/load.js';
import { median, sampleProcesses } from './bench/measure.js';
import { runLoad } from './bench/run-load.js';
import { scenarios } from './bench/scenarios.js';
import { startOtlpSink } from './lib/otlp-sink.js';
import { SAFELIST_FILE } from './lib/safelist.js';
import { seedSubgraphs, terminalProgress } from './lib/seeding.js';
import { freePort, startStack, type Stack } from './lib/stack.js';
import { readSubgraphList } from './lib/subgraphs.js';
import type { SafelistManifest } from '../gateway/plugins/safelist.js';
import { signToken } from '../subgraphs/kit/index.js';

const program = new Command()
  .name('bench:tracing')
  .description('What OpenTelemetry tracing costs: two federations side by side, one traced (链路追踪开销，成对测量)')
  .option('--data-dir <dir>', 'stores to copy for each federation; seeded with the demo data when empty', 'data/bench')
  .option('--modes <a,b>', 'the two modes compared: off, on, on@RATIO', 'off,on')
  .option('--rounds <n>', 'rounds, each with both federations started afresh', Number, 4)
  .option('--windows <n>', 'measured windows per round', Number, 3)
  .option('--duration <seconds>', 'measured seconds per window', Number, 20)
  .option('--warm <seconds>', 'unmeasured load per round before measuring', Number, 15)
  .option('--connections <n>', 'connections in all, half for each federation', Number, 16)
  .option('--out <file>', 'also write the figures as JSON')
  .parse();

const options = program.opts<{ dataDir: string; modes: string; rounds: number; windows: number; duration: number; warm: number; connections: number; out?: string }>();
const modes = options.modes.split(',').map((m) => m.trim());
if (modes.length !== 2 || modes.some((m) => !/^(off|on|on@(0|1|0?\.\d+))$/.test(m))) program.error('--modes: two of off, on, on@RATIO (e.g. off,on or off,on@0.1)');
if (!(options.rounds >= 1 && options.windows >= 1 && options.duration >= 1 && options.connections >= 2)) program.error('--rounds, --windows, --duration ≥ 1, --connections ≥ 2');

const env = benchEnvironment(options.dataDir);
for (const key of Object.keys(env)) if (key.startsWith('OTEL_')) delete env[key]; // the modes alone decide
Object.assign(process.env, env);

console.error(`seeding ${options.dataDir} if empty …`);
const entries = readSubgraphList();
const progress = terminalProgress();
await seedSubgraphs({ names: entries.map((e) => e.name), scale: 'demo', reset: false, progress, log: (line) => console.error(line) });
progress.done();

// Evaluation builds its read model from the other subgraphs when its store is new: done once here, so
// that neither federation spends its measured seconds on it.
{
  const subgraphs = [];
  for (const entry of entries) subgraphs.push({ ...entry, port: await freePort() });
  const stack = await startStack({ subgraphs, gatewayPort: await freePort(), env, startTimeoutMs: 180_000 });
  try {
    const authorization = `Bearer ${await signToken({ sub: 'bench-tracing', roles: ['AUDITOR'] })}`;
    for (let state = ''; state !== 'current'; await new Promise((r) => setTimeout(r, 1_000))) {
      const response = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ integrityReadModel { state done total } }' }) });
      const status = ((await response.json()) as { data?: { integrityReadModel: { state: string; done: number; total: number } } }).data?.integrityReadModel;
      if (status?.state !== state) console.error(`evaluation read model: ${status?.state} ${status?.done ?? 0}/${status?.total ?? 0}`);
      state = status?.state ?? '';
    }
  } finally {
    await stack.stop();
  }
}

// Each federation writes (audit entries, operation usage) to a copy of its own, so neither waits on the other's locks.
const work = mkdtempSync(join(tmpdir(), 'credit-bench-tracing-'));
const dataDirs = modes.map((_, i) => {
  const dir = join(work, `data-${i}`);
  cpSync(resolve(options.dataDir), dir, { recursive: true });
  return dir;
});
const sink = modes.some((m) => m !== 'off') ? await startOtlpSink({ keep: false }) : undefined;

function envFor(mode: string, dataDir: string): NodeJS.ProcessEnv {
  const base = { ...env, CREDIT_DATA_DIR: dataDir, CREDIT_RESPONSE_CACHE: 'off', CREDIT_GATEWAY_WORKERS: '1' };
  if (mode === 'off') return base;
  const ratio = mode.startsWith('on@') ? mode.slice(3) : undefined;
  return { ...base, OTEL_EXPORTER_OTLP_ENDPOINT: sink!.endpoint, ...(ratio ? { OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: ratio } : {}) };
}

async function startFederation(index: number): Promise<Stack> {
  const subgraphs = [];
  for (const entry of entries) subgraphs.push({ ...entry, port: await freePort() });
  return startStack({ subgraphs, gatewayPort: await freePort(), env: envFor(modes[index]!, dataDirs[index]!), startTimeoutMs: 180_000 });
}

/** Each process of a federation, by name: `0:gateway`, `1:registry`, … (the federation's index first). */
const processesOf = (stack: Stack, index: number) => Object.fromEntries([stack.gateway, ...stack.subgraphs].map((p) => [`${index}:${p.name}`, [p.child.pid!]]));
const half = Math.floor(options.connections / 2);

interface Window {
  round: number;
  startedFirst: string;
  rps: number[];
  cpuMsPerRequest: number[];
  /** Each process's CPU ms per request answered by its federation, in each mode. */
  processCpuMsPerRequest: Array<Record<string, number>>;
  p95: number[];
  errors: number[];
  spans: number;
}
const windows: Window[] = [];
let profile: ReturnType<typeof scenarios>[number] | undefined;
// Each driver signs its tokens before its start (never while the other measures): ample for 100 requests a second.
const tokens = (seconds: number) => Math.max(1_000, seconds * 100);

for (let round = 0; round < options.rounds; round++) {
  // Started one after the other (sixteen processes compiling at once would time out), the other one first each round.
  const order = round % 2 ? [1, 0] : [0, 1];
  const stacks: Stack[] = [];
  for (const index of order) stacks[index] = await startFederation(index);
  try {
    if (!profile) {
      const data = await benchData(stacks[0]!.subgraphs.find((s) => s.name === 'registry')!.url, env);
      const safelist = JSON.parse(readFileSync(SAFELIST_FILE, 'utf8')) as SafelistManifest;
      profile = scenarios(data, new Map(safelist.operations.map((op) => [op.name, op.body]))).find((s) => s.name === 'profile')!;
    }
    const drive = (seconds: number, startAt: number) =>
      Promise.all(stacks.map((stack) => runLoad({ url: stack.gatewayUrl, bodies: profile!.requests.map((r) => r.body), uniqueTokens: true, tokens: tokens(seconds), connections: half, durationSeconds: seconds, warmupRequests: 0, startAt }, env, work)));
    // Both drivers start at the same instant, a few seconds from now (time to start and sign).
    const soon = () => Date.now() + 8_000;
    console.error(`round ${round + 1}/${options.rounds}: warming ${options.warm} s …`);
    if (options.warm > 0) await drive(options.warm, soon());
    for (let window = 0; window < options.windows; window++) {
      const spansBefore = sink?.count() ?? 0;
      const startAt = soon();
      const sampling = new Promise<ReturnType<typeof sampleProcesses>>((resolve) =>
        setTimeout(() => resolve(sampleProcesses({ ...processesOf(stacks[0]!, 0), ...processesOf(stacks[1]!, 1) })), startAt - Date.now()));
      const results: LoadResult[] = await drive(options.duration, startAt);
      const usage = await (await sampling).stop();
      // CPU % of one core → ms of CPU per request answered by that federation.
      const perProcess = results.map((r, i) =>
        Object.fromEntries(Object.entries(usage).filter(([key]) => key.startsWith(`${i}:`)).map(([key, u]) => [key.slice(2), ((u.cpuPercent / 100) * 1000) / r.rps])));
      const row: Window = {
        round: round + 1,
        startedFirst: modes[order[0]!]!,
        rps: results.map((r) => r.rps),
        cpuMsPerRequest: perProcess.map((processes) => Object.values(processes).reduce((a, b) => a + b, 0)),
        processCpuMsPerRequest: perProcess,
        p95: results.map((r) => r.p95),
        errors: results.map((r) => r.errors + r.non2xx + r.graphqlErrors),
        spans: (sink?.count() ?? 0) - spansBefore,
      };
      windows.push(row);
      console.error(`  ${modes[0]} ${row.rps[0]!.toFixed(1)} rps, ${modes[1]} ${row.rps[1]!.toFixed(1)} rps: ${(row.rps[1]! / row.rps[0]!).toFixed(3)} ×; errors ${row.errors.join(', ')}`);
    }
  } finally {
    await Promise.all(stacks.map((s) => s.stop()));
  }
}
await sink?.close();

// ---- report ----
/** A 90 % interval for the median ratio: the median of windows drawn with replacement, 10,000 times. */
function bootstrap(values: number[]): [number, number] {
  let seed = 12345; // fixed, so the same windows always give the same interval
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const medians = Array.from({ length: 10_000 }, () => median(values.map(() => values[Math.floor(random() * values.length)]!))).sort((a, b) => a - b);
  return [medians[500]!, medians[9_499]!];
}
const ratios = windows.map((r) => r.rps[1]! / r.rps[0]!);
const cpuRatios = windows.map((r) => r.cpuMsPerRequest[1]! / r.cpuMsPerRequest[0]!);
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const lines: string[] = [];
lines.push(`Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString()}`);
lines.push(`Data: ${options.dataDir} (a copy per federation); profile scenario, ${half} connections per federation; ${options.rounds} rounds of ${options.warm} s warm-up and ${options.windows} windows of ${options.duration} s`);
lines.push('');
lines.push(`| round | window | started first | ${modes[0]} RPS | ${modes[1]} RPS | ${modes[1]} ÷ ${modes[0]} | CPU ms / request ${modes[0]} → ${modes[1]} | p95 ms ${modes[0]} / ${modes[1]} | errors | spans |`);
lines.push('|---:|---:|---|---:|---:|---:|---|---|---:|---:|');
for (const [i, r] of windows.entries()) {
  lines.push(`| ${r.round} | ${(i % options.windows) + 1} | ${r.startedFirst} | ${fmt(r.rps[0]!)} | ${fmt(r.rps[1]!)} | ${fmt(ratios[i]!, 3)} | ${fmt(r.cpuMsPerRequest[0]!)} → ${fmt(r.cpuMsPerRequest[1]!)} | ${fmt(r.p95[0]!, 0)} / ${fmt(r.p95[1]!, 0)} | ${r.errors.join(' / ')} | ${r.spans} |`);
}
const [low, high] = bootstrap(ratios);
lines.push('');
lines.push(`${modes[1]} ÷ ${modes[0]}, RPS over the same seconds: median ${fmt(median(ratios), 3)} × over ${ratios.length} windows (90 % bootstrap interval ${fmt(low, 3)}–${fmt(high, 3)}; windows ${fmt(Math.min(...ratios), 3)}–${fmt(Math.max(...ratios), 3)}); CPU per request median ${fmt(median(cpuRatios), 3)} ×`);
const names = Object.keys(windows[0]?.processCpuMsPerRequest[0] ?? {});
lines.push('');
lines.push(`Where it went: each process's CPU ms per request, medians over the windows, ${modes[0]} → ${modes[1]}:`);
lines.push('');
lines.push(`| ${names.join(' | ')} |`);
lines.push(`|${names.map(() => '---').join('|')}|`);
lines.push(`| ${names.map((n) => `${fmt(median(windows.map((w) => w.processCpuMsPerRequest[0]![n]!)))} → ${fmt(median(windows.map((w) => w.processCpuMsPerRequest[1]![n]!)))}`).join(' | ')} |`);
console.log(lines.join('\n'));
if (options.out) writeFileSync(options.out, JSON.stringify({ date: new Date().toISOString(), options, windows, ratio: { median: median(ratios), interval: [low, high] }, cpuRatio: median(cpuRatios) }, null, 2));
