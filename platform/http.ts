import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { traceServerRequests, tracingStarted } from './tracing.js';

export interface Listening {
  /** The GraphQL endpoint: http://host:port/graphql */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Puts an express (or any node) app on a port; port 0 picks a free one. Shared by subgraphs and the
 * gateway. With tracing on, each /graphql request gets its server span here.
 */
export async function listenHttp(app: RequestListener, port: number, host = '127.0.0.1'): Promise<Listening> {
  const httpServer = createServer(tracingStarted() ? traceServerRequests(app) : app);
  // Longer than a typical load balancer's idle timeout, so it never closes a socket under it.
  httpServer.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, resolve);
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}/graphql`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}
