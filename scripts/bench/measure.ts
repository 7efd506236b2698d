// Measuring helpers of the benchmark: percentiles, process CPU/RSS sampling, subgraph
// request counters read from each subgraph's /metrics.
import pidusage from 'pidusage';
import { subgraphRequestCount } from '../../subgraphs/kit/index.js';

/** Nearest-rank percentiles (ms) of unsorted samples. */
export function percentiles(samples: number[], ranks: number[]): number[] {
  if (samples.length === 0) return ranks.map(() => NaN);
  const sorted = Float64Array.from(samples).sort();
  return ranks.map((rank) => sorted[Math.min(sorted.length - 1, Math.ceil((rank / 100) * sorted.length) - 1)]!);
}

/** The median of samples (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface ProcessUsage {
  /** Mean CPU over the run, in % of one core (200 % = both cores of this machine). */
  cpuPercent: number;
  maxRssMiB: number;
}

/** Samples the processes' CPU and RSS twice a second until stopped; pids of one group add up. */
export function sampleProcesses(groups: Record<string, number[]>): { stop(): Promise<Record<string, ProcessUsage>> } {
  const samples = new Map<string, { cpu: number[]; rss: number[] }>(Object.keys(groups).map((name) => [name, { cpu: [], rss: [] }]));
  const pids = [...new Set(Object.values(groups).flat())];
  const timer = setInterval(async () => {
    try {
      const stats = await pidusage(pids);
      for (const [name, group] of Object.entries(groups)) {
        const entry = samples.get(name)!;
        entry.cpu.push(group.reduce((sum, pid) => sum + (stats[pid]?.cpu ?? 0), 0));
        entry.rss.push(group.reduce((sum, pid) => sum + (stats[pid]?.memory ?? 0), 0));
      }
    } catch {
      // a process that just exited; its last samples stand
    }
  }, 500);
  return {
    async stop() {
      clearInterval(timer);
      pidusage.clear();
      const usage: Record<string, ProcessUsage> = {};
      for (const [name, { cpu, rss }] of samples) {
        // The first sample of pidusage measures since process start; leave it out.
        const steady = cpu.slice(1);
        usage[name] = {
          cpuPercent: steady.length ? steady.reduce((a, b) => a + b, 0) / steady.length : NaN,
          maxRssMiB: rss.length ? Math.max(...rss) / 1024 / 1024 : NaN,
        };
      }
      return usage;
    },
  };
}

/** GraphQL requests each subgraph has answered so far (credit_subgraph_requests_total). */
export async function subgraphRequestCounts(subgraphs: Array<{ name: string; url: string }>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const s of subgraphs) counts[s.name] = await subgraphRequestCount(s.url);
  return counts;
}
