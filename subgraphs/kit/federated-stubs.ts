import { Directive, Field, ID, ObjectType } from 'type-graphql';

// The registry's entities as another subgraph declares them (Federation 2 stubs): the type's name
// and its key, nothing else; the gateway fetches the rest from the registry. Each call makes a
// class of its own, to which the calling subgraph adds fields through its own resolvers:
//
//   export const Organization = organizationStub();
//   export type Organization = InstanceType<typeof Organization>;

export interface StubOptions {
  /**
   * Whether the gateway may resolve the entity through this subgraph from its key (default true).
   * `false` for a subgraph that only names it (a report's region) and contributes no fields.
   */
  resolvable?: boolean;
}

function key(fields: string, options: StubOptions): string {
  return options.resolvable === false ? `@key(fields: "${fields}", resolvable: false)` : `@key(fields: "${fields}")`;
}

/** The registry's Organization, keyed by its USCC. */
export function organizationStub(options: StubOptions = {}) {
  @ObjectType('Organization')
  @Directive(key('uscc', options))
  class Organization {
    @Field(() => String)
    uscc!: string;
  }
  return Organization;
}

/** The registry's official, known outside the registry only by pseudonym. */
export function officialStub(options: StubOptions = {}) {
  @ObjectType('PublicOfficial')
  @Directive(key('id', options))
  class PublicOfficial {
    @Field(() => ID)
    id!: string;
  }
  return PublicOfficial;
}

/** The registry's Region, keyed by its administrative division code. */
export function regionStub(options: StubOptions = {}) {
  @ObjectType('Region')
  @Directive(key('code', options))
  class Region {
    @Field(() => String)
    code!: string;
  }
  return Region;
}

/**
 * Another subgraph's record that this one only names, keyed by `id` (an ID), e.g. a record an
 * assessment cites: the gateway asks its owner for the rest, and the owner answers null to a
 * caller who may not see it.
 */
export function idReferenceStub(typeName: string) {
  @ObjectType(typeName)
  @Directive(key('id', { resolvable: false }))
  class Reference {
    @Field(() => ID)
    id!: string;
  }
  return Reference;
}

/** The same for a record keyed by its case number (案号), as the courts' records are. */
export function caseNumberReferenceStub(typeName: string) {
  @ObjectType(typeName)
  @Directive(key('caseNumber', { resolvable: false }))
  class Reference {
    @Field(() => String)
    caseNumber!: string;
  }
  return Reference;
}
