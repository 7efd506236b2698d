import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
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

/** The page may load and connect to this origin only, and no other page may frame it (clickjacking). */
export const EXPLORER_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The auditors' explorer: GraphiQL with a token field, the explorer plugin's query builder, the
 * saved audit questions (GET /explorer/questions.json, read from gateway/explorer/questions/ at
 * start) and a table of the result with CSV/XLSX export (routes/explorer-export.ts), from local
 * assets only. The page's
 * Content-Security-Policy forbids connections to any other host, and being framed by any page
 * (frame-ancestors 'none', and X-Frame-Options: DENY for older browsers).
 */
export function explorerRouter(): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('content-security-policy', EXPLORER_CSP);
    res.setHeader('x-frame-options', 'DENY');
    next();
  });
  router.get('/', (_req, res) => {
    res.sendFile(join(here, 'explorer', 'index.html'));
  });
  const questions = loadQuestions();
  router.get('/questions.json', (_req, res) => {
    res.json({ questions });
  });
  router.get('/assets/:file', (req, res, next) => {
    const path = Object.hasOwn(ASSETS, req.params.file) ? ASSETS[req.params.file] : undefined;
    if (!path) {
      next(); // the app's 404, as JSON
      return;
    }
    res.setHeader('cache-control', 'public, max-age=3600');
    res.sendFile(path);
  });
  return router;
}
