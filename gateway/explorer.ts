import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** Every file the explorer page loads, all served from this machine (air-gapped networks). */
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const ASSETS: Record<string, string> = {
  'graphiql.min.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': join(packageDir('graphiql'), 'graphiql.min.css'),
  'react.production.min.js': join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  'explorer.js': join(here, 'explorer', 'explorer.js'),
  'explorer.css': join(here, 'explorer', 'explorer.css'),
};

/**
 * The auditors' explorer: GraphiQL with a token field, from local assets only. The page's
 * Content-Security-Policy forbids connections to any other host.
 */
export function explorerRouter(): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.setHeader('content-security-policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'");
    res.sendFile(join(here, 'explorer', 'index.html'));
  });
  router.get('/assets/:file', (req, res) => {
    const path = ASSETS[req.params.file];
    if (!path) {
      res.status(404).end();
      return;
    }
    res.setHeader('cache-control', 'public, max-age=3600');
    res.sendFile(path);
  });
  return router;
}
