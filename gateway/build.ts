import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { formatSubgraphError, listenHttp, type Listening } from '../subgraphs/kit/index.js';
import { createGatewayContext, type GatewayContext } from './context.js';
import { ForwardingDataSource } from './datasource.js';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Subgraph URLs by name, overriding the routing URLs baked into the supergraph. */
  subgraphUrls?: Record<string, string>;
  plugins?: ApolloServerPlugin<GatewayContext>[];
}

export interface BuiltGateway {
  app: Express;
  server: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  stop(): Promise<void>;
}

/** Subgraph URL overrides from the environment: CREDIT_SUBGRAPH_URL_<NAME>=http://… */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^CREDIT_SUBGRAPH_URL_([A-Z0-9_]+)$/.exec(key);
    if (match && value) urls[match[1]!.toLowerCase().replace(/_/g, '-')] = value;
  }
  return urls;
}

/**
 * Builds the gateway without listening (tests build it in-process): Apollo Gateway over
 * the supergraph, Apollo Server, and the express app that serves /graphql and /healthz.
 */
export async function buildGateway(options: GatewayOptions): Promise<BuiltGateway> {
  const overrides = options.subgraphUrls ?? {};
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new ForwardingDataSource({ url: overrides[name] ?? url }),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: formatSubgraphError,
    plugins: options.plugins ?? [],
  });
  await server.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '20mb' }),
    expressMiddleware(server, { context: ({ req }) => createGatewayContext(req.headers) }),
  );
  return { app, server, gateway, stop: () => server.stop() };
}

/** Serves the gateway; closing it also stops Apollo Server (and the gateway's polling). */
export async function listenGateway(built: BuiltGateway, port: number, host = '127.0.0.1'): Promise<Listening> {
  const listening = await listenHttp(built.app, port, host);
  return {
    ...listening,
    close: async () => {
      await listening.close();
      await built.stop();
    },
  };
}
