import { Directive, Field, ObjectType } from 'type-graphql';

/** The registry's Organization, to which this subgraph adds debtor records and a summary. */
@ObjectType('Organization')
@Directive('@key(fields: "uscc")')
export class Organization {
  @Field(() => String)
  uscc!: string;
}

/** The registry's Region, which reports name. */
@ObjectType('Region')
@Directive('@key(fields: "code", resolvable: false)')
export class Region {
  @Field(() => String)
  code!: string;
}
