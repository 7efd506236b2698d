// Global setup of the end-to-end projects (vitest.config.ts): transpiles the processes once
// (scripts/lib/compile.ts), and starts building the stack template
// (test/e2e/stack-template.ts) in the background, so the in-process projects run meanwhile, and
// tells the test files where it will be. For the project `e2e` the builder then keeps one more
// stack running from a copy of the template, shared by the files that only read the demo data
// (sharedTestStack in test/e2e/test-stack.ts). Teardown stops it and removes both.
//
// Node's modules only here (and pg): this file runs inside vitest's own process, where the kit's
// graphql would be resolved through the test alias.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { compileProcesses } from '../../scripts/lib/compile.js';
import { onServer, type StackTemplate } from './stack-template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the stack template is being built (wait with awaitTemplate, and awaitSharedStack in the project `e2e`); '' when there is none. */
    stackTemplateDir: string;
    /** Whether the template's builder also starts the run's shared read-only stack (wait with awaitSharedStack). */
    sharedStack: boolean;
    /** The processes' JavaScript, transpiled once for the run (scripts/lib/compile.ts). */
    compiledDir: string;
  }
}

const HERE = dirname(fileURLToPath(import.meta.url));
/** The projects whose builder also keeps a shared read-only stack running for the run. */
const SHARED_STACK_PROJECTS = ['e2e'];

/**
 * A project's template directory: named for the run and the project, so that another project's
 * setup can name it too (`from:` below) whichever of the two vitest sets up first. The run's id
 * lives in the environment of vitest's own process, where every global setup runs.
 */
function templateDirOf(projectName: string): string {
  process.env.CREDIT_TEST_RUN_ID ??= randomUUID();
  return join(tmpdir(), `credit-e2e-template-${process.env.CREDIT_TEST_RUN_ID}-${projectName}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const compiledDir = await compileProcesses(join(HERE, '../..', 'tmp', 'compiled', `${project.name}-${process.pid}`));
  project.provide('compiledDir', compiledDir);
  // `from:<project>`: the stacks copy the template another project of this run builds (the
  // supervisor's one stack would not repay a builder of its own); without that project in the
  // run they seed themselves, as with `off`.
  const choice = (project.config.env as NodeJS.ProcessEnv | undefined)?.CREDIT_TEST_STACK_TEMPLATE ?? '';
  if (choice === 'off' || choice.startsWith('from:')) {
    // Every global setup runs before the first test file: by then the directory exists if that project is in the run.
    project.provide('stackTemplateDir', choice.startsWith('from:') ? templateDirOf(choice.slice('from:'.length)) : '');
    project.provide('sharedStack', false);
    return async () => rmSync(compiledDir, { recursive: true, force: true });
  }
  const dir = templateDirOf(project.name);
  mkdirSync(dir);
  // The project's env (CREDIT_TODAY, CREDIT_DB_DRIVER for e2e-postgres) is applied to the test
  // files' processes, not to this one: hand it to the builder.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', ...(project.config.env as NodeJS.ProcessEnv) };
  const database = `credit_e2e_template_${process.pid}_${project.name.replace(/[^a-z0-9]/g, '_')}`;
  const builder = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'build-stack-template.ts'), dir, database, compiledDir, ...(SHARED_STACK_PROJECTS.includes(project.name) ? ['--shared'] : [])], { cwd: join(HERE, '../..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  builder.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  builder.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  builder.on('exit', (code) => {
    if (code) console.warn(`[${project.name}] the stack template builder exited with ${code}:\n${output.join('').slice(-4000)}`);
  });
  project.provide('stackTemplateDir', dir);
  project.provide('sharedStack', SHARED_STACK_PROJECTS.includes(project.name));
  return async () => {
    if (builder.exitCode === null && builder.signalCode === null) {
      // SIGTERM: a builder serving the shared stack stops it and removes its stores.
      const exited = new Promise((resolve) => builder.once('exit', resolve));
      builder.kill('SIGTERM');
      // A loaded machine stops a stack of eight processes slowly; a builder killed outright leaves it running.
      const killer = setTimeout(() => builder.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(killer);
    }
    const ready = join(dir, 'ready.json');
    const template = existsSync(ready) ? (JSON.parse(readFileSync(ready, 'utf8')) as StackTemplate) : undefined;
    // On PostgreSQL the builder made its database first thing: dropped even when the run ended before
    // the template was ready (it used to be left behind then).
    const serverUrl = template?.serverUrl ?? (env.CREDIT_DB_DRIVER === 'postgresql' ? (env.CREDIT_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test') : undefined);
    if (serverUrl) {
      for (const name of [`${database}_shared`, database]) await onServer(serverUrl, `drop database if exists "${name}" with (force)`);
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(compiledDir, { recursive: true, force: true });
  };
}
