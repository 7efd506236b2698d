import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  connectionType, ImportResult, loadOrNull, MAX_IMPORT_ROWS, PageArgs, readPageArgs, rejectOversizedImport, toPage, today, type SubgraphContext,
} from '../kit/index.js';
import { formatFen, sumFen } from '../kit/money.js';
import { OCDS_USCC_PREFIX } from './contract.rows.js';
import { ContractAmendment } from './entities/amendment.js';
import { ContractBreach } from './entities/breach.js';
import { Contract, ContractParty } from './entities/contract.js';
import { ContractStatus, MilestoneStatus } from './entities/enums.js';
import { Organization, PublicOfficial } from './entities/federated.js';
import { ContractMilestone } from './entities/milestone.js';
import { ContractPayment } from './entities/payment.js';
import { PppResponsibility } from './entities/ppp-responsibility.js';
import { AmendContractInput, ContractBreachInput, ContractFilter, ContractInput, ContractPaymentInput } from './inputs.js';
import type { ContractLoaders } from './loaders.js';
import { arrearsFen, isMilestoneOverdue } from './contract.rules.js';

type Context = SubgraphContext<ContractLoaders>;

export const ContractConnection = connectionType(Contract, 'Contract', '合同');

const MONEY = '（元），精确到分的十进制字符串 (CNY, an exact decimal string)';

