import { createHash } from 'node:crypto';
import { stripSensitiveLiterals } from '@apollo/utils.stripsensitiveliterals';
import { print, type DocumentNode } from 'graphql';

/**
 * An operation as the audit log and operation usage identify it: its text with every literal
 * blanked (strings, numbers, lists, objects), and the SHA-256 of that text. A hash of the text as
 * sent would let anyone holding the blanked text recover a literal by guessing (an ID number or a
 * phone typed into the query has few enough candidates); the blanked text hashes to itself alone.
 */
export function blankedOperation(document: DocumentNode): { text: string; hash: string } {
  const text = print(stripSensitiveLiterals(document, { hideListAndObjectLiterals: true }));
  return { text, hash: createHash('sha256').update(text).digest('hex') };
}
