import { Entity, EntityRepositoryType, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { OfficialRepository } from '../official.repository.js';

/**
 * 公职人员. The id is the pseudonym of the ID number (kit `officialPseudonym`); the ID
 * number and phone are stored sealed, and only unsealed for callers who may see them.
 */
@Entity({ tableName: 'official', repository: () => OfficialRepository })
@ObjectType('PublicOfficial', { description: '公职人员 (public official); 身份号码与电话仅审计与管理角色可见 (ID number and phone only for AUDITOR and ADMIN)' })
@Directive('@key(fields: "id")')
export class PublicOfficial {
  [EntityRepositoryType]?: OfficialRepository;
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'string', length: 32 })
  @Field(() => ID, { description: '化名标识：身份号码的密钥哈希 (pseudonym: keyed hash of the ID number)' })
  id!: string;

  @Property({ type: 'string' })
  name!: string;

  @Property({ type: 'text' })
  idNumberSealed!: string;

  @Property({ type: 'text', nullable: true })
  phoneSealed!: string | null;

  @Property({ type: 'string', length: 18 })
  @Index()
  organizationUscc!: string;

  @Property({ type: 'string' })
  @Field(() => String, { description: '职务 (position)' })
  position!: string;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
