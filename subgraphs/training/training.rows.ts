import type { DuplicateKey } from '../kit/index.js';

/**
 * A training import's repeat (checkRows in the kit): a later row about the same official, and
 * the same year, record or session, as an earlier one.
 */
export function sameRowAs<D>(keyOf: (data: D) => string): DuplicateKey<D> {
  return { keyOf, field: 'idNumber', message: (earlier) => `与第${earlier}行重复 (duplicate of row ${earlier})` };
}
