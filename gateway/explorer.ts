import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { localPageRouter } from './local-page.js';
import { loadQuestions } from './explorer/questions.js';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** Every file the explorer page loads, all served from this machine (air-gapped networks). */
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const ASSETS: Record<string, string> = {
  'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
  'react.production.min.js': join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  // GraphiQL's explorer plugin (3.x, for graphiql 3.x): a point-and-click query builder.
  'graphiql-plugin-explorer.umd.js': join(packageDir('@graphiql/plugin-explorer'), 'dist', 'index.umd.js'),
  'graphiql-plugin-explorer.css': join(packageDir('@graphiql/plugin-explorer'), 'dist', 'style.css'),
  'explorer.js': join(here, 'explorer', 'explorer.js'),
  'explorer.css': join(here, 'explorer', 'explorer.css'),
};

/**
 * The auditors' explorer: GraphiQL with a token field, the explorer plugin's query builder, the
 * saved audit questions (GET /explorer/questions.json, read from gateway/explorer/questions/ at
 * start) and a table of the result with CSV/XLSX export (routes/explorer-export.ts), from local
 * assets only (gateway/local-page.ts: no other host, no framing).
 */
export function explorerRouter(): Router {
  const router = localPageRouter({ index: join(here, 'explorer', 'index.html'), assets: ASSETS });
  const questions = loadQuestions();
  router.get('/questions.json', (_req, res) => {
    res.json({ questions });
  });
  return router;
}
