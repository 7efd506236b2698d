// The daily budget of unregistered ID numbers (subgraphs/kit/official-roster.ts, keepRegisteredOfficials):
// the attacks of the review of 2026-12-01 ("Open": the ID-number budget for trusted roles). A caller
// who writes for every unit (TRAINING, FINANCE, PERSONNEL, COURT, AUDITOR) tests candidate numbers
// against a unit's roster; the budget must leave it nothing to learn once it is spent.
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Caller, idCheckBudget, ImportResult, keepRegisteredOfficials, type OfficialRoster, type Role } from '../../subgraphs/kit/index.js';

const UNIT = '11231124MB0000001X';
const REGISTERED = 'official-registered-in-unit';

/** A roster that knows one official and counts how often it is asked. */
function countingRoster(): OfficialRoster & { asked: number } {
  return {
    asked: 0,
    async unitsOf(ids) {
      this.asked++;
      return new Map(ids.filter((id) => id === REGISTERED).map((id) => [id, UNIT] as const));
    },
  };
}

let callers = 0;
const caller = (role: Role = 'PERSONNEL') => new Caller(`roster-test-${process.pid}-${++callers}`, new Set<Role>([role]), null);

interface Row {
  row: number;
  officialId: string | null;
}
const rowsOf = (...ids: Array<string | null>): Row[] => ids.map((officialId, i) => ({ row: i + 1, officialId }));
const claimOf = (row: Row) => (row.officialId ? { officialId: row.officialId, unitUscc: UNIT, field: 'idNumber' } : null);

/** What a request learns: the rows kept and the row errors, or the request's refusal. */
async function send(rows: Row[], context: Parameters<typeof keepRegisteredOfficials>[2]): Promise<{ kept?: number[]; errors?: string[]; refused?: { message: string; extensions: unknown } }> {
  const result = new ImportResult();
  try {
    const kept = await keepRegisteredOfficials(rows, claimOf, context, result);
    return { kept: kept.map((r) => r.row), errors: result.errors.map((e) => `${e.row} ${e.code} ${e.rule}`) };
  } catch (error) {
    const { message, extensions } = error as { message: string; extensions: unknown };
    return { refused: { message, extensions } };
  }
}

