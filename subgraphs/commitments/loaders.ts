import { DataLoader } from '../kit/dataloader.js';
import { groupLoader, loadOrNull, rowLoader, type Caller, type EntityManager } from '../kit/index.js';
import { canSee } from './letter.rules.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { FulfilmentRecord } from './entities/fulfilment-record.js';
import { OfficialCommitment } from './entities/official-commitment.js';

export interface LettersKey {
  uscc: string;
  /** null: every year */
  year: number | null;
}

/** The commitments subgraph's per-request loaders: each batch is one SQL statement. */
export function createLoaders(em: EntityManager) {
  return {
    letter: rowLoader<string, CommitmentLetter>((ids) => em.find(CommitmentLetter, { id: { $in: [...ids] } }), (l) => l.id, { zh: '承诺书', en: 'commitment letter' }),
    item: rowLoader<string, CommitmentItem>((ids) => em.find(CommitmentItem, { id: { $in: [...ids] } }), (i) => i.id, { zh: '承诺事项', en: 'commitment item' }),
    fulfilmentRecords: groupLoader<string, FulfilmentRecord>((ids) => em.find(FulfilmentRecord, { itemId: { $in: [...ids] } }, { orderBy: { itemId: 'asc', id: 'asc' } }), (r) => r.itemId),
    itemsByLetter: groupLoader<string, CommitmentItem>((ids) => em.find(CommitmentItem, { letterId: { $in: [...ids] } }, { orderBy: { letterId: 'asc', number: 'asc' } }), (i) => i.letterId),
    lettersByOrganization: lettersByOrganizationLoader(em),
    officialCommitments: groupLoader<string, OfficialCommitment>((ids) => em.find(OfficialCommitment, { officialId: { $in: [...ids] } }, { orderBy: { date: 'desc' } }), (c) => c.officialId),
  };
}

export type CommitmentLoaders = ReturnType<typeof createLoaders>;

/** A letter by id, or null when unknown or not for this caller's eyes (letter.rules.ts canSee). */
export async function loadVisibleLetter(loaders: CommitmentLoaders, caller: Caller, id: string): Promise<CommitmentLetter | null> {
  const letter = await loadOrNull(loaders.letter, id);
  return letter && canSee(caller, letter) ? letter : null;
}

/** An item by id, or null when unknown or when its letter is not for this caller's eyes. */
export async function loadVisibleItem(loaders: CommitmentLoaders, caller: Caller, id: string): Promise<CommitmentItem | null> {
  const item = await loadOrNull(loaders.item, id);
  return item && (await loadVisibleLetter(loaders, caller, item.letterId)) ? item : null;
}

/**
 * Letters of many organizations, of a year or of every year: one statement for the whole batch,
 * which reads every year's letters of the units named (a unit has one a year), so a summary that
 * needs earlier years and a list of one year share it. Withdrawn letters are included: one
 * withdrawn after publication still binds its unit (letter.rules.ts isBinding).
 */
function lettersByOrganizationLoader(em: EntityManager): DataLoader<LettersKey, CommitmentLetter[], string> {
  const keyOf = (k: LettersKey) => `${k.uscc}|${k.year ?? '*'}`;
  return new DataLoader<LettersKey, CommitmentLetter[], string>(
    async (keys) => {
      const usccs = [...new Set(keys.map((k) => k.uscc))];
      const letters = await em.find(CommitmentLetter, { organizationUscc: { $in: usccs } }, { orderBy: { organizationUscc: 'asc', year: 'desc' } });
      const byUnit = new Map<string, CommitmentLetter[]>();
      for (const letter of letters) byUnit.set(letter.organizationUscc, [...(byUnit.get(letter.organizationUscc) ?? []), letter]);
      return keys.map((k) => (byUnit.get(k.uscc) ?? []).filter((l) => k.year === null || l.year === k.year));
    },
    { cacheKeyFn: keyOf },
  );
}
