// The exchange killed with SIGKILL in the middle of a batch (issue 17): started at the feeds' heads,
// it is asked to rebuild (everything that exists, some 12,000 versions, goes up in batches of
// 500); the receiver holds its answers, and the exchange is killed while the receiver holds the
// third batch. The supervisor
// restarts it; the batch it was sending goes again under the same id (the receiver answers it
// from its idempotency record), and in the end the receiver and the exchange database each hold
// every record version exactly once.
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { post } from '../helpers.js';
import { startExchangeStack, type ExchangeStack } from './exchange-stack.js';

let exchange: ExchangeStack;
let killed: Promise<number> | undefined;

beforeAll(async () => {
  exchange = await startExchangeStack('crash', { holdMs: 400 }, { CREDIT_EXCHANGE_BATCH_SIZE: '500', CREDIT_EXCHANGE_START: 'now' }, { supervise: true });
}, 240_000);

afterAll(() => exchange?.close());

it('sends the batch it was sending again after a restart, and every record version arrives exactly once', async () => {
  exchange.receiver.behaviour.onRequest = (n) => {
    if (n !== 3) return;
    const child = exchange.stack.subgraphs.find((s) => s.name === 'exchange')!.child;
    const exited = once(child, 'exit');
    process.kill(child.pid!, 'SIGKILL');
    killed = exited.then(() => child.pid!);
  };
  expect((await post(exchange.stack.gatewayUrl, 'mutation { rebuildExchange }', {}, exchange.admin)).data).toEqual({ rebuildExchange: true });
  await expect.poll(() => killed, { timeout: 120_000, interval: 200 }).toBeDefined();
  const killedPid = await killed;
  await exchange.settled(240_000);
  expect(killedPid).toBeTypeOf('number');
  const health = await (await fetch(exchange.stack.subgraphUrl('exchange').replace(/graphql$/, 'healthz'))).json() as { pid: number };
  expect(health.pid).not.toBe(killedPid);

  const { receiver, db, schema } = exchange;
  // The batch in flight when the exchange died was sent again, under its id.
  expect(receiver.duplicates).toBeGreaterThanOrEqual(1);
  expect(new Set(receiver.accepted).size).toBe(receiver.accepted.length);
  const [{ rows, versions }] = (await db.query(`SELECT count(*)::int AS rows, count(DISTINCT (record_key, version))::int AS versions FROM ${schema}.exchange_record`)).rows;
  expect(rows).toBe(versions);
  // Both channels hold the same versions: everything the exchange made, each once.
  const stored = (await db.query(`SELECT record_key || '#' || version AS key FROM ${schema}.exchange_record`)).rows.map((r) => r.key as string);
  expect(new Set(stored)).toEqual(new Set(receiver.accepted));
  const status = await exchange.status();
  for (const channel of status.channels) expect({ channel: channel.channel, accepted: channel.accepted + channel.delivered }).toEqual({ channel: channel.channel, accepted: rows });
}, 300_000);
