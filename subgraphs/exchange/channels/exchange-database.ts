import pg from 'pg';
import { PermanentDeliveryError, type BatchEnvelope, type DeliveryChannel, type RecordResult } from './channel.js';

/**
 * The exchange database (前置库): a PostgreSQL schema the provincial platform reads. Each batch is
 * written in one transaction, its batch row first: a batch already there (sent before a crash)
 * is not written again. The province writes its verdict on each record into `exchange_receipt`,
 * which the exchange reads back.
 */
export class ExchangeDatabaseChannel implements DeliveryChannel {
  readonly name = 'exchange-database';
  private readonly pool: pg.Pool;

  constructor(
    url: string,
    private readonly schema = 'credit_exchange',
  ) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`CREDIT_EXCHANGE_DB_SCHEMA must be a plain lower-case identifier (前置库模式名不合法): ${schema}`);
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
  }

  /** The schema and its three tables (idempotent). The province reads batch and record, and writes receipt. */
  async prepare(): Promise<void> {
    const s = this.schema;
    await this.pool.query(`
      CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.exchange_batch (
        batch_id text PRIMARY KEY, sender text NOT NULL, record_count integer NOT NULL, written_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE IF NOT EXISTS ${s}.exchange_record (
        batch_id text NOT NULL REFERENCES ${s}.exchange_batch (batch_id), record_key text NOT NULL, version integer NOT NULL,
        kind text NOT NULL, item_code text NOT NULL, record_id text NOT NULL, op text NOT NULL CHECK (op IN ('UPSERT', 'DELETE')),
        catalogue text NOT NULL, changed_at timestamptz NOT NULL, data jsonb, PRIMARY KEY (batch_id, record_key, version));
      CREATE INDEX IF NOT EXISTS exchange_record_key ON ${s}.exchange_record (record_key, version);
      CREATE TABLE IF NOT EXISTS ${s}.exchange_receipt (
        batch_id text NOT NULL, record_key text NOT NULL, version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('ACCEPTED', 'REFUSED')), reason text, received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (batch_id, record_key, version));`);
  }

  async send(batch: BatchEnvelope): Promise<null> {
    const s = this.schema;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const inserted = await client.query(`INSERT INTO ${s}.exchange_batch (batch_id, sender, record_count) VALUES ($1, $2, $3) ON CONFLICT (batch_id) DO NOTHING`, [batch.batchId, batch.sender, batch.records.length]);
      if (inserted.rowCount === 1) {
        // One statement for the whole batch: arrays unnested server-side.
        const r = batch.records;
        await client.query(
          `INSERT INTO ${s}.exchange_record (batch_id, record_key, version, kind, item_code, record_id, op, catalogue, changed_at, data)
           SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::jsonb[])
           ON CONFLICT (batch_id, record_key, version) DO NOTHING`,
          [batch.batchId, r.map((x) => x.key), r.map((x) => x.version), r.map((x) => x.kind), r.map((x) => x.itemCode), r.map((x) => x.recordId), r.map((x) => x.op), r.map((x) => x.catalogue), r.map((x) => x.changedAt), r.map((x) => (x.data ? JSON.stringify(x.data) : null))],
        );
      }
      await client.query('COMMIT');
      return null;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      // Data the database refuses (SQLSTATE class 22, data exception) is refused again on every attempt.
      const code = String((error as { code?: string }).code ?? '');
      if (code.startsWith('22')) throw new PermanentDeliveryError(`the exchange database refused the batch (${code}): ${(error as Error).message}`);
      throw error;
    } finally {
      client.release();
    }
  }

  async receipts(batchIds: readonly string[]): Promise<Map<string, RecordResult[]>> {
    const found = new Map<string, RecordResult[]>();
    if (batchIds.length === 0) return found;
    const { rows } = await this.pool.query(`SELECT batch_id, record_key, version, status, reason FROM ${this.schema}.exchange_receipt WHERE batch_id = ANY($1::text[])`, [batchIds]);
    for (const row of rows) {
      const list = found.get(row.batch_id) ?? [];
      list.push({ key: row.record_key, version: row.version, status: row.status, reason: row.reason });
      found.set(row.batch_id, list);
    }
    return found;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
