// The gateway process: `npm start` runs it after the subgraphs; it also starts alone.
// CREDIT_GATEWAY_WORKERS=n runs n gateway processes sharing the port (node:cluster).
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { config } from '../subgraphs/kit/index.js';
import { buildGateway, listenGateway, subgraphUrlsFromEnv } from './build.js';
import { responseCacheModeFromEnv } from './plugins/response-cache.js';
import { loadSafelist } from './plugins/safelist.js';

const workers = Number(process.env.CREDIT_GATEWAY_WORKERS ?? 1);

async function serve(): Promise<void> {
  config.jwtSecret(); // warn at start, not at the first request, when the development secret is in use
  const safelistPath = process.env.CREDIT_SAFELIST_FILE ?? 'gateway/safelist.json';
  const enforce = (process.env.CREDIT_SAFELIST ?? (process.env.NODE_ENV === 'production' ? 'enforce' : 'off')) === 'enforce';
  const built = await buildGateway({
    supergraphPath: process.env.CREDIT_SUPERGRAPH ?? 'schema/supergraph.graphql',
    subgraphUrls: subgraphUrlsFromEnv(),
    subgraphTimeoutMs: Number(process.env.CREDIT_SUBGRAPH_TIMEOUT_MS ?? 10_000),
    safelist: existsSync(safelistPath) ? { manifest: loadSafelist(safelistPath), enforce } : undefined,
    redisUrl: process.env.CREDIT_REDIS_URL,
    redisPrefix: process.env.CREDIT_REDIS_PREFIX,
    responseCache: responseCacheModeFromEnv(),
    subgraphHttp: {
      client: process.env.CREDIT_SUBGRAPH_HTTP === 'fetch' ? 'fetch' : 'undici',
      connections: Number(process.env.CREDIT_SUBGRAPH_CONNECTIONS ?? 32),
    },
  });
  const listening = await listenGateway(built, Number(process.env.PORT ?? 4000), process.env.HOST ?? '127.0.0.1');
  if (cluster.isPrimary) {
    console.log(JSON.stringify({ level: 'info', msg: 'gateway listening', url: listening.url, explorer: listening.url.replace(/graphql$/, 'explorer'), safelist: enforce ? 'enforced' : 'off' }));
  } else {
    console.log(JSON.stringify({ level: 'info', msg: 'gateway worker listening', workerPid: process.pid }));
  }

  process.on('SIGHUP', () => built.supergraph.reload());
  const shutdown = async () => {
    await listening.close();
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
  console.log(JSON.stringify({ level: 'info', msg: 'gateway primary', workers, url: `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? 4000}/graphql` }));
} else {
  await serve();
}
