// The import CLI and the court-debtors subgraph as real processes: an import killed mid-file
// (the CLI, or the subgraph in the middle of a batch's transaction) leaves only whole,
// correct rows, and a re-run completes the file. On SQLite, and with CREDIT_DB_DRIVER=postgresql
// (the e2e-postgres project) on PostgreSQL, each workspace in schemas of its own. Each test starts
// processes and imports thousands of rows: on a loaded machine that takes minutes (at a load of 18 on
// 2 cores the first took 34–51 s, the second 154 s), hence their time limits.
import { createServer, request, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { generateCourtRows, type DemoCourtRow } from '../../scripts/demo-data/court-debtors.js';
import { post } from '../helpers.js';
import { exited, fedIds, importCrashHarness, lastJson, untilInserts } from '../import-crash.js';

const crash = importCrashHarness({ tag: 'court', cli: 'scripts/import-court.ts', sender: 'COURT' });
const runCli = (file: string, url: string, batchSize: number) => crash.runImport(file, { url, batchSize });

/** Case numbers of every record the subgraph's change feed says was created, read as a consumer. */
const fedCaseNumbers = (url: string) => fedIds(url, 'DebtorRecord');

/** Every stored record, as the court's fields, read back page by page. */
async function storedRows(url: string): Promise<Map<string, Record<string, string | null>>> {
  const rows = new Map<string, Record<string, string | null>>();
  let after: string | null = null;
  for (;;) {
    const result = await post(url, `query($a: String) { debtorRecords(first: 100, after: $a) { edges { node {
      caseNumber court province debtorName debtorUscc legalRepresentative basisDocumentNumber basisIssuer obligation performance performedPart unperformedPart
      dishonestBehaviourText filingDate publishDate statusHistory { status } } } pageInfo { hasNextPage endCursor } } }`, { a: after }, { authorization: crash.reader });
    expect(result.errors).toBeUndefined();
    for (const { node } of result.data.debtorRecords.edges) rows.set(node.caseNumber, node);
    if (!result.data.debtorRecords.pageInfo.hasNextPage) return rows;
    after = result.data.debtorRecords.pageInfo.endCursor;
  }
}

const PERFORMANCE: Record<string, string> = { 全部未履行: 'NONE_PERFORMED', 部分未履行: 'PARTLY_PERFORMED', 全部履行: 'FULLY_PERFORMED' };
const iso = (d: string) => d.replace(/^(\d{4})年(\d{2})月(\d{2})日$/, '$1-$2-$3').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');

/** What a correctly imported row reads back as. */
function expectedOf(row: DemoCourtRow) {
  return {
    caseNumber: row.caseCode, court: row.courtName, province: row.areaName, debtorName: row.iname, debtorUscc: row.cardNum, legalRepresentative: row.businessEntity,
    basisDocumentNumber: row.gistId, basisIssuer: row.gistUnit, obligation: row.duty, performance: PERFORMANCE[row.performance], performedPart: row.performedPart,
    unperformedPart: row.unperformPart, dishonestBehaviourText: row.disruptTypeName, filingDate: iso(row.regDate), publishDate: iso(row.publishDate),
    statusHistory: [{ status: 'ACTIVE' }],
  };
}

function expectWholeRows(stored: Map<string, Record<string, string | null>>, source: DemoCourtRow[]) {
  const byCase = new Map(source.map((row) => [row.caseCode, row]));
  for (const [caseNumber, record] of stored) expect(record).toEqual(expectedOf(byCase.get(caseNumber)!));
}

describe('an import killed mid-file', () => {
  // What this one shows is the CLI's side: a client that dies between batches leaves what it sent
  // stored whole and a re-run resumes. The subgraph is never interrupted here, so it cannot lose or
  // half-write a batch; the next test kills the subgraph inside one.
  it('killing the CLI after some batches: the batches it sent are stored whole, and a re-run completes the file', async () => {
    const rows = generateCourtRows(2_000, 11);
    const batchSize = 100;
    const workspace = crash.workspace(rows, 'court-export.json');
    const { file } = workspace;
    const subgraph = await crash.startSubgraph('court-debtors', workspace);

    // A forwarding proxy between the CLI and the subgraph: it sees each batch go by and
    // kills the CLI when the sixth request arrives (the subgraph still gets and commits it).
    let requests = 0;
    let cli: ReturnType<typeof runCli> | null = null;
    let proxy: Server | null = null;
    const killedAt = new Promise<void>((resolve) => {
      proxy = createServer((incoming, outgoing) => {
        requests++;
        if (requests === 6) {
          cli!.child.kill('SIGKILL');
          resolve();
        }
        const target = new URL(subgraph.url);
        const forward = request({ host: target.hostname, port: target.port, path: target.pathname, method: incoming.method, headers: incoming.headers }, (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        });
        forward.on('error', () => outgoing.destroy());
        incoming.pipe(forward);
      });
      proxy.listen(0, '127.0.0.1', () => {
        cli = runCli(file, `http://127.0.0.1:${(proxy!.address() as { port: number }).port}/graphql`, batchSize);
      });
    });
    await killedAt;
    await exited(cli!.child);
    proxy!.close();
    // The sixth batch reached the subgraph; wait until it is done with it.
    let stored = await storedRows(subgraph.url);
    for (let previous = -1; previous !== stored.size; ) {
      previous = stored.size;
      await new Promise((resolve) => setTimeout(resolve, 300));
      stored = await storedRows(subgraph.url);
    }
    expect(stored.size).toBeGreaterThan(0);
    expect(stored.size).toBeLessThan(rows.length);
    expect(stored.size % batchSize).toBe(0);
    expect([5 * batchSize, 6 * batchSize]).toContain(stored.size);
    expectWholeRows(stored, rows);

    const rerun = runCli(file, subgraph.url, batchSize);
    expect(await exited(rerun.child)).toBe(0);
    expect(lastJson(rerun.output)).toMatchObject({ rows: rows.length, accepted: rows.length - stored.size, unchanged: stored.size, updated: 0, rejected: 0 });
    const complete = await storedRows(subgraph.url);
    expect(complete.size).toBe(rows.length);
    expectWholeRows(complete, rows);
    subgraph.child.kill('SIGTERM');
    await exited(subgraph.child);
  }, 180_000);

  it('killing the subgraph inside a batch\'s transaction leaves none of that batch; after a restart a re-run completes the file', async () => {
    const rows = generateCourtRows(8_000, 12);
    const batchSize = 4_000;
    const workspace = crash.workspace(rows, 'court-export.json');
    const { file } = workspace;
    // CREDIT_SQL_LOG prints each statement as it completes. A batch inserts in chunks of 500
    // rows, so the ninth INSERT is the first of the second batch: its transaction is open.
    const first = await crash.startSubgraph('court-debtors', workspace, { CREDIT_SQL_LOG: '1' });
    const cli = runCli(file, first.url, batchSize);
    await untilInserts(first, cli, 'debtor_record', 1 + 4_000 / 500);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(await exited(cli.child)).toBe(1);

    const second = await crash.startSubgraph('court-debtors', workspace);
    const stored = await storedRows(second.url);
    expect(stored.size).toBe(batchSize);
    expectWholeRows(stored, rows);
    // The change feed went down with the batch: exactly the committed rows have entries.
    expect(await fedCaseNumbers(second.url)).toEqual([...stored.keys()].sort());
    const rerun = runCli(file, second.url, batchSize);
    expect(await exited(rerun.child)).toBe(0);
    expect(lastJson(rerun.output)).toMatchObject({ accepted: rows.length - batchSize, unchanged: batchSize });
    const complete = await storedRows(second.url);
    expect(complete.size).toBe(rows.length);
    expectWholeRows(complete, rows);
    expect(await fedCaseNumbers(second.url)).toEqual([...complete.keys()].sort());
    second.child.kill('SIGTERM');
    await exited(second.child);
  }, 300_000);
});
