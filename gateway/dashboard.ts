import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { Kind, parse, print } from 'graphql';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** The dashboard's operations, kept with the portal's (gateway/operations/) so `npm run safelist` lists them. */
export const DASHBOARD_OPERATIONS_FILE = join(here, 'operations', 'dashboard.graphql');

/** Every file the dashboard loads, all served from this machine (air-gapped networks). */
const ASSETS: Record<string, string> = {
  'echarts.min.js': join(dirname(require.resolve('echarts/package.json')), 'dist', 'echarts.min.js'),
  'dashboard.js': join(here, 'dashboard', 'dashboard.js'),
  'dashboard.css': join(here, 'dashboard', 'dashboard.css'),
};

/** The same policy as the explorer's: this origin only, and no other page may frame it. */
export const DASHBOARD_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The operations by name, each printed as `npm run safelist` prints it (scripts/lib/safelist.ts),
 * so the page sends exactly the text the safelist holds and nothing it could edit by accident.
 */
export function dashboardOperations(): Record<string, string> {
  const document = parse(readFileSync(DASHBOARD_OPERATIONS_FILE, 'utf8'));
  const operations: Record<string, string> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
    operations[definition.name.value] = print({ kind: Kind.DOCUMENT, definitions: [definition] });
  }
  return operations;
}

/**
 * The city credit office's quarterly 晾晒 dashboard: a static page with Apache ECharts that runs
 * only the safelisted Dashboard* operations at /graphql, as an anonymous caller.
 */
export function dashboardRouter(): Router {
  const router = express.Router();
  const operations = JSON.stringify(dashboardOperations());
  router.use((_req, res, next) => {
    res.setHeader('content-security-policy', DASHBOARD_CSP);
    res.setHeader('x-frame-options', 'DENY');
    next();
  });
  router.get('/', (_req, res) => {
    res.sendFile(join(here, 'dashboard', 'index.html'));
  });
  router.get('/operations.json', (_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.send(operations);
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
