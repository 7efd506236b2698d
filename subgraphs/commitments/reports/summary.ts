import { today } from '../../kit/index.js';
import type { CommitmentItem } from '../entities/commitment-item.js';
import type { CommitmentLetter } from '../entities/commitment-letter.js';
import { Fulfilment, LetterStatus, SETTLED_FULFILMENT } from '../entities/enums.js';
import type { CommitmentSummary } from './types.js';

export function isOverdue(item: CommitmentItem, on: string = today()): boolean {
  return item.dueDate < on && !SETTLED_FULFILMENT.includes(item.fulfilment);
}

/**
 * Summarises a unit's letter of a year. It is the same for every caller (scores must not
 * depend on who asks) and holds counts and ids only, never a draft's text.
 */
export function summarize(year: number, letter: CommitmentLetter | undefined, items: CommitmentItem[]): CommitmentSummary {
  const counts = new Map<Fulfilment, number>();
  for (const item of items) counts.set(item.fulfilment, (counts.get(item.fulfilment) ?? 0) + 1);
  // Fulfilment and deadlines only bind once the letter is public.
  const binding = letter?.status === LetterStatus.PUBLISHED ? items : [];
  const unfulfilled = binding.filter((i) => i.fulfilment === Fulfilment.UNFULFILLED);
  const on = today();
  const overdue = binding.filter((i) => isOverdue(i, on));
  return {
    year,
    letterId: letter?.id ?? null,
    letterStatus: letter?.status ?? null,
    published: letter?.status === LetterStatus.PUBLISHED,
    itemCount: items.length,
    itemsByFulfilment: Object.values(Fulfilment).map((fulfilment) => ({ fulfilment, count: counts.get(fulfilment) ?? 0 })),
    unfulfilledItems: unfulfilled.length,
    overdueItems: overdue.length,
    unfulfilledItemIds: unfulfilled.map((i) => i.id),
    overdueItemIds: overdue.map((i) => i.id),
  };
}
