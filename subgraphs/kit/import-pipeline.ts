import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../platform/orm.js';
import { config } from '../../platform/config.js';
import { badInput, errors } from '../../platform/errors.js';
import type { ImportResult } from './import-result.js';
import { chunked } from './loaders.js';

/**
 * The steps every bulk import shares (validate rows, report per-row errors, upsert
 * idempotently in one transaction); what a row means stays in the subgraph's
 * `<aggregate>.rows.ts`:
 *
 *   const valid = checkRows(rows, result, checkXRow, { keyOf, field, message });  // numbered, per-row errors, duplicates
 *   const kept = keepRows(valid, result, (r) => …);                              // checks against the store
 *   const existing = await loadExisting(keys, (part) => em.find(X, …), keyOf);   // one statement per chunk
 *   writeRows(em, result, kept, existing, { keyOf, create, same, update });      // accepted / updated / unchanged
 *   await em.flush();                                                            // or the caller's transaction
 *
 * with the store steps inside `importTransaction(em, result, async (tx) => …)`.
 */

/** Attempts of an import's transaction that lost a race for a new key (importTransaction). */
const KEY_RACE_ATTEMPTS = 3;

/**
 * Runs an import's store steps in one transaction. Two imports of the same new record at once
 * (replicas of a subgraph on PostgreSQL) both find it missing and both insert it: the second
 * meets the unique index. Its transaction is then run again from the start, where it finds the
 * other's row and counts it unchanged or updated, with `result` as it was before the attempt;
 * after KEY_RACE_ATTEMPTS lost races the import is refused whole with CONFLICT, never a server
 * error, and nothing of it written. On SQLite imports run one after another on the one
 * connection and cannot race: a unique violation there is a fault of the import's own key
 * checks and fails as such, not retried nor dressed as a conflict.
 */
export async function importTransaction(em: EntityManager, result: ImportResult, work: (tx: EntityManager) => Promise<void>): Promise<void> {
  const before = { accepted: result.accepted, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected, errors: result.errors.length, warnings: result.warnings.length };
  for (let attempt = 1; ; attempt++) {
    try {
      await em.transactional(work, { clear: true });
      return;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException) || config.dbDriver() !== 'postgresql') throw error;
      Object.assign(result, { accepted: before.accepted, updated: before.updated, unchanged: before.unchanged, rejected: before.rejected });
      result.errors.length = before.errors;
      result.warnings.length = before.warnings;
      if (attempt === KEY_RACE_ATTEMPTS) {
        throw errors.conflict('另一导入同时写入了相同的记录，本批未写入，请重新发送', 'another import wrote the same records at the same time; nothing of this batch was written, send it again');
      }
    }
  }
}

/** A row that passed its checks, with its number in the request (from 1). */
export interface ImportRow<D> {
  row: number;
  data: D;
}

/** The key that makes two rows of one import the same record, and how a repeat is reported. */
export interface DuplicateKey<D> {
  keyOf(data: D): string;
  /** The field a repeat is reported on (rule DUPLICATE). */
  field: string;
  /** The message naming the earlier row, Chinese then English. */
  message(earlierRow: number): string;
}

/**
 * Checks each row on its own (`check` throws naming the field), reporting a bad one with its
 * number (from 1) and dropping its warnings; with `duplicate`, a later row with the key of an
 * earlier one is rejected as DUPLICATE, naming the earlier row (`keyOf` must not throw: its
 * errors are not a row's, they fail the import).
 */
export function checkRows<I, D>(
  rows: readonly I[],
  result: ImportResult,
  check: (row: I, rowNumber: number) => D,
  duplicate?: DuplicateKey<NoInfer<D>>,
): Array<ImportRow<D>> {
  const valid: Array<ImportRow<D>> = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((input, index) => {
    const row = index + 1;
    let data: D;
    try {
      data = check(input, row);
    } catch (error) {
      return rejectRow(result, row, error);
    }
    if (duplicate) {
      // The key is derived outside the row's checks: a key that cannot be derived is no row's fault.
      const key = duplicate.keyOf(data);
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) return rejectRow(result, row, badInput(duplicate.message(earlier), { field: duplicate.field, rule: 'DUPLICATE' }));
      firstRowOf.set(key, row);
    }
    valid.push({ row, data });
  });
  return valid;
}

