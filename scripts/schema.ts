// npm run schema:check   -- --subgraph NAME (--sdl FILE | --url URL) [--routing-url URL] [--days 30] [--gateway URL] [--json]
// npm run schema:publish -- the same options; writes only after a passing check
// npm run schema:rollback -- [--to VERSION] [--list]
// The federation's own schema registry (scripts/lib/schema-registry.ts): composition with the
// other subgraphs, every change classified by graphql-inspector, and every client operation (the
// safelist, and what the gateway recorded as run in the last N days) validated against the
// proposed API schema. Exit 0 when it passes, 1 when it fails, 2 when it could not run.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { Redis } from 'ioredis';
import { openAuditStore } from '../gateway/audit/store.js';
import type { UsageRecord } from '../gateway/usage/operation-usage.js';
import { openDatabaseUsageStore, redisUsageStore, type OperationUsageStore } from '../gateway/usage/store.js';
import { AuditEntry, signToken, tableOf, type EntityManager } from '../subgraphs/kit/index.js';
import { OPERATIONS_DIR } from './lib/safelist.js';
import {
  checkSubgraph, fetchSubgraphSdl, formatReport, listVersions, publishSubgraph, rollbackTo, safelistedOperations, type ClientOperation, type ProposedSubgraph,
} from './lib/schema-registry.js';
import { ROOT, SUPERGRAPH_CONFIG } from './lib/subgraphs.js';

interface ProposalOptions {
  subgraph: string;
  sdl?: string;
  url?: string;
  routingUrl?: string;
  days: number;
  gateway?: string;
  token?: string;
  usage: boolean;
  json?: boolean;
  config: string;
  history?: string;
}

const days = (value: string) => {
  if (!/^\d{1,4}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('a whole number of days, 1 or more');
  return Number(value);
};

function proposalCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .requiredOption('--subgraph <name>', 'the subgraph, as named in supergraph.yaml (a new name registers a new subgraph)')
    .addOption(new Option('--sdl <file>', 'the proposed SDL file').conflicts('url'))
    .addOption(new Option('--url <url>', "a running subgraph: its SDL is read from `{ _service { sdl } }`").conflicts('sdl'))
    .option('--routing-url <url>', 'where the gateway reaches it (required for a new subgraph; default --url for one registered by URL)')
    .option('--days <n>', 'operations run in the last n days', days, 30)
    .option('--gateway <url>', "read the usage from a running gateway's GET /usage (an ADMIN token: --token or CREDIT_TOKEN) instead of the local stores")
    .option('--token <jwt>', 'an ADMIN token for --gateway')
    .option('--no-usage', 'check the safelist alone, without recorded usage')
    .option('--json', 'print the report as JSON (for CI)')
    .option('--config <file>', 'the subgraph list', SUPERGRAPH_CONFIG);
}

