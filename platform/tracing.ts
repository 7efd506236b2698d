// OpenTelemetry tracing for every process of the federation: the gateway and each subgraph start it
// here, through platform/tracing-preload.ts, before anything else loads.
//
// On only when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: then the
// SDK is loaded, spans are batched and exported over OTLP/HTTP (JSON), SQL statements with their
// literals blanked, and the W3C `traceparent` header is read from and passed on with every request.
// When it is not set, nothing of the SDK is loaded and the only cost left is `activeTraceId()`
// finding no span.
//
// The instrumentations patch CommonJS `require` (require-in-the-middle): knex is required by
// CommonJS code (MikroORM), so it is patched only if the SDK is started before it first loads. Hence the SDK is loaded with a synchronous `require` from a module
// every main.ts imports first (tracing-preload.ts). DataLoader batches get their spans from
// subgraphs/kit/dataloader.ts.
import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Tracer } from '@opentelemetry/api';

const require = createRequire(import.meta.url);

let stopTracing: (() => Promise<void>) | undefined;

/** Whether spans are exported: the OTLP endpoint is set (and the SDK not disabled by OTEL_SDK_DISABLED). */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  return !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * The service name spans carry: OTEL_SERVICE_NAME when set, else `gateway` or the subgraph's name
 * read from the script the process runs (subgraphs/<name>/main.ts, or its compiled .js).
 */
export function serviceNameOf(script: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (env.OTEL_SERVICE_NAME) return env.OTEL_SERVICE_NAME;
  const path = (script ?? '').replace(/\\/g, '/');
  const subgraph = /\/subgraphs\/([^/]+)\/main\.[cm]?[jt]s$/.exec(path);
  if (subgraph) return subgraph[1]!;
  if (/\/gateway\/main\.[cm]?[jt]s$/.test(path)) return 'gateway';
  return 'credit-federation';
}

/**
 * Starts the tracer provider and the instrumentations once per process; returns whether tracing is on.
 * Spans: the HTTP server span of each /graphql request (traceServerRequests, installed by
 * platform/http.ts), a subgraph's own HTTP clients (undici), Apollo Gateway's own (gateway.request,
 * gateway.plan, gateway.fetch, …), and one span per SQL statement (knex, on SQLite and PostgreSQL
 * alike); parse, validate and the operation name on the server span: platform/operation-spans.ts; DataLoader batches:
 * subgraphs/kit/dataloader.ts.
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (stopTracing) return true;
  if (!tracingWanted(env)) return false;
  const { NodeTracerProvider, BatchSpanProcessor, ParentBasedSampler, SamplingDecision } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { KnexInstrumentation } = require('@opentelemetry/instrumentation-knex') as typeof import('@opentelemetry/instrumentation-knex');

  // The exporter reads the endpoint, headers and timeout from OTEL_EXPORTER_OTLP_*; the batch
  // processor its delay and sizes from OTEL_BSP_*; the provider its sampler from OTEL_TRACES_SAMPLER.
  // A trace starts where a request comes in (an HTTP server span) and follows the caller's
  // `traceparent` decision; what runs outside a request (schema parsing at start, feed polls,
  // workers) starts none. OTEL_TRACES_SAMPLER, when set, decides instead.
  const requestsOnly = new ParentBasedSampler({
    root: {
      shouldSample: (_context, _traceId, _name, kind) => ({ decision: kind === SpanKind.SERVER ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD }),
      toString: () => 'RequestsOnly',
    },
  });
  const provider = new NodeTracerProvider({
    ...(env.OTEL_TRACES_SAMPLER ? {} : { sampler: requestsOnly }),
    resource: resourceFromAttributes({ 'service.name': serviceName, 'service.namespace': 'credit-federation', 'process.pid': process.pid }),
    spanProcessors: [statementLiteralsBlanked(), new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Registers the AsyncLocalStorage context manager and the W3C trace-context propagator.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // A subgraph's own fetches within a request (undici, the global fetch). Not in the gateway:
      // Apollo Gateway's `gateway.fetch` span is already the fetch to a subgraph, and the gateway
      // passes the trace on itself (injectTraceContext), which spares a span per fetch.
      ...(serviceName === 'gateway' ? [] : [new UndiciInstrumentation({ requireParentforSpans: true })]),
      // No graphql instrumentation: it wraps every field resolver of the schema, spans or not, and
      // that was most of tracing's cost (0.76 × RPS even at 10 % sampling, docs/benchmarks.md);
      // parse, validate and execute come from Apollo Server's hooks (platform/operation-spans.ts).
      new KnexInstrumentation({ requireParentSpan: true, maxQueryLength: 2000 }),
    ],
  });
  stopTracing = () => provider.shutdown();
  return true;
}

/** The attributes the knex instrumentation keeps a statement's text in (current and older semantic conventions). */
const STATEMENT_ATTRIBUTES = ['db.query.text', 'db.statement'];

