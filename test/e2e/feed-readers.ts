import type { Stack } from '../../scripts/lib/stack.js';
import { previousQuarter, quarterOf, quarterString } from '../../subgraphs/evaluation/snapshot.rules.js';

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

/**
 * Waits until evaluation's worker has frozen the quarter that ended before `day` (it does so once the
 * read model is current and every region's indicators are refreshed): a stack copied from the template
 * then starts with the 晾晒 the tests read.
 */
export async function waitForQuarterSnapshot(stack: Pick<Stack, 'gatewayUrl'>, day = process.env.CREDIT_TODAY ?? '', timeoutMs = 120_000): Promise<void> {
  const due = quarterString(previousQuarter(quarterOf(day)));
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const response = await fetch(stack.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ integritySnapshots { quarter } }' }) });
    last = await response.json();
    if ((last as { data?: { integritySnapshots?: Array<{ quarter: string }> } }).data?.integritySnapshots?.some((s) => s.quarter === due)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`evaluation did not freeze ${due} within ${timeoutMs} ms: ${JSON.stringify(last).slice(0, 300)}`);
}
