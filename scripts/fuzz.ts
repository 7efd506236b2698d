// npx tsx scripts/fuzz.ts [--requests 10000] [--seed 1] [--concurrency 8] [--tokens] [--json]
//
// Seeds the demo data into a temporary directory, starts every subgraph and the gateway as real
// processes (as `npm start` does), and sends fuzzed requests to the gateway and to each subgraph
// directly (scripts/lib/fuzz.ts). With --tokens, also the forged-token matrix
// (scripts/lib/forged-tokens.ts). Then checks that every process is still running and answers
// /healthz. Exits 1 on any HTTP 5xx, an answer slower than 15 s, a process that exited or a
// token variant that was not refused. Figures: docs/security.md.
import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { buildDemoRegistry } from './demo-data/heihe.js';
import { silentProgress } from '../subgraphs/kit/index.js';
import {
  checkProcesses, demoPools, errorCodes, formatFuzzReport, FUZZ_STACK_ENV, fuzzTargets, generateRequest, groupFailures, OPEN_FINDINGS, processesHealthy, runFuzz, send,
  validAuthorizations, type FuzzContext, type FuzzReport, type ProcessHealth,
} from './lib/fuzz.js';
import { brokenAuthorizations, formatMatrix, tokenMatrixFor, tokenVariants, type MatrixReport } from './lib/forged-tokens.js';
import { terminalProgress } from './lib/seeding.js';
import { startSeededStack } from './lib/temp-stack.js';

const integer = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`an integer ≥ ${min}`);
  return n;
};

const program = new Command()
  .name('fuzz')
  .description('Fuzz the gateway and every subgraph of a freshly seeded stack; optionally the forged-token matrix (模糊测试与伪造令牌)')
  .option('--requests <n>', 'fuzzed requests in all (0: none)', integer(0), 10_000)
  .option('--seed <n>', 'seed: the same seed sends the same requests', integer(0), 1)
  .option('--concurrency <n>', 'requests in flight at once', integer(1), 8)
  .option('--gateway-share <fraction>', 'share of requests sent to the gateway; the rest go to the subgraphs directly', Number, 0.4)
  .option('--tokens', 'also run the forged-token matrix against the gateway and every subgraph', false)
  .option('--replay <index>', 'send only request #index of the seed, and print it and its answer', integer(0))
  .option('--json', 'print a JSON summary on stdout (the tables go to stderr)', false)
  .parse();

const options = program.opts<{ requests: number; seed: number; concurrency: number; gatewayShare: number; tokens: boolean; replay?: number; json: boolean }>();
const say = options.json ? (line: string) => console.error(line) : (line: string) => console.log(line);

const env: NodeJS.ProcessEnv = { ...FUZZ_STACK_ENV, CREDIT_TODAY: process.env.CREDIT_TODAY ?? '2026-11-22' };
const interactive = process.stderr.isTTY && !options.json;

