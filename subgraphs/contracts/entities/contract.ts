import { BigIntType, Entity, EntityRepositoryType, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ContractRepository } from '../contract.repository.js';
import { ContractKind, ContractPartyRole, ContractStatus, PppStage } from './enums.js';

/** A counterparty as the contract records it (OCDS party with role supplier or privateParty). */
@ObjectType('ContractParty', { description: '合同相对方 (a counterparty of the government party)' })
export class ContractParty {
  @Field(() => String, { description: '名称 (name)' })
  name!: string;

  @Field(() => String, { description: '统一社会信用代码 (unified social credit code)' })
  uscc!: string;

  @Field(() => ContractPartyRole, { description: '角色 (role)' })
  role!: ContractPartyRole;
}

/**
 * 合同: one contract of the ledger (合同履行情况台账), keyed by its OCDS contract id. The
 * value is integer fen; clients see it as a decimal string.
 */
@Entity({ tableName: 'contract', repository: () => ContractRepository })
@Index({ properties: ['governmentUscc', 'id'] })
@Index({ properties: ['regionCode', 'kind'] })
@ObjectType('Contract', { description: '政府合同（合同履行情况台账中的一份） (a government contract in the performance ledger)' })
@Directive('@key(fields: "id")')
export class Contract {
  [EntityRepositoryType]?: ContractRepository;
  [OptionalProps]?: 'ocid' | 'dateSigned' | 'periodStart' | 'periodEnd' | 'statusDetails' | 'pppStage' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'string', length: 64 })
  @Field(() => ID, { description: '合同标识，即 OCDS contracts.id，导入按此幂等 (contract id: the OCDS contract id, the import key)' })
  id!: string;

  @Property({ type: 'string', length: 128, nullable: true })
  @Field(() => String, { nullable: true, description: 'OCDS 开放缔约标识 (OCDS ocid)' })
  ocid: string | null = null;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '合同编号 (contract number)' })
  contractNumber!: string;

  @Property({ type: 'string', length: 300 })
  @Field(() => String, { description: '合同名称 (title)' })
  title!: string;

  @Property({ type: 'string', length: 32 })
  @Field(() => ContractKind, { description: '合同类别 (kind)' })
  kind!: ContractKind;

  /** The government party (OCDS buyer); the registry owns the Organization. */
  @Property({ type: 'string', length: 18 })
  governmentUscc!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '合同记载的政府方名称（机构改革后可能与现名不同） (the government party\'s name as the contract records it)' })
  governmentPartyName!: string;

  /** GB/T 2260 code from the government party's USCC positions 3–8: filters without the registry. */
  @Property({ type: 'string', length: 6 })
  regionCode!: string;

  @Property({ type: 'json' })
  @Field(() => [ContractParty], { description: '相对方 (counterparties)' })
  counterparties: ContractParty[] = [];

  @Property({ type: new BigIntType('number') })
  valueFen!: number;

  @Property({ type: 'string', length: 10, nullable: true })
  @Index()
  @Field(() => String, { nullable: true, description: '签订日期 (date signed, YYYY-MM-DD)' })
  dateSigned: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '履行期限起 (period start)' })
  periodStart: string | null = null;

  @Property({ type: 'string', length: 10, nullable: true })
  @Field(() => String, { nullable: true, description: '履行期限止 (period end)' })
  periodEnd: string | null = null;

  @Property({ type: 'string', length: 16 })
  @Index()
  @Field(() => ContractStatus, { description: '合同状态 (status)' })
  status!: ContractStatus;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '状态说明，如履行完毕、协议解除 (status details, e.g. completed or rescinded)' })
  statusDetails: string | null = null;

  @Property({ type: 'string', length: 16, nullable: true })
  @Field(() => PppStage, { nullable: true, description: 'PPP项目当前阶段 (current PPP stage; PPP contracts only)' })
  pppStage: PppStage | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
