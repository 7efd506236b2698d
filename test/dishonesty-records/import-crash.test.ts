// The dishonesty import (issue 16: "kill -9 mid-import leaves no half-written row") with the
// import CLI and the dishonesty-records subgraph as real processes: the subgraph killed in the
// middle of a batch's transaction leaves none of that batch — no record, none of the sanctions the
// catalogue applied to its records, no change-feed entry — and after a restart a re-run completes
// the file, each decision once. On SQLite, and with CREDIT_DB_DRIVER=postgresql (the e2e-postgres
// project) on PostgreSQL, in schemas of its own; the same steps as the court list's crash test
// (test/court-debtors/import-crash.test.ts), on the shared harness (test/import-crash.ts).
//
// The import checks each authority against the subgraph's copy of the registry. There is no
// registry here: the copy is filled from the demo registry before the subgraph first starts, as it
// would hold it after copying the registry, and the registry's feed and the gateway are pointed at
// the discard port, where nothing answers, so the copy stays as filled. Bodies' records only: an
// official's record would need the registry's roster.
import { describe, expect, it } from 'vitest';
import { generateDishonestyRows, type DemoDishonestyRow } from '../../scripts/demo-data/dishonesty-records.js';
import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { AppliedSanction } from '../../subgraphs/dishonesty-records/entities/applied-sanction.js';
import { DishonestyRecord } from '../../subgraphs/dishonesty-records/entities/dishonesty-record.js';
import { DishonestyKind, Severity, SubjectType } from '../../subgraphs/dishonesty-records/entities/enums.js';
import { catalogueOn, catalogues, measuresFor } from '../../subgraphs/dishonesty-records/sanction.rules.js';
import { subgraph as dishonestyRecords } from '../../subgraphs/dishonesty-records/schema.js';
import { config } from '../../subgraphs/kit/index.js';
import { fillRegistryMirror, post } from '../helpers.js';
import { exited, fedIds, importCrashHarness, insertsSoFar, lastJson, untilInserts, withWorkspaceStore, type CrashWorkspace } from '../import-crash.js';

// The credit office (信用办, AUDITOR) sends the file: it may send every kind of decision.
const crash = importCrashHarness({ tag: 'dishonesty', cli: 'scripts/import-dishonesty.ts', sender: 'AUDITOR' });
const registry = buildDemoRegistry();
const NOWHERE = 'http://127.0.0.1:9/graphql';
/** The subgraph's settings: no registry to reach, and the credit office's import straight to it. */
const SUBGRAPH_ENV = { CREDIT_GATEWAY_URL: NOWHERE, CREDIT_SUBGRAPH_URL_REGISTRY: NOWHERE, CREDIT_DIRECT_ROLES: [...config.directRoles(), 'AUDITOR'].join(',') };
const runCli = (file: string, url: string, batchSize: number) => crash.runImport(file, { url, batchSize });

/** A decision is identified by its authority and document number. */
const keyOf = (row: { authorityUscc: string; documentNumber: string }) => `${row.authorityUscc}|${row.documentNumber}`;

interface StoredRecord {
  id: string;
  kind: string;
  organizationUscc: string;
  authorityUscc: string;
  documentNumber: string;
  decisionDate: string;
  severity: string;
  publication: string;
  sanctions: Array<{ id: string; measureId: string }>;
  [field: string]: unknown;
}

/** Every stored record with its sanctions, read back page by page (none twice: checked). */
async function storedRecords(url: string): Promise<Map<string, StoredRecord>> {
  const records: StoredRecord[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await post(url, `query($a: String) { dishonestyRecords(first: 100, after: $a) { edges { node {
      id kind subjectType organizationUscc organizationName authorityUscc authorityName documentNumber decisionDate facts legalBasis severity
      sanctionTermMonths publication publishedAt status sanctions { id measureId } } } pageInfo { hasNextPage endCursor } } }`, { a: after }, { authorization: crash.reader });
    expect(result.errors).toBeUndefined();
    records.push(...result.data.dishonestyRecords.edges.map((e: { node: StoredRecord }) => e.node));
    if (!result.data.dishonestyRecords.pageInfo.hasNextPage) break;
    after = result.data.dishonestyRecords.pageInfo.endCursor;
  }
  const byKey = new Map(records.map((record) => [keyOf(record), record]));
  // Each decision once: no two records of one authority and document number.
  expect(byKey.size).toBe(records.length);
  return byKey;
}

/** The catalogue's measures for a record (sanction.rules.ts), as the import applies them. */
function measureIdsOf(record: { kind: string; decisionDate: string; severity: string }): string[] {
  const catalogue = catalogueOn(catalogues, record.decisionDate);
  return measuresFor(catalogue, { kind: record.kind as DishonestyKind, subjectType: SubjectType.ORGANIZATION, severity: record.severity as Severity }).map((m) => m.id);
}

