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
import { existsSync, readFileSync } from 'node:fs';
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

/** Waits for the builder started by the global setup; undefined if it failed (the stack then seeds itself). */
export async function awaitTemplate(dir: string, timeoutMs = 240_000): Promise<StackTemplate | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(join(dir, 'ready.json'))) return JSON.parse(readFileSync(join(dir, 'ready.json'), 'utf8')) as StackTemplate;
    if (existsSync(join(dir, 'failed.txt'))) {
      console.warn(`the stack template could not be built, this stack seeds itself:\n${readFileSync(join(dir, 'failed.txt'), 'utf8')}`);
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the stack template in ${dir} was not ready within ${timeoutMs} ms`);
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
