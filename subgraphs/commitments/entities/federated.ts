import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The registry's Organization, to which this subgraph adds its fields. */
@ObjectType('Organization')
@Directive('@key(fields: "uscc")')
export class Organization {
  @Field(() => String)
  uscc!: string;
}

/** The registry's official, known here only by pseudonym. */
@ObjectType('PublicOfficial')
@Directive('@key(fields: "id")')
export class PublicOfficial {
  @Field(() => ID)
  id!: string;
}

/** The registry's Region: coverage requires its list of non-classified organizations. */
@ObjectType('Region')
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => String)
  code!: string;

  @Field(() => [String])
  @Directive('@external')
  unclassifiedOrganizationUsccs?: string[];
}
