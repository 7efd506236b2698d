// What the gateway and subgraph processes promise at start and while running, checked on the
// processes themselves (gateway/main.ts, subgraphs/<name>/main.ts) with their configuration read
// from the environment as `npm start` reads it: the supergraph reloaded on SIGHUP or when its path is replaced, the 10 s default
// subgraph timeout, no start in production without the secrets, the safelist enforced by default in
// production. No subgraph is started where none is needed: a fake one that never answers stands in.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachLine, freePort } from '../../scripts/lib/stack.js';
import { ROOT, SUPERGRAPH_FILE, readSubgraphList } from '../../scripts/lib/subgraphs.js';
import { post } from '../helpers.js';
import { scriptCommand } from './test-stack.js';

interface Running {
  child: ChildProcess;
  output: string[];
  url: string;
}

const SECRETS = ['CREDIT_JWT_SECRET', 'CREDIT_PSEUDONYM_SECRET', 'CREDIT_DATA_KEY', 'CREDIT_GATEWAY_SECRET'] as const;
const PRODUCTION_SECRETS: Record<(typeof SECRETS)[number], string> = {
  CREDIT_JWT_SECRET: 'gateway-process-test-jwt-secret',
  CREDIT_PSEUDONYM_SECRET: 'gateway-process-test-pseudonym-secret',
  CREDIT_DATA_KEY: 'gateway-process-test-data-key',
  CREDIT_GATEWAY_SECRET: 'gateway-process-test-gateway-secret',
};

const dir = mkdtempSync(join(tmpdir(), 'credit-gateway-process-'));
const children: ChildProcess[] = [];
/** A subgraph that takes every request and never answers. */
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
  silent = createServer(() => {
    /* never answers */
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  silent?.closeAllConnections();
  silent?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The environment of a process of this file: the test worker's, without any of the settings these
 * tests are about (so that their defaults apply), plus `env`.
 */
function processEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of [...SECRETS, 'CREDIT_SUBGRAPH_TIMEOUT_MS', 'CREDIT_SAFELIST', 'CREDIT_SUPERGRAPH', 'CREDIT_REDIS_URL', 'CREDIT_JWT_ISSUER', 'CREDIT_JWT_AUDIENCE']) delete base[name];
  for (const key of Object.keys(base)) if (key.startsWith('CREDIT_SUBGRAPH_URL_')) delete base[key];
  return { ...base, CREDIT_RESPONSE_CACHE: 'off', ...env };
}

