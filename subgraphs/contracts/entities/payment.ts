import { BigIntType, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** 付款 (OCDS implementation transaction), optionally settling a payment milestone. */
@Entity({ tableName: 'contract_payment' })
@ObjectType('ContractPayment', { description: '付款记录 (a payment)' })
export class ContractPayment {
  [OptionalProps]?: 'payerUscc' | 'payeeUscc' | 'milestoneId' | 'createdAt';

  /** contractId/localId */
  @PrimaryKey({ type: 'string', length: 120 })
  @Field(() => ID, { description: '付款标识：合同标识/付款编号 (global id: contract id/transaction id)' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  @Index()
  contractId!: string;

  @Property({ type: 'string', length: 48 })
  @Field(() => String, { description: '合同内的付款编号，即 OCDS transactions.id (id within the contract)' })
  localId!: string;

  @Property({ type: 'string', length: 10 })
  @Field(() => String, { description: '付款日期 (date)' })
  date!: string;

  @Property({ type: new BigIntType('number') })
  amountFen!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '付款方 (payer)' })
  payerName!: string;

  @Property({ type: 'string', length: 18, nullable: true })
  @Field(() => String, { nullable: true, description: '付款方统一社会信用代码 (payer USCC)' })
  payerUscc: string | null = null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '收款方 (payee)' })
  payeeName!: string;

  @Property({ type: 'string', length: 18, nullable: true })
  @Field(() => String, { nullable: true, description: '收款方统一社会信用代码 (payee USCC)' })
  payeeUscc: string | null = null;

  /** Global id of the milestone it settles. */
  @Property({ type: 'string', length: 120, nullable: true })
  @Index()
  milestoneId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
