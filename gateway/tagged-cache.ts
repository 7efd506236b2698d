import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';

/** What a cached answer is tagged with, and when the request that computed it started. */
export interface AnswerTags {
  tags: string[];
  /** Wall-clock ms: an answer whose request started before one of its tags was purged is not stored (it may predate the write). */
  startedAt: number;
}

/**
 * The PUBLIC response cache with tags (gateway/plugins/cache-invalidation.ts says which): a
 * `purge` of a tag deletes every answer stored with it, `clear` deletes them all. Apollo's
 * response-cache plugin calls `set(key, …)` right after computing the key; the gateway's key
 * function announces that answer's tags first with `expect` (same tick, keyed by the key's
 * sha256 hex, its last 64 characters).
 *
 * A purge also closes a race: a request that read the subgraphs before a write but finishes after
 * its purge would store the old answer for the full max-age. So each purge notes when it happened
 * per tag, and `set` drops an answer whose request started at or before the newest purge (or
 * clear) of one of its tags.
 */
export interface TaggedResponseCache extends KeyValueCache<string> {
  expect(hash: string, answer: AnswerTags): void;
  /** Deletes the answers tagged with any of `tags`; how many were deleted. */
  purge(tags: string[]): Promise<number>;
  /** Deletes every answer (the fail-safe when a feed cannot be followed). */
  clear(): Promise<void>;
}

/** How long purge times are remembered for the race above: longer than any request can take. */
const PURGE_MEMORY_MS = 10 * 60_000;
/** Used when an answer comes without a max-age (Apollo always gives one for answers it stores). */
const DEFAULT_TTL_SECONDS = 300;

abstract class PendingTags {
  private readonly pending = new Map<string, AnswerTags>();

  expect(hash: string, answer: AnswerTags): void {
    this.pending.set(hash, answer);
  }

  /** The tags announced for this key; untagged answers are touched by every change ('*'). */
  protected take(key: string): AnswerTags {
    const hash = key.slice(-64);
    const answer = this.pending.get(hash);
    this.pending.delete(hash);
    return answer ?? { tags: ['*'], startedAt: Date.now() };
  }
}

/**
 * In one process: Apollo's size-bounded LRU for the answers, and an index tag → keys beside it
 * (an answer the LRU evicts leaves the index; one past its max-age leaves it in the next sweep).
 */
export class MemoryTaggedCache extends PendingTags implements TaggedResponseCache {
  private readonly answers: InMemoryLRUCache<string>;
  private readonly byTag = new Map<string, Set<string>>();
  private readonly byKey = new Map<string, { tags: string[]; expires: number }>();
  private readonly purgedAt = new Map<string, number>();
  private clearedAt = 0;
  private nextSweep = 0;

  constructor(maxBytes = 64 * 1024 * 1024) {
    super();
    this.answers = new InMemoryLRUCache<string>({ maxSize: maxBytes, sizeCalculation: (value) => value.length || 1, dispose: (_value, key) => this.unindex(key) });
  }

  get(key: string): Promise<string | undefined> {
    return this.answers.get(key);
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const { tags, startedAt } = this.take(key);
    if (this.clearedAt >= startedAt || tags.some((tag) => (this.purgedAt.get(tag) ?? 0) >= startedAt)) return;
    const ttl = options?.ttl ?? DEFAULT_TTL_SECONDS;
    this.unindex(key);
    await this.answers.set(key, value, { ttl });
    this.byKey.set(key, { tags, expires: Date.now() + ttl * 1000 });
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.sweep();
  }

  async delete(key: string): Promise<boolean> {
    this.unindex(key);
    return this.answers.delete(key);
  }

  async purge(tags: string[]): Promise<number> {
    const now = Date.now();
    let purged = 0;
    for (const tag of tags) {
      this.purgedAt.set(tag, now);
      for (const key of [...(this.byTag.get(tag) ?? [])]) {
        if ((await this.answers.get(key)) !== undefined) purged++;
        await this.delete(key);
      }
    }
    return purged;
  }

  async clear(): Promise<void> {
    this.clearedAt = Date.now();
    this.answers.clear();
    this.byTag.clear();
    this.byKey.clear();
  }

  private unindex(key: string): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    this.byKey.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  /** At most every 10 s: forgets index entries past their max-age and purge times past any request. */
  private sweep(): void {
    const now = Date.now();
    if (now < this.nextSweep) return;
    this.nextSweep = now + 10_000;
    for (const [key, entry] of this.byKey) if (entry.expires < now) this.unindex(key);
    for (const [tag, at] of this.purgedAt) if (at < now - PURGE_MEMORY_MS) this.purgedAt.delete(tag);
  }
}

// Redis (several replicas): answers at <prefix>responses:<key> (as without tags), each tag a set
// of answer keys at <prefix>tag:<tag> living as long as its longest answer, purge times at
// <prefix>purged:<tag> and the last clear at <prefix>cleared. Scripts run atomically, so a purge
// and a store never interleave. The scripts name keys they build (not passed as KEYS): fine on
// one Redis or a primary with replicas, not on Redis Cluster. EXPIRE … NX/GT needs Redis 7.
const STORE = `
local started = tonumber(ARGV[3])
local prefix = ARGV[4]
if tonumber(redis.call('GET', prefix .. 'cleared') or '0') >= started then return 0 end
for i = 5, #ARGV do
  if tonumber(redis.call('GET', prefix .. 'purged:' .. ARGV[i]) or '0') >= started then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
for i = 5, #ARGV do
  local tag = prefix .. 'tag:' .. ARGV[i]
  redis.call('SADD', tag, KEYS[1])
  redis.call('EXPIRE', tag, ARGV[2], 'NX')
  redis.call('EXPIRE', tag, ARGV[2], 'GT')
end
return 1`;

const PURGE = `
local prefix = ARGV[1]
local purged = 0
for i = 4, #ARGV do
  local tag = prefix .. 'tag:' .. ARGV[i]
  for _, key in ipairs(redis.call('SMEMBERS', tag)) do purged = purged + redis.call('DEL', key) end
  redis.call('DEL', tag)
  redis.call('SET', prefix .. 'purged:' .. ARGV[i], ARGV[2], 'PX', ARGV[3])
end
return purged`;

/**
 * Shared by gateway replicas: a purge by any replica deletes the answers for all of them. Reads
 * that fail are misses, as for the untagged Redis cache (a Redis outage is never an error to a
 * caller); failed purges and clears reach the follower, which clears again once Redis answers.
 */
export class RedisTaggedCache extends PendingTags implements TaggedResponseCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    super();
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.redis.get(`${this.prefix}responses:${key}`)) ?? undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const { tags, startedAt } = this.take(key);
    const ttl = Math.max(1, Math.ceil(options?.ttl ?? DEFAULT_TTL_SECONDS));
    await this.redis.eval(STORE, 1, `${this.prefix}responses:${key}`, value, ttl, startedAt, this.prefix, ...tags);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.redis.del(`${this.prefix}responses:${key}`)) > 0;
  }

  async purge(tags: string[]): Promise<number> {
    if (tags.length === 0) return 0;
    return Number(await this.redis.eval(PURGE, 0, this.prefix, Date.now(), PURGE_MEMORY_MS, ...tags));
  }

  async clear(): Promise<void> {
    await this.redis.set(`${this.prefix}cleared`, Date.now(), 'PX', PURGE_MEMORY_MS);
    for (const pattern of [`${this.prefix}responses:*`, `${this.prefix}tag:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
        if (keys.length > 0) await this.redis.unlink(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  }
}