say('seeding the demo data into a temporary directory and starting the stack …');
const seedProgress = interactive ? terminalProgress() : undefined;
const stack = await startSeededStack({ env, prefix: 'credit-fuzz-', progress: seedProgress ?? silentProgress, log: (line) => console.error(line), startTimeoutMs: 120_000 });
seedProgress?.done();
let exitCode = 0;
try {
  const targets = await fuzzTargets(stack);
  const pools = demoPools();
  const variants = await tokenVariants({ secret: env.CREDIT_JWT_SECRET!, issuer: env.CREDIT_JWT_ISSUER, audience: env.CREDIT_JWT_AUDIENCE, uscc: pools.usccs[3]!, otherUscc: pools.usccs[4]! });
  const ctx: FuzzContext = {
    seed: options.seed, targets, pools, gatewayShare: options.gatewayShare,
    validAuthorizations: await validAuthorizations(pools), brokenAuthorizations: brokenAuthorizations(variants),
  };
  say(`targets: ${targets.map((t) => `${t.name} (${t.schema.source}, ${t.schema.types.size} types)`).join(', ')}`);

  if (options.replay !== undefined) {
    const req = generateRequest(ctx, options.replay);
    const target = targets.find((t) => t.name === req.target)!;
    say(`request #${req.index} (${req.kind}) → ${req.target}: ${req.method} ${req.path}`);
    for (const [name, value] of req.headers) say(`  ${name}: ${value.slice(0, 300)}`);
    say(`  body (${(req.raw ?? req.body)?.length ?? 0} bytes): ${(req.raw ?? req.body)?.toString('utf8').slice(0, 2000) ?? ''}`);
    const response = await send(new URL(target.url).origin, req);
    say(`answer: ${response.hang ? 'none within 15 s' : response.status} ${response.error ?? ''} in ${Math.round(response.ms)} ms, codes ${JSON.stringify(errorCodes(response))}`);
    say(response.body.toString('utf8').slice(0, 2000));
    exitCode = response.status >= 500 || response.hang ? 1 : 0;
  } else {
    let report: FuzzReport | null = null;
    if (options.requests > 0) {
      say(`sending ${options.requests} fuzzed requests (seed ${options.seed}, ${options.concurrency} in flight) …`);
      const bar = interactive ? new SingleBar({ format: '  fuzz {bar} {percentage}% | {value}/{total} requests | {duration}s', hideCursor: true }, Presets.shades_classic) : null;
      bar?.start(options.requests, 0);
      let lastTenth = 0;
      report = await runFuzz(ctx, {
        requests: options.requests, concurrency: options.concurrency, processes: [...stack.subgraphs, stack.gateway],
        onProgress: (done) => {
          bar?.update(done);
          const tenth = Math.floor((done * 10) / options.requests);
          if (!bar && tenth > lastTenth) {
            lastTenth = tenth;
            console.error(`  ${done}/${options.requests} requests`);
          }
        },
      });
      bar?.stop();
    }
    let matrix: MatrixReport | null = null;
    if (options.tokens) {
      say('forged-token matrix …');
      matrix = await tokenMatrixFor(targets);
    }
    const processes = await checkProcesses(stack);
    const readyz = await fetch(stack.gatewayUrl.replace(/graphql$/, 'readyz')).then((r) => r.status, (e: Error) => e.name);
    const { counts: logErrors, samples: logErrorSamples } = errorLinesByProcess(stack.logs);

    if (report) say(`\n${formatFuzzReport(report, processes)}`);
    else say(`\n${processesTable(processes)}`);
    say(`gateway /readyz: ${readyz}; error lines in the processes' logs: ${JSON.stringify(logErrors)}`);
    for (const line of logErrorSamples.slice(0, 12)) say(`  ${line}`);
    if (matrix) say(`\n${formatMatrix(matrix)}`);

    const failedCells = matrix?.cells.filter((c) => !c.pass) ?? [];
    const healthy = processesHealthy(processes) && (report?.exits.length ?? 0) === 0;
    const passed = (report?.fiveHundreds.length ?? 0) === 0 && (report?.hangs.length ?? 0) === 0 && healthy && failedCells.length === 0;
    say(`\n${passed ? 'PASSED' : 'FAILED'}: ${report?.fiveHundreds.length ?? 0} answers 5xx, ${report?.hangs.length ?? 0} slower than 15 s, ${processes.filter((p) => !p.alive).length} processes exited, ${processes.filter((p) => p.healthz !== 200).length} unhealthy, ${failedCells.length} token cells not as expected`);
    if (options.json) {
      console.log(JSON.stringify({
        date: new Date().toISOString(),
        command: `npx tsx scripts/fuzz.ts ${process.argv.slice(2).join(' ')}`.trim(),
        commit: gitCommit(),
        machine: { nproc: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version, platform: `${process.platform} ${process.arch}` },
        data: dataSize(),
        passed,
        fuzz: report && {
          ...report,
          fiveHundreds: report.fiveHundreds.slice(0, 100),
          fiveHundredCount: report.fiveHundreds.length,
          openFindings: OPEN_FINDINGS.map((f) => ({ id: f.id, title: f.title, answers: report!.findings[f.id] ?? 0 })),
          fiveHundredsOutsideOpenFindings: report.fiveHundreds.filter((f) => !f.finding),
          failureGroups: groupFailures([...report.fiveHundreds, ...report.hangs]).map((g) => ({ key: g.key, count: g.count, example: g.example })),
          internalErrors: report.internalErrors.slice(0, 100),
          internalErrorCount: report.internalErrors.length,
          internalErrorGroups: groupFailures(report.internalErrors).map((g) => ({ key: g.key, count: g.count, example: g.example })),
        },
        processes,
        gatewayReadyz: readyz,
        logErrors,
        logErrorSamples,
        tokens: matrix && {
          variants: matrix.variants.length,
          mustBeRefused: matrix.variants.filter((v) => v.expect === 'refused').length,
          requests: matrix.cells.length,
          asExpected: matrix.cells.filter((c) => c.pass).length,
          outcomes: tally(matrix.cells.map((c) => `${c.expect} → ${c.outcome}`)),
          failed: failedCells,
          controls: matrix.controls,
          variantList: matrix.variants,
        },
      }, null, 2));
    }
    exitCode = passed ? 0 : 1;
  }
} finally {
  await stack.close();
}
process.exit(exitCode);

function processesTable(processes: ProcessHealth[]): string {
  return processes.map((p) => `${p.name}: ${p.alive ? 'running' : `exited (${p.exitCode ?? p.signal})`}, /healthz ${p.healthz}`).join('\n');
}

/** Lines logged at level error (or "uncaught"/"unhandled"), counted by process, and the first few distinct ones. */
function errorLinesByProcess(logs: string[]): { counts: Record<string, number>; samples: string[] } {
  const counts: Record<string, number> = {};
  const samples = new Map<string, string>();
  for (const line of logs) {
    if (!/"level":"(error|fatal)"|uncaught|unhandled|FATAL ERROR|heap out of memory/i.test(line)) continue;
    const name = /^\[([^\]]+)\]/.exec(line)?.[1] ?? '?';
    counts[name] = (counts[name] ?? 0) + 1;
    // One sample per process and message.
    const key = `${name} ${/"(?:error|msg)":"([^"]{0,80})/.exec(line)?.[1] ?? line.slice(0, 80)}`;
    if (!samples.has(key) && samples.size < 40) samples.set(key, line.slice(0, 400));
  }
  return { counts, samples: [...samples.values()] };
}

function tally(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[item] = (out[item] ?? 0) + 1;
  return out;
}

function gitCommit(): string {
  try {
    return execSync('git describe --always --dirty', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function dataSize(): { scale: string; organizations: number; officials: number } {
  const registry = buildDemoRegistry();
  return { scale: 'demo (黑河市)', organizations: registry.organizations.length, officials: registry.officials.length };
}
