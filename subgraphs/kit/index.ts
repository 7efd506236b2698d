// The subgraph kit: what every subgraph shares, so that a subgraph folder holds only its domain.
import 'reflect-metadata';

export * from './auth.js';
export * from './config.js';
export * from './connection.js';
export * from './context.js';
export * from './errors.js';
export * from './federation.js';
export * from './import-result.js';
export * from './input.js';
export * from './input-hygiene.js';
export * from './limits.js';
export * from './loaders.js';
export { subgraphRequestCount } from './metrics.js';
export * from './official-roster.js';
export * from './orm.js';
export * from './personal-data.js';
export * from './subgraph.js';
export * from './validation/id-number.js';
export * from './validation/masking.js';
export * from './validation/region-code.js';
export * from './validation/uscc.js';
export * from './enums.js';
export * from './seeding.js';
export * from './http.js';
export * from './dates.js';
export * from './figures.js';
