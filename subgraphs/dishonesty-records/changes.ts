import type { ChangeFeedDeclaration } from '../kit/index.js';
import type { DishonestyRecord } from './entities/dishonesty-record.js';

/**
 * What a dishonesty-records change touches: the body (or the official's unit) by USCC, the
 * official by pseudonym, the region. Imports go through the unit of work, whose subscriber
 * writes the entries in the import's transaction.
 */
export const changeFeed: ChangeFeedDeclaration = {
  DishonestyRecord: (r: DishonestyRecord) => ({ id: r.id, organizations: [r.organizationUscc], officials: [r.officialId], regions: [r.regionCode] }),
};
