// Distributed tracing end to end (issue 18): a stack of real processes exporting to an OTLP receiver
// in this process. One portal profile query, sent with the client's W3C `traceparent`, must come back
// as one trace: the gateway's spans (HTTP, parse, validate, plan, one fetch per subgraph), each
// subgraph it fetched from (HTTP, graphql, dataloader batches) and their SQL statements, every span
// under the client's trace id and hanging from a parent that is in the trace.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpSink, type OtlpSink, type ReceivedSpan } from '../../scripts/lib/otlp-sink.js';
import { ROOT } from '../../scripts/lib/subgraphs.js';
import { bearer, post } from '../helpers.js';
import { startTestStack, type TestStack } from './test-stack.js';

/** A registered government body with figures in every domain of the demo data. */
const USCC = '11231124696698813J';
const manifest = JSON.parse(readFileSync(join(ROOT, 'gateway', 'safelist.json'), 'utf8')) as { operations: Array<{ name: string; body: string }> };
const PROFILE = manifest.operations.find((o) => o.name === 'PortalCreditProfile')!.body;
const SERVER = 2; // OTLP SpanKind: SPAN_KIND_SERVER

let sink: OtlpSink;
let stack: TestStack;

/** A client's `traceparent`: a fresh trace id, the client's own span id, sampled. */
function clientTrace() {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, header: `00-${traceId}-${parentId}-01` };
}

