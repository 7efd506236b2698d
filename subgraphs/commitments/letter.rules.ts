import type { FilterQuery } from '@mikro-orm/core';
import type { Caller } from '../kit/index.js';
import type { CommitmentLetter } from './entities/commitment-letter.js';
import { LetterStatus } from './entities/enums.js';

/** Which letters a caller may read: PUBLIC only published ones, a unit also its own, auditors all. */
export function visibleLetters(caller: Caller): FilterQuery<CommitmentLetter> {
  if (caller.has('AUDITOR', 'ADMIN')) return {};
  if (caller.has('ORGANIZATION') && caller.uscc) return { $or: [{ status: LetterStatus.PUBLISHED }, { organizationUscc: caller.uscc }] };
  return { status: LetterStatus.PUBLISHED };
}

export function canSee(caller: Caller, letter: CommitmentLetter): boolean {
  return caller.has('AUDITOR', 'ADMIN') || letter.status === LetterStatus.PUBLISHED || (caller.has('ORGANIZATION') && caller.uscc === letter.organizationUscc);
}