const POINTS = 3;
// The budget of this process (in memory: no CREDIT_REDIS_URL here), three numbers a day.
const previous = { points: process.env.CREDIT_ID_CHECK_FAILURES_PER_DAY, redis: process.env.CREDIT_REDIS_URL };
beforeAll(() => {
  process.env.CREDIT_ID_CHECK_FAILURES_PER_DAY = String(POINTS);
  delete process.env.CREDIT_REDIS_URL;
});
afterAll(() => {
  if (previous.points === undefined) delete process.env.CREDIT_ID_CHECK_FAILURES_PER_DAY;
  else process.env.CREDIT_ID_CHECK_FAILURES_PER_DAY = previous.points;
  if (previous.redis !== undefined) process.env.CREDIT_REDIS_URL = previous.redis;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the daily budget of unregistered ID numbers', () => {
  it('once spent, refuses every request holding an ID number before the roster is asked: a hit and a miss get the same answer', async () => {
    // Date frozen: the refusal's retry-after is computed from the clock, so two refusals a millisecond apart could differ.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-22T08:00:00+08:00') });
    const roster = countingRoster();
    const attacker = caller();
    // The day's budget spent on misses (each row answered NOT_REGISTERED, as before).
    const spent = await send(rowsOf('miss-1', 'miss-2', 'miss-3'), { roster, caller: attacker });
    expect(spent.errors).toEqual(['1 BAD_USER_INPUT NOT_REGISTERED', '2 BAD_USER_INPUT NOT_REGISTERED', '3 BAD_USER_INPUT NOT_REGISTERED']);
    const askedBefore = roster.asked;

    // The attack: one candidate per request. A hit must not be accepted while a miss is refused.
    const hit = await send(rowsOf(REGISTERED), { roster, caller: attacker });
    const miss = await send(rowsOf('miss-4'), { roster, caller: attacker });
    expect(hit.refused?.extensions, 'a registered number after the budget is spent').toMatchObject({ code: 'RATE_LIMITED' });
    expect(hit).toEqual(miss);
    expect(roster.asked, 'the roster is not asked once the budget is spent').toBe(askedBefore);

    // A request without an ID number is not concerned; another caller has a budget of its own.
    expect(await send(rowsOf(null, null), { roster, caller: attacker })).toEqual({ kept: [1, 2], errors: [] });
    expect(await send(rowsOf(REGISTERED), { roster, caller: caller() })).toEqual({ kept: [1], errors: [] });

    // The next day (the window is 24 h from the first charge) the caller is answered again.
    vi.setSystemTime(new Date('2026-11-23T08:00:01+08:00'));
    expect(await send(rowsOf(REGISTERED), { roster, caller: attacker })).toEqual({ kept: [1], errors: [] });
  });

  it('refuses whole a request that would go over, and then everything', async () => {
    const roster = countingRoster();
    const attacker = caller('TRAINING');
    expect((await send(rowsOf('miss-1', 'miss-2'), { roster, caller: attacker })).errors).toHaveLength(2);
    // Two more misses and a hit: over the budget of three, refused whole; no row is answered.
    const over = await send(rowsOf('miss-3', REGISTERED, 'miss-4'), { roster, caller: attacker });
    expect(over.refused?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(over.refused?.message).toMatch(/^[^(]*[\u4e00-\u9fff][^(]* \(.*[a-z].*\)$/);
    expect((await send(rowsOf(REGISTERED), { roster, caller: attacker })).refused?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('a registered number costs nothing before the budget is spent', async () => {
    const roster = countingRoster();
    const unit = caller('TRAINING');
    for (let i = 0; i < POINTS + 2; i++) expect(await send(rowsOf(REGISTERED), { roster, caller: unit })).toEqual({ kept: [1], errors: [] });
    expect((await send(rowsOf('miss-1', 'miss-2', 'miss-3'), { roster, caller: unit })).errors).toHaveLength(3);
  });
});

describe('replicas of a subgraph', () => {
  // Real Redis (127.0.0.1:6379), as the gateway's replicas share their rate budgets; keys under a
  // prefix of this test alone, deleted after.
  const REDIS = process.env.CREDIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const clients: Redis[] = [];
  const prefixes: string[] = [];
  const newPrefix = () => {
    const prefix = `test:${process.pid}:${Date.now()}:roster-${prefixes.length + 1}:`;
    prefixes.push(prefix);
    return prefix;
  };
  /** One replica's budget: its own Redis connection, the deployment's prefix. */
  const replica = async (prefix: string) => {
    const client = new Redis(REDIS, { maxRetriesPerRequest: 1 });
    clients.push(client);
    await client.ping();
    return idCheckBudget({ points: POINTS, redis: client, prefix });
  };

  afterAll(async () => {
    const [cleaner] = clients;
    for (const prefix of prefixes) {
      const keys = cleaner ? await cleaner.keys(`${prefix}*`) : [];
      if (keys.length) await cleaner!.del(...keys);
    }
    for (const client of clients) client.disconnect();
  });

  it('share one budget per caller through Redis: what one replica charged, the other refuses', async () => {
    const prefix = newPrefix();
    const [first, second] = [await replica(prefix), await replica(prefix)];
    const roster = countingRoster();
    const attacker = caller('AUDITOR');
    // Spent on the first replica...
    expect((await send(rowsOf('miss-1', 'miss-2', 'miss-3'), { roster, caller: attacker, budget: first })).errors).toHaveLength(3);
    // ...and so on the second: a hit and a miss alike refused there, the roster not asked.
    const asked = roster.asked;
    const hit = await send(rowsOf(REGISTERED), { roster, caller: attacker, budget: second });
    const miss = await send(rowsOf('miss-4'), { roster, caller: attacker, budget: second });
    expect(hit.refused?.extensions, 'a registered number on the other replica').toMatchObject({ code: 'RATE_LIMITED' });
    expect(miss.refused?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(roster.asked).toBe(asked);
    // Charges made on both count together: two misses here and two there go over three.
    const other = caller('TRAINING');
    expect((await send(rowsOf('miss-1', 'miss-2'), { roster, caller: other, budget: first })).errors).toHaveLength(2);
    expect((await send(rowsOf('miss-3', 'miss-4'), { roster, caller: other, budget: second })).refused?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // A third replica started later sees the same budget; a deployment with another prefix does not.
    expect((await send(rowsOf(REGISTERED), { roster, caller: attacker, budget: await replica(prefix) })).refused?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await send(rowsOf(REGISTERED), { roster, caller: attacker, budget: await replica(newPrefix()) })).toEqual({ kept: [1], errors: [] });
  });

  it('is what keepRegisteredOfficials uses when CREDIT_REDIS_URL is set (the gateway\'s setting), with CREDIT_REDIS_PREFIX', async () => {
    const prefix = newPrefix();
    const saved = { url: process.env.CREDIT_REDIS_URL, prefix: process.env.CREDIT_REDIS_PREFIX };
    const restore = (name: 'CREDIT_REDIS_URL' | 'CREDIT_REDIS_PREFIX', value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));
    const attacker = caller('PERSONNEL');
    try {
      process.env.CREDIT_REDIS_URL = REDIS;
      process.env.CREDIT_REDIS_PREFIX = prefix;
      expect((await send(rowsOf('miss-1', 'miss-2', 'miss-3'), { roster: countingRoster(), caller: attacker })).errors).toHaveLength(3);
      const look = new Redis(REDIS);
      clients.push(look);
      expect(await look.get(`${prefix}rl:id-check-failures:${attacker.id}`)).toBe(String(POINTS));
      // another replica of the deployment refuses the caller
      expect((await send(rowsOf(REGISTERED), { roster: countingRoster(), caller: attacker, budget: await replica(prefix) })).refused?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      restore('CREDIT_REDIS_URL', saved.url);
      restore('CREDIT_REDIS_PREFIX', saved.prefix);
    }
    // Without Redis, the budget is this process's again (the Redis one is let go).
    expect(await send(rowsOf(REGISTERED), { roster: countingRoster(), caller: attacker })).toEqual({ kept: [1], errors: [] });
  });
});
