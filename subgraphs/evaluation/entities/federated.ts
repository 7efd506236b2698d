import { caseNumberReferenceStub, idReferenceStub, organizationStub, regionStub } from '../../kit/index.js';

// The other domains' summaries, as far as the rules read them. This subgraph stores none of
// their records: its read model fetches them through the supergraph (read-model.inputs.ts) when a change
// feed names an organization, and keeps only the assessment computed from them.

export interface CommitmentSummary {
  year: number;
  letterId: string | null;
  published: boolean;
  unfulfilledItemIds: string[];
  overdueItemIds: string[];
}

export interface DebtorSummary {
  activeCaseNumbers: string[];
  aboutToBeListedCaseNumbers: string[];
  firstListedAt: string | null;
}

export interface ContractSummary {
  unremediedGovernmentBreachIds: string[];
  arrearsMilestoneIds: string[];
  arrearsAmount: string;
  overdueComplaintIds: string[];
  substantiatedOldDebtComplaintIds: string[];
}

export interface TrainingSummary {
  year: number;
  coverageRate: number | null;
}

/**
 * A body's own published dishonesty records in force (dishonesty-records summary.rules.ts): ids by
 * severity, and those of them whose rectification is overdue. Officials' and unpublished records
 * are not in it.
 */
export interface DishonestySummary {
  seriousRecordIds: string[];
  generalRecordIds: string[];
  minorRecordIds: string[];
  overdueRectificationRecordIds: string[];
}

/** What the rules read of an organization: the registry's facts and the five domains' summaries. */
export interface OrganizationFacts {
  uscc: string;
  regionCode: string;
  kind: string;
  level: string;
  classified: boolean;
  currentCommitmentSummary?: CommitmentSummary | null;
  debtorSummary?: DebtorSummary | null;
  contractSummary?: ContractSummary | null;
  currentTrainingSummary?: TrainingSummary | null;
  dishonestySummary?: DishonestySummary | null;
}

/** The selection that fetches OrganizationFacts through the supergraph. */
export const ASSESSMENT_INPUTS =
  'uscc kind level classified region { code } ' +
  'currentCommitmentSummary { year letterId published unfulfilledItemIds overdueItemIds } ' +
  'debtorSummary { activeCaseNumbers aboutToBeListedCaseNumbers firstListedAt } ' +
  'contractSummary { unremediedGovernmentBreachIds arrearsMilestoneIds arrearsAmount overdueComplaintIds substantiatedOldDebtComplaintIds } ' +
  'currentTrainingSummary { year coverageRate } ' +
  'dishonestySummary { seriousRecordIds generalRecordIds minorRecordIds overdueRectificationRecordIds }';

/** The registry's Organization, to which this subgraph adds `integrity` and its history. */
export const Organization = organizationStub();
export type Organization = InstanceType<typeof Organization>;

/** The registry's Region: the lists and reports name the region they are about. */
export const Region = regionStub({ resolvable: false });
export type Region = InstanceType<typeof Region>;

/** The records a deduction cites, owned by the domains (Deduction.sourceRefs resolves them through the supergraph). */
export const DebtorRecordRef = caseNumberReferenceStub('DebtorRecord');
export const PendingCaseRef = caseNumberReferenceStub('PendingDebtorCase');
export const CommitmentLetterRef = idReferenceStub('CommitmentLetter');
export const CommitmentItemRef = idReferenceStub('CommitmentItem');
export const ContractBreachRef = idReferenceStub('ContractBreach');
export const ContractMilestoneRef = idReferenceStub('ContractMilestone');
export const ContractComplaintRef = idReferenceStub('ContractComplaint');
export const DishonestyRecordRef = idReferenceStub('DishonestyRecord');
