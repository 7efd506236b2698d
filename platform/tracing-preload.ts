// The first import of every process's main.ts (the gateway's and each subgraph's): starts tracing
// when OTEL_EXPORTER_OTLP_ENDPOINT is set, before MikroORM, knex, dataloader or graphql load, so that
// the instrumentations can patch them (platform/tracing.ts). It must stay free of other imports.
import { serviceNameOf, startTracing } from './tracing.js';

startTracing(serviceNameOf(process.argv[1]));
