import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedSubgraphs } from '../../scripts/lib/seeding.js';
import { freePort, startStack, type Stack } from '../../scripts/lib/stack.js';
import { readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { silentProgress } from '../../subgraphs/kit/index.js';

export interface TestStack extends Stack {
  subgraphUrl(name: string): string;
  /** Stops the processes and removes the data directory. */
  close(): Promise<void>;
}

/**
 * Every subgraph of schema/supergraph.yaml and the gateway as real processes on random
 * ports, seeded with the demo data in a throwaway data directory.
 */
export async function startTestStack(env: NodeJS.ProcessEnv = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'credit-e2e-'));
  process.env.CREDIT_DATA_DIR = dataDir;
  const entries = readSubgraphList();
  await seedSubgraphs({ names: entries.map((e) => e.name), scale: 'demo', reset: true, progress: silentProgress, log: () => {} });
  const subgraphs = [];
  for (const entry of entries) subgraphs.push({ ...entry, port: await freePort() });
  const stack = await startStack({ subgraphs, gatewayPort: await freePort(), env: { CREDIT_DATA_DIR: dataDir, NODE_ENV: 'test', ...env } });
  return {
    ...stack,
    subgraphUrl: (name) => stack.subgraphs.find((s) => s.name === name)!.url,
    close: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
