// npm run compose — prints each subgraph's SDL to schema/<name>.graphql and composes
// schema/supergraph.graphql. Composition errors exit non-zero.
import { relative } from 'node:path';
import { renderSchemas, ROOT, writeSchemas } from './lib/subgraphs.js';

try {
  const rendered = await renderSchemas();
  writeSchemas(rendered);
  for (const path of rendered.files.keys()) console.log(`wrote ${relative(ROOT, path)}`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
