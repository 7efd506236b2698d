// npm start — seeds data/ where a subgraph's store is empty, starts every subgraph of
// schema/supergraph.yaml and the gateway as separate processes, restarts any that exits on its
// own (same port, backoff from 250 ms doubling to 5 s: scripts/lib/supervisor.ts), and stops
// them all on Ctrl-C or SIGTERM (SIGTERM to each child, SIGKILL after 5 s).
import { seedSubgraphs, terminalProgress } from './lib/seeding.js';
import { startStack } from './lib/stack.js';
import { readSubgraphList } from './lib/subgraphs.js';

const subgraphs = readSubgraphList();
const progress = terminalProgress();
await seedSubgraphs({ names: subgraphs.map((s) => s.name), scale: 'demo', reset: false, progress, log: () => {} });
progress.done();

const stack = await startStack({
  subgraphs,
  gatewayPort: Number(process.env.PORT ?? 4000),
  onLine: (line) => console.log(line),
  startTimeoutMs: 120_000,
  supervise: true,
});

console.log('\n政务诚信 credit federation is up:');
for (const s of stack.subgraphs) console.log(`  subgraph ${s.name.padEnd(14)} ${s.url}`);
console.log(`  gateway                 ${stack.gatewayUrl}   ← clients call this`);
console.log('Stop with Ctrl-C.\n');

let stopping = false;
const shutdown = async () => {
  if (stopping) {
    // A second Ctrl-C: do not wait out the grace period.
    for (const p of [...stack.subgraphs, stack.gateway]) p.child.kill('SIGKILL');
    process.exit(1);
  }
  stopping = true;
  console.log(JSON.stringify({ level: 'info', msg: 'stopping' }));
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
