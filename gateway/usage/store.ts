import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { ensureSchema, openOrm, tableOf, type EntityManager, type SubgraphOrm } from '../../platform/index.js';
import { OperationUsage, type UsageRecord } from './operation-usage.js';

/** Where the gateway keeps operation usage: counts are added, never overwritten, so replicas can share it. */
export interface OperationUsageStore {
  /** Adds the counts of `records` to what is stored (a record's count is a delta). */
  add(records: UsageRecord[]): Promise<void>;
  /** Operations last seen at or after `since` (ISO time), most run first. */
  list(query: { since: string; limit: number }): Promise<UsageRecord[]>;
  /** Forgets operations last seen before `before` (ISO time). */
  prune(before: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The usage store in a database: data/usage.sqlite by default, schema "usage" on PostgreSQL
 * (CREDIT_DB_DRIVER=postgresql), which replicas share.
 */
export async function openDatabaseUsageStore(dbName?: string): Promise<OperationUsageStore & { orm: SubgraphOrm }> {
  const orm = await openOrm({
    name: 'usage',
    entities: [OperationUsage],
    dbName,
    migrations: () => import('./migrations/index.js').then((m) => m.migrations),
    migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  });
  await ensureSchema(orm.orm);
  const em = () => orm.orm.em.fork() as EntityManager;
  return {
    orm,
    async add(records) {
      if (records.length === 0) return;
      const table = tableOf(em(), OperationUsage);
      // One statement per 200 rows; a count adds to what other replicas stored meanwhile.
      for (let i = 0; i < records.length; i += 200) {
        const part = records.slice(i, i + 200);
        const values = part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        const params = part.flatMap((r) => [r.queryHash, r.clientName, r.operationName, r.operationType, r.document, r.count, r.firstSeen, r.lastSeen]);
        await em().getConnection().execute(
          `insert into ${table} (query_hash, client_name, operation_name, operation_type, document, count, first_seen, last_seen) values ${values}
           on conflict (query_hash, client_name) do update set
             count = ${table}.count + excluded.count,
             last_seen = case when excluded.last_seen > ${table}.last_seen then excluded.last_seen else ${table}.last_seen end`,
          params,
        );
      }
    },
    async list({ since, limit }) {
      const rows = await em().find(OperationUsage, { lastSeen: { $gte: since } }, { orderBy: { count: 'desc', queryHash: 'asc', clientName: 'asc' }, limit });
      return rows.map((row) => ({ ...row, count: Number(row.count) }));
    },
    async prune(before) {
      await em().nativeDelete(OperationUsage, { lastSeen: { $lt: before } });
    },
    close: () => orm.close(),
  };
}

/**
 * The usage store in Redis (CREDIT_USAGE_STORE=redis), for replicas that share Redis but not a
 * database: one hash per operation and client, HINCRBY for counts, and a sorted set by last use.
 */
export function redisUsageStore(redis: Redis, prefix: string): OperationUsageStore {
  const index = `${prefix}usage:index`;
  const key = (hash: string, client: string) => `${prefix}usage:op:${hash}:${client}`;
  return {
    async add(records) {
      if (records.length === 0) return;
      const batch = redis.multi();
      for (const r of records) {
        const k = key(r.queryHash, r.clientName);
        batch.hincrby(k, 'count', r.count);
        batch.hsetnx(k, 'firstSeen', r.firstSeen);
        batch.hsetnx(k, 'document', r.document);
        batch.hsetnx(k, 'operationType', r.operationType);
        if (r.operationName) batch.hsetnx(k, 'operationName', r.operationName);
        batch.hset(k, 'queryHash', r.queryHash, 'clientName', r.clientName);
        // GT: a replica whose flush comes late does not move the last use back.
        batch.zadd(index, 'GT', Date.parse(r.lastSeen), `${r.queryHash}:${r.clientName}`);
      }
      await batch.exec();
    },
    async list({ since, limit }) {
      const members = await redis.zrangebyscore(index, Date.parse(since), '+inf', 'WITHSCORES');
      const rows: UsageRecord[] = [];
      const read = redis.pipeline();
      const scores: number[] = [];
      for (let i = 0; i < members.length; i += 2) {
        const [hash, ...client] = members[i].split(':');
        read.hgetall(key(hash, client.join(':')));
        scores.push(Number(members[i + 1]));
      }
      const answers = (await read.exec()) ?? [];
      answers.forEach(([error, value], i) => {
        const h = value as Record<string, string> | null;
        if (error || !h || !h.queryHash) return;
        rows.push({
          queryHash: h.queryHash,
          clientName: h.clientName,
          operationName: h.operationName ?? null,
          operationType: h.operationType,
          document: h.document,
          count: Number(h.count),
          firstSeen: h.firstSeen,
          lastSeen: new Date(scores[i]).toISOString(),
        });
      });
      rows.sort((a, b) => b.count - a.count || a.queryHash.localeCompare(b.queryHash) || a.clientName.localeCompare(b.clientName));
      return rows.slice(0, limit);
    },
    async prune(before) {
      const old = await redis.zrangebyscore(index, '-inf', `(${Date.parse(before)}`);
      if (old.length === 0) return;
      const batch = redis.multi();
      for (const member of old) {
        const [hash, ...client] = member.split(':');
        batch.del(key(hash, client.join(':')));
      }
      batch.zremrangebyscore(index, '-inf', `(${Date.parse(before)}`);
      await batch.exec();
    },
    close: async () => {},
  };
}
