import '../../platform/tracing-preload.js';
import { runSubgraph } from '../kit/index.js';
import { subgraph } from './schema.js';

await runSubgraph(subgraph, 4005);
