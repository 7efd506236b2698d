import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { compiledScript } from './compile.js';
import { ROOT, SUPERGRAPH_FILE, type SubgraphEntry } from './subgraphs.js';
import { createSupervisor, type Supervisor, type SupervisorOptions } from './supervisor.js';

export interface StackProcess {
  name: string;
  url: string;
  child: ChildProcess;
}

export interface Stack {
  gatewayUrl: string;
  subgraphs: StackProcess[];
  /** Absent when the stack was started without one (`gateway: false`). */
  gateway: StackProcess;
  /** Everything the processes printed, prefixed with their names. */
  logs: string[];
  stop(): Promise<void>;
  /** Stops one process (e.g. a subgraph, to test partial results); the rest keep running, and a supervisor leaves it stopped. */
  kill(name: string): Promise<void>;
  /** Starts a stopped process again on its port and waits until it is healthy. */
  restart(name: string): Promise<void>;
}

export interface StackOptions {
  subgraphs: SubgraphEntry[];
  gatewayPort: number;
  env?: NodeJS.ProcessEnv;
  /** Called with each line the processes print (default: kept in `logs` only). */
  onLine?: (line: string) => void;
  startTimeoutMs?: number;
  /** Start the gateway after the subgraphs (default true; the benchmark starts its own). */
  gateway?: boolean;
  /**
   * Restart a process that exits on its own, on the same port, with backoff (`true` for the
   * supervisor's defaults). Off by default: tests stop processes on purpose; `npm start` turns
   * it on. The supervisor's lines go to `logs` and `onLine` as `[supervisor] {json}`.
   */
  supervise?: boolean | SupervisorOptions;
  /**
   * Start the processes from this folder of transpiled JavaScript (scripts/lib/compile.ts: the
   * end-to-end tests) instead of from the TypeScript under tsx (default).
   */
  compiledDir?: string;
}

/** Ports this process handed out: the OS may give a closed port again at once (a stack's registry and training got one port). */
const handedOut = new Set<number>();

/** A port the OS says is free right now, never one this process handed out before (tests use these instead of fixed ports). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}

/** The processes spawnTs started that have not exited yet. */
const spawned = new Set<ChildProcess>();

// A process that started a stack never leaves it running when it exits without stopping it: a
// test worker whose hook timed out while the stack was still starting (nothing holds the Stack
// to stop), or a script that exits on an error. Only synchronous work is possible here, so SIGKILL.
process.once('exit', () => {
  for (const child of spawned) child.kill('SIGKILL');
});

/**
 * Stops every process spawnTs started that is still running (SIGTERM, SIGKILL after `graceMs`):
 * for a script told to stop while a stack of it is still starting, which no Stack can stop yet.
 */
export async function stopSpawned(graceMs = 5_000): Promise<void> {
  const children = [...spawned];
  for (const child of children) child.kill('SIGTERM');
  const killer = setTimeout(() => children.forEach((child) => child.kill('SIGKILL')), graceMs);
  await Promise.all(children.map((child) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((resolve) => child.once('exit', resolve)))));
  clearTimeout(killer);
}

export function spawnTs(script: string, env: NodeJS.ProcessEnv, args: string[] = [], compiledDir?: string): ChildProcess {
  // tsx runs the TypeScript directly; every decorator names its type, so no metadata emit is needed.
  const command = compiledDir ? [compiledScript(compiledDir, script)] : ['--import', 'tsx', join(ROOT, script)];
  // `npm run bench -- --cpu-prof DIR`: every process writes a V8 CPU profile there when it exits.
  const profile = env.CREDIT_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${env.CREDIT_CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, ...command, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  spawned.add(child);
  child.once('exit', () => spawned.delete(child));
  return child;
}

/** Calls `handle` with each line the process prints on stdout and stderr, as it comes (an unterminated last one at the stream's end). */
export function eachLine(child: ChildProcess, handle: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) handle(line);
    });
    stream?.on('end', () => {
      if (buffered) handle(buffered);
    });
  }
}

export async function waitForHealth(name: string, url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // signalCode too: a process killed by a signal has no exit code.
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited (code ${child.exitCode}, signal ${child.signalCode}) before it was ready`);
    try {
      const response = await fetch(url);
      // The answer must be the child's own: two stacks starting at once can be given the same free
      // port, and then the one whose process lost the port would take the other's for its own
      // (a shuffled run's trust-boundary test read another stack's subgraph as its registry). The
      // loser exits on EADDRINUSE, which the check above reports.
      const body = response.ok ? ((await response.json().catch(() => ({}))) as { pid?: number }) : undefined;
      if (body && (body.pid === undefined || body.pid === child.pid)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs} ms`);
}

