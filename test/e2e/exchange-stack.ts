// A stack whose exchange delivers to an exchange database (a PostgreSQL schema of its own) and to a
// province receiver the test runs, with what the exchange's tests ask of it: its status, and a wait
// until it has read every feed to the head it had when asked and emptied its outbox.
import pg from 'pg';
import { config } from '../../subgraphs/kit/index.js';
import { bearer, post } from '../helpers.js';
import { provinceReceiver, type ProvinceReceiver, type ReceiverBehaviour } from './province-receiver.js';
import { startTestStack, type TestStack, type TestStackOptions } from './test-stack.js';

const STATUS = '{ exchangeStatus { state feeds { source seq } channels { channel pending sending delivered accepted refused blocked batchesSending lastError } } }';
/** The feeds the exchange reads (subgraphs/exchange/exchange.inputs.ts). */
const SOURCES = ['commitments', 'court-debtors', 'dishonesty-records', 'evaluation'];
const SECRET = 'exchange-e2e-push-secret-exchange-e2e';

export interface ExchangeStatus {
  state: string;
  feeds: Array<{ source: string; seq: number }>;
  channels: Array<Record<string, any>>;
}

export interface ExchangeStack {
  stack: TestStack;
  receiver: ProvinceReceiver;
  db: pg.Pool;
  schema: string;
  admin: Record<string, string>;
  status(authorization?: Record<string, string>): Promise<ExchangeStatus>;
  settled(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startExchangeStack(name: string, behaviour: ReceiverBehaviour, env: NodeJS.ProcessEnv = {}, options: TestStackOptions = {}): Promise<ExchangeStack> {
  const schema = `exchange_${name}_${process.pid}`;
  const db = new pg.Pool({ connectionString: config.databaseUrl(), max: 2 });
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  const receiver = await provinceReceiver(SECRET, behaviour);
  const stack = await startTestStack({
    CREDIT_EXCHANGE_DB_URL: config.databaseUrl(), CREDIT_EXCHANGE_DB_SCHEMA: schema, CREDIT_EXCHANGE_PUSH_URL: receiver.url, CREDIT_EXCHANGE_PUSH_SECRET: SECRET,
    CREDIT_EXCHANGE_RETRY_BASE_MS: '100', CREDIT_EXCHANGE_RETRY_MAX_MS: '1000', CREDIT_EXCHANGE_RECEIPT_POLL_MS: '200', ...env,
  }, options);
  const admin = { authorization: await bearer('ADMIN') };

  async function status(authorization = admin): Promise<ExchangeStatus> {
    const result = await post(stack.gatewayUrl, STATUS, {}, authorization);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.exchangeStatus;
  }

  /** Each source feed's newest entry now: what the exchange must have read before a test looks. */
  async function heads(): Promise<Record<string, number>> {
    const consumer = await bearer('CONSUMER');
    return Object.fromEntries(await Promise.all(SOURCES.map(async (source) => {
      const response = await fetch(stack.subgraphUrl(source).replace(/graphql$/, 'changes/head'), { headers: { authorization: consumer } });
      return [source, Number(((await response.json()) as { head: number }).head)] as const;
    })));
  }

  async function settled(timeoutMs = 150_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const target = await heads();
    let last: unknown;
    while (Date.now() < deadline) {
      const s = await status().catch((error) => ({ state: String(error), feeds: [], channels: [] }) as ExchangeStatus);
      const read = (source: string) => s.feeds.find((f) => f.source === source)?.seq ?? -1;
      if (s.state === 'current' && SOURCES.every((source) => read(source) >= target[source]!) && s.channels.length === 2 && s.channels.every((c) => c.pending === 0 && c.sending === 0)) return;
      last = s;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`the exchange did not settle within ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }

  return {
    stack, receiver, db, schema, admin, status, settled,
    async close() {
      await stack.close();
      await receiver.close();
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
      await db.end();
    },
  };
}
