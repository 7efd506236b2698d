import type { Stack } from '../../scripts/lib/stack.js';

/**
 * Waits until a subgraph's feed reader, if it has one, reports current (built, and every feed read
 * to its head), or off (the exchange without a channel configured reads nothing).
 */
export async function waitForReadModel(healthUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = ((await (await fetch(healthUrl)).json()) as { worker?: { state: string } }).worker;
    if (last === undefined || ['current', 'off'].includes((last as { state?: string }).state ?? '')) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the evaluation read model was not current within ${timeoutMs} ms: ${JSON.stringify(last)}`);
}

/**
 * Tests read scores and coverage right away: waits until every feed reader of the stack
 * (evaluation's read model, the domains' copies of the registry) has built what it keeps and read its feeds.
 */
export function waitForFeedReaders(stack: Pick<Stack, 'subgraphs'>): Promise<void[]> {
  return Promise.all(stack.subgraphs.map((s) => waitForReadModel(s.url.replace(/graphql$/, 'healthz'))));
}
