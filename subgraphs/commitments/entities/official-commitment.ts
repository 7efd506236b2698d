import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * 公职人员承诺 (template attachment 3 of seed 000). The official is stored by pseudonym
 * only: the ID number (承诺主体代码) enters once, is turned into the pseudonym and dropped.
 */
@Entity({ tableName: 'official_commitment' })
@ObjectType('OfficialCommitment', { description: '公职人员政务诚信承诺 (an official\'s integrity commitment)' })
export class OfficialCommitment {
  [OptionalProps]?: 'remarks' | 'createdAt';

  @PrimaryKey({ type: 'string', length: 36 })
  @Field(() => ID, { description: '标识 (id)' })
  id!: string;

  @Property({ type: 'string', length: 32 })
  @Index()
  officialId!: string;

  @Property({ type: 'string' })
  @Field(() => String, { description: '承诺类型，如"政务承诺型" (commitment type)' })
  type!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '承诺日期 (date)' })
  date!: string;

  @Property({ type: 'string' })
  @Field(() => String, { description: '承诺受理单位 (accepting unit)' })
  acceptingUnitName!: string;

  @Property({ type: 'string', length: 18 })
  @Index()
  @Field(() => String, { description: '承诺受理单位统一社会信用代码 (accepting unit\'s USCC)' })
  acceptingUnitUscc!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '承诺事由 (reason)' })
  reason!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '承诺内容 (content)' })
  content!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '违约责任 (liability for breach)' })
  liability!: string;

  @Property({ type: 'string' })
  @Field(() => String, { description: '承诺履行状态，如"全部履行" (fulfilment status)' })
  fulfilmentStatus!: string;

  @Property({ type: 'string' })
  @Field(() => String, { description: '承诺状态，如"有效" (commitment status)' })
  commitmentStatus!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '备注 (remarks)' })
  remarks: string | null = null;

  @Property({ type: 'string' })
  @Index()
  @Field(() => String, { description: '承诺书编号 (letter number)' })
  letterNumber!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
