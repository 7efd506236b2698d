import { Entity, EntityRepositoryType, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { AdministrativeLevel, OrganizationKind } from '../../kit/index.js';
import { OrganizationRepository } from '../organization.repository.js';

@Entity({ tableName: 'organization', repository: () => OrganizationRepository })
@ObjectType('Organization', { description: '单位主体 (an organization judged for government integrity)' })
@Directive('@key(fields: "uscc")')
export class Organization {
  [EntityRepositoryType]?: OrganizationRepository;
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'string', length: 18 })
  @Field(() => String, { description: '统一社会信用代码 (unified social credit code, GB 32100-2015)' })
  uscc!: string;

  @Property({ type: 'string' })
  @Index()
  @Field(() => String, { description: '单位全称 (full name)' })
  name!: string;

  @Property({ type: 'string', length: 32 })
  @Index()
  @Field(() => OrganizationKind, { description: '单位类别 (kind)' })
  kind!: OrganizationKind;

  @Property({ type: 'string', length: 32 })
  @Field(() => AdministrativeLevel, { description: '行政层级 (administrative tier)' })
  level!: AdministrativeLevel;

  /** The GB/T 2260 code of the region it sits in (kept as a key: regions are this subgraph's too). */
  @Property({ type: 'string', length: 6 })
  @Index()
  regionCode!: string;

  @Property({ type: 'string', length: 18, nullable: true })
  @Index()
  parentUscc!: string | null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '是否涉密单位，涉密单位不纳入承诺覆盖率 (classified body, excluded from commitment coverage)' })
  classified!: boolean;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, {
    description: '代码是否通过 GB 32100 校验；早期试点代码可能不通过但真实有效 (whether the code passes the GB 32100 check; early pilot codes may not and are still real)',
  })
  usccCheckPassed!: boolean;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
