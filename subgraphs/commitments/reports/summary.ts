import { today } from '../../kit/index.js';
import type { CommitmentItem } from '../entities/commitment-item.js';
import type { CommitmentLetter } from '../entities/commitment-letter.js';
import { Fulfilment, LetterStatus, SETTLED_FULFILMENT } from '../entities/enums.js';
import { isBinding } from '../letter.rules.js';
import type { CommitmentSummary } from './types.js';

export function isOverdue(item: CommitmentItem, on: string = today()): boolean {
  return item.dueDate < on && !SETTLED_FULFILMENT.includes(item.fulfilment);
}

/** A unit's letters, each with its items (any years: summarize reads the year's and the earlier ones). */
export interface LetterWithItems {
  letter: CommitmentLetter;
  items: CommitmentItem[];
}

/**
 * Summarises a unit's commitments in a year. It is the same for every caller (scores must not
 * depend on who asks) and holds counts and ids only, never a draft's text.
 *
 * The year's letter is its current one (not withdrawn). What counts against the unit is every item
 * of a letter that was ever published, this year's or an earlier year's, withdrawn or not, until it
 * is fulfilled or lawfully changed (seed 002 §二(三)): a withdrawal or a new year does not erase a
 * broken promise. Earlier years' items still open are also listed as carried over. Later years'
 * letters are left out. The id lists run from the oldest letter to the newest (letters of a year by
 * id), each letter's items in the order given (the loader's: by number).
 */
export function summarize(year: number, letters: LetterWithItems[], on: string = today()): CommitmentSummary {
  const current = letters.find((l) => l.letter.year === year && l.letter.status !== LetterStatus.WITHDRAWN);
  const items = current?.items ?? [];
  const counts = new Map<Fulfilment, number>();
  for (const item of items) counts.set(item.fulfilment, (counts.get(item.fulfilment) ?? 0) + 1);
  // Fulfilment and deadlines only bind once a letter is public; an earlier year's still bind.
  const binding = letters.filter((l) => l.letter.year <= year && isBinding(l.letter));
  const unfulfilled: string[] = [];
  const overdue: string[] = [];
  const carriedOver: string[] = [];
  for (const { letter, items: bound } of binding.sort((a, b) => a.letter.year - b.letter.year || a.letter.id.localeCompare(b.letter.id))) {
    for (const item of bound) {
      const isUnfulfilled = item.fulfilment === Fulfilment.UNFULFILLED;
      const late = isOverdue(item, on);
      if (isUnfulfilled) unfulfilled.push(item.id);
      if (late) overdue.push(item.id);
      if (letter.year < year && (isUnfulfilled || late)) carriedOver.push(item.id);
    }
  }
  return {
    year,
    letterId: current?.letter.id ?? null,
    letterStatus: current?.letter.status ?? null,
    published: current?.letter.status === LetterStatus.PUBLISHED,
    itemCount: items.length,
    itemsByFulfilment: Object.values(Fulfilment).map((fulfilment) => ({ fulfilment, count: counts.get(fulfilment) ?? 0 })),
    unfulfilledItems: unfulfilled.length,
    overdueItems: overdue.length,
    unfulfilledItemIds: unfulfilled,
    overdueItemIds: overdue,
    carriedOverItemIds: carriedOver,
  };
}
