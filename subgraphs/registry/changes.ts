import type { ChangeFeedDeclaration } from '../kit/index.js';
import type { PublicOfficial } from './entities/public-official.js';
import type { Organization } from './entities/organization.js';
import type { Region } from './entities/region.js';

/** What a registry change touches: the organization, the official and their unit, the region. */
export const changeFeed: ChangeFeedDeclaration = {
  Organization: (o: Organization) => ({ id: o.uscc, organizations: [o.uscc], regions: [o.regionCode] }),
  PublicOfficial: (o: PublicOfficial) => ({ id: o.id, officials: [o.id], organizations: [o.organizationUscc] }),
  Region: (r: Region) => ({ id: r.code, regions: [r.code] }),
};
