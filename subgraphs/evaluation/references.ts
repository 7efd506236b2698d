import type { ReferenceResolvers } from '../kit/index.js';
import type { Organization } from './entities/federated.js';
import { ranking, regionReport, warningList } from './evaluation.js';

type WithOrganizations = { region?: { unclassifiedOrganizations?: Organization[] } };

export const referenceResolvers: ReferenceResolvers = {
  // The representation carries the fields `integrity` requires; nothing is looked up here.
  Organization: { __resolveReference: (ref: Organization) => ref },
  WarningConnection: { __resolveReference: (ref: { id: string } & WithOrganizations) => warningList(ref.id, ref.region?.unclassifiedOrganizations ?? []) },
  IntegrityRankingConnection: { __resolveReference: (ref: { id: string } & WithOrganizations) => ranking(ref.id, ref.region?.unclassifiedOrganizations ?? []) },
  IntegrityRegionReport: { __resolveReference: (ref: { regionCode: string } & WithOrganizations) => regionReport(ref.regionCode, ref.region?.unclassifiedOrganizations ?? []) },
};
