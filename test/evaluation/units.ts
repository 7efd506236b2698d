// Organizations as the registry and the domain summaries would describe them, for the read-model tests.
import type { OrganizationFacts } from '../../subgraphs/evaluation/entities/federated.js';

/**
 * Unit n of a county (孙吴县 231124 unless told) with clean summaries, a published letter and the
 * given number of active court listings.
 */
export function countyUnit(n: number, listings = 0, regionCode = '231124', extra: Partial<OrganizationFacts> = {}): OrganizationFacts {
  return {
    uscc: `11${regionCode}MB${String(n).padStart(7, '0')}X`,
    regionCode,
    kind: 'GOVERNMENT_DEPARTMENT',
    level: 'COUNTY',
    classified: false,
    currentCommitmentSummary: { year: 2026, letterId: `L${n}`, published: true, unfulfilledItemIds: [], overdueItemIds: [] },
    debtorSummary: { activeCaseNumbers: Array.from({ length: listings }, (_, i) => `(2026)黑11执${n}${i}号`), aboutToBeListedCaseNumbers: [], firstListedAt: listings ? '2026-03-01' : null },
    contractSummary: { unremediedGovernmentBreachIds: [], arrearsMilestoneIds: [], arrearsAmount: '0.00', overdueComplaintIds: [], substantiatedOldDebtComplaintIds: [] },
    currentTrainingSummary: { year: 2026, coverageRate: 1 },
    ...extra,
  };
}