function rejectRow(result: ImportResult, row: number, error: unknown): void {
  result.reject(row, error);
  // A rejected row's warnings go with it.
  result.warnings = result.warnings.filter((w) => w.row !== row);
}

/** Keeps the rows that pass a further check (against the store); one that throws is rejected with its number. */
export function keepRows<R extends { row: number }>(rows: readonly R[], result: ImportResult, check: (row: R) => void): R[] {
  return rows.filter((row) => {
    try {
      check(row);
      return true;
    } catch (error) {
      result.reject(row.row, error);
      return false;
    }
  });
}

/**
 * The stored records for the given lookup values (repeats dropped), one `find` per chunk of
 * `size`, by the key `keyOf` gives them.
 */
export async function loadExisting<T>(
  values: Iterable<string>,
  find: (part: string[]) => Promise<Iterable<T>>,
  keyOf: (stored: T) => string,
  size?: number,
): Promise<Map<string, T>> {
  const existing = new Map<string, T>();
  for (const part of chunked([...new Set(values)], size)) {
    for (const stored of await find(part)) existing.set(keyOf(stored), stored);
  }
  return existing;
}

/** How rows become records: their key, and what a new, an identical and a changed row do. */
export interface RowWrites<D, T> {
  keyOf(data: D): string;
  /** A row of a new key: the record it creates (em.create), if any. A later row of the same key compares with it. */
  create(data: D, row: number): T | void;
  /** Whether the stored record already says what the row says; by default every field of the row equals the stored one. */
  same?(stored: T, data: D): boolean;
  /** A changed row written into its stored record; by default em.assign(stored, data). */
  update?(stored: T, data: D, row: number): void;
  /**
   * Instead of `same` and `update`: writes the row into its stored record (merging, field by
   * field) and says whether anything changed.
   */
  merge?(stored: T, data: D, row: number): boolean;
}

/**
 * Counts each row as accepted (new key), unchanged (same as stored) or updated, and writes it
 * through the unit of work; nothing is flushed here, so that the rows land in the caller's
 * flush or transaction.
 */
export function writeRows<D, T extends object>(
  em: EntityManager,
  result: ImportResult,
  rows: ReadonlyArray<ImportRow<D>>,
  existing: Map<string, T>,
  writes: RowWrites<NoInfer<D>, NoInfer<T>>,
): void {
  const same = writes.same ?? sameFields;
  for (const { row, data } of rows) {
    const key = writes.keyOf(data);
    const stored = existing.get(key);
    if (!stored) {
      const created = writes.create(data, row);
      if (created) existing.set(key, created);
      result.accepted++;
    } else if (writes.merge) {
      if (writes.merge(stored, data, row)) result.updated++;
      else result.unchanged++;
    } else if (same(stored, data)) {
      result.unchanged++;
    } else {
      if (writes.update) writes.update(stored, data, row);
      else em.assign(stored, data as any);
      result.updated++;
    }
  }
}

/** Every field of the row equals the stored record's. */
function sameFields(stored: object, data: unknown): boolean {
  return Object.keys(data as object).every((key) => (stored as Record<string, unknown>)[key] === (data as Record<string, unknown>)[key]);
}

/**
 * An import file's content (a JSON array, or an object holding one under records, data or rows;
 * or CSV records) as rows of the given fields for an import mutation whose fields are all
 * nullable strings: other fields are dropped (exports carry more), numbers become strings and
 * empty cells null. Anything that is not an object still becomes a row, so that the server
 * reports it under its own row number.
 */
export function fieldRowsFrom<F extends string>(content: unknown, fields: readonly F[]): Array<{ [K in F]: string | null }> {
  const list = Array.isArray(content)
    ? content
    : content && typeof content === 'object'
      ? ((['records', 'data', 'rows'] as const).map((k) => (content as Record<string, unknown>)[k]).find(Array.isArray) as unknown[] | undefined)
      : undefined;
  if (!list) throw new Error('the file holds no rows: expected a JSON array (or {"records": [...]}) or a CSV with a header line');
  return list.map((item) => {
    const source = item && typeof item === 'object' ? (item as Record<string, unknown>) : {};
    const row = {} as { [K in F]: string | null };
    for (const field of fields) {
      const value = source[field];
      row[field] = value === null || value === undefined || value === '' ? null : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    return row;
  });
}
