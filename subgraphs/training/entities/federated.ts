import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * The registry's Organization, to which this subgraph adds its fields. `officialCount` is
 * the registry's: summaries `@requires` it, so the gateway fetches it from the registry
 * before calling this subgraph.
 */
@ObjectType('Organization')
@Directive('@key(fields: "uscc")')
export class Organization {
  @Field(() => String)
  uscc!: string;

  @Field(() => Int)
  @Directive('@external')
  officialCount?: number;
}

/** The registry's official, known here only by pseudonym. */
@ObjectType('PublicOfficial')
@Directive('@key(fields: "id")')
export class PublicOfficial {
  @Field(() => ID)
  id!: string;
}

/** The registry's Region, which reports name. */
@ObjectType('Region')
@Directive('@key(fields: "code", resolvable: false)')
export class Region {
  @Field(() => String)
  code!: string;
}
