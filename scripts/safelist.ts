// npm run safelist — rewrites gateway/safelist.json from gateway/operations/*.graphql.
import { writeFileSync } from 'node:fs';
import { renderSafelist, SAFELIST_FILE } from './lib/safelist.js';

writeFileSync(SAFELIST_FILE, renderSafelist());
console.log(`wrote ${SAFELIST_FILE}`);