async function proposal(options: ProposalOptions): Promise<ProposedSubgraph & { external: boolean }> {
  if (!options.sdl && !options.url) throw new InvalidArgumentError('give --sdl <file> or --url <url> (须给出 --sdl 或 --url)');
  if (options.url && !/^https?:\/\//.test(options.url)) throw new InvalidArgumentError('--url must be an http(s) URL');
  const sdl = options.sdl ? readFileSync(options.sdl, 'utf8') : await fetchSubgraphSdl(options.url!);
  // A subgraph with no folder of its own here is run by another system.
  const external = !existsSync(join(ROOT, 'subgraphs', options.subgraph, 'schema.ts'));
  return { name: options.subgraph, sdl, routingUrl: options.routingUrl ?? (external ? options.url : undefined), external };
}

/** The safelist, and the operations the gateway recorded as run in the last `days` days, with the callers the audit log saw run them. */
async function clientOperations(options: ProposalOptions): Promise<ClientOperation[]> {
  const operations = safelistedOperations(OPERATIONS_DIR);
  if (!options.usage) return operations;
  const since = new Date(Date.now() - options.days * 86_400_000).toISOString();
  const records = options.gateway ? await usageFromGateway(options) : await usageFromStores(since);
  const audited = options.gateway ? new Map<string, string[]>() : await auditedCallers(since);
  for (const r of records) {
    if (r.lastSeen < since) continue;
    operations.push({ client: r.clientName, name: r.operationName, document: r.document, source: 'usage', count: r.count, lastSeen: r.lastSeen, auditedCallers: audited.get(r.queryHash) });
  }
  return operations;
}

async function usageFromGateway(options: ProposalOptions): Promise<UsageRecord[]> {
  let token = options.token ?? process.env.CREDIT_TOKEN;
  if (!token) {
    if (process.env.NODE_ENV === 'production') throw new InvalidArgumentError('--gateway needs an ADMIN token: --token or CREDIT_TOKEN');
    token = await signToken({ sub: 'schema-cli', roles: ['ADMIN'], expiresIn: '10m' });
  }
  const url = new URL('/usage', options.gateway);
  url.searchParams.set('days', String(options.days));
  url.searchParams.set('limit', '5000');
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  const body = (await response.json().catch(() => null)) as { operations?: UsageRecord[]; errors?: Array<{ message: string }> } | null;
  if (!response.ok || !body?.operations) throw new Error(`网关未给出使用情况 (the gateway gave no usage: HTTP ${response.status}${body?.errors ? `, ${body.errors[0]?.message}` : ''})`);
  return body.operations;
}

/** The gateway's usage store as the gateway opens it (CREDIT_USAGE_STORE, CREDIT_DB_DRIVER, CREDIT_DATA_DIR, CREDIT_REDIS_URL). */
async function usageFromStores(since: string): Promise<UsageRecord[]> {
  const mode = process.env.CREDIT_USAGE_STORE ?? 'database';
  if (mode === 'off') return [];
  let store: OperationUsageStore;
  let redis: Redis | undefined;
  if (mode === 'redis') {
    if (!process.env.CREDIT_REDIS_URL) throw new Error('CREDIT_USAGE_STORE=redis needs CREDIT_REDIS_URL');
    redis = new Redis(process.env.CREDIT_REDIS_URL, { maxRetriesPerRequest: 1 });
    store = redisUsageStore(redis, process.env.CREDIT_REDIS_PREFIX ?? 'credit:');
  } else {
    store = await openDatabaseUsageStore();
  }
  try {
    return await store.list({ since, limit: 100_000 });
  } finally {
    await store.close();
    redis?.disconnect();
  }
}

/** Query hash → the callers the gateway's audit log recorded running it since `since`. */
async function auditedCallers(since: string): Promise<Map<string, string[]>> {
  const audit = await openAuditStore();
  try {
    const em = audit.orm.em.fork() as EntityManager;
    const rows = (await em.getConnection().execute(
      `select distinct query_hash, caller_id from ${tableOf(em, AuditEntry)} where at >= ? order by caller_id limit 100000`,
      [since],
    )) as Array<{ query_hash: string; caller_id: string }>;
    const callers = new Map<string, string[]>();
    for (const row of rows) callers.set(row.query_hash, [...(callers.get(row.query_hash) ?? []), row.caller_id]);
    return callers;
  } finally {
    await audit.close();
  }
}

function historyDirOf(options: { config: string; history?: string }): string {
  return resolve(options.history ?? join(resolve(options.config), '..', '.history'));
}

const program = new Command()
  .name('schema')
  .description('Check, publish and roll back subgraph schemas (子图架构的检查、发布与回滚)')
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

program.addCommand(
  proposalCommand('check', 'compose, classify changes, validate client operations (检查)').action(async (options: ProposalOptions) => {
    const { report } = await checkSubgraph(await proposal(options), { configPath: resolve(options.config), operations: await clientOperations(options) });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
    process.exitCode = report.passed ? 0 : 1;
  }),
);

program.addCommand(
  proposalCommand('publish', 'check, then write the SDL and the supergraph atomically, keeping the previous version (发布)')
    .option('--history <dir>', 'where versions are kept (default .history beside the subgraph list)')
    .action(async (options: ProposalOptions) => {
      const result = await publishSubgraph(await proposal(options), { configPath: resolve(options.config), historyDir: historyDirOf(options), operations: await clientOperations(options) });
      if (options.json) {
        console.log(JSON.stringify({ ...result.report, published: result.version ?? null }, null, 2));
      } else {
        console.log(formatReport(result.report));
        console.log(result.version ? `已发布版本 ${result.version.id}，上一版本 ${result.version.previous} (published version ${result.version.id}; the previous is ${result.version.previous})` : '未发布 (not published)');
      }
      process.exitCode = result.version ? 0 : 1;
    }),
);

program.addCommand(
  new Command('rollback')
    .description('restore a kept version, by default the one before the current (回滚)')
    .option('--to <version>', 'a version id (see --list)')
    .option('--list', 'list the kept versions')
    .option('--config <file>', 'the subgraph list', SUPERGRAPH_CONFIG)
    .option('--history <dir>', 'where versions are kept (default .history beside the subgraph list)')
    .action(async (options: { to?: string; list?: boolean; config: string; history?: string }) => {
      const historyDir = historyDirOf(options);
      if (options.list) {
        const { versions, current } = listVersions(historyDir);
        for (const v of versions) console.log(`${v.id === current ? '*' : ' '} ${v.id}  ${v.action}${v.subgraph ? ` ${v.subgraph}` : ''}  ${v.at}`);
        if (versions.length === 0) console.log('尚无版本 (no versions kept yet)');
        return;
      }
      const restored = await rollbackTo({ configPath: resolve(options.config), historyDir, to: options.to });
      console.log(`已回滚到版本 ${restored.id} (rolled back to version ${restored.id})`);
    }),
);

try {
  await program.parseAsync();
} catch (error) {
  console.error(String((error as Error).message ?? error));
  process.exitCode = 2;
}
