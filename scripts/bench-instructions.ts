// npm run bench:instructions -- --mode off|on|always_off|als [--data-dir data/bench] [--warm 800] [--requests 300]
//
// What tracing costs one subgraph, counted in CPU instructions instead of seconds: the registry
// subgraph runs under `valgrind --tool=callgrind` and answers a fixed list of requests, one at a
// time. Instructions do not depend on what else the machine is doing, so two modes can run side by
// side and a few hundred requests give a figure that repeats, where RPS on this 2-core machine
// spreads ±15 % from minute to minute (docs/benchmarks.md, "Tracing"). Counted: the requests after
// the warm-up, less the process's own background work (its idle rate over 30 s, times the measured
// seconds), per request; the main thread (JavaScript, GC on it) and all threads (the JIT compiling
// in the background too).
//
// Modes: off (no OTLP endpoint), als (off, with an AsyncLocalStorage entered at start, which is
// what makes Node 20 run a hook for every promise), always_off (the SDK and instrumentations loaded,
// nothing recorded: OTEL_TRACES_SAMPLER=always_off), on (every request traced and exported to a
// receiver in this process). Slow: node under callgrind runs about fifty times slower.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { benchEnvironment } from './bench/environment.js';
import { freePort } from './lib/stack.js';
import { startOtlpSink } from './lib/otlp-sink.js';
import { seedSubgraphs, terminalProgress } from './lib/seeding.js';
import { readSubgraphList } from './lib/subgraphs.js';
import { gatewaySignedBody } from '../subgraphs/kit/index.js';

const MODES = ['off', 'als', 'always_off', 'on'] as const;
const program = new Command()
  .name('bench:instructions')
  .description('Instructions per request of the registry subgraph under callgrind, in a tracing mode (链路追踪开销，按指令计数)')
  .requiredOption('--mode <mode>', MODES.join(', '))
  .option('--data-dir <dir>', 'stores to copy; seeded with the demo data when empty', 'data/bench')
  .option('--warm <n>', 'requests before counting (the JIT settles)', Number, 800)
  .option('--requests <n>', 'requests counted', Number, 300)
  .parse();
const options = program.opts<{ mode: (typeof MODES)[number]; dataDir: string; warm: number; requests: number }>();
if (!MODES.includes(options.mode)) program.error(`--mode: one of ${MODES.join(', ')}`);
if (!(options.warm >= 0 && options.requests >= 1)) program.error('--warm ≥ 0, --requests ≥ 1');

const env = benchEnvironment(options.dataDir);
for (const key of Object.keys(env)) if (key.startsWith('OTEL_')) delete env[key];
Object.assign(process.env, env);
const progress = terminalProgress();
await seedSubgraphs({ names: readSubgraphList().map((e) => e.name), scale: 'demo', reset: false, progress, log: (line) => console.error(line) });
progress.done();

const dir = mkdtempSync(join(tmpdir(), `credit-instructions-${options.mode}-`));
cpSync(resolve(options.dataDir), join(dir, 'data'), { recursive: true });
const sink = await startOtlpSink({ keep: false });
const probe = join(dir, 'als-probe.cjs');
writeFileSync(probe, "new (require('node:async_hooks').AsyncLocalStorage)().enterWith({});\n");
const modeEnv: NodeJS.ProcessEnv = {
  off: {},
  als: { NODE_OPTIONS: `--require ${probe}` },
  always_off: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_TRACES_SAMPLER: 'always_off' },
  on: { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint },
}[options.mode];

