import { BigIntType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType } from 'type-graphql';
import { RegistrantType } from '../../kit/index.js';
import { PendingCaseStatus } from './enums.js';

/**
 * 即将列入: an execution case against a body that is not on the list yet, reported by the
 * court so that the warning comes before the listing (seed 002 §四(一) "预警反馈"). It
 * becomes LISTED when a debtor record with the same case number arrives.
 */
@Entity({ tableName: 'pending_case' })
@Index({ properties: ['regionCode', 'status'] })
@Index({ properties: ['debtorUscc', 'status'] })
@Directive('@key(fields: "caseNumber")')
@ObjectType('PendingDebtorCase', { description: '即将列入失信名单的执行案件 (an execution case about to be listed)' })
export class PendingCase {
  [OptionalProps]?: 'status' | 'closedAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  @Field(() => String, { description: '案号 (case number)' })
  caseNumber!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '执行法院 (executing court)' })
  court!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '被执行人名称 (debtor name)' })
  debtorName!: string;

  @Property({ type: 'string', length: 18 })
  @Field(() => String, { description: '被执行人统一社会信用代码 (debtor USCC)' })
  debtorUscc!: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '代码是否通过校验 (whether the USCC passes its check)' })
  usccCheckPassed!: boolean;

  @Property({ type: 'string', length: 32 })
  @Field(() => RegistrantType, { description: '登记类别，取自代码第1–2位 (debtor type, from USCC positions 1–2)' })
  debtorType!: RegistrantType;

  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '行政区划代码，取自代码第3–8位 (region code, from USCC positions 3–8)' })
  regionCode!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '生效法律文书确定的义务 (the obligation)' })
  obligation!: string;

  @Property({ type: new BigIntType('bigint'), nullable: true })
  amountFen!: bigint | null;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '立案日期 (filing date)' })
  filingDate!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '报送（预警）日期 (date the court reported it: the warning date)' })
  reportedAt!: string;

  @Property({ type: 'string', length: 16 })
  @Field(() => PendingCaseStatus, { description: '状态 (status)' })
  status: PendingCaseStatus = PendingCaseStatus.PENDING;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '结束日期（列入、履行、和解或撤回） (date it stopped pending)' })
  closedAt: string | null = null;

  @Property({ type: 'string', length: 64 })
  sourceDigest!: string;

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
