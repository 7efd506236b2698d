import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';

// The other domains' summaries, as far as the rules read them. Every field is @external:
// this subgraph stores none of it; the gateway fetches it (@requires) from its owner.

@ObjectType('CommitmentSummary')
export class CommitmentSummary {
  @Field(() => Int) @Directive('@external') year!: number;
  @Field(() => String, { nullable: true }) @Directive('@external') letterId!: string | null;
  @Field(() => Boolean) @Directive('@external') published!: boolean;
  @Field(() => [String]) @Directive('@external') unfulfilledItemIds!: string[];
  @Field(() => [String]) @Directive('@external') overdueItemIds!: string[];
}

@ObjectType('DebtorSummary')
export class DebtorSummary {
  @Field(() => [String]) @Directive('@external') activeCaseNumbers!: string[];
  @Field(() => [String]) @Directive('@external') aboutToBeListedCaseNumbers!: string[];
  @Field(() => String, { nullable: true }) @Directive('@external') firstListedAt!: string | null;
}

@ObjectType('ContractSummary')
export class ContractSummary {
  @Field(() => [String]) @Directive('@external') unremediedGovernmentBreachIds!: string[];
  @Field(() => [String]) @Directive('@external') arrearsMilestoneIds!: string[];
  @Field(() => String) @Directive('@external') arrearsAmount!: string;
  @Field(() => [String]) @Directive('@external') overdueComplaintIds!: string[];
  @Field(() => [String]) @Directive('@external') substantiatedOldDebtComplaintIds!: string[];
}

@ObjectType('TrainingSummary')
export class TrainingSummary {
  @Field(() => Int) @Directive('@external') year!: number;
  @Field(() => Float, { nullable: true }) @Directive('@external') coverageRate!: number | null;
}

/** What `integrity` requires of an organization, from the registry and the four domains. */
export const ASSESSMENT_INPUTS =
  'classified currentCommitmentSummary { year letterId published unfulfilledItemIds overdueItemIds } ' +
  'debtorSummary { activeCaseNumbers aboutToBeListedCaseNumbers firstListedAt } ' +
  'contractSummary { unremediedGovernmentBreachIds arrearsMilestoneIds arrearsAmount overdueComplaintIds substantiatedOldDebtComplaintIds } ' +
  'currentTrainingSummary { year coverageRate }';

/** The registry's Organization, to which this subgraph adds `integrity`. */
@ObjectType('Organization')
@Directive('@key(fields: "uscc")')
export class Organization {
  @Field(() => String) uscc!: string;
  @Field(() => Boolean) @Directive('@external') classified?: boolean;
  @Field(() => CommitmentSummary, { nullable: true }) @Directive('@external') currentCommitmentSummary?: CommitmentSummary | null;
  @Field(() => DebtorSummary, { nullable: true }) @Directive('@external') debtorSummary?: DebtorSummary | null;
  @Field(() => ContractSummary, { nullable: true }) @Directive('@external') contractSummary?: ContractSummary | null;
  @Field(() => TrainingSummary, { nullable: true }) @Directive('@external') currentTrainingSummary?: TrainingSummary | null;
}

/** The registry's Region: warnings and rankings require its non-classified organizations. */
@ObjectType('Region')
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => String) code!: string;
  @Field(() => [Organization]) @Directive('@external') unclassifiedOrganizations?: Organization[];
}