/** The spans of one trace, once the processes' batches have arrived and nothing more comes. */
async function spansOf(traceId: string, ready: (spans: ReceivedSpan[]) => boolean): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + 20_000;
  let spans: ReceivedSpan[] = [];
  while (Date.now() < deadline) {
    spans = sink.spans.filter((s) => s.traceId === traceId);
    if (ready(spans)) {
      // One more batch period, so a straggling process's spans are counted too.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return sink.spans.filter((s) => s.traceId === traceId);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return spans;
}

/** Walks up the parent links; the chain of names from the span to the root. */
function ancestors(span: ReceivedSpan, byId: Map<string, ReceivedSpan>): ReceivedSpan[] {
  const chain: ReceivedSpan[] = [];
  for (let at = span.parentSpanId ? byId.get(span.parentSpanId) : undefined; at; at = at.parentSpanId ? byId.get(at.parentSpanId) : undefined) chain.push(at);
  return chain;
}

const sqlOf = (span: ReceivedSpan) => String(span.attributes['db.query.text'] ?? span.attributes['db.statement'] ?? '');

beforeAll(async () => {
  sink = await startOtlpSink();
  stack = await startTestStack({ OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100', CREDIT_LOG_REQUESTS: '1' }, { startTimeoutMs: 150_000 }).catch((error) => {
    // The processes' last lines follow the first line of the message; the report shows only that one.
    console.error((error as Error).message);
    throw error;
  });
}, 400_000);

afterAll(async () => {
  await stack?.close();
  await sink?.close();
});

describe('tracing with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  it('turns one profile query into one trace: the gateway, each subgraph it fetched from and their SQL, under the client\'s trace id', async () => {
    const client = clientTrace();
    const answer = await post(stack.gatewayUrl, PROFILE, { uscc: USCC }, { authorization: await bearer('AUDITOR'), traceparent: client.header });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.organization.uscc).toBe(USCC);

    const spans = await spansOf(client.traceId, (found) => {
      const fetched = new Set(found.filter((s) => s.name === 'gateway.fetch').map((s) => s.attributes.service));
      const answered = new Set(found.filter((s) => s.service !== 'gateway' && s.kind === SERVER).map((s) => s.service));
      return fetched.size > 0 && [...fetched].every((name) => answered.has(name as string)) && found.some((s) => s.service === 'gateway' && s.kind === SERVER);
    });
    const byId = new Map(spans.map((s) => [s.spanId, s]));

    // Parent links intact: one span hangs from the client's, every other from a span of the trace.
    const roots = spans.filter((s) => s.parentSpanId === client.parentId);
    expect(roots.map((s) => [s.service, s.kind, s.name])).toEqual([['gateway', SERVER, 'POST /graphql']]);
    // The server span says method, path, status and operation, and nothing of the caller's headers or query string.
    expect(roots[0]!.attributes).toEqual({ 'http.request.method': 'POST', 'url.path': '/graphql', 'http.response.status_code': 200, 'graphql.operation.type': 'query', 'graphql.operation.name': 'PortalCreditProfile' });
    expect(spans.filter((s) => s.parentSpanId !== client.parentId && !byId.has(s.parentSpanId ?? ''))).toEqual([]);

    // The gateway: parse and validate (Apollo Server), plan and fetches (Apollo Gateway).
    const gateway = spans.filter((s) => s.service === 'gateway');
    for (const name of ['graphql.parse', 'graphql.validate', 'gateway.request', 'gateway.plan', 'gateway.execute']) {
      expect(gateway.map((s) => s.name), name).toContain(name);
    }
    const fetches = gateway.filter((s) => s.name === 'gateway.fetch');
    const touched = [...new Set(fetches.map((s) => String(s.attributes.service)))].sort();
    // The profile spans the domains: the registry's unit, its integrity, court list, contracts, commitments and training.
    expect(touched).toEqual(expect.arrayContaining(['registry', 'evaluation', 'court-debtors', 'contracts', 'commitments', 'training']));

    for (const subgraph of touched) {
      const own = spans.filter((s) => s.service === subgraph);
      // Its HTTP server span, right under the gateway's fetch to this subgraph (the gateway passes its traceparent on).
      const served = own.filter((s) => s.kind === SERVER);
      expect(served.length, subgraph).toBeGreaterThan(0);
      for (const server of served) {
        const [parent] = ancestors(server, byId);
        expect([parent?.service, parent?.name, parent?.attributes.service], subgraph).toEqual(['gateway', 'gateway.fetch', subgraph]);
        expect(server.attributes['http.response.status_code'], subgraph).toBe(200);
        // The operation the query planner sent it, named after the client's operation and the subgraph.
        expect(server.attributes['graphql.operation.name'], subgraph).toMatch(new RegExp(`^PortalCreditProfile__${subgraph.replace(/-/g, '_')}__\\d+$`));
      }
      expect(own.map((s) => s.name), subgraph).toContain('graphql.parse');
      // Its SQL statements, each under this subgraph's request.
      const statements = own.filter((s) => s.scope === '@opentelemetry/instrumentation-knex');
      expect(statements.length, `${subgraph} SQL`).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(sqlOf(statement), subgraph).toMatch(/\bselect\b/i);
        // MikroORM writes the values into the SQL it runs; the recorded text has every literal blanked (a name or an ID number must not reach the trace store).
        expect(sqlOf(statement), subgraph).not.toMatch(/'[^']*'|\b\d+\b/);
        expect(ancestors(statement, byId).some((s) => served.includes(s)), subgraph).toBe(true);
      }
    }
    // Resolver batches: the subgraphs' DataLoader batches, with their SQL beneath them.
    const batches = spans.filter((s) => s.name.startsWith('dataloader.batch'));
    expect(batches.length).toBeGreaterThan(0);
    expect(spans.some((s) => s.scope === '@opentelemetry/instrumentation-knex' && ancestors(s, byId).some((a) => batches.includes(a)))).toBe(true);

    // The organization asked for appears in no span: not in a statement, not in an attribute.
    expect(spans.filter((s) => JSON.stringify(s).includes(USCC)).map((s) => `${s.service} ${s.name}`)).toEqual([]);

    // The trace id for the token holder to quote.
    expect((answer as any).extensions?.traceId).toBe(client.traceId);

    // And in the log lines of the request: the gateway's, and each subgraph's (CREDIT_LOG_REQUESTS=1).
    const logged = stack.logs
      .map((line) => /^\[([^\]]+)\] (\{.*\})$/.exec(line))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => ({ process: m[1]!, line: JSON.parse(m[2]!) as Record<string, unknown> }))
      .filter((l) => l.line.traceId === client.traceId);
    const loggedBy = new Set(logged.map((l) => l.process));
    expect(logged.some((l) => l.process === 'gateway' && l.line.msg === 'request')).toBe(true);
    for (const subgraph of touched) expect(loggedBy.has(subgraph), subgraph).toBe(true);
  });

  it('starts a trace of its own for a request without traceparent, and tells a PUBLIC caller no trace id', async () => {
    const anonymous = await post(stack.gatewayUrl, PROFILE, { uscc: USCC });
    expect(anonymous.errors).toBeUndefined();
    expect((anonymous as any).extensions?.traceId).toBeUndefined();

    // The PUBLIC request was traced all the same: its gateway request log line names a trace that reached the subgraphs.
    const line = stack.logs
      .filter((l) => l.startsWith('[gateway] {') && l.includes('"msg":"request"') && l.includes('"caller":"anonymous"'))
      .map((l) => JSON.parse(l.slice('[gateway] '.length)) as { traceId?: string })
      .at(-1);
    expect(line?.traceId).toMatch(/^[0-9a-f]{32}$/);
    const spans = await spansOf(line!.traceId!, (found) => found.some((s) => s.service === 'registry' && s.kind === SERVER));
    expect(spans.filter((s) => !s.parentSpanId).map((s) => [s.service, s.kind])).toEqual([['gateway', SERVER]]);
  });

  it('gives a token holder the trace id even when the client sent none', async () => {
    const answer = await post(stack.gatewayUrl, PROFILE, { uscc: USCC }, { authorization: await bearer('ADMIN') });
    const traceId = (answer as any).extensions?.traceId as string | undefined;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const spans = await spansOf(traceId!, (found) => found.some((s) => s.service === 'training' && s.kind === SERVER));
    expect(spans.some((s) => s.service === 'training' && s.kind === SERVER)).toBe(true);
  });

  it('traces only the GraphQL endpoint: health checks, metrics and pages start no trace', async () => {
    // The earlier tests' last batches first: nothing arriving for half a second.
    for (let last = -1; sink.count() !== last; ) {
      last = sink.count();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const before = sink.count();
    for (const url of [stack.gatewayUrl, stack.subgraphUrl('registry')]) {
      const origin = new URL(url).origin;
      for (const path of ['/healthz', '/readyz', '/metrics', '/nothing-here']) await fetch(`${origin}${path}`).then((r) => r.arrayBuffer());
    }
    // Two batch periods (OTEL_BSP_SCHEDULE_DELAY=100), for any span these made to arrive.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The stack's own background work may be traced meanwhile (evaluation asking the domains for region
    // reports through the gateway): such a trace starts at the gateway's POST /graphql, with no parent.
    // A probe, a metrics scrape or a page would start one elsewhere. A trace's root ends last: waited for.
    const strays = () => {
      const gatewayRoots = new Set(sink.spans.filter((s) => !s.parentSpanId && s.service === 'gateway' && s.kind === SERVER && s.name === 'POST /graphql').map((s) => s.traceId));
      return sink.spans.slice(before).filter((s) => !gatewayRoots.has(s.traceId)).map((s) => `${s.service} ${s.kind} ${s.name}`);
    };
    for (const until = Date.now() + 5_000; strays().length > 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(strays()).toEqual([]);
    // And of every request the stack has served since it started (its own health polls among them), only /graphql made server spans.
    expect([...new Set(sink.spans.filter((s) => s.kind === SERVER).map((s) => s.name))].sort()).toEqual(['POST /graphql']);
  });
});
