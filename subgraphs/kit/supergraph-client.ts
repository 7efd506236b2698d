import { config } from '../../platform/config.js';

/**
 * The supergraph as the federation's own readers ask it (evaluation's read model, the domains'
 * copies of the registry, the exchange): POST to the gateway with the reader's CONSUMER token and
 * its client name, as any federated client would. It never opens another subgraph's store.
 * Partial data is refused whole: a reader that stored half an answer would store a wrong one.
 */
export class SupergraphClient {
  constructor(
    private readonly token: () => Promise<string>,
    /** Sent as `apollographql-client-name`, so the gateway's logs and metrics tell readers apart. */
    private readonly clientName: string,
    private readonly url: string = config.gatewayUrl(),
    private readonly timeoutMs = 30_000,
  ) {}

  async ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.token()}`, 'apollographql-client-name': this.clientName },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string; path?: unknown[] }> };
    if (!response.ok || body.errors?.length || !body.data) {
      throw new Error(`${this.clientName}: the supergraph answered ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 400)}`);
    }
    return body.data;
  }
}
