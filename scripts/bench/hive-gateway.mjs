// Hive Gateway over the same supergraph, for the side-by-side benchmark (not part of the
// product). `--rust` swaps in Hive Router's Rust query planner (@graphql-hive/router-runtime).
// Like our gateway it forwards the caller's Authorization header, which every subgraph verifies,
// and signs what it sends to subgraphs.
// Plain JavaScript: graphql-yoga's typings augment GraphQLError's extensions in a way that
// conflicts with Apollo Server's, so Hive's types stay out of our type check.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { Command } from 'commander';
import { config } from '../../platform/config.ts';

const options = new Command()
  .requiredOption('--supergraph <file>', 'composed supergraph SDL')
  .requiredOption('--port <port>', 'port to listen on')
  .option('--rust', 'use the Rust query planner', false)
  .parse()
  .opts();

const gateway = createGatewayRuntime({
  supergraph: options.supergraph,
  logging: 'error',
  graphqlEndpoint: '/graphql',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => {
      const authorization = request.headers.get('authorization');
      return authorization ? { authorization } : {};
    },
  },
  // Subgraphs answer only requests the gateway signed (platform/gateway-signature.ts uses
  // Hive's HMAC upstream signature, so Hive signs with the same secret).
  hmacSignature: { secret: config.gatewaySecret() },
  ...(options.rust ? { unifiedGraphHandler } : {}),
});

const server = createServer(gateway);
server.listen(Number(options.port), '127.0.0.1', () => {
  console.log(JSON.stringify({ level: 'info', msg: 'hive gateway listening', port: options.port, planner: options.rust ? 'rust' : 'javascript' }));
});
const shutdown = () => server.close(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
