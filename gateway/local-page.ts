import express, { type Router } from 'express';

/** A page of the gateway may load and connect to this origin only, and no other page may frame it (clickjacking). */
export const LOCAL_PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * A page served by the gateway from this machine alone (air-gapped networks): its HTML at `/`,
 * its files at `/assets/<name>` from a fixed list (anything else is the app's JSON 404), under
 * LOCAL_PAGE_CSP and X-Frame-Options: DENY for older browsers. The caller adds its own routes.
 */
export function localPageRouter(page: { index: string; assets: Record<string, string> }): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.setHeader('content-security-policy', LOCAL_PAGE_CSP);
    res.setHeader('x-frame-options', 'DENY');
    next();
  });
  router.get('/', (_req, res) => {
    res.sendFile(page.index);
  });
  router.get('/assets/:file', (req, res, next) => {
    const path = Object.hasOwn(page.assets, req.params.file) ? page.assets[req.params.file] : undefined;
    if (!path) {
      next();
      return;
    }
    res.setHeader('cache-control', 'public, max-age=3600');
    res.sendFile(path);
  });
  return router;
}
