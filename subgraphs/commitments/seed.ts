import { officialPseudonym, seal, tableRows, tableSeeder, type DemoRowOf, type Seeder, type TableRows } from '../kit/index.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { CommitmentComplaint } from './entities/complaint.js';
import type { CommitmentCategory, ComplaintChannel, ComplaintStatus, Fulfilment, LetterStatus } from './entities/enums.js';
import { OfficialCommitment } from './entities/official-commitment.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');

/** The commitments' part of the demo world, as the seeder's caller hands it over. */
export interface CommitmentSeedRows {
  letters: Array<DemoRowOf<CommitmentLetter,
    'id' | 'organizationUscc' | 'regionCode' | 'year' | 'letterNumber' | 'liability' | 'issuer' | 'signedAt' | 'complaintPhone' | 'complaintEmail'
    | 'publicationChannels' | 'status' | 'publishedAt' | 'withdrawnReason' | 'withdrawnLegalReason' | 'withdrawnAt', 'status'>>;
  items: Array<DemoRowOf<CommitmentItem,
    'id' | 'letterId' | 'number' | 'category' | 'content' | 'dueDate' | 'fulfilment' | 'evidence' | 'lastReviewedAt' | 'changeReason' | 'changeCompensation'
    | 'changedAt', 'category' | 'fulfilment'>>;
  officialCommitments: Array<DemoRowOf<OfficialCommitment,
    'id' | 'type' | 'date' | 'acceptingUnitName' | 'acceptingUnitUscc' | 'reason' | 'content' | 'liability' | 'fulfilmentStatus' | 'commitmentStatus'
    | 'remarks' | 'letterNumber'> & { idNumber: string }>;
  complaints: Array<DemoRowOf<CommitmentComplaint,
    'id' | 'organizationUscc' | 'regionCode' | 'letterId' | 'channel' | 'receivedAt' | 'content' | 'complainantName' | 'transferredTo' | 'status'
    | 'resolution' | 'resolvedAt' | 'dueDate', 'channel' | 'status'> & { contact: string | null; history: Array<{ status: string; at: string; by: string; note: string | null }> }>;
}

/** Seeds letters, items, officials' commitments (by pseudonym) and complaints from the rows it is handed: the demo, or the province city by city. */
export const seed: Seeder<CommitmentSeedRows> = tableSeeder(commitmentTables);

function commitmentTables(demo: CommitmentSeedRows): TableRows[] {
  const letters = demo.letters.map((l) => ({ ...l, status: l.status as LetterStatus, createdAt: EPOCH, updatedAt: EPOCH }));
  const items = demo.items.map((i) => ({ ...i, category: i.category as CommitmentCategory, fulfilment: i.fulfilment as Fulfilment, updatedAt: EPOCH }));
  const officials = demo.officialCommitments.map(({ idNumber, ...rest }) => ({ ...rest, officialId: officialPseudonym(idNumber), createdAt: EPOCH }));
  const complaints = demo.complaints.map(({ contact, ...rest }) => ({
    ...rest,
    channel: rest.channel as ComplaintChannel,
    status: rest.status as ComplaintStatus,
    history: rest.history as CommitmentComplaint['history'],
    contactSealed: contact ? seal(contact) : null,
    updatedAt: EPOCH,
  }));
  return [
    tableRows(CommitmentLetter, 'commitments: letters', letters),
    tableRows(CommitmentItem, 'commitments: items', items),
    tableRows(OfficialCommitment, 'commitments: officials\' commitments', officials),
    tableRows(CommitmentComplaint, 'commitments: complaints', complaints),
  ];
}
