import DataLoader from 'dataloader';
import { groupLoader, rowLoader, type EntityManager } from '../kit/index.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { LetterStatus } from './entities/enums.js';
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
    itemsByLetter: groupLoader<string, CommitmentItem>((ids) => em.find(CommitmentItem, { letterId: { $in: [...ids] } }, { orderBy: { letterId: 'asc', number: 'asc' } }), (i) => i.letterId),
    lettersByOrganization: lettersByOrganizationLoader(em),
    officialCommitments: groupLoader<string, OfficialCommitment>((ids) => em.find(OfficialCommitment, { officialId: { $in: [...ids] } }, { orderBy: { date: 'desc' } }), (c) => c.officialId),
  };
}

export type CommitmentLoaders = ReturnType<typeof createLoaders>;

/**
 * Letters of many organizations for a year (or every year): one statement per distinct year
 * in the batch, which for a page of organizations is one. Withdrawn letters are left out.
 */
function lettersByOrganizationLoader(em: EntityManager): DataLoader<LettersKey, CommitmentLetter[], string> {
  const keyOf = (k: LettersKey) => `${k.uscc}|${k.year ?? '*'}`;
  return new DataLoader<LettersKey, CommitmentLetter[], string>(
    async (keys) => {
      const byYear = new Map<number | null, string[]>();
      for (const key of keys) {
        const usccs = byYear.get(key.year);
        if (usccs) usccs.push(key.uscc);
        else byYear.set(key.year, [key.uscc]);
      }
      const found = new Map<string, CommitmentLetter[]>();
      for (const [year, usccs] of byYear) {
        const letters = await em.find(
          CommitmentLetter,
          { organizationUscc: { $in: usccs }, status: { $ne: LetterStatus.WITHDRAWN }, ...(year === null ? {} : { year }) },
          { orderBy: { organizationUscc: 'asc', year: 'desc' } },
        );
        for (const letter of letters) {
          const key = keyOf({ uscc: letter.organizationUscc, year });
          const list = found.get(key);
          if (list) list.push(letter);
          else found.set(key, [letter]);
        }
      }
      return keys.map((k) => found.get(keyOf(k)) ?? []);
    },
    { cacheKeyFn: keyOf },
  );
}
