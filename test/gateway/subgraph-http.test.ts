// The gateway's HTTP client to subgraphs: bounded keep-alive pools, and identical reads in
// flight at once sharing one fetch (never writes, never across caller tokens).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { subgraphFetcher } from '../../gateway/subgraph-http.js';

let server: Server;
let url: string;
let requests = 0;
const sockets = new Set<unknown>();
const client = subgraphFetcher({ connections: 2, timeoutMs: 5_000 });

beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(req.socket);
    requests++;
    // Slow enough that concurrent callers overlap.
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'max-age=60, public');
      res.end(JSON.stringify({ data: { n: requests } }));
    }, 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await client.close();
  server.close();
});

beforeEach(() => {
  requests = 0;
  sockets.clear();
});

const read = (authorization?: string, field = 'a') => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  body: JSON.stringify({ query: `query Op__registry__0 { ${field} }`, variables: {} }),
});
const write = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation Op__registry__0 { a }', variables: {} }) };

describe('subgraph HTTP client', () => {
  it('lets identical reads in flight share one fetch, and hands each caller the answer and headers', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.fetcher(url, read())));
    expect(requests).toBe(1);
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      expect(await answer.json()).toEqual({ data: { n: 1 } });
      expect(answer.headers.get('cache-control')).toBe('max-age=60, public');
    }
    expect(client.inFlight()).toBe(0);
  });

  it('never shares between different tokens, different queries or writes', async () => {
    await Promise.all([client.fetcher(url, read('Bearer a')), client.fetcher(url, read('Bearer b')), client.fetcher(url, read(undefined, 'b'))]);
    expect(requests).toBe(3);
    requests = 0;
    await Promise.all([client.fetcher(url, write), client.fetcher(url, write)]);
    expect(requests).toBe(2);
  });

  it('fetches again once the shared fetch has finished', async () => {
    await client.fetcher(url, read());
    await client.fetcher(url, read());
    expect(requests).toBe(2);
  });

  it('keeps at most the configured number of sockets to a subgraph, reused', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.fetcher(url, read(undefined, `f${i}`))));
    expect(requests).toBe(12);
    expect(sockets.size).toBeLessThanOrEqual(2);
  });
});
