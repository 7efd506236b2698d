// Builds the stack template (see stack-template.ts) in a process of its own:
//
//   node --import tsx test/e2e/build-stack-template.ts <dir> <database> [<compiled dir>] [--shared]
//
// writes <dir>/ready.json (a StackTemplate) when done, or <dir>/failed.txt with the reason.
// With --shared it then starts one more stack from a copy of the template, the run's shared
// read-only stack (sharedTestStack in test/e2e/test-stack.ts), writes <dir>/shared.json (a SharedStackAddress),
// and keeps it running until it is sent SIGTERM (the global setup's teardown).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedSubgraphs } from '../../scripts/lib/seeding.js';
import { freePort, startStack, stopSpawned, type Stack } from '../../scripts/lib/stack.js';
import { readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { config, silentProgress } from '../../subgraphs/kit/index.js';
import { waitForFeedReaders, waitForQuarterSnapshot } from './feed-readers.js';
import { copyTemplate, databaseUrlFor, onServer, SHARED_STACK_FILE, TEST_STACK_DEFAULTS, type SharedStackAddress, type StackTemplate } from './stack-template.js';

async function startAll(dataDir: string, schemaPrefix: string, compiledDir: string | undefined): Promise<Stack> {
  const subgraphs = [];
  for (const entry of readSubgraphList()) subgraphs.push({ ...entry, port: await freePort() });
  const stack = await startStack({
    subgraphs,
    gatewayPort: await freePort(),
    compiledDir,
    env: { ...TEST_STACK_DEFAULTS, CREDIT_DATA_DIR: dataDir, CREDIT_DB_SCHEMA_PREFIX: schemaPrefix },
  });
  try {
    await waitForFeedReaders(stack);
    await waitForQuarterSnapshot(stack);
  } catch (error) {
    await stack.stop();
    throw new Error(`${(error as Error).message}\n${stack.logs.slice(-30).join('\n')}`);
  }
  return stack;
}

async function build(dir: string, database: string, compiledDir: string | undefined): Promise<StackTemplate> {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  process.env.CREDIT_DATA_DIR = dataDir;
  const postgres = config.dbDriver() === 'postgresql';
  const serverUrl = config.databaseUrl();
  const schemaPrefix = postgres ? 'e2e_' : '';
  if (postgres) {
    await onServer(serverUrl, `drop database if exists "${database}" with (force)`);
    await onServer(serverUrl, `create database "${database}"`);
    process.env.CREDIT_DATABASE_URL = databaseUrlFor(serverUrl, database);
    process.env.CREDIT_DB_SCHEMA_PREFIX = schemaPrefix;
  }
  const entries = readSubgraphList();
  await seedSubgraphs({ names: entries.map((e) => e.name), scale: 'demo', reset: true, progress: silentProgress, log: () => {} });
  await (await startAll(dataDir, schemaPrefix, compiledDir)).stop();
  const template: StackTemplate = { dataDir, database: postgres ? database : undefined, serverUrl: postgres ? serverUrl : undefined, schemaPrefix, today: process.env.CREDIT_TODAY ?? '' };
  writeFileSync(join(dir, 'ready.json'), JSON.stringify(template));
  return template;
}

/** A stack on a copy of the template, kept until SIGTERM; its stores are removed when it stops. */
async function serveShared(dir: string, template: StackTemplate, compiledDir: string | undefined): Promise<void> {
  const copy = await copyTemplate(template, join(dir, 'shared-data'), `${template.database}_shared`);
  if (copy.databaseUrl) process.env.CREDIT_DATABASE_URL = copy.databaseUrl;
  const removeStores = () => copy.remove();
  let stack: Stack;
  try {
    stack = await startAll(join(dir, 'shared-data'), template.schemaPrefix, compiledDir);
  } catch (error) {
    await removeStores();
    throw error;
  }
  const address: SharedStackAddress = {
    gatewayUrl: stack.gatewayUrl,
    subgraphs: stack.subgraphs.map((s) => ({ name: s.name, url: s.url })),
  };
  writeFileSync(join(dir, SHARED_STACK_FILE), JSON.stringify(address));
  await new Promise<void>((resolve) => (stopServing = resolve));
  await stack.stop();
  await removeStores();
}

/** Set while the shared stack serves: SIGTERM then stops it and removes its stores. */
let stopServing: (() => void) | undefined;
let stopping = false;
// SIGTERM before that (the run ended while the template or the shared stack was still starting,
// e.g. one short file run alone): the processes started so far are stopped too, not left running.
process.on('SIGTERM', () => {
  if (stopServing) return stopServing();
  stopping = true;
  void stopSpawned().then(() => process.exit(0));
});
/** A start that failed because it was told to stop is no failure: the exit above ends the process. */
const unlessStopping = (fail: () => never) => (stopping ? new Promise<never>(() => {}) : fail());

const args = process.argv.slice(2);
const shared = args.includes('--shared');
const [dir, database, compiledDir] = args.filter((a) => a !== '--shared');
build(dir!, database!, compiledDir)
  .catch((error: Error) =>
    unlessStopping(() => {
      writeFileSync(join(dir!, 'failed.txt'), error.stack ?? String(error));
      process.exit(1);
    }),
  )
  .then((template) => (shared ? serveShared(dir!, template, compiledDir) : undefined))
  .then(
    () => process.exit(0),
    (error: Error) =>
      unlessStopping(() => {
        writeFileSync(join(dir!, 'shared-failed.txt'), error.stack ?? String(error));
        process.exit(1);
      }),
  );
