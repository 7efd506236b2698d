// A seeded stack's stores, built once per test run and copied for each end-to-end stack.
//
// Seeding the demo data (≈6 s) and letting the feed readers build what they keep (evaluation's
// read model, the domains' copies of the registry: ≈6 s) cost as much as starting the processes,
// and gave every stack the same result. So a run builds them once: the end-to-end projects'
// global setup (test/e2e/global-setup.ts) starts this file as a process in the background, and each
// stack copies what it left: the data directory on SQLite, a database made with
// `CREATE DATABASE … TEMPLATE` on PostgreSQL. A stack started from a copy finds its read models
// current for the pinned day and rule set, so it does not rebuild them.
//
// The builder is test/e2e/build-stack-template.ts; this file is what both sides share.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** What a stack copies. */
export interface StackTemplate {
  /** The data directory to copy (SQLite files, and whatever else a stack keeps on disk). */
  dataDir: string;
  /** On PostgreSQL: the template database, and the schema prefix its stores were made under. */
  database?: string;
  /** On PostgreSQL: the server's maintenance URL the template database was made from. */
  serverUrl?: string;
  schemaPrefix: string;
  /** The day the read models were built for (CREDIT_TODAY): a stack on another day rebuilds. */
  today: string;
}

/**
 * What every test stack's processes are started with, besides their stores: tests read as PUBLIC
 * right after writing, and the response cache (tested on its own) would answer them from before
 * the write, so it is off unless a test turns it on.
 */
export const TEST_STACK_DEFAULTS: NodeJS.ProcessEnv = { NODE_ENV: 'test', CREDIT_RESPONSE_CACHE: 'off' };

/**
 * The run's shared read-only stack (end-to-end project `e2e`): started by the template's builder
 * from a copy of the template, for the files that only read the demo data (sharedTestStack).
 */
export interface SharedStackAddress {
  gatewayUrl: string;
  subgraphs: Array<{ name: string; url: string }>;
}

/** Where the builder writes the shared stack's address, in the template's directory. */
export const SHARED_STACK_FILE = 'shared.json';

/**
 * Waits for the builder started by the global setup; undefined if it failed, or if there is no
 * such directory (a template of another project not in this run): the stack then seeds itself.
 */
export async function awaitTemplate(dir: string, timeoutMs = 240_000): Promise<StackTemplate | undefined> {
  if (!existsSync(dir)) return undefined;
  return awaitFile<StackTemplate>(dir, 'ready.json', 'failed.txt', 'the stack template could not be built, this stack seeds itself', timeoutMs);
}

/** Waits for the shared stack; undefined if the builder could not start it (the file then starts a stack of its own). */
export async function awaitSharedStack(dir: string, timeoutMs = 300_000): Promise<SharedStackAddress | undefined> {
  if (!(await awaitTemplate(dir, timeoutMs))) return undefined;
  return awaitFile<SharedStackAddress>(dir, SHARED_STACK_FILE, 'shared-failed.txt', 'the shared stack could not be started, this file starts its own', timeoutMs);
}

async function awaitFile<T>(dir: string, file: string, failed: string, warning: string, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(join(dir, file))) return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
    if (existsSync(join(dir, failed))) {
      console.warn(`${warning}:\n${readFileSync(join(dir, failed), 'utf8')}`);
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${file} in ${dir} was not written within ${timeoutMs} ms`);
}

/** A database URL naming another database on the same server. */
export function databaseUrlFor(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.href;
}

/** Runs SQL on the server's maintenance connection (the base URL's database). */
export async function onServer(baseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A stack's own copy of the template's stores: its data directory and, on PostgreSQL, a database. */
export interface TemplateCopy {
  /** Where the copy's stores are on PostgreSQL (CREDIT_DATABASE_URL); absent on SQLite. */
  databaseUrl?: string;
  /** Removes the data directory and drops the database. */
  remove(): Promise<void>;
}

/** Copies the template's data directory into `dataDir` and, on PostgreSQL, makes `database` from the template database. */
export async function copyTemplate(template: StackTemplate, dataDir: string, database: string): Promise<TemplateCopy> {
  cpSync(template.dataDir, dataDir, { recursive: true });
  if (!template.database) return { remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
  await onServer(template.serverUrl!, `create database "${database}" template "${template.database}"`);
  return {
    databaseUrl: databaseUrlFor(template.serverUrl!, database),
    remove: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await onServer(template.serverUrl!, `drop database if exists "${database}" with (force)`);
    },
  };
}
