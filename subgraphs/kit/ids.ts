import { randomUUID } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * The id of a new row whose write time may show: a UUID version 7 (RFC 9562), which begins with
 * the millisecond it was made, so rows made one after another get ids in that order. A primary
 * key or an index on ids then grows at its end instead of at random places: inserting an
 * import's 450,000 applied sanctions (random ids in the id and record-id indexes) took 8.4 s in
 * SQLite, time-ordered 3.3 s (docs/benchmarks.md). The id tells anyone who sees it when the row
 * was written and where it stood in its import: use it for rows about bodies, whose records are
 * public, and newPersonalRowId for rows about a person.
 */
export function newRowId(): string {
  return v7();
}

/**
 * The id of a new row about a person (an official's dishonesty record, its sanctions): random, so
 * that an id a caller sees beside a masked name says nothing of when it was written or of its
 * place in the import file (an export sorted by name would leak the order of names).
 */
export function newPersonalRowId(): string {
  return randomUUID();
}
