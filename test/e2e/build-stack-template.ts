// Builds the stack template (see stack-template.ts) in a process of its own:
//
//   node --import tsx test/e2e/build-stack-template.ts <dir> <database> [<compiled dir>]
//
// writes <dir>/ready.json (a StackTemplate) when done, or <dir>/failed.txt with the reason.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedSubgraphs } from '../../scripts/lib/seeding.js';
import { freePort, startStack } from '../../scripts/lib/stack.js';
import { readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { config, silentProgress } from '../../subgraphs/kit/index.js';
import { waitForFeedReaders } from './feed-readers.js';
import { databaseUrlFor, onServer, type StackTemplate } from './stack-template.js';

async function build(dir: string, database: string, compiledDir: string | undefined): Promise<void> {
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
  const subgraphs = [];
  for (const entry of entries) subgraphs.push({ ...entry, port: await freePort() });
  const stack = await startStack({
    subgraphs,
    gatewayPort: await freePort(),
    compiledDir,
    env: { CREDIT_DATA_DIR: dataDir, CREDIT_DB_SCHEMA_PREFIX: schemaPrefix, NODE_ENV: 'test', CREDIT_RESPONSE_CACHE: 'off' },
  });
  try {
    await waitForFeedReaders(stack);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${stack.logs.slice(-30).join('\n')}`);
  } finally {
    await stack.stop();
  }
  const template: StackTemplate = { dataDir, database: postgres ? database : undefined, serverUrl: postgres ? serverUrl : undefined, schemaPrefix, today: process.env.CREDIT_TODAY ?? '' };
  writeFileSync(join(dir, 'ready.json'), JSON.stringify(template));
}

const [dir, database, compiledDir] = process.argv.slice(2);
build(dir!, database!, compiledDir).then(
  () => process.exit(0),
  (error: Error) => {
    writeFileSync(join(dir!, 'failed.txt'), error.stack ?? String(error));
    process.exit(1);
  },
);
