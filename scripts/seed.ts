// npm run seed -- [--reset] [--only registry,commitments] [--scale demo|province]
import { Command, Option } from 'commander';
import type { Scale } from './demo-data/world.js';
import { seedSubgraphs, terminalProgress } from './lib/seeding.js';
import { readSubgraphList } from './lib/subgraphs.js';

const program = new Command()
  .name('seed')
  .description('Fill each subgraph\'s own store with deterministic demo data (为各子图生成演示数据)')
  .addOption(new Option('--scale <scale>', 'data size: demo (黑河市) or province (黑龙江省, ~16 million rows)').choices(['demo', 'province']).default('demo'))
  .option('--reset', 'drop and recreate the tables first', false)
  .option('--only <names>', 'comma-separated subgraph names (default: all in schema/supergraph.yaml)')
  .parse();

const options = program.opts<{ scale: Scale; reset: boolean; only?: string }>();
const all = readSubgraphList().map((s) => s.name);
const names = options.only ? options.only.split(',').map((n) => n.trim()) : all;
const unknown = names.filter((n) => !all.includes(n));
if (unknown.length > 0) program.error(`unknown subgraph(s): ${unknown.join(', ')}; known: ${all.join(', ')}`);

const progress = terminalProgress();
await seedSubgraphs({ names, scale: options.scale, reset: options.reset, progress });
progress.done();
