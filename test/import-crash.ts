// What the crash-safe import tests share (test/court-debtors/import-crash.test.ts,
// test/dishonesty-records/import-crash.test.ts): a subgraph and an import CLI as real processes
// over a workspace of their own (a temporary directory holding the file to import and the data
// directory; with CREDIT_DB_DRIVER=postgresql, schemas of their own), what they printed, the
// statements a subgraph has run (CREDIT_SQL_LOG), its change feed as a consumer reads it, and
// the clean-up after the file's tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { eachLine, freePort } from '../scripts/lib/stack.js';
import { ROOT } from '../scripts/lib/subgraphs.js';
import { dropSchemas, throwawaySchemaPrefix } from '../scripts/lib/throwaway-schemas.js';
import { ensureSchema, openOrm, signToken, storeEntities, type Role, type SubgraphDefinition, type SubgraphOrm } from '../subgraphs/kit/index.js';
import { scriptCommand } from './e2e/test-stack.js';
import { bearer } from './helpers.js';

export interface CrashProcess {
  child: ChildProcess;
  /** Lines the process printed so far. */
  output: string[];
}

export interface CrashSubgraph extends CrashProcess {
  url: string;
}

export interface CrashWorkspace {
  /** The subgraph's CREDIT_DATA_DIR. */
  dataDir: string;
  /** The file to import. */
  file: string;
  /** Its PostgreSQL schema prefix (CREDIT_DB_SCHEMA_PREFIX), '' on SQLite. */
  schemaPrefix: string;
}

export interface ImportCrashHarness {
  /** A workspace whose file holds `rows` as JSON. */
  workspace(rows: unknown[], fileName: string): CrashWorkspace;
  /** Runs the import CLI on the file as a process of its own, quiet, with the sender's token. */
  runImport(file: string, options: { url: string; batchSize: number }): CrashProcess;
  /** An ADMIN's Authorization header: reads a subgraph directly (a role allowed past the trust boundary), unmasked. */
  readonly reader: string;
  /** Starts `subgraphs/<name>/main.ts` over the workspace's store and waits until it answers /healthz. */
  startSubgraph(name: string, workspace: CrashWorkspace, env?: NodeJS.ProcessEnv): Promise<CrashSubgraph>;
}

/**
 * The harness of one test file: `tag` (lower-case letters) names its workspaces' directories and
 * schema prefixes; `cli` (`scripts/import-court.ts`) is run with a token of `sender`'s role. Its
 * tokens are signed before the file's tests; after them it kills what is still running and removes
 * the workspaces.
 */
export function importCrashHarness(options: { tag: string; cli: string; sender: Exclude<Role, 'PUBLIC'> }): ImportCrashHarness {
  const { tag } = options;
  const dirs: string[] = [];
  const schemaPrefixes: string[] = [];
  const children: ChildProcess[] = [];
  const tokens = { reader: '', sender: '' };

  beforeAll(async () => {
    tokens.reader = await bearer('ADMIN');
    tokens.sender = await signToken({ sub: 'crash-test', roles: [options.sender] });
  });

  const run = (script: string, args: string[], env: NodeJS.ProcessEnv = {}): CrashProcess => {
    const child = spawn(process.execPath, [...scriptCommand(script), ...args], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const output: string[] = [];
    eachLine(child, (line) => output.push(line));
    return { child, output };
  };

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    for (const prefix of schemaPrefixes) if (prefix) await dropSchemas(prefix);
  });

  return {
    workspace(rows, fileName) {
      const dir = mkdtempSync(join(tmpdir(), `${tag}-crash-`));
      dirs.push(dir);
      const file = join(dir, fileName);
      writeFileSync(file, JSON.stringify(rows));
      const schemaPrefix = throwawaySchemaPrefix(`${tag}crash${schemaPrefixes.length}`);
      schemaPrefixes.push(schemaPrefix);
      return { dataDir: join(dir, 'data'), file, schemaPrefix };
    },
    runImport: (file, { url, batchSize }) => run(options.cli, [file, '--url', url, '--batch-size', String(batchSize), '--quiet', '--token', tokens.sender]),
    get reader() {
      return tokens.reader;
    },
    async startSubgraph(name, workspace, env = {}) {
      const port = await freePort();
      const { child, output } = run(`subgraphs/${name}/main.ts`, [], { PORT: String(port), CREDIT_DATA_DIR: workspace.dataDir, CREDIT_DB_SCHEMA_PREFIX: workspace.schemaPrefix, ...env });
      const url = `http://127.0.0.1:${port}/graphql`;
      // A restart after a kill took 36 s on PostgreSQL at a load of 17 on 2 cores.
      for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
        if (child.exitCode !== null) throw new Error(`subgraph exited: ${output.join('\n')}`);
        if (await fetch(url.replace(/graphql$/, 'healthz')).then((r) => r.ok, () => false)) return { url, child, output };
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      throw new Error('subgraph did not start');
    },
  };
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The summary line an import CLI prints last. */
export function lastJson(output: string[]): Record<string, number> {
  return JSON.parse(output.filter((line) => line.startsWith('{')).at(-1)!);
}

