import type { ChangeFeedDeclaration } from '../kit/index.js';
import type { AppliedSanction } from './entities/applied-sanction.js';
import type { DishonestyRepair } from './entities/credit-repair.js';
import type { DishonestyRecord } from './entities/dishonesty-record.js';
import type { DishonestyObjection } from './entities/objection.js';
import { PublicationStatus } from './entities/enums.js';

/**
 * What a dishonesty-records change touches: the body (or the official's unit) by USCC, and the
 * region. Imports go through the unit of work, whose subscriber writes the entries in the import's
 * transaction.
 *
 * The feed's readers (CONSUMER: the gateway's cache, the read models) read what the public reads
 * (record.rules.ts visibleRecords), so an entry carries only that (security review 2026-12-01):
 * - never the official's pseudonym: the public record is the unit's (seed 002 §四(二)2 "通过市公共信用
 *   信息平台公示"), and the pseudonym is for AUDITOR, ADMIN and PERSONNEL only (record.resolver.ts);
 * - nothing of a record not published (UNPUBLISHED, WITHDRAWN): not even its id, which would tell a
 *   reader that an undisclosed decision was made, when, and in which batch. Omitted rather than
 *   sent as a bare id because no reader can use it: nothing it holds or caches can contain such a
 *   record. A change that publishes a record, or withdraws a published one, is visible on one side
 *   and is written, with the unit and region of that side (the kit's subscriber asks for both).
 */
const published = (r: DishonestyRecord | undefined) => (r?.publication === PublicationStatus.PUBLISHED ? { organizations: [r.organizationUscc], regions: [r.regionCode] } : null);

/**
 * A sanction, objection or repair application changes what its record costs: its entry names the
 * record's unit, under the record's own rule (only a published record's), from the record this
 * request loaded (every write here loads the record first).
 */
const ofRecord = (id: string, recordId: string, related: Parameters<ChangeFeedDeclaration[string]>[1]) => {
  const keys = published(related<DishonestyRecord>('DishonestyRecord', recordId));
  return keys ? { id, ...keys } : null;
};

export const changeFeed: ChangeFeedDeclaration = {
  DishonestyRecord: (r: DishonestyRecord) => {
    const keys = published(r);
    return keys ? { id: r.id, ...keys } : null;
  },
  AppliedSanction: (s: AppliedSanction, related) => ofRecord(s.id, s.recordId, related),
  DishonestyObjection: (o: DishonestyObjection, related) => ofRecord(o.id, o.recordId, related),
  DishonestyRepair: (r: DishonestyRepair, related) => ofRecord(r.id, r.recordId, related),
};
