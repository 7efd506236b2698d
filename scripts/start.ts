// npm start — seeds data/ where a subgraph's store is empty, starts every subgraph of
// schema/supergraph.yaml and the gateway as separate processes, and stops them all on
// Ctrl-C or SIGTERM.
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
});

console.log('\n政务诚信 credit federation is up:');
for (const s of stack.subgraphs) console.log(`  subgraph ${s.name.padEnd(14)} ${s.url}`);
console.log(`  gateway                 ${stack.gatewayUrl}   ← clients call this`);
console.log('Stop with Ctrl-C.\n');

let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  console.log('stopping…');
  await stack.stop();
  process.exit(code);
};
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
for (const p of [...stack.subgraphs, stack.gateway]) {
  p.child.once('exit', (code) => {
    if (!stopping) {
      console.error(`${p.name} exited unexpectedly (code ${code}); stopping the rest`);
      void shutdown(1);
    }
  });
}
