import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../../platform/auth.js';
import { config } from '../../platform/config.js';
import { CreditError } from '../../platform/errors.js';
import type { ImportResult } from './import-result.js';
import { chunked } from './loaders.js';
import { withTraceId } from '../../platform/tracing.js';

/**
 * Which unit each official is registered in, as the registry (机构编制) says. Subgraphs that
 * take an ID number ask it before they accept one: the registry owns the roster, so the
 * question goes through the supergraph like any federated client's, never to its store.
 */
export interface OfficialRoster {
  /** Official pseudonym → USCC of the unit they are registered in; unknown pseudonyms are absent. */
  unitsOf(officialIds: readonly string[]): Promise<Map<string, string>>;
}

/** Makes the roster for one request, from the caller's own Authorization header. */
export type RosterFactory = (authorization: string | undefined) => OfficialRoster;

const ROSTER_QUERY = 'query OfficialRoster($ids: [ID!]!) { officialsById(ids: $ids) { id organization { uscc } } }';

/** As many ids as the registry's `officialsById` takes at once. */
export const ROSTER_BATCH = 100;

/**
 * The roster through the gateway (CREDIT_GATEWAY_URL), asked with the caller's own token: the
 * write's caller learns nothing here it could not ask the gateway itself (an official's unit is
 * public), and its rate budget pays for the lookups. CREDIT_GATEWAY_URL: default the gateway of
 * `npm start` on this machine.
 */
export function supergraphRoster(url: string = config.gatewayUrl()): RosterFactory {
  return (authorization) => ({
    async unitsOf(officialIds) {
      const units = new Map<string, string>();
      for (const ids of chunked([...new Set(officialIds)], ROSTER_BATCH)) {
        let body: { data?: { officialsById?: Array<{ id: string; organization: { uscc: string } } | null> }; errors?: unknown[] } | undefined;
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'apollographql-client-name': 'official-roster', ...(authorization ? { authorization } : {}) },
            body: JSON.stringify({ query: ROSTER_QUERY, variables: { ids } }),
            signal: AbortSignal.timeout(10_000),
          });
          body = (await response.json()) as typeof body;
        } catch {
          body = undefined;
        }
        const found = body?.data?.officialsById;
        if (!Array.isArray(found) || body?.errors?.length) throw rosterUnavailable();
        found.forEach((official, i) => {
          if (official) units.set(ids[i]!, official.organization.uscc);
        });
      }
      return units;
    },
  });
}

/** A roster from a fixed list (in-process tests, which run one subgraph without a gateway). */
export function fixedRoster(unitOf: ReadonlyMap<string, string>): RosterFactory {
  const roster: OfficialRoster = {
    async unitsOf(officialIds) {
      return new Map(officialIds.flatMap((id) => (unitOf.has(id) ? [[id, unitOf.get(id)!] as const] : [])));
    },
  };
  return () => roster;
}

function rosterUnavailable(): CreditError {
  return new CreditError('SUBGRAPH_UNAVAILABLE', '暂时无法向机构编制库核实公职人员，请稍后重试', 'the officials could not be checked against the registry just now; try again later', { service: 'registry' });
}

/**
 * One answer for every ID number that is not that of an official registered in the row's
 * unit: a wrong number, a number of someone in another unit and a number of nobody look the
 * same, so no row tells a caller more than "not one of this unit's registered officials".
 */
export function notRegisteredOfficial(field: string): CreditError {
  return new CreditError(
    'BAD_USER_INPUT',
    '该身份号码不是本行所属单位登记在册的公职人员',
    'the ID number is not that of an official registered in the row\'s unit',
    { field, rule: 'NOT_REGISTERED' },
  );
}

/** What a row claims: the pseudonym of the ID number it gave, and where that official works. */
export interface OfficialClaim {
  officialId: string;
  /** The unit the official must be registered in; null: any unit. */
  unitUscc: string | null;
  /** The input field that held the ID number. */
  field: string;
}

/** CREDIT_ID_CHECK_FAILURES_PER_DAY: how many unregistered ID numbers one caller may send a day (default 20). */
export function idCheckFailuresPerDay(): number {
  return Number(process.env.CREDIT_ID_CHECK_FAILURES_PER_DAY ?? 20);
}

/** Where a caller's count of unregistered numbers is kept. */
export interface IdCheckBudgetOptions {
  /** Unregistered numbers a caller may send in a window (default CREDIT_ID_CHECK_FAILURES_PER_DAY). */
  points?: number;
  /** A Redis client the replicas share (CREDIT_REDIS_URL); absent: this process's memory. */
  redis?: Redis;
  /** Prefix of the Redis keys (CREDIT_REDIS_PREFIX, default "credit:"). */
  prefix?: string;
}

/**
 * One budget: a counter per caller over a day (86,400 s from the caller's first charge). With a
 * Redis client, the counters live in Redis under `<prefix>rl:id-check-failures:<caller>`, beside the
 * gateway's rate budgets (`<prefix>rl:public`, `rl:caller`, `rl:filing`, gateway/shared-state.ts), so
 * every replica of a subgraph, and every subgraph, draws on one budget per caller; a Redis outage
 * falls back to a budget in this process's memory (as the gateway's limits do), never to none.
 */