const port = await freePort();
const child = spawn(
  'valgrind',
  ['--tool=callgrind', '--smc-check=all-non-file', '--separate-threads=yes', `--callgrind-out-file=${join(dir, 'callgrind.out')}`, process.execPath, '--import', 'tsx', 'subgraphs/registry/main.ts'],
  // No gateway to reach: the registry copies nothing from anyone.
  { env: { ...env, ...modeEnv, CREDIT_DATA_DIR: join(dir, 'data'), PORT: String(port), CREDIT_GATEWAY_URL: 'http://127.0.0.1:1/graphql' }, stdio: ['ignore', 'pipe', 'pipe'] },
);
let output = '';
child.stdout!.on('data', (chunk) => (output += chunk));
child.stderr!.on('data', (chunk) => (output += chunk));
const url = `http://127.0.0.1:${port}/graphql`;
console.error(`starting the registry under callgrind (minutes) …`);
for (const started = Date.now(); ; await new Promise((r) => setTimeout(r, 2_000))) {
  if (await fetch(url.replace(/graphql$/, 'healthz')).then((r) => r.ok, () => false)) break;
  if (child.exitCode !== null || Date.now() - started > 900_000) throw new Error(`the registry did not start:\n${output.slice(-3000)}`);
}

async function ask<T>(query: string, variables: Record<string, unknown>, traceparent?: string): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(traceparent ? { traceparent } : {}) }, body: gatewaySignedBody(query, variables, env.CREDIT_GATEWAY_SECRET) });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(JSON.stringify(body).slice(0, 500));
  return body.data;
}
const { organizations } = await ask<{ organizations: { edges: Array<{ node: { uscc: string } }> } }>('{ organizations(first: 100) { edges { node { uscc } } } }', {});
const usccs = organizations.edges.map((e) => e.node.uscc);
// The registry's part of the profile query: the unit, its region and its parent (four DataLoader batches).
const PROFILE_PART = 'query($uscc: String!) { organization(uscc: $uscc) { uscc name kind level officialCount region { code name } parent { uscc name } } }';
// A sampled traceparent, as the gateway sends: the same decision in every mode.
const send = (i: number) => ask(PROFILE_PART, { uscc: usccs[i % usccs.length] }, `00-${(i + 1).toString(16).padStart(32, '0')}-${'1'.padStart(16, '0')}-01`);

console.error(`warming: ${options.warm} requests …`);
for (let i = 0; i < options.warm; i++) await send(i);
await new Promise((r) => setTimeout(r, 6_000)); // the warm-up's spans leave (the SDK's 5 s batch delay)
const control = (...args: string[]) => execFileSync('callgrind_control', [...args, String(child.pid)], { stdio: 'ignore' });
control('-z');
const spansBefore = sink.count();
const IDLE_MS = 30_000;
console.error('idle: 30 s …');
await new Promise((r) => setTimeout(r, IDLE_MS));
control('-d', 'idle');
console.error(`counting: ${options.requests} requests …`);
const started = Date.now();
for (let i = 0; i < options.requests; i++) await send(options.warm + i);
await new Promise((r) => setTimeout(r, 6_000)); // their spans leave too: exporting is part of the cost
const busyMs = Date.now() - started;
control('-d', 'counted');

// Dump 1 is the idle seconds, dump 2 the counted requests; with --separate-threads, thread 01 is the main thread.
const dumps = readdirSync(dir).filter((f) => /^callgrind\.out\.\d+-\d+$/.test(f));
const instructions = (f: string) => Number(/^summary: (\d+)/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? 0);
const total = (dump: number, mainOnly: boolean) => dumps.filter((f) => f.startsWith(`callgrind.out.${dump}-`) && (!mainOnly || f.endsWith('-01'))).reduce((sum, f) => sum + instructions(f), 0);
const perRequest = (mainOnly: boolean) => Math.round((total(2, mainOnly) - (total(1, mainOnly) / IDLE_MS) * busyMs) / options.requests);
const result = { mode: options.mode, requests: options.requests, warm: options.warm, mainThreadPerRequest: perRequest(true), allThreadsPerRequest: perRequest(false), spansPerRequest: (sink.count() - spansBefore) / options.requests, date: new Date().toISOString() };
console.log(JSON.stringify(result));
child.kill('SIGTERM');
await sink.close();
process.exit(0);