/**
 * A statement's text with every literal replaced by `?`: quoted strings (with '' inside) and numbers
 * standing alone, never digits within a name (`o0`). MikroORM writes the values into the SQL it runs
 * (`where uscc in ('…')`), and a value may be personal (a name, an ID number, a pseudonym that
 * links records): the trace store is not a place for them. The OpenTelemetry database conventions
 * ask the same of db.query.text.
 */
export function blankLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'?|(?<![\w$.])[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![\w$])/gi, '?');
}

/** A span processor that blanks the literals of every statement's text as its span starts, before any exporter can see it. */
function statementLiteralsBlanked(): import('@opentelemetry/sdk-trace-node').SpanProcessor {
  return {
    onStart(span) {
      for (const key of STATEMENT_ATTRIBUTES) {
        const text = span.attributes[key];
        if (typeof text === 'string') span.setAttribute(key, blankLiterals(text));
      }
    },
    onEnd() {},
    forceFlush: async () => {},
    shutdown: async () => {},
  };
}

/**
 * Writes the active trace into outgoing headers (W3C `traceparent`, `tracestate`): the gateway's
 * fetches to subgraphs, under their `gateway.fetch` span. Nothing when tracing is off (the
 * global propagator is then a no-op).
 */
export function injectTraceContext(headers: { set(name: string, value: string): void }): void {
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * The HTTP server span of every request to /graphql, where a trace starts or, with the caller's W3C
 * `traceparent`, goes on: the rest of the request (body, GraphQL, SQL) runs in its context. Health
 * checks, metrics, pages and change-feed polls are not traced. Used instead of
 * @opentelemetry/instrumentation-http, which costs more than its span is worth here: some fifteen
 * attributes per request and node:http's client patched too, about 1 % of every process's CPU under
 * load (docs/benchmarks.md, "Tracing"). The span carries the method, the path and the status, never
 * the query string (a GET's variables) nor a header.
 */
export function traceServerRequests(listener: RequestListener, tracer: Tracer = trace.getTracer('credit-federation/http')): RequestListener {
  return (req, res) => {
    const path = (req.url ?? '').split('?', 1)[0]!;
    if (path !== '/graphql' && !path.startsWith('/graphql/')) return listener(req, res);
    const method = HTTP_METHODS.has(req.method ?? '') ? req.method! : '_OTHER';
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer.startSpan(`${method} /graphql`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': '/graphql' } }, parent);
    const active = trace.setSpan(parent, span);
    // No binding of req and res to the context, as @opentelemetry/instrumentation-http does: that wraps
    // every listener and reshapes both objects on every request. The one place the request's work
    // continues from a stream event, the body parser, keeps the context itself (raw-body binds its
    // callback with AsyncResource); test/e2e/tracing.e2e.test.ts checks the parent links end to end.
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      else if (!res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'connection closed before the response was sent' });
      span.end();
    });
    context.with(active, () => listener(req, res));
  };
}

/**
 * Runs `work` as part of a trace that is not sampled, so that the requests it makes pass on
 * `traceparent` with the sampled flag off and the processes they reach record nothing: the gateway's
 * /readyz probe, which asks every subgraph for its health over POST /graphql each few seconds, would
 * otherwise start a trace in each of them each time.
 */
export function untraced<T>(work: () => T): T {
  const notSampled = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: TraceFlags.NONE };
  return context.with(trace.setSpanContext(ROOT_CONTEXT, notSampled), work);
}

/** Whether this process started tracing (startTracing found an endpoint). */
export function tracingStarted(): boolean {
  return stopTracing !== undefined;
}

/** Sends the spans still buffered (on shutdown); nothing when tracing is off. */
export async function flushTracing(): Promise<void> {
  await stopTracing?.().catch(() => {});
}

/** The trace id of the span this code runs in, when tracing is on and a request is being traced. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}

/** A JSON log line with the active trace id, so a log line leads to its trace. */
export function withTraceId<Line extends object>(line: Line): Line & { traceId?: string } {
  const traceId = activeTraceId();
  return traceId ? { ...line, traceId } : line;
}