export function idCheckBudget(options: IdCheckBudgetOptions = {}): RateLimiterAbstract {
  const points = options.points ?? idCheckFailuresPerDay();
  const duration = 86_400;
  const memory = new RateLimiterMemory({ keyPrefix: 'id-check-failures', points, duration });
  if (!options.redis) return memory;
  return new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix ?? 'credit:'}rl:id-check-failures`,
    points,
    duration,
    insuranceLimiter: memory,
  });
}

/**
 * The budget this process uses: shared through Redis when CREDIT_REDIS_URL is set (with
 * CREDIT_REDIS_PREFIX, the gateway's settings), else in memory, which each replica keeps for
 * itself. Made again when one of those settings changes.
 */
function defaultBudget(): RateLimiterAbstract {
  const points = idCheckFailuresPerDay();
  const redisUrl = config.redisUrl();
  const prefix = process.env.CREDIT_REDIS_PREFIX ?? 'credit:';
  const settings = JSON.stringify([points, redisUrl ?? null, prefix]);
  if (!shared || shared.settings !== settings) {
    shared?.redis?.disconnect();
    // Commands wait for the first connection; in an outage each fails after one retry and the
    // budget in memory answers instead.
    const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2_000 }) : undefined;
    redis?.on('error', () => {}); // answered by the budget in memory (insuranceLimiter)
    shared = { settings, redis, budget: idCheckBudget({ points, redis, prefix }) };
  }
  return shared.budget;
}
let shared: { settings: string; redis?: Redis; budget: RateLimiterAbstract } | undefined;

/** The one answer to a caller whose budget is spent, or would be overspent by the request. */
function budgetSpent(msBeforeNext: number): CreditError {
  return new CreditError(
    'RATE_LIMITED',
    '今日提交的非在册人员身份号码过多，请求已拒绝；请核对名单后明日再试',
    'too many ID numbers of unregistered officials today: the request was refused; check the list and try again tomorrow',
    { retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) },
  );
}

/**
 * The rule for every write that takes an ID number (issue: no ID-number oracle). Each claimed
 * official must be registered in the row's unit; the others are rejected with one and the same
 * error. A role that may write for many units (TRAINING, FINANCE, PERSONNEL, COURT, AUDITOR) could
 * still test candidate numbers against a unit's roster, so each caller has a daily budget of
 * unregistered numbers (CREDIT_ID_CHECK_FAILURES_PER_DAY, default 20):
 * - a request that would go over it is refused whole (RATE_LIMITED) before anything is written or
 *   any row is answered, which turns the ~1,900-candidate search for one birth date into months of
 *   refused requests, each logged;
 * - once it is spent, every request of that caller that holds any ID number is refused whole
 *   (RATE_LIMITED) until the window ends, before the roster is asked: a registered number and an
 *   unregistered one get the same refusal, after the same work, so one candidate per request tells
 *   nothing either (the review of 2026-12-01 found a hit still accepted and a miss refused).
 * A registered number costs nothing. `context.budget`: another budget than this process's (tests).
 *
 * Returns the rows that passed; the others are recorded in `result` as rejected.
 */
export async function keepRegisteredOfficials<T extends { row: number }>(
  rows: readonly T[],
  claimOf: (row: T) => OfficialClaim | null,
  context: { roster: OfficialRoster; caller: Caller; budget?: RateLimiterAbstract },
  result: ImportResult,
): Promise<T[]> {
  const claims = rows.flatMap((row) => {
    const claim = claimOf(row);
    return claim ? [{ row, claim }] : [];
  });
  if (claims.length === 0) return [...rows];
  const budget = context.budget ?? defaultBudget();
  // Spent: refused before the roster is asked, whatever the numbers are.
  const standing = await budget.get(context.caller.id);
  if (standing && standing.consumedPoints >= budget.points && standing.msBeforeNext > 0) {
    console.warn(JSON.stringify(withTraceId({ level: 'warn', msg: 'ID-number check refused: the caller\'s daily budget is spent', caller: context.caller.id, rows: claims.length })));
    throw budgetSpent(standing.msBeforeNext);
  }
  const units = await context.roster.unitsOf(claims.map((c) => c.claim.officialId));
  const failed = claims.filter(({ claim }) => {
    const unit = units.get(claim.officialId);
    return unit === undefined || (claim.unitUscc !== null && unit !== claim.unitUscc);
  });
  if (failed.length === 0) return [...rows];
  console.warn(JSON.stringify(withTraceId({ level: 'warn', msg: 'ID numbers not registered in the row\'s unit', caller: context.caller.id, rows: failed.length })));
  try {
    await budget.consume(context.caller.id, failed.length);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw budgetSpent(rejection.msBeforeNext);
  }
  for (const { row, claim } of failed) result.reject(row.row, notRegisteredOfficial(claim.field));
  result.errors.sort((x, y) => x.row - y.row);
  const rejected = new Set(failed.map(({ row }) => row));
  return rows.filter((row) => !rejected.has(row));
}
