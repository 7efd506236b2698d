import type { DemoCommitments } from '../../scripts/demo-data/commitments.js';
import { buildDemoCommitments } from '../../scripts/demo-data/commitments.js';
import { buildSliceCommitments, demoOrProvinceSeeder } from '../../scripts/demo-data/province.js';
import { officialPseudonym, seal, tableRows, type Seeder, type TableRows } from '../kit/index.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { CommitmentComplaint } from './entities/complaint.js';
import type { CommitmentCategory, ComplaintChannel, ComplaintStatus, Fulfilment, LetterStatus } from './entities/enums.js';
import { OfficialCommitment } from './entities/official-commitment.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');

/** Seeds letters, items, officials' commitments (by pseudonym) and complaints: the demo, or the province city by city. */
export const seed: Seeder = demoOrProvinceSeeder('commitments', { demo: () => buildDemoCommitments(), slice: buildSliceCommitments }, commitmentTables);

function commitmentTables(demo: DemoCommitments): TableRows[] {
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
