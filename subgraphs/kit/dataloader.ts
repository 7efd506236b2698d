// DataLoader for every loader of the kit and the subgraphs: import it from here, not from
// 'dataloader'. Required, not imported: the OpenTelemetry instrumentation (platform/tracing.ts)
// patches CommonJS `require`, and hands back a constructor whose batches get spans
// (`dataloader.batch`); an ES `import` of the package would get the unpatched one.
import { createRequire } from 'node:module';
import type DataLoaderClass from 'dataloader';

const require = createRequire(import.meta.url);

export const DataLoader: typeof DataLoaderClass = require('dataloader');
export type DataLoader<K, V, C = K> = DataLoaderClass<K, V, C>;
