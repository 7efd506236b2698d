import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnTs } from '../lib/stack.js';
import type { LoadResult, LoadSpec } from './load.js';

/** Runs the load driver (scripts/bench/load.ts) in a process of its own, so its CPU is not the gateway's. */
export async function runLoad(spec: LoadSpec, env: NodeJS.ProcessEnv, workDir: string): Promise<LoadResult> {
  const file = join(workDir, `load-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(spec));
  const child = spawnTs('scripts/bench/load.ts', env, [file]);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`load driver failed (${code}): ${stderr.slice(-2000)}`);
  return JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
}
