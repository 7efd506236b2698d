// Restarts child processes that exit on their own, with exponential backoff. `npm start` uses it
// (through startStack's `supervise` option) so one crashed subgraph does not take the rest down.
import type { ChildProcess } from 'node:child_process';

export interface SupervisorOptions {
  /** Delay before the first restart after a crash (default 250 ms). */
  initialDelayMs?: number;
  /** The delay doubles on each crash in a row, up to this (default 5 000 ms). */
  maxDelayMs?: number;
  /**
   * A process that stayed up this long is healthy again: its next crash restarts after
   * `initialDelayMs` (default 30 000 ms, longer than any process takes to start).
   */
  resetAfterMs?: number;
  /** Receives each crash and restart as one object (default: a JSON line on stderr). */
  log?: (entry: SupervisorLogEntry) => void;
}

export type SupervisorLogEntry =
  | { level: 'warn'; msg: 'process exited, restarting'; process: string; pid?: number; code: number | null; signal: NodeJS.Signals | null; attempt: number; delayMs: number }
  | { level: 'info'; msg: 'process restarted'; process: string; pid?: number; attempt: number }
  | { level: 'error'; msg: 'process restart failed'; process: string; attempt: number; error: string };

export interface Supervisor {
  /**
   * Watches a child that was just spawned under `name`: if it exits while watched, `respawn`
   * is called after the backoff delay and must spawn it again (and `watch` the new child).
   */
  watch(name: string, child: ChildProcess, respawn: () => void): void;
  /** Stops watching `name` — a deliberate stop, not a crash — and cancels its pending restart. */
  release(name: string): void;
  /** Cancels every pending restart and watches nothing more; the caller then stops the children. */
  close(): void;
}

export const SUPERVISOR_DEFAULTS: Required<Omit<SupervisorOptions, 'log'>> = {
  initialDelayMs: 250,
  maxDelayMs: 5_000,
  resetAfterMs: 30_000,
};

/** The wait before restart number `attempt` (1-based): initial · 2^(attempt−1), capped. */
export function backoffDelay(attempt: number, initialDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

interface Watched {
  child: ChildProcess;
  startedAt: number;
  /** Crashes in a row (reset once the process stays up `resetAfterMs`). */
  attempt: number;
  timer?: NodeJS.Timeout;
  released: boolean;
}

export function createSupervisor(options: SupervisorOptions = {}): Supervisor {
  const { initialDelayMs, maxDelayMs, resetAfterMs } = { ...SUPERVISOR_DEFAULTS, ...options };
  const log = options.log ?? ((entry) => console.error(JSON.stringify(entry)));
  const watched = new Map<string, Watched>();
  let closed = false;

  // Waits out the backoff, then spawns `name` again; a failed spawn counts as another crash.
  const scheduleRestart = (name: string, state: Watched, respawn: () => void, exit: { pid?: number; code: number | null; signal: NodeJS.Signals | null }) => {
    if (Date.now() - state.startedAt >= resetAfterMs) state.attempt = 0;
    state.attempt++;
    const delayMs = backoffDelay(state.attempt, initialDelayMs, maxDelayMs);
    log({ level: 'warn', msg: 'process exited, restarting', process: name, ...exit, attempt: state.attempt, delayMs });
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (closed || state.released) return;
      try {
        respawn();
        log({ level: 'info', msg: 'process restarted', process: name, pid: watched.get(name)?.child.pid, attempt: state.attempt });
      } catch (error) {
        log({ level: 'error', msg: 'process restart failed', process: name, attempt: state.attempt, error: String(error) });
        state.startedAt = Date.now();
        scheduleRestart(name, state, respawn, { code: null, signal: null });
      }
    }, delayMs);
  };

  const release = (name: string) => {
    const state = watched.get(name);
    if (!state) return;
    state.released = true;
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
  };

  return {
    watch(name, child, respawn) {
      if (closed) return;
      const previous = watched.get(name);
      if (previous?.timer) clearTimeout(previous.timer);
      // A respawn keeps the crash count; a new watch after `release` starts afresh.
      const state: Watched = { child, startedAt: Date.now(), attempt: previous && !previous.released ? previous.attempt : 0, released: false };
      watched.set(name, state);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        // Not a crash when the stack is shutting down, the stop was deliberate, or a newer child took over.
        if (closed || state.released || watched.get(name) !== state) return;
        scheduleRestart(name, state, respawn, { pid: child.pid, code, signal });
      };
      // Already gone (it died before the caller got round to watching it): its 'exit' will not come again.
      if (child.exitCode !== null || child.signalCode !== null) queueMicrotask(() => onExit(child.exitCode, child.signalCode));
      else child.once('exit', onExit);
    },
    release,
    close() {
      closed = true;
      for (const name of watched.keys()) release(name);
    },
  };
}
