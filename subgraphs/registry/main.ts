import { runSubgraph } from '../kit/index.js';
import { registry } from './schema.js';

await runSubgraph(registry, 4001);
