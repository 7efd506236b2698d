// The load driver: a process of its own, so its CPU is not the gateway's. Reads a spec file,
// runs autocannon against one URL and prints one JSON line with throughput and latency
// percentiles measured per response.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { signToken } from '../../subgraphs/kit/index.js';
import { percentiles } from './measure.js';

export interface LoadSpec {
  url: string;
  bodies: string[];
  uniqueTokens: boolean;
  connections: number;
  durationSeconds: number;
  /** Requests sent before measuring, to warm caches and JIT alike for every gateway. */
  warmupRequests: number;
  /** Tokens to sign ahead when uniqueTokens (default enough for 2,500 requests a second); each used once until they run out. */
  tokens?: number;
  /** When to start (epoch ms), after the tokens are signed: drivers of a paired run start together. */
  startAt?: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  graphqlErrors: number;
  errors: number;
}

const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;

// Signed ahead, so signing costs the driver nothing while it measures; each used once.
const tokens: string[] = [];
if (spec.uniqueTokens) {
  const count = spec.tokens ?? Math.max(20_000, spec.durationSeconds * 2_500) + spec.warmupRequests;
  for (let i = 0; i < count; i++) tokens.push(`Bearer ${await signToken({ sub: `bench-auditor-${i}`, roles: ['AUDITOR'] })}`);
}

let sent = 0;
function nextRequest(): { body: string; headers: Record<string, string> } {
  const n = sent++;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (spec.uniqueTokens) headers.authorization = tokens[n % tokens.length]!;
  return { body: spec.bodies[n % spec.bodies.length]!, headers };
}

async function run(options: { amount?: number; duration?: number }, latencies?: number[]) {
  let graphqlErrors = 0;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...options,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: any) => ({ ...request, ...nextRequest() }),
        onResponse: (_status: number, body: string) => {
          if (body.includes('"errors":')) graphqlErrors++;
        },
      },
    ],
    setupClient: (client: any) => {
      if (latencies) client.on('response', (_status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
    },
  } as any);
  return { result, graphqlErrors };
}

if (spec.startAt) await new Promise((resolve) => setTimeout(resolve, Math.max(0, spec.startAt! - Date.now())));
// autocannon needs at least one request per connection.
if (spec.warmupRequests > 0) await run({ amount: Math.max(spec.warmupRequests, spec.connections) });
const latencies: number[] = [];
const { result, graphqlErrors } = await run({ duration: spec.durationSeconds }, latencies);
const p = percentiles(latencies, [50, 95, 99]);
const summary: LoadResult = {
  requests: latencies.length,
  rps: latencies.length / spec.durationSeconds,
  p50: p[0]!,
  p95: p[1]!,
  p99: p[2]!,
  non2xx: result.non2xx,
  graphqlErrors,
  errors: result.errors + result.timeouts,
};
console.log(JSON.stringify(summary));
