import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The registry's Organization, to which this subgraph adds its contracts and their summary. */
@ObjectType('Organization')
@Directive('@key(fields: "uscc")')
export class Organization {
  @Field(() => String)
  uscc!: string;
}

/** The registry's official, known here only by pseudonym (PPP responsible officials). */
@ObjectType('PublicOfficial')
@Directive('@key(fields: "id")')
export class PublicOfficial {
  @Field(() => ID)
  id!: string;
}

/** The registry's Region: complaint statistics name their region through it. */
@ObjectType('Region')
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => String)
  code!: string;
}