function spawnScript(script: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: string[] } {
  const child = spawn(process.execPath, scriptCommand(script), { cwd: ROOT, env: processEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const output: string[] = [];
  eachLine(child, (line) => output.push(line));
  return { child, output };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Starts a process and waits for its /healthz. */
async function startScript(script: string, env: NodeJS.ProcessEnv): Promise<Running> {
  const port = await freePort();
  const { child, output } = spawnScript(script, { PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}:\n${output.join('\n')}`);
    if (await fetch(url.replace(/graphql$/, 'healthz')).then((r) => r.ok, () => false)) return { child, output, url };
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${script} did not answer /healthz:\n${output.join('\n')}`);
}

/** Starts a process that should refuse to start: its exit code and output, or 'started' (then stopped) if it answered /healthz instead. */
async function refusedStart(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string } | 'started'> {
  const port = await freePort();
  const { child, output } = spawnScript(script, { PORT: String(port), ...env });
  const healthz = `http://127.0.0.1:${port}/healthz`;
  while (child.exitCode === null && child.signalCode === null) {
    if (await fetch(healthz).then((r) => r.ok, () => false)) {
      child.kill('SIGKILL');
      await exited(child);
      return 'started';
    }
    await Promise.race([exited(child), new Promise((resolve) => setTimeout(resolve, 150))]);
  }
  await new Promise((resolve) => setTimeout(resolve, 50)); // the last lines of its output
  return { code: child.exitCode, output: output.join('\n') };
}

async function stop(running: Running): Promise<void> {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGTERM');
  await exited(running.child);
}

/** Every subgraph of the supergraph at the silent fake. */
const silentSubgraphs = (): NodeJS.ProcessEnv =>
  Object.fromEntries(readSubgraphList().map((s) => [`CREDIT_SUBGRAPH_URL_${s.name.toUpperCase().replace(/-/g, '_')}`, silentUrl]));

async function pollUntil(predicate: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (await predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return predicate();
}

describe('the gateway process', () => {
  const original = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const marker = '"""单位主体 (an organization judged for government integrity)"""';
  let gateway: Running;
  const link = join(dir, 'supergraph.graphql');
  /** Points the supergraph path at another file, as a deployment swapping a symlink does: the file the gateway watches does not change. */
  const pointAt = (file: string) => {
    symlinkSync(file, `${link}.next`);
    renameSync(`${link}.next`, link);
  };
  const description = async () => (await post(gateway.url, '{ __type(name: "Organization") { description } }')).data?.__type?.description as string | undefined;

  beforeAll(async () => {
    expect(original).toContain(marker);
    writeFileSync(join(dir, 'first.graphql'), original);
    writeFileSync(join(dir, 'second.graphql'), original.replace(marker, '"""单位主体 (an organization judged for government integrity; reloaded on SIGHUP)"""'));
    writeFileSync(join(dir, 'broken.graphql'), 'this is not a supergraph');
    symlinkSync(join(dir, 'first.graphql'), link);
    gateway = await startScript('gateway/main.ts', { NODE_ENV: 'test', CREDIT_DATA_DIR: join(dir, 'data'), CREDIT_SUPERGRAPH: link, ...silentSubgraphs() });
  }, 120_000);

  afterAll(async () => {
    if (gateway) await stop(gateway);
  });

  it('reads the file again on SIGHUP, follows a replaced path by itself, and keeps serving the old supergraph when the new one is invalid', async () => {
    expect(await description()).toBe('单位主体 (an organization judged for government integrity)');
    // The file the link names is changed in place under another name of the folder: the gateway
    // watches its own path only, so without a signal it goes on serving the first supergraph.
    writeFileSync(join(dir, 'first.graphql'), readFileSync(join(dir, 'second.graphql'), 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await description()).toBe('单位主体 (an organization judged for government integrity)');
    expect(gateway.output.some((line) => line.includes('supergraph reloaded'))).toBe(false);

    gateway.child.kill('SIGHUP');
    expect(await pollUntil(async () => (await description().catch(() => undefined))?.includes('reloaded on SIGHUP') === true), gateway.output.join('\n')).toBe(true);
    expect(gateway.output.some((line) => line.includes('supergraph reloaded'))).toBe(true);

    // The path itself replaced by a rename (a symlink swapped, as `npm run schema:publish` renames
    // a file over it) is seen without a signal: here an invalid supergraph, refused.
    pointAt(join(dir, 'broken.graphql'));
    expect(await pollUntil(() => gateway.output.some((line) => line.includes('supergraph refused'))), gateway.output.join('\n')).toBe(true);
    gateway.child.kill('SIGHUP');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(gateway.child.exitCode).toBeNull();
    expect(await description()).toContain('reloaded on SIGHUP');
  });

  it('answers SUBGRAPH_UNAVAILABLE (reason TIMEOUT) after the default 10 s when a subgraph does not answer', async () => {
    const started = Date.now();
    const result = await post(gateway.url, '{ region(code: "231102") { name } }');
    console.log(`a subgraph that never answers was given up after ${Date.now() - started} ms (CREDIT_SUBGRAPH_TIMEOUT_MS unset)`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'registry', reason: 'TIMEOUT' });
    // The gateway names the time it waited: the default, 10,000 ms.
    expect(result.errors?.[0]?.message).toContain('did not answer within 10000 ms');
  });
});

describe('in production (NODE_ENV=production)', () => {
  it('a subgraph refuses to start while any of the four secrets is unset, naming it, and starts with all four', async () => {
    for (const missing of SECRETS) {
      const secrets: NodeJS.ProcessEnv = { ...PRODUCTION_SECRETS };
      delete secrets[missing];
      const refused = await refusedStart('subgraphs/registry/main.ts', { NODE_ENV: 'production', CREDIT_DATA_DIR: join(dir, `registry-without-${missing}`), ...secrets });
      expect(refused, missing).not.toBe('started');
      if (refused === 'started') return;
      expect(refused.code, missing).not.toBe(0);
      expect(refused.output, missing).toContain(`${missing} must be set in production`);
    }
    const registry = await startScript('subgraphs/registry/main.ts', { NODE_ENV: 'production', CREDIT_DATA_DIR: join(dir, 'registry'), ...PRODUCTION_SECRETS });
    await stop(registry);
  }, 240_000);

  it('the gateway refuses to start without the token secret or the gateway secret, naming it', async () => {
    for (const missing of ['CREDIT_JWT_SECRET', 'CREDIT_GATEWAY_SECRET'] as const) {
      const secrets: NodeJS.ProcessEnv = { ...PRODUCTION_SECRETS };
      delete secrets[missing];
      const refused = await refusedStart('gateway/main.ts', { NODE_ENV: 'production', CREDIT_DATA_DIR: join(dir, `gateway-without-${missing}`), ...silentSubgraphs(), ...secrets });
      expect(refused, missing).not.toBe('started');
      if (refused === 'started') return;
      expect(refused.code, missing).not.toBe(0);
      expect(refused.output, missing).toContain(`${missing} must be set in production`);
    }
  }, 180_000);

  it('the gateway enforces the portal safelist unless told otherwise: anonymous ad-hoc queries are refused, a token\'s are not', async () => {
    const gateway = await startScript('gateway/main.ts', { NODE_ENV: 'production', CREDIT_DATA_DIR: join(dir, 'gateway-production'), CREDIT_SUBGRAPH_TIMEOUT_MS: '500', ...silentSubgraphs(), ...PRODUCTION_SECRETS });
    try {
      expect(gateway.output.map((line) => (line.startsWith('{') ? JSON.parse(line) : {})).find((line) => line.msg === 'gateway listening')).toMatchObject({ safelist: 'enforced' });
      const adHoc = '{ organizations(first: 1) { totalCount } }';
      const anonymous = await post(gateway.url, adHoc);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_SAFELISTED');
      const token = await new SignJWT({ roles: ['AUDITOR'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('production-auditor').setIssuedAt().setExpirationTime('10m')
        .sign(new TextEncoder().encode(PRODUCTION_SECRETS.CREDIT_JWT_SECRET));
      const auditor = await post(gateway.url, adHoc, {}, { authorization: `Bearer ${token}` });
      expect(auditor.errors?.map((e) => e.extensions?.code)).not.toContain('OPERATION_NOT_SAFELISTED');
      expect(auditor.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE'); // it was planned and sent on, to the silent subgraph
    } finally {
      await stop(gateway);
    }
  }, 180_000);
});