/** What a correctly imported row reads back as: the generated rows are written in the stored notation already. */
function expectedOf(row: DemoDishonestyRow) {
  return {
    kind: row.kind, subjectType: 'ORGANIZATION', organizationUscc: row.organizationUscc, organizationName: row.organizationName, authorityUscc: row.authorityUscc,
    authorityName: row.authorityName, documentNumber: row.documentNumber, decisionDate: row.decisionDate, facts: row.facts, legalBasis: row.legalBasis,
    severity: row.severity, sanctionTermMonths: row.sanctionTermMonths === null ? null : Number(row.sanctionTermMonths), publication: row.publication,
    publishedAt: row.publishedAt, status: 'ACTIVE',
  };
}

/** Every stored record is one of `source`'s rows, whole, with exactly the sanctions the catalogue gives it. */
function expectWholeRecords(stored: Map<string, StoredRecord>, source: DemoDishonestyRow[]) {
  const byKey = new Map(source.map((row) => [keyOf(row), row]));
  for (const [key, record] of stored) {
    const { id: _id, sanctions, ...fields } = record;
    expect(fields).toEqual(expectedOf(byKey.get(key)!));
    expect(sanctions.map((s) => s.measureId).sort(), key).toEqual(measureIdsOf(record).sort());
  }
}

/** The change feed names exactly the stored published records and their sanctions (changes.ts: nothing of an unpublished one). */
async function expectFeedOf(url: string, stored: Map<string, StoredRecord>) {
  const published = [...stored.values()].filter((r) => r.publication === 'PUBLISHED');
  expect(await fedIds(url, 'DishonestyRecord')).toEqual(published.map((r) => r.id).sort());
  expect(await fedIds(url, 'AppliedSanction')).toEqual(published.flatMap((r) => r.sanctions.map((s) => s.id)).sort());
}

/** The subgraph's copy of the registry, as it would hold the demo registry after copying it. */
async function copyRegistry(workspace: CrashWorkspace) {
  await withWorkspaceStore(dishonestyRecords, workspace, (store) =>
    fillRegistryMirror({ store }, registry.organizations.map((o) => ({ uscc: o.uscc, name: o.name, regionCode: o.regionCode, kind: o.kind, level: o.level, classified: o.classified }))));
}

describe('a dishonesty import killed mid-file', () => {
  it('killing the subgraph inside a batch\'s transaction leaves none of that batch (records, sanctions, feed entries); after a restart a re-run completes the file, each decision once', async () => {
    const rows = generateDishonestyRows(4_000, registry, { officialShare: 0, seed: 12 });
    const batchSize = 2_000;
    const firstBatch = rows.slice(0, batchSize);
    const workspace = crash.workspace(rows, 'decisions.json');
    await copyRegistry(workspace);
    // CREDIT_SQL_LOG prints each statement as it completes (kit insertRows: on SQLite one line per
    // 1,000 rows written, on PostgreSQL one per multi-row statement). A batch's transaction inserts
    // its new records, then their sanctions (record.repository.ts insertNewRecords), then its
    // change-feed entries, and commits. The first batch's feed insert
    // ends it; the next insert into dishonesty_record is the second batch's first: the kill falls
    // there, its transaction open with some of its records written and its sanctions and entries to come.
    const first = await crash.startSubgraph('dishonesty-records', workspace, { ...SUBGRAPH_ENV, CREDIT_SQL_LOG: '1' });
    const cli = runCli(workspace.file, first.url, batchSize);
    await untilInserts(first, cli, 'change_feed', 1);
    await untilInserts(first, cli, 'dishonesty_record', insertsSoFar(first, 'dishonesty_record') + 1);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(await exited(cli.child)).toBe(1);

    // The store as the killed process left it: the first batch's records and sanctions, nothing more.
    const written = await withWorkspaceStore(dishonestyRecords, workspace, async ({ orm }) => {
      const em = orm.em.fork();
      return { records: await em.count(DishonestyRecord, {}), sanctions: await em.count(AppliedSanction, {}) };
    });
    const expectedSanctions = firstBatch.reduce((sum, row) => sum + measureIdsOf(row).length, 0);
    expect(written.records).toBe(batchSize);
    expect(written.sanctions).toBe(expectedSanctions);

    const second = await crash.startSubgraph('dishonesty-records', workspace, SUBGRAPH_ENV);
    const stored = await storedRecords(second.url);
    expect([...stored.keys()].sort()).toEqual(firstBatch.map(keyOf).sort());
    expectWholeRecords(stored, rows);
    // The change feed went down with the batch: exactly the committed rows have entries.
    await expectFeedOf(second.url, stored);

    const rerun = runCli(workspace.file, second.url, batchSize);
    expect(await exited(rerun.child)).toBe(0);
    expect(lastJson(rerun.output)).toMatchObject({ rows: rows.length, accepted: rows.length - batchSize, unchanged: batchSize, updated: 0, rejected: 0 });
    const complete = await storedRecords(second.url);
    expect([...complete.keys()].sort()).toEqual(rows.map(keyOf).sort());
    expectWholeRecords(complete, rows);
    await expectFeedOf(second.url, complete);
    second.child.kill('SIGTERM');
    await exited(second.child);
  }, 300_000);
});
