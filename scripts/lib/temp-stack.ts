// A whole federation seeded with the demo data in a throwaway data directory, for scripts that
// attack or measure a real stack (scripts/fuzz.ts) without touching data/. The same steps as
// test/e2e/test-stack.ts: seed every subgraph of schema/supergraph.yaml, start each one and the
// gateway as real processes on free ports, remove everything afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentProgress, type SeedProgress } from '../../subgraphs/kit/index.js';
import { seedSubgraphs } from './seeding.js';
import { freePort, startStack, type Stack } from './stack.js';
import { readSubgraphList } from './subgraphs.js';
import { dropSchemas, throwawaySchemaPrefix } from './throwaway-schemas.js';

export interface SeededStack extends Stack {
  dataDir: string;
  subgraphUrl(name: string): string;
  /** Stops the processes and removes the data directory (and PostgreSQL schemas). */
  close(): Promise<void>;
}

export interface SeededStackOptions {
  /**
   * Settings for the processes. They are also set in this process before seeding, so that the
   * seeder and the tokens this process signs use the same secrets as the stack.
   */
  env?: NodeJS.ProcessEnv;
  progress?: SeedProgress;
  log?: (line: string) => void;
  /** Each line the processes print. */
  onLine?: (line: string) => void;
  startTimeoutMs?: number;
  /** Directory prefix under the system temp dir. */
  prefix?: string;
  /** Start the processes from transpiled JavaScript (scripts/lib/compile.ts) instead of under tsx. */
  compiledDir?: string;
}

export async function startSeededStack(options: SeededStackOptions = {}): Promise<SeededStack> {
  const env = options.env ?? {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  const dataDir = mkdtempSync(join(tmpdir(), options.prefix ?? 'credit-stack-'));
  process.env.CREDIT_DATA_DIR = dataDir;
  // On PostgreSQL (CREDIT_DB_DRIVER=postgresql) every stack gets schemas of its own.
  const schemaPrefix = throwawaySchemaPrefix('tmp');
  process.env.CREDIT_DB_SCHEMA_PREFIX = schemaPrefix;
  const entries = readSubgraphList();
  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    if (schemaPrefix) await dropSchemas(schemaPrefix);
  };
  try {
    await seedSubgraphs({ names: entries.map((e) => e.name), scale: 'demo', reset: true, progress: options.progress ?? silentProgress, log: options.log ?? (() => {}) });
    const subgraphs = [];
    for (const entry of entries) subgraphs.push({ ...entry, port: await freePort() });
    const stack = await startStack({
      subgraphs,
      gatewayPort: await freePort(),
      env: { ...env, CREDIT_DATA_DIR: dataDir, CREDIT_DB_SCHEMA_PREFIX: schemaPrefix },
      onLine: options.onLine,
      startTimeoutMs: options.startTimeoutMs,
      compiledDir: options.compiledDir,
    });
    return {
      ...stack,
      dataDir,
      subgraphUrl: (name) => stack.subgraphs.find((s) => s.name === name)!.url,
      close: async () => {
        await stack.stop();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
