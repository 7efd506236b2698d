import { Directive, Field, ObjectType } from 'type-graphql';

/** The registry's Organization, to which this subgraph adds debtor records and a summary. */
@ObjectType('Organization')
@Directive('@key(fields: "uscc")')
export class Organization {
  @Field(() => String)
  uscc!: string;
}

/** The registry's Region: reconciliation requires its list of every organization. */
@ObjectType('Region')
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => String)
  code!: string;

  @Field(() => [String])
  @Directive('@external')
  organizationUsccs?: string[];
}
