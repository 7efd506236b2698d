// What the import benchmarks share (scripts/bench-court-import.ts, bench-dishonesty-import.ts,
// bench-contracts.ts): subgraph processes of their own on free ports over a throwaway data
// directory, the import passes timed over HTTP exactly as the import CLIs post them, the JSON
// summary, and the clean-up whatever happens.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError } from 'commander';
import { config, silentProgress } from '../../subgraphs/kit/index.js';
import { postInBatches } from './import-cli.js';
import { seedSubgraphs } from './seeding.js';
import { freePort, spawnTs, stopChild, waitForHealth } from './stack.js';

/** A commander parser of a whole number from 1 to `max`. */
export const positive = (max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`1 to ${max}`);
  return n;
};

export interface BenchSubgraph {
  url: string;
  child: ChildProcess;
}

export interface BenchWorkspace {
  /** The throwaway data directory (CREDIT_DATA_DIR of every process started here). */
  dataDir: string;
  /**
   * Starts `subgraphs/<name>/main.ts` on a free port over the workspace's data directory (its
   * store empty unless something was put there first) and waits until it answers /healthz. Its
   * standard error shows on this one's; `env` is added to this process's environment.
   */
  start(name: string, env?: NodeJS.ProcessEnv): Promise<BenchSubgraph>;
}

/**
 * Runs `bench` in a workspace of its own (a temporary directory named from `prefix`), then stops
 * every subgraph it started and removes the directory, also when the benchmark fails.
 */
export async function inBenchWorkspace<T>(prefix: string, bench: (workspace: BenchWorkspace) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const started: ChildProcess[] = [];
  const workspace: BenchWorkspace = {
    dataDir,
    async start(name, env = {}) {
      const port = await freePort();
      const child = spawnTs(`subgraphs/${name}/main.ts`, { ...process.env, PORT: String(port), CREDIT_DATA_DIR: dataDir, NODE_ENV: 'test', ...env });
      started.push(child);
      child.stdout?.resume();
      child.stderr?.pipe(process.stderr);
      const url = `http://127.0.0.1:${port}/graphql`;
      // Generous: a loaded 2-core machine starts a subgraph in seconds to a minute.
      await waitForHealth(name, url.replace(/graphql$/, 'healthz'), child, 180_000);
      return { url, child };
    },
  };
  try {
    return await bench(workspace);
  } finally {
    await Promise.all(started.reverse().map((child) => stopChild(child)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The Heihe demo registry, seeded in the workspace and started there, for an import that checks
 * officials against the registry's roster (CREDIT_GATEWAY_URL) or keeps a copy of the registry
 * (its feed, CREDIT_SUBGRAPH_URL_REGISTRY). The importing subgraph asks it directly, not through a
 * gateway (a deployment's one more hop per 100 officials), with the caller's own token: the registry
 * takes `directRoles` besides its usual ones. Returns the importing subgraph's settings that point
 * there.
 */
export async function startDemoRegistry(workspace: BenchWorkspace, directRoles: string[] = []): Promise<NodeJS.ProcessEnv> {
  const dataDir = process.env.CREDIT_DATA_DIR;
  process.env.CREDIT_DATA_DIR = workspace.dataDir;
  try {
    await seedSubgraphs({ names: ['registry'], scale: 'demo', reset: true, progress: silentProgress, log: () => {} });
  } finally {
    if (dataDir === undefined) delete process.env.CREDIT_DATA_DIR;
    else process.env.CREDIT_DATA_DIR = dataDir;
  }
  const { url } = await workspace.start('registry', { CREDIT_DIRECT_ROLES: [...config.directRoles(), ...directRoles].join(',') });
  return { CREDIT_GATEWAY_URL: url, CREDIT_SUBGRAPH_URL_REGISTRY: url };
}

export interface ImportPass {
  pass: string;
  seconds: number;
  rowsPerSecond: number;
  accepted: number;
  unchanged: number;
  rejected: number;
}

/**
 * One pass over the rows: posted in batches by the import CLI's own code (postInBatches), timed,
 * with a progress bar on a terminal.
 */
export async function timedImportPass<Row>(
  label: string,
  rows: Row[],
  post: { url: string; token: string; mutation: string; resultField: string; batchSize: number },
): Promise<ImportPass> {
  const bar = process.stdout.isTTY ? new SingleBar({ format: `  ${label} {bar} {percentage}% | {value}/{total} rows | {duration}s` }, Presets.shades_classic) : null;
  bar?.start(rows.length, 0);
  const started = process.hrtime.bigint();
  const totals = await postInBatches(rows, { ...post, onBatch: (done) => bar?.update(done) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  bar?.stop();
  return { pass: label, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows.length / seconds), accepted: totals.accepted, unchanged: totals.unchanged, rejected: totals.rejected };
}

/** The two passes of an import benchmark: everything new, then the same rows again (all unchanged). */
export async function importAndReimport<Row>(rows: Row[], post: Parameters<typeof timedImportPass<Row>>[2]): Promise<ImportPass[]> {
  const first = await timedImportPass('import', rows, post);
  const second = await timedImportPass('re-import', rows, post);
  return [first, second];
}

/** Prints the benchmark's figures as JSON: the data size, `extra`, the machine and store, the passes. */
export function printImportSummary(summary: { rows: number; batchSize: number; results: ImportPass[]; extra?: Record<string, unknown> }): void {
  console.log(JSON.stringify({
    rows: summary.rows,
    batchSize: summary.batchSize,
    ...summary.extra,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    store: 'SQLite (better-sqlite3, WAL), fresh',
    results: summary.results,
  }, null, 2));
}
