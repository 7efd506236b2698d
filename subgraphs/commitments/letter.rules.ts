import type { FilterQuery } from '@mikro-orm/core';
import type { Caller } from '../kit/index.js';
import type { CommitmentLetter } from './entities/commitment-letter.js';
import { LetterStatus } from './entities/enums.js';

/**
 * A letter that was published binds its unit, withdrawn or not (seed 002 §二(三)): its items count
 * until fulfilled or lawfully changed, and the public keeps seeing it.
 */
export function isBinding(letter: Pick<CommitmentLetter, 'status' | 'publishedAt'>): boolean {
  return letter.publishedAt !== null && (letter.status === LetterStatus.PUBLISHED || letter.status === LetterStatus.WITHDRAWN);
}

/** What the public may read: published letters, and letters withdrawn after publication (with the reason). */
const PUBLIC_LETTERS: FilterQuery<CommitmentLetter> = {
  $or: [{ status: LetterStatus.PUBLISHED }, { status: LetterStatus.WITHDRAWN, publishedAt: { $ne: null } }],
};

/** Which letters a caller may read: PUBLIC the public ones, a unit also its own, auditors all. */
export function visibleLetters(caller: Caller): FilterQuery<CommitmentLetter> {
  if (caller.has('AUDITOR', 'ADMIN')) return {};
  if (caller.has('ORGANIZATION') && caller.uscc) return { $or: [PUBLIC_LETTERS, { organizationUscc: caller.uscc }] };
  return PUBLIC_LETTERS;
}

export function canSee(caller: Caller, letter: CommitmentLetter): boolean {
  return caller.has('AUDITOR', 'ADMIN') || isBinding(letter) || (caller.has('ORGANIZATION') && caller.uscc === letter.organizationUscc);
}