@Resolver(() => Contract)
export class ContractResolver {
  @Query(() => ContractConnection, { description: '合同履行情况台账 (the contract ledger, in id order)' })
  async contracts(
    @Arg('filter', () => ContractFilter, { nullable: true, description: '筛选条件 (filter)' }) filter: ContractFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, loaders }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(Contract).findPage(filter, window);
    for (const contract of rows) loaders.contract.prime(contract.id, contract);
    return toPage(rows, window, (c) => c.id, total);
  }

  @Query(() => Contract, { nullable: true, description: '按合同标识查询 (a contract by id)' })
  contract(@Arg('id', () => ID, { description: '合同标识 (contract id)' }) id: string, @Ctx() { loaders }: Context): Promise<Contract | null> {
    return loadOrNull(loaders.contract, id);
  }

  @Query(() => ContractMilestone, { nullable: true, description: '按标识查询履约节点，如评价扣分来源 HH-2023-CG-00629/m4 (a milestone by its global id, as an assessment cites it)' })
  contractMilestone(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<ContractMilestone | null> {
    return loadOrNull(loaders.milestone, id);
  }

  @Query(() => ContractBreach, { nullable: true, description: '按标识查询违约记录，如评价扣分来源 HH-2023-CG-00629/b1 (a breach by its global id, as an assessment cites it)' })
  contractBreach(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<ContractBreach | null> {
    return loadOrNull(loaders.breach, id);
  }

  @FieldResolver(() => Organization, { description: '政府方 (the government party)' })
  governmentParty(@Root() contract: Contract): Organization {
    return { uscc: contract.governmentUscc };
  }

  @FieldResolver(() => String, { description: `合同金额${MONEY}` })
  value(@Root() contract: Contract): string {
    return formatFen(contract.valueFen);
  }

  @FieldResolver(() => String, { description: '币种 (currency)' })
  currency(): string {
    return 'CNY';
  }

  @FieldResolver(() => String, { description: `已付金额合计${MONEY} (total paid)` })
  async paidAmount(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<string> {
    const payments = await loaders.paymentsByContract.load(contract.id);
    return formatFen(sumFen(payments.map((p) => p.amountFen)));
  }

  @FieldResolver(() => String, { description: `政府方拖欠金额${MONEY}：已到期未付清的付款节点余额 (arrears: unpaid balance of payment milestones past due)` })
  async arrearsAmount(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<string> {
    const on = today();
    const milestones = await loaders.milestonesByContract.load(contract.id);
    return formatFen(sumFen(milestones.map((m) => arrearsFen(m, contract.status, on))));
  }

  @FieldResolver(() => Boolean, { description: '是否有逾期节点（含拖欠） (has overdue milestones, arrears included)' })
  async overdue(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<boolean> {
    const on = today();
    return (await loaders.milestonesByContract.load(contract.id)).some((m) => isMilestoneOverdue(m, contract.status, on));
  }

  @FieldResolver(() => [ContractMilestone], { description: '履约节点，按期限排序 (milestones, by due date)' })
  milestones(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<ContractMilestone[]> {
    return loaders.milestonesByContract.load(contract.id);
  }

  @FieldResolver(() => [ContractPayment], { description: '付款记录，按日期排序 (payments, by date)' })
  payments(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<ContractPayment[]> {
    return loaders.paymentsByContract.load(contract.id);
  }

  @FieldResolver(() => [ContractBreach], { description: '违约记录 (breaches)' })
  breaches(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<ContractBreach[]> {
    return loaders.breachesByContract.load(contract.id);
  }

  @FieldResolver(() => [ContractAmendment], { description: '变更记录 (amendments)' })
  amendments(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<ContractAmendment[]> {
    return loaders.amendmentsByContract.load(contract.id);
  }

  @FieldResolver(() => PublicOfficial, { nullable: true, description: 'PPP项目现任政府方责任人（化名） (the PPP project\'s current government-side responsible official, by pseudonym)' })
  async responsibleOfficial(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<PublicOfficial | null> {
    const current = (await loaders.responsibilitiesByContract.load(contract.id)).find((r) => r.until === null);
    return current ? { id: current.officialId } : null;
  }

  @FieldResolver(() => [PppResponsibility], { description: '项目责任回溯：历任政府方责任人及其阶段 (responsibility trail: every responsible official and stage, oldest first)' })
  pppResponsibilities(@Root() contract: Contract, @Ctx() { loaders }: Context): Promise<PppResponsibility[]> {
    return loaders.responsibilitiesByContract.load(contract.id);
  }

  @Authorized('FINANCE')
  @Mutation(() => ImportResult, {
    description: `导入合同（OCDS 子集），按合同标识幂等，节点等按编号合并，逐行报错，每次最多${MAX_IMPORT_ROWS}行，一批一个事务（财政） (import contracts, an OCDS subset: idempotent by id, parts merged by id, per-row errors, one transaction; FINANCE)`,
  })
  importContracts(@Arg('rows', () => [ContractInput]) rows: ContractInput[], @Ctx() { em, caller, roster }: Context): Promise<ImportResult> {
    rejectOversizedImport(rows, 'rows');
    return em.getRepository(Contract).importRows(rows, caller, roster);
  }

  @Authorized('FINANCE')
  @Mutation(() => Contract, { description: '变更合同状态：PENDING→ACTIVE/CANCELLED/TERMINATED，ACTIVE→TERMINATED；终态不可再变（财政） (change status; final states refuse; FINANCE)' })
  changeContractStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => ContractStatus) status: ContractStatus,
    @Arg('details', () => String, { nullable: true, description: '状态说明 (status details)' }) details: string | null,
    @Arg('dateSigned', () => String, { nullable: true, description: '签订日期，生效时如尚无则必填 (date signed, when activating a contract that has none)' }) dateSigned: string | null,
    @Ctx() { em }: Context,
  ): Promise<Contract> {
    return em.getRepository(Contract).changeStatus(id, status, details, dateSigned);
  }

  @Authorized('FINANCE')
  @Mutation(() => ContractAmendment, { description: '变更合同，登记理由、决定人和变更内容（财政） (amend a contract, recording why, who and what; FINANCE)' })
  amendContract(@Arg('id', () => ID) id: string, @Arg('input', () => AmendContractInput) input: AmendContractInput, @Ctx() { em, caller }: Context): Promise<ContractAmendment> {
    return em.getRepository(Contract).amend(id, input, caller);
  }

  @Authorized('FINANCE')
  @Mutation(() => ContractMilestone, { description: '登记节点状态（财政） (record a milestone\'s status; FINANCE)' })
  updateContractMilestone(
    @Arg('contractId', () => ID) contractId: string,
    @Arg('milestoneId', () => String, { description: '合同内的节点编号 (milestone id within the contract)' }) milestoneId: string,
    @Arg('status', () => MilestoneStatus) status: MilestoneStatus,
    @Arg('dateMet', () => String, { nullable: true, description: '完成日期，完成时默认今天 (date met; default today when MET)' }) dateMet: string | null,
    @Ctx() { em }: Context,
  ): Promise<ContractMilestone> {
    return em.getRepository(Contract).updateMilestone(contractId, milestoneId, status, dateMet);
  }

  @Authorized('FINANCE')
  @Mutation(() => ContractPayment, { description: '登记付款；结清付款节点时节点记为完成，超付拒绝（财政） (record a payment; a settled milestone becomes MET, overpayment is refused; FINANCE)' })
  recordContractPayment(@Arg('contractId', () => ID) contractId: string, @Arg('input', () => ContractPaymentInput) input: ContractPaymentInput, @Ctx() { em }: Context): Promise<ContractPayment> {
    return em.getRepository(Contract).recordPayment(contractId, input);
  }

  @Authorized('FINANCE')
  @Mutation(() => ContractBreach, { description: '登记违约（财政） (record a breach; FINANCE)' })
  recordContractBreach(@Arg('contractId', () => ID) contractId: string, @Arg('input', () => ContractBreachInput) input: ContractBreachInput, @Ctx() { em }: Context): Promise<ContractBreach> {
    return em.getRepository(Contract).recordBreach(contractId, input);
  }

  @Authorized('FINANCE')
  @Mutation(() => ContractBreach, { description: '登记违约已纠正（财政） (record that a breach was remedied; FINANCE)' })
  remedyContractBreach(
    @Arg('contractId', () => ID) contractId: string,
    @Arg('breachId', () => String, { description: '合同内的违约记录编号 (breach id within the contract)' }) breachId: string,
    @Arg('remediedAt', () => String, { description: '纠正日期 (date remedied)' }) remediedAt: string,
    @Arg('note', () => String, { description: '纠正情况 (how it was remedied)' }) note: string,
    @Ctx() { em }: Context,
  ): Promise<ContractBreach> {
    return em.getRepository(Contract).remedyBreach(contractId, breachId, remediedAt, note);
  }
}

@Resolver(() => ContractParty)
export class ContractPartyResolver {
  @FieldResolver(() => String, { description: 'OCDS 组织标识 "CN-USCI-<代码>" (OCDS organization identifier)' })
  identifier(@Root() party: ContractParty): string {
    return `${OCDS_USCC_PREFIX}${party.uscc}`;
  }
}

@Resolver(() => ContractMilestone)
export class MilestoneResolver {
  @FieldResolver(() => String, { nullable: true, description: `节点金额${MONEY}；付款节点必有 (amount; always set on payment milestones)` })
  amount(@Root() milestone: ContractMilestone): string | null {
    return milestone.amountFen === null ? null : formatFen(milestone.amountFen);
  }

  @FieldResolver(() => String, { description: `结算该节点的付款合计${MONEY} (total of the payments settling it)` })
  paidAmount(@Root() milestone: ContractMilestone): string {
    return formatFen(milestone.paidFen);
  }

  @FieldResolver(() => String, { description: `拖欠金额${MONEY}：到期未付的余额，非拖欠为 0.00 (arrears: unpaid balance past due; 0.00 otherwise)` })
  async arrearsAmount(@Root() milestone: ContractMilestone, @Ctx() { loaders }: Context): Promise<string> {
    const contract = await loaders.contract.load(milestone.contractId);
    return formatFen(arrearsFen(milestone, contract.status, today()));
  }

  @FieldResolver(() => Boolean, { description: '是否逾期 (overdue)' })
  async overdue(@Root() milestone: ContractMilestone, @Ctx() { loaders }: Context): Promise<boolean> {
    const contract = await loaders.contract.load(milestone.contractId);
    return isMilestoneOverdue(milestone, contract.status, today());
  }
}

@Resolver(() => ContractPayment)
export class PaymentResolver {
  @FieldResolver(() => String, { description: `付款金额${MONEY}` })
  amount(@Root() payment: ContractPayment): string {
    return formatFen(payment.amountFen);
  }

  @FieldResolver(() => String, { nullable: true, description: '所结算的付款节点编号（合同内） (id within the contract of the milestone it settles)' })
  milestoneId(@Root() payment: ContractPayment): string | null {
    return payment.milestoneId ? payment.milestoneId.slice(payment.contractId.length + 1) : null;
  }
}

@Resolver(() => PppResponsibility)
export class PppResponsibilityResolver {
  @FieldResolver(() => PublicOfficial, { description: '责任人（化名；姓名由机构编制子图按角色脱敏） (the official, by pseudonym; the registry masks the name by role)' })
  official(@Root() responsibility: PppResponsibility): PublicOfficial {
    return { id: responsibility.officialId };
  }

  @FieldResolver(() => Contract, { description: '项目合同 (the project\'s contract)' })
  contract(@Root() responsibility: PppResponsibility, @Ctx() { loaders }: Context): Promise<Contract> {
    return loaders.contract.load(responsibility.contractId);
  }
}

@Resolver(() => PublicOfficial)
export class PublicOfficialContractsResolver {
  @FieldResolver(() => [PppResponsibility], { description: '担任PPP项目政府方责任人的记录 (PPP projects the official was responsible for)' })
  pppResponsibilities(@Root() official: PublicOfficial, @Ctx() { loaders }: Context): Promise<PppResponsibility[]> {
    return loaders.responsibilitiesByOfficial.load(official.id);
  }
}
