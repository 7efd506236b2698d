import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSubgraphs } from '../../scripts/lib/seeding.js';
import { freePort, startStack, type Stack, type StackOptions } from '../../scripts/lib/stack.js';
import { ROOT, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { compiledScript } from '../../scripts/lib/compile.js';
import { dropSchemas, throwawaySchemaPrefix } from '../../scripts/lib/throwaway-schemas.js';
import { inject } from 'vitest';
import { silentProgress } from '../../subgraphs/kit/index.js';
import { waitForFeedReaders } from './feed-readers.js';
import { awaitSharedStack, awaitTemplate, copyTemplate, TEST_STACK_DEFAULTS, type TemplateCopy } from './stack-template.js';

export interface TestStack extends Stack {
  subgraphUrl(name: string): string;
  /** Stops the processes and removes the data directory. */
  close(): Promise<void>;
}

export interface TestStackOptions {
  /** Restart processes that die, as `npm start` does (default off: tests kill processes on purpose). */
  supervise?: StackOptions['supervise'];
  /**
   * Seed the stores and build the read models from nothing, as a first start does, instead of
   * copying the run's stack template (default false: the copy gives the same stores, faster).
   */
  fresh?: boolean;
  /** How long each process may take to answer /healthz (default 60 s; a stack exporting traces loads the OpenTelemetry SDK first). */
  startTimeoutMs?: StackOptions['startTimeoutMs'];
}

let stacksStarted = 0;

/**
 * Every subgraph of schema/supergraph.yaml and the gateway as real processes on random
 * ports, with the demo data in a throwaway data directory (and, on PostgreSQL, schemas or a
 * database of their own): a copy of the run's stack template (test/e2e/stack-template.ts) when
 * there is one, else seeded here.
 */
export async function startTestStack(env: NodeJS.ProcessEnv = {}, options: TestStackOptions = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-e2e-'));
  // The template's read models were built for its day (the project's CREDIT_TODAY), reading the feeds
  // over HTTP with cursors in their stores: a stack on another day, or reading Redis Streams (consumer
  // groups keep the positions there), starts from nothing as such a deployment would. Such a stack
  // does not wait for the template either: run alone (the template still being built beside it) the
  // wait used to spend most of its start's time limit (replicas.e2e failed alone, issue 21).
  const day = env.CREDIT_TODAY ?? process.env.CREDIT_TODAY ?? '';
  const redis = !!(env.CREDIT_REDIS_URL ?? process.env.CREDIT_REDIS_URL);
  const wantsTemplate = !options.fresh && !redis && day === (process.env.CREDIT_TODAY ?? '');
  const templateDir = wantsTemplate ? inject('stackTemplateDir') : '';
  const template = templateDir ? await awaitTemplate(templateDir) : undefined;
  const usable = template && template.today === day ? template : undefined;
  let copy: TemplateCopy | undefined;
  let schemaPrefix: string;
  if (usable) {
    copy = await copyTemplate(usable, dataDir, `credit_e2e_${process.pid}_${++stacksStarted}`);
    schemaPrefix = usable.schemaPrefix;
    if (copy.databaseUrl) process.env.CREDIT_DATABASE_URL = copy.databaseUrl;
  } else {
    // On PostgreSQL (CREDIT_DB_DRIVER=postgresql) every seeded stack gets schemas of its own.
    schemaPrefix = throwawaySchemaPrefix('e2e');
  }
  process.env.CREDIT_DATA_DIR = dataDir;
  process.env.CREDIT_DB_SCHEMA_PREFIX = schemaPrefix;
  const entries = readSubgraphList();
  if (!usable) await seedSubgraphs({ names: entries.map((e) => e.name), scale: 'demo', reset: true, progress: silentProgress, log: () => {} });
  const subgraphs = [];
  for (const entry of entries) subgraphs.push({ ...entry, port: await freePort() });
  const defaults = { ...TEST_STACK_DEFAULTS, CREDIT_DATA_DIR: dataDir, CREDIT_DB_SCHEMA_PREFIX: schemaPrefix };
  // The processes' JavaScript transpiled for the run, when the project's global setup made it.
  const compiledDir = inject('compiledDir') || undefined;
  const stack = await startStack({ subgraphs, gatewayPort: await freePort(), env: { ...defaults, ...env }, supervise: options.supervise, compiledDir, startTimeoutMs: options.startTimeoutMs });
  const removeStores = async () => {
    if (copy) await copy.remove();
    else {
      rmSync(dataDir, { recursive: true, force: true });
      if (schemaPrefix) await dropSchemas(schemaPrefix);
    }
  };
  await waitForFeedReaders(stack).catch(async (error) => {
    await stack.stop();
    await removeStores();
    throw new Error(`${(error as Error).message}\n${stack.logs.slice(-30).join('\n')}`);
  });
  return {
    ...stack,
    subgraphUrl: (name) => stack.subgraphs.find((s) => s.name === name)!.url,
    close: async () => {
      await stack.stop();
      await removeStores();
    },
  };
}

/**
 * A stack for a file that only reads: it neither writes nor changes the stack's settings, stops
 * no process and counts nothing another file could add to (audit entries, rate budgets beyond
 * its own few hundred requests). Such files share one stack per run (started with the template,
 * test/e2e/build-stack-template.ts) instead of starting seven processes each; where there is
 * none (another project, or it could not be started) the file gets a stack of its own.
 * `close()` leaves a shared stack running; it has no processes to kill or restart.
 */
export type ReadOnlyStack = Pick<TestStack, 'gatewayUrl' | 'subgraphUrl' | 'close'> & { subgraphs: Array<{ name: string; url: string }> };

export async function sharedTestStack(): Promise<ReadOnlyStack> {
  const templateDir = inject('stackTemplateDir');
  const shared = templateDir && inject('sharedStack') ? await awaitSharedStack(templateDir) : undefined;
  if (!shared) return startTestStack();
  return {
    ...shared,
    subgraphUrl: (name) => shared.subgraphs.find((s) => s.name === name)!.url,
    close: async () => {},
  };
}

/** An HTTP proxy in front of a subgraph that counts the GraphQL POSTs passing through. */
export async function countingProxy(target: string): Promise<{ url: string; posts: number; close(): Promise<void> }> {
  const state = { posts: 0 };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === 'POST') state.posts++;
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)).map(([k, v]) => [k, String(v)]));
    // A held feed read (GET /changes?wait=…) passing through ends when its caller leaves.
    const left = new AbortController();
    res.once('close', () => left.abort());
    try {
      const response = await fetch(new URL(req.url ?? '/', target).href, { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined, signal: left.signal });
      const body = Buffer.from(await response.arrayBuffer());
      // The subgraph's headers pass (its cache-control sets the gateway's cache policy), but those
      // that described the body as it travelled: fetch has already decoded it.
      const passed = [...response.headers].filter(([name]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name));
      res.writeHead(response.status, Object.fromEntries(passed));
      res.end(body);
    } catch {
      // The subgraph stopped (the stack is closing) or the caller left: answer as a proxy would, if anyone listens.
      if (!res.headersSent && !res.destroyed) res.writeHead(502).end();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get posts() {
      return state.posts;
    },
    set posts(n: number) {
      state.posts = n;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * The node arguments that run a script of the repository (`scripts/import-court.ts`,
 * `subgraphs/court-debtors/main.ts`): its JavaScript transpiled for the run when the project's global
 * setup made it, else the TypeScript under tsx. Run it with the repository as working directory.
 */
export function scriptCommand(script: string): string[] {
  const compiledDir = inject('compiledDir');
  return compiledDir ? [compiledScript(compiledDir, script)] : ['--import', 'tsx', join(ROOT, script)];
}

export { waitForReadModel } from './feed-readers.js';
