import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { officialStub, regionStub } from '../../kit/index.js';

/**
 * The registry's Organization, to which this subgraph adds its fields. `officialCount` is
 * the registry's: summaries `@requires` it, so the gateway fetches it from the registry
 * before calling this subgraph. (Its own class, not the kit's organizationStub, for that field.)
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
export const PublicOfficial = officialStub();
export type PublicOfficial = InstanceType<typeof PublicOfficial>;

/** The registry's Region, which reports name. */
export const Region = regionStub({ resolvable: false });
export type Region = InstanceType<typeof Region>;
