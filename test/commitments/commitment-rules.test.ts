// The commitments subgraph's rules as functions and tables (issue 21, mutation testing): which
// letters bind their unit and who may read them (letter.rules.ts), and the complaint workflow and
// deadline (complaint.rules.ts). Expectations are the rules as written in their documentation
// (seed 002 §二(三): a published letter binds, withdrawn or not), spelled out case by case.
import { describe, expect, it } from 'vitest';
import { Caller, type Role } from '../../platform/auth.js';
import { COMPLAINT_HANDLING_DAYS, NEXT_COMPLAINT_STATUS } from '../../subgraphs/commitments/complaint.rules.js';
import type { CommitmentLetter } from '../../subgraphs/commitments/entities/commitment-letter.js';
import type { LetterStatus } from '../../subgraphs/commitments/entities/enums.js';
import { canSee, isBinding, visibleLetters } from '../../subgraphs/commitments/letter.rules.js';

const OWN = '11231102MA0000001X';
const OTHER = '11231102MA0000002X';

const caller = (roles: Role[], uscc: string | null = null) => new Caller('test', new Set(roles), uscc);

function letter(status: string, publishedAt: string | null, organizationUscc = OWN): CommitmentLetter {
  return { status: status as LetterStatus, publishedAt, organizationUscc } as CommitmentLetter;
}

/** What the public may read, as the rule states it: published, or withdrawn after publication. */
const PUBLIC = { $or: [{ status: 'PUBLISHED' }, { status: 'WITHDRAWN', publishedAt: { $ne: null } }] };

describe('a letter binds its unit once published, withdrawn or not', () => {
  it('binds when published, and when withdrawn after publication', () => {
    expect(isBinding(letter('PUBLISHED', '2026-05-10'))).toBe(true);
    expect(isBinding(letter('WITHDRAWN', '2026-05-10'))).toBe(true);
  });

  it('does not bind a draft, a signed letter, or a letter withdrawn before it was published', () => {
    expect(isBinding(letter('DRAFT', null))).toBe(false);
    expect(isBinding(letter('SIGNED', null))).toBe(false);
    expect(isBinding(letter('WITHDRAWN', null))).toBe(false);
  });

  it('needs both: a publication date and a published or withdrawn status', () => {
    // A date without the status (a signed letter carrying a date) or the status without a date: not binding.
    expect(isBinding(letter('SIGNED', '2026-05-10'))).toBe(false);
    expect(isBinding(letter('DRAFT', '2026-05-10'))).toBe(false);
    expect(isBinding(letter('PUBLISHED', null))).toBe(false);
  });
});

describe('which letters a caller may read', () => {
  it('gives auditors and administrators every letter (no filter)', () => {
    expect(visibleLetters(caller(['AUDITOR']))).toEqual({});
    expect(visibleLetters(caller(['ADMIN']))).toEqual({});
  });

  it('gives a unit the public letters and its own', () => {
    expect(visibleLetters(caller(['ORGANIZATION'], OWN))).toEqual({ $or: [PUBLIC, { organizationUscc: OWN }] });
  });

  it('gives the public, and a unit without a code, the public letters alone', () => {
    expect(visibleLetters(caller(['PUBLIC']))).toEqual(PUBLIC);
    expect(visibleLetters(caller(['ORGANIZATION'], null))).toEqual(PUBLIC);
    // a code without the ORGANIZATION role is not a unit
    expect(visibleLetters(caller(['FINANCE'], OWN))).toEqual(PUBLIC);
  });

  it('lets anyone see a binding letter, a unit its own drafts, auditors everything', () => {
    const draft = letter('DRAFT', null);
    const published = letter('PUBLISHED', '2026-05-10');
    const withdrawnUnpublished = letter('WITHDRAWN', null);
    expect(canSee(caller(['PUBLIC']), published)).toBe(true);
    expect(canSee(caller(['PUBLIC']), draft)).toBe(false);
    expect(canSee(caller(['PUBLIC']), withdrawnUnpublished)).toBe(false);
    expect(canSee(caller(['ORGANIZATION'], OWN), draft)).toBe(true);
    expect(canSee(caller(['ORGANIZATION'], OTHER), draft)).toBe(false);
    expect(canSee(caller(['ORGANIZATION'], OTHER), published)).toBe(true);
    expect(canSee(caller(['FINANCE'], OWN), draft)).toBe(false);
    expect(canSee(caller(['AUDITOR']), draft)).toBe(true);
    expect(canSee(caller(['ADMIN']), withdrawnUnpublished)).toBe(true);
  });
});

describe('commitment complaints', () => {
  it('are due 15 days after they are received (办理期限)', () => {
    expect(COMPLAINT_HANDLING_DAYS).toBe(15);
  });

  it('go RECEIVED → TRANSFERRED → HANDLING → RESOLVED / REJECTED, rejected at any step before settling', () => {
    expect(NEXT_COMPLAINT_STATUS).toEqual({
      RECEIVED: ['TRANSFERRED', 'HANDLING', 'REJECTED'],
      TRANSFERRED: ['HANDLING', 'REJECTED'],
      HANDLING: ['RESOLVED', 'REJECTED'],
      RESOLVED: [],
      REJECTED: [],
    });
  });
});
