// The gateway process: `npm start` runs it after the subgraphs; it also starts alone.
// CREDIT_GATEWAY_WORKERS=n runs n gateway processes sharing the port (node:cluster).
import '../platform/tracing-preload.js';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { config, flushTracing } from '../platform/index.js';
import { buildGateway, listenGateway } from './build.js';
import { gatewayConfigFromEnv } from './config.js';
import { loadSafelist } from './plugins/safelist.js';

// Every setting from the environment, read and checked here, once (gateway/config.ts).
const settings = gatewayConfigFromEnv();
const { workers } = settings;

async function serve(): Promise<void> {
  // Warn at start, not at the first request, when the development secret is in use; refuse to
  // start on a token lifetime that cannot be read.
  config.jwtSecret();
  config.jwtMaxLifetimeSeconds();
  config.gatewaySecret();
  const enforce = settings.enforceSafelist;
  const built = await buildGateway({
    supergraphPath: settings.supergraphPath,
    subgraphUrls: settings.subgraphUrls,
    subgraphTimeoutMs: settings.subgraphTimeoutMs,
    safelist: existsSync(settings.safelistPath) ? { manifest: loadSafelist(settings.safelistPath), enforce } : undefined,
    redisUrl: settings.redisUrl,
    redisPrefix: settings.redisPrefix,
    responseCache: settings.responseCache,
    cacheInvalidation: settings.cacheInvalidation,
    subgraphHttp: settings.subgraphHttp,
    rateLimits: settings.rateLimits,
    maxBody: settings.maxBody,
    trustedProxies: settings.trustedProxies,
    usage: settings.usage,
  });
  const listening = await listenGateway(built, settings.port, settings.host);
  if (cluster.isPrimary) {
    console.log(JSON.stringify({ level: 'info', msg: 'gateway listening', url: listening.url, explorer: listening.url.replace(/graphql$/, 'explorer'), safelist: enforce ? 'enforced' : 'off' }));
  } else {
    console.log(JSON.stringify({ level: 'info', msg: 'gateway worker listening', workerPid: process.pid }));
  }

  process.on('SIGHUP', () => built.supergraph.reload());
  const shutdown = async () => {
    await listening.close();
    await flushTracing();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (workers > 1 && cluster.isPrimary) {
  // The primary only forks and relays signals; the workers accept connections in turn.
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping) console.error(JSON.stringify({ level: 'error', msg: 'gateway worker exited', workerPid: worker.process.pid, code, signal }));
  });
  let stopping = false;
  const stopAll = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const check = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    }, 50);
    check.unref();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGINT', () => stopAll('SIGTERM'));
  process.once('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGHUP', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGHUP');
  });
  console.log(JSON.stringify({ level: 'info', msg: 'gateway primary', workers, url: `http://${settings.host}:${settings.port}/graphql` }));
} else {
  await serve();
}
