// The gateway process: `npm start` runs it after the subgraphs; it also starts alone.
import { readFileSync } from 'node:fs';
import { config } from '../subgraphs/kit/index.js';
import { buildGateway, listenGateway, subgraphUrlsFromEnv } from './build.js';

config.jwtSecret(); // warn at start, not at the first request, when the development secret is in use
const supergraphPath = process.env.CREDIT_SUPERGRAPH ?? 'schema/supergraph.graphql';
const built = await buildGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8'), subgraphUrls: subgraphUrlsFromEnv() });
const listening = await listenGateway(built, Number(process.env.PORT ?? 4000), process.env.HOST ?? '127.0.0.1');
console.log(JSON.stringify({ level: 'info', msg: 'gateway listening', url: listening.url }));

const shutdown = async () => {
  await listening.close();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