/**
 * Waits until a subgraph started with CREDIT_SQL_LOG has printed `count` INSERTs into `table`
 * (on PostgreSQL the table is named with its schema: insert into "…court_debtors"."debtor_record"),
 * checking every 5 ms; fails when the subgraph or the CLI ends first.
 */
export async function untilInserts(subgraph: CrashProcess, cli: CrashProcess, table: string, count: number): Promise<void> {
  for (let inserts = 0; inserts < count; ) {
    if (subgraph.child.exitCode !== null || cli.child.exitCode !== null) {
      // Which one, and its last words: under a loaded CI machine this is the only trace left of why.
      const ended = subgraph.child.exitCode !== null ? ['subgraph', subgraph] as const : ['import CLI', cli] as const;
      throw new Error(`a process ended before the ${count}th insert into ${table} (${inserts} seen): the ${ended[0]}, exit code ${ended[1].child.exitCode}\n${ended[1].output.slice(-15).join('\n')}`);
    }
    inserts = insertsSoFar(subgraph, table);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** How many INSERTs into `table` a subgraph started with CREDIT_SQL_LOG has printed so far. */
export function insertsSoFar(subgraph: CrashProcess, table: string): number {
  const statement = new RegExp(`insert into (?:[\`"]?\\w+[\`"]?\\.)?[\`"]?${table}[\`"]?(?!\\w)`, 'i');
  return subgraph.output.filter((line) => statement.test(line)).length;
}

/** The ids of every `entity` the subgraph's change feed says was created, sorted, read as a consumer. */
export async function fedIds(url: string, entity: string): Promise<string[]> {
  const ids: string[] = [];
  const authorization = await bearer('CONSUMER');
  for (let after = 0; ; ) {
    const page = (await (await fetch(`${url.replace(/\/graphql$/, '')}/changes?after=${after}&limit=1000`, { headers: { authorization } })).json()) as { entries: Array<{ entity: string; operation: string; ids: string[] }>; next: number; head: number };
    for (const entry of page.entries) if (entry.entity === entity && entry.operation === 'create') ids.push(...entry.ids);
    if (page.next >= page.head) return ids.sort();
    after = page.next;
  }
}

/**
 * Opens a subgraph's store of the workspace in this process, its tables brought up to date as the
 * subgraph brings them (to fill it before the subgraph first starts, or to look into it while the
 * subgraph is down), runs `use`, and closes it.
 */
export async function withWorkspaceStore<T>(definition: SubgraphDefinition<any>, workspace: CrashWorkspace, use: (store: SubgraphOrm) => Promise<T>): Promise<T> {
  // The store's place is read from these settings (platform/orm.ts): this process's, for the while.
  const settings = { CREDIT_DATA_DIR: workspace.dataDir, CREDIT_DB_SCHEMA_PREFIX: workspace.schemaPrefix };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  try {
    const store = await openOrm({ name: definition.name, entities: storeEntities(definition), migrations: definition.migrations });
    try {
      await ensureSchema(store.orm);
      return await use(store);
    } finally {
      await store.close();
    }
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
