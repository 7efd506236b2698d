// npm run exchange -- status [--json]
// npm run exchange -- replay --from <YYYY-MM-DD> [--no-wait]
// The upward exchange's operator commands, through the gateway with an ADMIN token (--token, or
// CREDIT_TOKEN; a development token outside production): its state per channel, and a replay of
// every record changed since a day (same versions again: the province dedupes by record and
// version), with a progress bar until the channels' outboxes are empty again.
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { isDate, signToken } from '../subgraphs/kit/index.js';

const STATUS = `{ exchangeStatus { state catalogue builtFor done total lastError feeds { source seq lag }
  channels { channel state pending sending delivered accepted refused blocked batchesAwaitingReceipts batchesSending batchesSettled oldestPendingAt lastSentAt lastError byKind { kind status count } } } }`;

const program = new Command()
  .name('exchange')
  .description('The upward exchange to the provincial platform: state and replay (向省平台的数据交换：状态与重放)')
  .option('--url <url>', 'the gateway', process.env.CREDIT_GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql')
  .option('--token <jwt>', 'an ADMIN token (default: CREDIT_TOKEN; outside production a development token)');

async function token(): Promise<string> {
  const given = program.opts<{ token?: string }>().token ?? process.env.CREDIT_TOKEN;
  if (given) return given;
  if (process.env.NODE_ENV === 'production') program.error('error: an ADMIN token is required: --token <jwt> or CREDIT_TOKEN');
  console.error('no --token or CREDIT_TOKEN: using a development ADMIN token');
  return signToken({ sub: 'exchange-cli', roles: ['ADMIN'], expiresIn: '1h' });
}

async function ask<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(program.opts<{ url: string }>().url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(body.errors?.map((e) => e.message).join('; ') ?? `the gateway answered ${response.status}`);
  return body.data;
}

type Status = { exchangeStatus: { state: string; catalogue: string; builtFor: string | null; done: number; total: number; lastError: string | null; feeds: Array<{ source: string; seq: number; lag: number | null }>; channels: Array<Record<string, any>> } };

program.command('status').description('state, feeds and channels (状态)').option('--json', 'print the JSON').action(async (options: { json?: boolean }) => {
  const { exchangeStatus: s } = await ask<Status>(STATUS);
  if (options.json) return console.log(JSON.stringify(s, null, 2));
  console.log(`交换服务 exchange: ${s.state}   目录 catalogue: ${s.catalogue}   构建日 built for: ${s.builtFor ?? '—'}${s.state === 'rebuilding' ? `   重建 rebuild ${s.done}/${s.total}` : ''}`);
  if (s.lastError) console.log(`  最近错误 last error: ${s.lastError}`);
  for (const f of s.feeds) console.log(`  变更流 feed ${f.source.padEnd(20)} 已读 read to #${f.seq}${f.lag != null ? `, 落后 behind by ${f.lag}` : ''}`);
  for (const c of s.channels) {
    console.log(`  通道 channel ${c.channel}: ${c.state}  待发 pending ${c.pending}  发送中 sending ${c.sending}  待回执 delivered ${c.delivered}  已接收 accepted ${c.accepted}  被拒 refused ${c.refused}  未发送 blocked ${c.blocked}`);
    console.log(`    批次 batches: 发送中 sending ${c.batchesSending}, 待回执 awaiting receipts ${c.batchesAwaitingReceipts}, 已结清 settled ${c.batchesSettled}; 最近发出 last sent ${c.lastSentAt ?? '—'}; 最早待发 oldest pending ${c.oldestPendingAt ?? '—'}`);
    if (c.lastError) console.log(`    重试中 retrying: ${c.lastError}`);
  }
});

program.command('replay').description('send again every record changed since a day (重放)')
  .requiredOption('--from <date>', 'YYYY-MM-DD', (value: string) => {
    if (!isDate(value)) throw new InvalidArgumentError('a date YYYY-MM-DD');
    return value;
  })
  .option('--no-wait', 'queue and return, without following the delivery')
  .action(async (options: { from: string; wait: boolean }) => {
    // Queued a step at a time (each a short request, safe to repeat), then followed out.
    let queued = 0;
    let after: string | null = null;
    do {
      const { replayExchange: step }: { replayExchange: { queued: number; next: string | null } } = await ask('mutation($from: String!, $after: String) { replayExchange(from: $from, after: $after) { queued next } }', { from: options.from, after });
      queued += step.queued;
      after = step.next;
    } while (after);
    console.log(`重放 replay: ${queued} 条记录版本已排队 record versions queued (since ${options.from})`);
    if (!options.wait || queued === 0) return;
    const bar = new SingleBar({ format: '  发送 sending {bar} {percentage}% | {value}/{total} | {duration}s', noTTYOutput: true, notTTYSchedule: 5_000 }, Presets.shades_classic);
    bar.start(queued, 0);
    for (;;) {
      const { exchangeStatus: s } = await ask<Status>(STATUS);
      const left = s.channels.reduce((sum, c) => sum + c.pending + c.sending, 0);
      bar.update(Math.max(0, queued - left));
      if (left === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    bar.stop();
    console.log('重放已发出 replay sent; 回执见 receipts: npm run exchange -- status');
  });

await program.parseAsync().catch((error) => {
  console.error(`error: ${(error as Error).message}`);
  process.exit(1);
});
