// Gateway overhead: how long the subgraphs themselves take on a plan's critical path. One
// request goes through a gateway whose subgraph URLs point at recording proxies; each fetch
// it made is then replayed straight at its subgraph, and the p50s are added up along the
// longest chain of fetches that waited on each other.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { percentiles } from './measure.js';

export interface RecordedFetch {
  subgraph: string;
  target: string;
  body: string;
  authorization?: string;
  start: number;
  end: number;
}

export interface Recorder {
  /** Proxy URL per subgraph name. */
  urls: Record<string, string>;
  fetches: RecordedFetch[];
  close(): Promise<void>;
}

export async function recordingProxies(subgraphs: Array<{ name: string; url: string }>): Promise<Recorder> {
  const fetches: RecordedFetch[] = [];
  const servers: Server[] = [];
  const urls: Record<string, string> = {};
  for (const subgraph of subgraphs) {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const authorization = req.headers.authorization;
        const start = performance.now();
        const response = await fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
        const text = await response.text();
        fetches.push({ subgraph: subgraph.name, target: subgraph.url, body, authorization, start, end: performance.now() });
        res.writeHead(response.status, { 'content-type': 'application/json' });
        res.end(text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[subgraph.name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return { urls, fetches, close: async () => void (await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))) };
}

/** p50 (ms) of one recorded fetch sent straight to its subgraph, one at a time. */
async function directP50(fetch_: RecordedFetch, repetitions: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < repetitions + 5; i++) {
    const start = performance.now();
    await send(fetch_);
    if (i >= 5) times.push(performance.now() - start);
  }
  return percentiles(times, [50])[0]!;
}

export interface CriticalPath {
  /** Subgraph fetches one client request caused. */
  fetches: number;
  /** The chain, e.g. "registry 1.2 → court-debtors 2.0 → evaluation 1.1". */
  chain: string;
  /** Sum of the direct p50s along the chain (ms). */
  totalMs: number;
  /**
   * The same plan replayed straight at the subgraphs stage by stage, each stage's fetches
   * sent at once as the gateway sends them: p50 of each stage's wall time, summed (ms). On a
   * machine with fewer cores than parallel fetches, this is what the plan costs without
   * any gateway.
   */
  stagedMs: number;
}

/**
 * A fetch may have waited on any fetch that had ended before it started (the gateway plans in
 * sequences of parallel steps); the critical path is the longest such chain of direct p50s.
 */
export async function criticalPath(fetches: RecordedFetch[], repetitions = 100): Promise<CriticalPath> {
  const ordered = [...fetches].sort((a, b) => a.start - b.start);
  const timed: Array<{ fetch: RecordedFetch; p50: number; total: number; chain: string[] }> = [];
  for (const fetch_ of ordered) {
    const p50 = await directP50(fetch_, repetitions);
    // It waited on everything that had ended before it started; the longest of those chains counts.
    const predecessor = timed.filter((t) => t.fetch.end <= fetch_.start).sort((a, b) => b.total - a.total)[0];
    timed.push({
      fetch: fetch_,
      p50,
      total: p50 + (predecessor?.total ?? 0),
      chain: [...(predecessor?.chain ?? []), `${fetch_.subgraph} ${p50.toFixed(1)}`],
    });
  }
  const longest = [...timed].sort((a, b) => b.total - a.total)[0];
  // Stage of a fetch: how many fetches precede it on its chain.
  const stages: RecordedFetch[][] = [];
  for (const t of timed) (stages[t.chain.length - 1] ??= []).push(t.fetch);
  let stagedMs = 0;
  for (const stage of stages.filter(Boolean)) {
    const walls: number[] = [];
    for (let i = 0; i < repetitions + 5; i++) {
      const start = performance.now();
      await Promise.all(stage.map((f) => send(f)));
      if (i >= 5) walls.push(performance.now() - start);
    }
    stagedMs += percentiles(walls, [50])[0]!;
  }
  return { fetches: fetches.length, chain: longest?.chain.join(' → ') ?? '', totalMs: longest?.total ?? NaN, stagedMs };
}

async function send(fetch_: RecordedFetch): Promise<void> {
  const headers = { 'content-type': 'application/json', ...(fetch_.authorization ? { authorization: fetch_.authorization } : {}) };
  await (await fetch(fetch_.target, { method: 'POST', headers, body: fetch_.body })).arrayBuffer();
}
