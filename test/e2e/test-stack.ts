import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSubgraphs } from '../../scripts/lib/seeding.js';
import { freePort, startStack, type Stack, type StackOptions } from '../../scripts/lib/stack.js';
import { readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { dropSchemas, throwawaySchemaPrefix } from '../../scripts/lib/throwaway-schemas.js';
import { silentProgress } from '../../subgraphs/kit/index.js';

export interface TestStack extends Stack {
  subgraphUrl(name: string): string;
  /** Stops the processes and removes the data directory. */
  close(): Promise<void>;
}

export interface TestStackOptions {
  /** Restart processes that die, as `npm start` does (default off: tests kill processes on purpose). */
  supervise?: StackOptions['supervise'];
}

/**
 * Every subgraph of schema/supergraph.yaml and the gateway as real processes on random
 * ports, seeded with the demo data in a throwaway data directory.
 */
export async function startTestStack(env: NodeJS.ProcessEnv = {}, options: TestStackOptions = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-e2e-'));
  process.env.CREDIT_DATA_DIR = dataDir;
  // On PostgreSQL (CREDIT_DB_DRIVER=postgresql) every stack gets schemas of its own.
  const schemaPrefix = throwawaySchemaPrefix('e2e');
  process.env.CREDIT_DB_SCHEMA_PREFIX = schemaPrefix;
  const entries = readSubgraphList();
  await seedSubgraphs({ names: entries.map((e) => e.name), scale: 'demo', reset: true, progress: silentProgress, log: () => {} });
  const subgraphs = [];
  for (const entry of entries) subgraphs.push({ ...entry, port: await freePort() });
  // Tests read as PUBLIC right after writing; the response cache (tested on its own) would
  // answer them from before the write, so it is off unless a test turns it on.
  const defaults = { CREDIT_DATA_DIR: dataDir, CREDIT_DB_SCHEMA_PREFIX: schemaPrefix, NODE_ENV: 'test', CREDIT_RESPONSE_CACHE: 'off' };
  const stack = await startStack({ subgraphs, gatewayPort: await freePort(), env: { ...defaults, ...env }, supervise: options.supervise });
  // Tests read scores and coverage right away: wait until every feed reader (evaluation's read
  // model, the domains' copies of the registry) has built what it keeps and read its feeds.
  await Promise.all(stack.subgraphs.map((s) => waitForReadModel(s.url.replace(/graphql$/, 'healthz')))).catch(async (error) => {
    await stack.stop();
    throw new Error(`${(error as Error).message}\n${stack.logs.slice(-30).join('\n')}`);
  });
  return {
    ...stack,
    subgraphUrl: (name) => stack.subgraphs.find((s) => s.name === name)!.url,
    close: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (schemaPrefix) await dropSchemas(schemaPrefix);
    },
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
    const response = await fetch(new URL(req.url ?? '/', target).href, { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
    res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await response.arrayBuffer()));
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits until a subgraph's feed reader, if it has one, reports current (built, and every feed read to its head). */
export async function waitForReadModel(healthUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = ((await (await fetch(healthUrl)).json()) as { worker?: { state: string } }).worker;
    if (last === undefined || (last as { state?: string }).state === 'current') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the evaluation read model was not current within ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
