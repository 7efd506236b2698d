import type { ChangeFeedDeclaration } from '../kit/index.js';
import type { CommitmentItem } from './entities/commitment-item.js';
import type { CommitmentLetter } from './entities/commitment-letter.js';
import type { CommitmentComplaint } from './entities/complaint.js';
import type { OfficialCommitment } from './entities/official-commitment.js';
import type { FulfilmentRecord } from './entities/fulfilment-record.js';

/** What a commitments change touches: the unit whose letter, item or complaint it is. */
export const changeFeed: ChangeFeedDeclaration = {
  CommitmentLetter: (l: CommitmentLetter) => ({ id: l.id, organizations: [l.organizationUscc], regions: [l.regionCode] }),
  // An item's unit is its letter's, which every write of an item has loaded to check the owner.
  CommitmentItem: (i: CommitmentItem, related) => {
    const letter = related<CommitmentLetter>('CommitmentLetter', i.letterId);
    return { id: i.id, organizations: [letter?.organizationUscc], regions: [letter?.regionCode] };
  },
  FulfilmentRecord: (r: FulfilmentRecord) => ({ id: String(r.id), organizations: [r.organizationUscc], regions: [r.regionCode] }),
  OfficialCommitment: (c: OfficialCommitment) => ({ id: c.id, officials: [c.officialId], organizations: [c.acceptingUnitUscc] }),
  CommitmentComplaint: (c: CommitmentComplaint) => ({ id: c.id, organizations: [c.organizationUscc], regions: [c.regionCode] }),
};
