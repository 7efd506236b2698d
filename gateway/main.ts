// The gateway process: `npm start` runs it after the subgraphs; it also starts alone.
import { existsSync } from 'node:fs';
import { config } from '../subgraphs/kit/index.js';
import { buildGateway, listenGateway, subgraphUrlsFromEnv } from './build.js';
import { responseCacheModeFromEnv } from './plugins/response-cache.js';
import { loadSafelist } from './plugins/safelist.js';

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
});
const listening = await listenGateway(built, Number(process.env.PORT ?? 4000), process.env.HOST ?? '127.0.0.1');
console.log(JSON.stringify({ level: 'info', msg: 'gateway listening', url: listening.url, explorer: listening.url.replace(/graphql$/, 'explorer'), safelist: enforce ? 'enforced' : 'off' }));

process.on('SIGHUP', () => built.supergraph.reload());
const shutdown = async () => {
  await listening.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
