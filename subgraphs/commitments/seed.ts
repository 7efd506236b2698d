import { buildDemoCommitments } from '../../scripts/demo-data/commitments.js';
import { insertInChunks, officialPseudonym, seal, type Seeder } from '../kit/index.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { CommitmentComplaint } from './entities/complaint.js';
import type { CommitmentCategory, ComplaintChannel, ComplaintStatus, Fulfilment, LetterStatus } from './entities/enums.js';
import { OfficialCommitment } from './entities/official-commitment.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');

/** Seeds the demo letters, items, officials' commitments (by pseudonym) and complaints. */
export const seed: Seeder = async (em, { progress }) => {
  const demo = buildDemoCommitments();

  const letters = demo.letters.map((l) => ({ ...l, status: l.status as LetterStatus, createdAt: EPOCH, updatedAt: EPOCH }));
  await insertInChunks(em, CommitmentLetter, letters, progress.stage('commitments: letters', letters.length));

  const items = demo.items.map((i) => ({ ...i, category: i.category as CommitmentCategory, fulfilment: i.fulfilment as Fulfilment, updatedAt: EPOCH }));
  await insertInChunks(em, CommitmentItem, items, progress.stage('commitments: items', items.length));

  const officials = demo.officialCommitments.map(({ idNumber, ...rest }) => ({ ...rest, officialId: officialPseudonym(idNumber), createdAt: EPOCH }));
  await insertInChunks(em, OfficialCommitment, officials, progress.stage('commitments: officials\' commitments', officials.length));

  const complaints = demo.complaints.map(({ contact, ...rest }) => ({
    ...rest,
    channel: rest.channel as ComplaintChannel,
    status: rest.status as ComplaintStatus,
    history: rest.history as CommitmentComplaint['history'],
    contactSealed: contact ? seal(contact) : null,
    updatedAt: EPOCH,
  }));
  await insertInChunks(em, CommitmentComplaint, complaints, progress.stage('commitments: complaints', complaints.length));
};
