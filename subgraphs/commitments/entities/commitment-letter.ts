import { Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { LetterRepository } from '../letter.repository.js';
import { LetterStatus } from './enums.js';

/** 政务诚信承诺书: one per unit per year (a withdrawn letter may be replaced). */
@Entity({ tableName: 'commitment_letter', repository: () => LetterRepository })
@Index({ properties: ['organizationUscc', 'year'] })
@Index({ properties: ['regionCode', 'year', 'status'] })
@Directive('@key(fields: "id")')
@ObjectType('CommitmentLetter', { description: '政务诚信承诺书 (an organization\'s annual integrity commitment letter)' })
export class CommitmentLetter {
  [EntityRepositoryType]?: LetterRepository;
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'status' | 'publishedAt' | 'withdrawnReason' | 'withdrawnLegalReason' | 'withdrawnAt' | 'issuer' | 'signedAt' | 'publicationChannels';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '承诺书标识 (letter id)' })
  id!: string;

  @Property({ type: 'string', length: 18 })
  organizationUscc!: string;

  /** GB/T 2260 code from USCC positions 3–8 (登记管理机关行政区划码): for filtering without the registry. */
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Property({ type: 'string' })
  @Field(() => String, { description: '承诺书编号 (letter number)' })
  letterNumber!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '承诺责任：违诺时承担的责任 (liability for breach)' })
  liability!: string;

  @Property({ type: 'string', nullable: true })
  issuer: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '签发日期 (date signed, YYYY-MM-DD)' })
  signedAt: string | null = null;

  @Property({ type: 'string' })
  @Field(() => String, { description: '监督投诉电话（单位电话） (complaint phone of the unit)' })
  complaintPhone!: string;

  @Property({ type: 'string' })
  @Field(() => String, { description: '投诉举报邮箱（单位邮箱） (complaint e-mail of the unit)' })
  complaintEmail!: string;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '公示渠道，如政府网站、信用网站政务承诺专栏 (publication channels)' })
  publicationChannels: string[] = [];

  @Property({ type: 'string', length: 16 })
  @Index()
  @Field(() => LetterStatus, { description: '状态 (status)' })
  status: LetterStatus = LetterStatus.DRAFT;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '公示日期 (date published)' })
  publishedAt: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤回理由 (reason for withdrawal)' })
  withdrawnReason: string | null = null;

  /** Seed 002 §二(三): a public commitment is changed only on a lawful ground; withdrawing a published letter is such a change. */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤回已公示承诺书的法定事由（国家利益、公共利益或其他法定事由） (the lawful ground for withdrawing a published letter)' })
  withdrawnLegalReason: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '撤回日期 (date withdrawn)' })
  withdrawnAt: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
