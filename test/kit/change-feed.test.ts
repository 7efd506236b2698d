// The change feed (issue 20, part 1): a transactional outbox in every subgraph that owns data.
// The court-debtors subgraph on an empty store (SQLite :memory:, or PostgreSQL with
// CREDIT_DB_DRIVER=postgresql), its feed read over real HTTP as a consumer would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSubgraph, ChangeEntry, listenSubgraph, pruneFeed, recordChanges, type BuiltSubgraph, type EntityManager, type Listening } from '../../subgraphs/kit/index.js';
import { readImportFile } from '../../scripts/lib/import-cli.js';
import { courtRowsFrom } from '../../subgraphs/court-debtors/record.rows.js';
import { DebtorRecord } from '../../subgraphs/court-debtors/entities/debtor-record.js';
import { subgraph } from '../../subgraphs/court-debtors/schema.js';
import { bearer, dropTestStore, testDbName } from '../helpers.js';

const rows = courtRowsFrom(readImportFile('test/fixtures/court-debtors/court-export.json').content) as Array<Record<string, string> & { caseCode: string; cardNum: string }>;
const dbName = testDbName('feed');
let court: BuiltSubgraph;
let listening: Listening;
let consumer: Record<string, string>;

beforeAll(async () => {
  court = await buildSubgraph(subgraph, { dbName });
  listening = await listenSubgraph(court, 0);
  consumer = { authorization: await bearer('CONSUMER') };
});

afterAll(async () => {
  await listening?.close();
  if (court) await dropTestStore(court, dbName);
});

const base = () => listening.url.replace(/\/graphql$/, '');
async function feed(query: string, headers: Record<string, string> = consumer) {
  const response = await fetch(`${base()}/changes${query}`, { headers });
  return { status: response.status, body: (await response.json()) as any };
}
async function importRows(records: unknown[]) {
  const result = await court.execute('mutation($r: [DebtorRecordInput!]!) { importDebtorRecords(records: $r) { accepted updated unchanged rejected } }', { r: records }, { authorization: await bearer('COURT') });
  expect(result.errors).toBeUndefined();
  return result.data.importDebtorRecords;
}
const storedEntries = () => court.store.orm.em.fork().find(ChangeEntry, {}, { orderBy: { seq: 'asc' } });

