// npm run rebuild:evaluation -- [--gateway http://127.0.0.1:4000/graphql]
// Asks the running evaluation read model to rebuild every assessment from scratch (after a new
// rule set, or to check the incremental state), as ADMIN, and shows its progress until it is current.
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { config, signToken } from '../subgraphs/kit/index.js';

const options = new Command()
  .name('rebuild:evaluation')
  .description('Rebuild every integrity assessment from scratch, with progress (从头重建全部诚信评价)')
  .option('--gateway <url>', 'the gateway', config.gatewayUrl())
  .option('--quiet', 'no progress bar', false)
  .parse()
  .opts<{ gateway: string; quiet: boolean }>();

const authorization = `Bearer ${await signToken({ sub: 'rebuild-evaluation', roles: ['ADMIN'], expiresIn: '1h' })}`;
async function ask(query: string): Promise<any> {
  const response = await fetch(options.gateway, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
  return body.data;
}

const STATUS = '{ integrityReadModel { state reason done total at lastError } }';
const requestedAt = new Date().toISOString();
await ask('mutation { rebuildIntegrityAssessments }');
const bar = options.quiet ? null : new SingleBar({ format: '  rebuild {bar} {percentage}% | {value}/{total} organizations | {duration}s' }, Presets.shades_classic);
let started = false;
for (;;) {
  const status = (await ask(STATUS)).integrityReadModel;
  // Progress saved after the request belongs to this rebuild.
  const ours = status.reason === 'requested' && status.at && status.at >= requestedAt;
  if (ours && status.state === 'rebuilding' && status.total > 0) {
    if (!started) bar?.start(status.total, status.done);
    started = true;
    bar?.update(status.done);
  }
  if (ours && (status.state === 'current' || status.state === 'catching-up')) {
    bar?.update(status.total);
    bar?.stop();
    console.log(`rebuilt: ${status.total} organizations assessed (已重建 ${status.total} 个单位的评价)`);
    break;
  }
  if (status.state === 'failing') console.error(`the read model reports a failure and retries: ${status.lastError ?? ''}`);
  await new Promise((resolve) => setTimeout(resolve, 500));
}
