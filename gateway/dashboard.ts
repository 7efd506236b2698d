import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { localPageRouter } from './local-page.js';
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
  const router = localPageRouter({ index: join(here, 'dashboard', 'index.html'), assets: ASSETS });
  const operations = JSON.stringify(dashboardOperations());
  router.get('/operations.json', (_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.send(operations);
  });
  return router;
}