// One feed's history, read in the order it was written: these tests run in order (never shuffled).
describe('the change feed', { shuffle: false }, () => {
  it('has an entry for a committed import, in the same order, naming every debtor and region', async () => {
    const batch = rows.slice(0, 10);
    expect(await importRows(batch)).toMatchObject({ accepted: 10 });
    const { status, body } = await feed('?after=0');
    expect(status).toBe(200);
    const created = body.entries.filter((e: any) => e.entity === 'DebtorRecord' && e.operation === 'create');
    expect(created.flatMap((e: any) => e.ids).sort()).toEqual(batch.map((r) => r.caseCode).sort());
    expect(created[0].organizations).toEqual([...new Set(batch.map((r) => r.cardNum))].sort());
    expect(created[0].regions).toEqual([...new Set(batch.map((r) => r.cardNum.slice(2, 8)))].sort());
    const seqs = body.entries.map((e: any) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a: number, b: number) => a - b));
    expect(body.head).toBe(seqs.at(-1));
    expect(body.next).toBe(body.head);
    // A re-send changes nothing, so it writes nothing.
    expect(await importRows(batch)).toMatchObject({ unchanged: 10 });
    expect((await feed(`?after=${body.head}`)).body.entries).toEqual([]);
  });

  it('writes an update through the unit of work with the record\'s debtor', async () => {
    const { body: before } = await feed('?after=0&limit=1000');
    const caseNumber = rows[0]!.caseCode!;
    const exited = await court.execute('mutation($c: String!) { exitDebtorRecord(caseNumber: $c, reason: PERFORMED) { status } }', { c: caseNumber }, { authorization: await bearer('COURT') });
    expect(exited.errors).toBeUndefined();
    const { body } = await feed(`?after=${before.head}`);
    expect(body.entries).toHaveLength(1);
    expect(body.entries[0]).toMatchObject({ entity: 'DebtorRecord', operation: 'update', ids: [caseNumber], organizations: [rows[0]!.cardNum] });
  });

  it('leaves no entry for a write that rolls back, through the unit of work or around it', async () => {
    const before = (await storedEntries()).length;
    const row = { ...rows[20]!, caseCode: '(2026)黑11执9999号' };
    await expect(court.store.orm.em.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      await recordChanges(em, [{ entity: 'DebtorRecord', operation: 'create', ids: [row.caseCode], organizations: [row.cardNum] }]);
      em.create(DebtorRecord, { caseNumber: row.caseCode } as never);
      throw new Error('the batch fails after its feed entry was written');
    })).rejects.toThrow('the batch fails');
    expect((await storedEntries()).length).toBe(before);
    expect(await court.store.orm.em.fork().count(DebtorRecord, { caseNumber: row.caseCode })).toBe(0);
  });

  it('pages by cursor, and answers a bad cursor with a code instead of starting again from zero', async () => {
    const { body: all } = await feed('?after=0&limit=1000');
    const first = await feed('?after=0&limit=1');
    expect(first.body.entries).toHaveLength(1);
    const second = await feed(`?after=${first.body.next}&limit=1000`);
    expect([...first.body.entries, ...second.body.entries].map((e: any) => e.seq)).toEqual(all.entries.map((e: any) => e.seq));
    for (const bad of ['?after=abc', '?after=-1', '?after=1.5', '?after=0&limit=1001', '']) {
      const answer = await feed(bad);
      expect(answer.status, bad).toBe(400);
      expect(answer.body.errors[0].extensions.code, bad).toBe('BAD_USER_INPUT');
    }
    const ahead = await feed(`?after=${all.head + 1}`);
    expect(ahead.status).toBe(400);
    expect(ahead.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'CURSOR_AHEAD', head: all.head });
  });

  it('holds a read at the head until an entry is committed (wait=ms), answers at once when there is one, and gives up at the wait', async () => {
    const { body: now } = await feed('?after=0&limit=1000');
    // Nothing newer: held for the wait, then an empty page (the cursor unchanged).
    let started = Date.now();
    const idle = await feed(`?after=${now.head}&wait=400`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(idle.body).toMatchObject({ entries: [], head: now.head, next: now.head });
    // Something newer already: no wait.
    started = Date.now();
    expect((await feed(`?after=${now.head - 1}&wait=20000`)).body.entries).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    // A write while the read is held answers it with the write's entry, long before the wait is over.
    started = Date.now();
    const held = feed(`?after=${now.head}&wait=20000`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await importRows(rows.slice(20, 21));
    const woken = await held;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(woken.body.entries.map((e: any) => e.ids).flat()).toEqual([rows[20]!.caseCode]);
    expect(woken.body.next).toBeGreaterThan(now.head);
    // A reader that leaves ends its wait (no answer is written to a closed socket); the wait is bounded.
    const leaving = new AbortController();
    const left = fetch(`${base()}/changes?after=${woken.body.next}&wait=20000`, { headers: consumer, signal: leaving.signal }).catch((e: Error) => e.name);
    leaving.abort();
    expect(await left).toBe('AbortError');
    for (const bad of ['-1', '30001', 'soon']) expect((await feed(`?after=0&wait=${bad}`)).body.errors[0].extensions, bad).toMatchObject({ code: 'BAD_USER_INPUT', field: 'wait' });
  });

  it('is for consumers, not for the public or the other roles', async () => {
    expect((await feed('?after=0', {})).status).toBe(401);
    expect((await feed('?after=0', { authorization: await bearer('AUDITOR') })).status).toBe(403);
    expect((await feed('?after=0', { authorization: await bearer('ADMIN') })).status).toBe(200);
    const metrics = await (await fetch(`${base()}/metrics`)).text();
    expect(metrics).toMatch(/credit_feed_head\{subgraph="court-debtors"\} \d+/);
    expect(metrics).toMatch(/credit_feed_consumer_lag\{consumer="test-consumer",subgraph="court-debtors"\} 0/);
  });

  it('keeps a retention period and tells a consumer whose cursor fell behind it', async () => {
    const { body } = await feed('?after=0&limit=1000');
    expect(await pruneFeed(court.store, 0)).toBe(body.entries.length - 1); // the head stays
    const expired = await feed('?after=0');
    expect(expired.status).toBe(410);
    expect(expired.body.errors[0].extensions).toMatchObject({ code: 'FEED_CURSOR_EXPIRED', oldest: body.head });
    expect((await feed(`?after=${body.head - 1}`)).status).toBe(200);
  });
});
