import { Agent, request } from 'undici';

export interface SubgraphHttpOptions {
  /** Open connections per subgraph at most; requests beyond wait for a free one. */
  connections: number;
  timeoutMs: number;
}

/** The slice of a fetch Response that Apollo's RemoteGraphQLDataSource reads. */
interface SubgraphResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: Headers;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** Only reads may share an answer; Apollo sends each fetch as {"query":"query …"} or {"query":"{…"}. */
const READ = /^\{"query":"(query\b|\{)/;

/**
 * How the gateway talks to subgraphs: undici's request API over one keep-alive pool per
 * subgraph with a bounded number of sockets, instead of the global fetch (whose WHATWG
 * streams cost the gateway CPU on every fetch; see docs/benchmarks.md). Identical reads in
 * flight at once (same subgraph, same caller token, same body) share one fetch: the answer
 * cannot differ, and a burst of portal visitors costs the subgraph one request.
 */
export function subgraphFetcher(options: SubgraphHttpOptions) {
  const agent = new Agent({ connections: options.connections, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
  const inFlight = new Map<string, Promise<Answer>>();

  async function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
    const response = await request(url, {
      method: (init.method ?? 'POST') as 'POST',
      headers: init.headers,
      body: init.body,
      dispatcher: agent,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await response.body.text();
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return { status: response.statusCode, headers, text };
  }

  async function fetcher(url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<SubgraphResponse> {
    const key = init.body && READ.test(init.body) ? `${url}\n${init.headers?.authorization ?? ''}\n${init.body}` : undefined;
    let pending = key ? inFlight.get(key) : undefined;
    if (!pending) {
      pending = send(url, init);
      if (key) {
        inFlight.set(key, pending);
        pending.finally(() => inFlight.delete(key)).catch(() => {});
      }
    }
    const answer = await pending;
    return {
      ok: answer.status >= 200 && answer.status < 300,
      status: answer.status,
      statusText: '',
      url,
      headers: answer.headers,
      json: async () => JSON.parse(answer.text),
      text: async () => answer.text,
    };
  }
  return { fetcher, inFlight: () => inFlight.size, close: () => agent.close() };
}