export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts each subgraph and then the gateway as separate processes on the given ports, and
 * waits until each answers /healthz. Shared by `npm start` and the end-to-end tests.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const env = { ...process.env, ...options.env };
  const logs: string[] = [];
  const timeout = options.startTimeoutMs ?? 60_000;
  const children: StackProcess[] = [];
  const emit = (tagged: string) => {
    logs.push(tagged);
    options.onLine?.(tagged);
  };
  const capture = (name: string, child: ChildProcess) => eachLine(child, (line) => emit(`[${name}] ${line}`));
  const supervisor = startSupervisor(options.supervise, (entry) => emit(`[supervisor] ${JSON.stringify(entry)}`));
  const stopAll = async () => {
    // First, so that the children stopping now are not restarted.
    supervisor?.close();
    await Promise.all([...children].reverse().map((p) => stopChild(p.child)));
  };

  const spawnFor = new Map<string, { script: string; env: NodeJS.ProcessEnv; url: string }>();
  const launch = (name: string): StackProcess => {
    const { script, env: childEnv, url } = spawnFor.get(name)!;
    const child = spawnTs(script, childEnv, [], options.compiledDir);
    capture(name, child);
    const existing = children.find((p) => p.name === name);
    if (existing) existing.child = child;
    else children.push({ name, url, child });
    return children.find((p) => p.name === name)!;
  };
  // Supervised from its first healthy start on: a process that cannot start at all fails startStack instead.
  const supervise = (name: string) => {
    const current = children.find((p) => p.name === name);
    if (supervisor && current) supervisor.watch(name, current.child, () => relaunch(name));
  };
  const healthUrl = (url: string) => url.replace(/graphql$/, 'healthz');
  // A restart by the supervisor: says when the process answers again (a crash in between is the supervisor's).
  const relaunch = (name: string) => {
    const restartedAt = Date.now();
    const { url, child } = launch(name);
    supervise(name);
    waitForHealth(name, healthUrl(url), child, timeout).then(
      () => emit(`[supervisor] ${JSON.stringify({ level: 'info', msg: 'process healthy again', process: name, pid: child.pid, afterMs: Date.now() - restartedAt })}`),
      () => {},
    );
  };

  try {
    const gatewayEnv: NodeJS.ProcessEnv = { CREDIT_SUPERGRAPH: SUPERGRAPH_FILE, ...env, PORT: String(options.gatewayPort) };
    // Where each subgraph listens: the gateway routes to them, and readers of change feeds (evaluation) find them there too.
    const urls: NodeJS.ProcessEnv = {};
    for (const entry of options.subgraphs) urls[`CREDIT_SUBGRAPH_URL_${entry.name.toUpperCase().replace(/-/g, '_')}`] = `http://127.0.0.1:${entry.port}/graphql`;
    Object.assign(gatewayEnv, urls);
    for (const entry of options.subgraphs) {
      const url = `http://127.0.0.1:${entry.port}/graphql`;
      // Subgraphs reach other domains (e.g. the registry's roster of officials) through this stack's gateway.
      const gatewayUrl = env.CREDIT_GATEWAY_URL ?? `http://127.0.0.1:${options.gatewayPort}/graphql`;
      spawnFor.set(entry.name, { script: `subgraphs/${entry.name}/main.ts`, env: { CREDIT_SUPERGRAPH: SUPERGRAPH_FILE, ...urls, ...env, PORT: String(entry.port), CREDIT_GATEWAY_URL: gatewayUrl }, url });
      launch(entry.name);
    }
    await Promise.all(children.map((p) => waitForHealth(p.name, healthUrl(p.url), p.child, timeout)));
    for (const p of children) supervise(p.name);

    spawnFor.set('gateway', { script: 'gateway/main.ts', env: gatewayEnv, url: `http://127.0.0.1:${options.gatewayPort}/graphql` });
    const gateway = options.gateway === false ? (undefined as unknown as StackProcess) : launch('gateway');
    if (gateway) {
      await waitForHealth('gateway', healthUrl(gateway.url), gateway.child, timeout);
      supervise('gateway');
    }

    return {
      gatewayUrl: gateway?.url ?? '',
      subgraphs: children.filter((p) => p !== gateway),
      gateway,
      logs,
      stop: stopAll,
      kill: async (name) => {
        supervisor?.release(name);
        const target = children.find((p) => p.name === name);
        if (target) await stopChild(target.child);
      },
      restart: async (name) => {
        const process = launch(name);
        supervise(name);
        await waitForHealth(name, healthUrl(process.url), process.child, timeout);
      },
    };
  } catch (error) {
    await stopAll();
    throw new Error(`${(error as Error).message}\n${logs.slice(-40).join('\n')}`);
  }
}

function startSupervisor(supervise: StackOptions['supervise'], log: NonNullable<SupervisorOptions['log']>): Supervisor | undefined {
  if (!supervise) return undefined;
  return createSupervisor({ ...(supervise === true ? {} : supervise), log });
}
