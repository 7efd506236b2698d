import { Field, InputType } from 'type-graphql';
import {
  BreachingParty, ComplaintActionKind, ComplaintCategory, ComplaintChannel, ComplaintStatus, ContractKind, ContractPartyRole, ContractStatus,
  MilestoneStatus, MilestoneType, PppStage,
} from './entities/enums.js';

const MONEY = '金额（元），十进制字符串，最多两位小数，如 "12345678.91" (amount in CNY as a decimal string, at most two decimals)';
const CURRENCY = '币种，仅支持 CNY（默认） (currency; CNY only, the default)';

@InputType({ description: '合同相对方 (a counterparty)' })
export class ContractPartyInput {
  @Field(() => String, { description: '名称 (name)' })
  name!: string;

  @Field(() => String, { description: '统一社会信用代码，可带 OCDS 前缀 "CN-USCI-" (USCC, optionally with the OCDS "CN-USCI-" prefix)' })
  uscc!: string;

  @Field(() => ContractPartyRole, { description: '角色 (role)' })
  role!: ContractPartyRole;
}

@InputType({ description: '履约节点 (a milestone; merged by id within the contract)' })
export class ContractMilestoneInput {
  @Field(() => String, { description: '合同内编号 (id within the contract)' })
  id!: string;

  @Field(() => String, { description: '名称 (title)' })
  title!: string;

  @Field(() => MilestoneType, { description: '类型 (type)' })
  type!: MilestoneType;

  @Field(() => String, { description: '约定期限 YYYY-MM-DD (due date)' })
  dueDate!: string;

  @Field(() => String, { nullable: true, description: `${MONEY}；付款节点必填 (required for payment milestones)` })
  amount?: string | null;

  @Field(() => String, { nullable: true, description: CURRENCY })
  currency?: string | null;

  @Field(() => MilestoneStatus, { description: '状态 (status)' })
  status!: MilestoneStatus;

  @Field(() => String, { nullable: true, description: '完成日期 (date met)' })
  dateMet?: string | null;
}

@InputType({ description: '付款 (a payment; merged by id within the contract)' })
export class ContractPaymentInput {
  @Field(() => String, { description: '合同内编号 (id within the contract)' })
  id!: string;

  @Field(() => String, { description: '付款日期 (date)' })
  date!: string;

  @Field(() => String, { description: `${MONEY}，大于零 (above zero)` })
  amount!: string;

  @Field(() => String, { nullable: true, description: CURRENCY })
  currency?: string | null;

  @Field(() => String, { nullable: true, description: '所结算的付款节点编号 (id of the payment milestone it settles)' })
  milestoneId?: string | null;

  @Field(() => String, { nullable: true, description: '付款方，默认政府方 (payer; default the government party)' })
  payerName?: string | null;

  @Field(() => String, { nullable: true, description: '付款方代码 (payer USCC)' })
  payerUscc?: string | null;

  @Field(() => String, { nullable: true, description: '收款方，默认第一个相对方 (payee; default the first counterparty)' })
  payeeName?: string | null;

  @Field(() => String, { nullable: true, description: '收款方代码 (payee USCC)' })
  payeeUscc?: string | null;
}

@InputType({ description: '违约记录 (a breach; merged by id within the contract)' })
export class ContractBreachInput {
  @Field(() => String, { description: '合同内编号 (id within the contract)' })
  id!: string;

  @Field(() => String, { description: '违约日期 (date)' })
  date!: string;

  @Field(() => BreachingParty, { description: '违约方 (breaching party)' })
  party!: BreachingParty;

  @Field(() => String, { description: '违约情形 (what happened)' })
  description!: string;

  @Field(() => Boolean, { nullable: true, description: '是否已纠正，默认否 (remedied; default false)' })
  remedied?: boolean | null;

  @Field(() => String, { nullable: true, description: '纠正日期 (date remedied)' })
  remediedAt?: string | null;

  @Field(() => String, { nullable: true, description: '纠正情况 (how it was remedied)' })
  remedyNote?: string | null;
}

@InputType({ description: '合同变更记录 (an amendment as the source records it; merged by id)' })
export class ContractAmendmentInput {
  @Field(() => String, { description: '合同内编号 (id within the contract)' })
  id!: string;

  @Field(() => String, { description: '变更日期 (date)' })
  date!: string;

  @Field(() => String, { description: '变更理由 (rationale)' })
  rationale!: string;

  @Field(() => String, { nullable: true, description: '说明 (description)' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: '决定变更的单位或人员，默认政府方 (who decided it; default the government party)' })
  amendedBy?: string | null;
}

@InputType({ description: '合同（OCDS 合同的子集，导入按合同标识幂等；节点、付款、违约、变更按编号合并） (a contract: an OCDS subset; idempotent by id, parts merged by their ids)' })
export class ContractInput {
  @Field(() => String, { description: '合同标识，即 OCDS contracts.id (contract id)' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'OCDS ocid' })
  ocid?: string | null;

  @Field(() => String, { description: '合同编号 (contract number)' })
  contractNumber!: string;

  @Field(() => String, { description: '合同名称 (title)' })
  title!: string;

  @Field(() => ContractKind, { description: '类别 (kind)' })
  kind!: ContractKind;

  @Field(() => String, { description: '政府方统一社会信用代码 (government party USCC)' })
  governmentUscc!: string;

  @Field(() => String, { description: '政府方名称 (government party name)' })
  governmentPartyName!: string;

  @Field(() => [ContractPartyInput], { description: '相对方，至少一个 (counterparties, at least one)' })
  counterparties!: ContractPartyInput[];

  @Field(() => String, { description: `合同金额：${MONEY}` })
  value!: string;

  @Field(() => String, { nullable: true, description: CURRENCY })
  currency?: string | null;

  @Field(() => String, { nullable: true, description: '签订日期，履行中或已终止的合同必填 (date signed; required when ACTIVE or TERMINATED)' })
  dateSigned?: string | null;

  @Field(() => String, { nullable: true, description: '履行期限起 (period start)' })
  periodStart?: string | null;

  @Field(() => String, { nullable: true, description: '履行期限止 (period end)' })
  periodEnd?: string | null;

  @Field(() => ContractStatus, { description: '状态 (status)' })
  status!: ContractStatus;

  @Field(() => String, { nullable: true, description: '状态说明 (status details)' })
  statusDetails?: string | null;

  @Field(() => PppStage, { nullable: true, description: 'PPP项目阶段（仅PPP） (PPP stage; PPP only)' })
  pppStage?: PppStage | null;

  @Field(() => String, { nullable: true, description: 'PPP政府方责任人化名 (the PPP responsible official\'s pseudonym)' })
  responsibleOfficialId?: string | null;

  @Field(() => String, { nullable: true, description: 'PPP政府方责任人身份号码：仅用于计算化名，不保存 (the responsible official\'s ID number: turned into the pseudonym, never stored)' })
  responsibleOfficialIdNumber?: string | null;

  @Field(() => [ContractMilestoneInput], { nullable: true, description: '履约节点 (milestones)' })
  milestones?: ContractMilestoneInput[] | null;

  @Field(() => [ContractPaymentInput], { nullable: true, description: '付款 (payments)' })
  payments?: ContractPaymentInput[] | null;

  @Field(() => [ContractBreachInput], { nullable: true, description: '违约记录 (breaches)' })
  breaches?: ContractBreachInput[] | null;

  @Field(() => [ContractAmendmentInput], { nullable: true, description: '变更记录 (amendments)' })
  amendments?: ContractAmendmentInput[] | null;
}

@InputType({ description: '变更合同：说明理由并登记变更内容 (amend a contract: the rationale and what changes)' })
export class AmendContractInput {
  @Field(() => String, { nullable: true, description: '变更日期，默认今天 (date; default today)' })
  date?: string | null;

  @Field(() => String, { description: '变更理由 (why)' })
  rationale!: string;

  @Field(() => String, { description: '决定变更的单位或人员 (who decided it)' })
  amendedBy!: string;

  @Field(() => String, { nullable: true, description: '说明 (description)' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: `新合同金额：${MONEY} (new value)` })
  value?: string | null;

  @Field(() => String, { nullable: true, description: '新履行期限止 (new period end)' })
  periodEnd?: string | null;

  @Field(() => String, { nullable: true, description: '新合同名称 (new title)' })
  title?: string | null;
}

@InputType({ description: '合同筛选 (contract filter)' })
export class ContractFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（按政府方代码第3–8位，含下级） (region of the government party, with subregions)' })
  regionCode?: string | null;

  @Field(() => ContractKind, { nullable: true })
  kind?: ContractKind | null;

  @Field(() => ContractStatus, { nullable: true })
  status?: ContractStatus | null;

  @Field(() => String, { nullable: true, description: '政府方统一社会信用代码 (government party USCC)' })
  governmentUscc?: string | null;

  @Field(() => Boolean, { nullable: true, description: '有无逾期节点（含拖欠） (with, or without, overdue milestones including arrears)' })
  overdue?: boolean | null;

  @Field(() => String, { nullable: true, description: '签订日期不早于 (signed on or after)' })
  signedFrom?: string | null;

  @Field(() => String, { nullable: true, description: '签订日期不晚于 (signed on or before)' })
  signedTo?: string | null;
}

@InputType({ description: '履约投诉，任何人均可提交 (a contract complaint; anyone may file)' })
export class ContractComplaintInput {
  @Field(() => ComplaintCategory, { description: '类别 (category)' })
  category!: ComplaintCategory;

  @Field(() => String, { description: '投诉企业名称 (complaining enterprise)' })
  complainantName!: string;

  @Field(() => String, { description: '投诉企业统一社会信用代码 (complaining enterprise USCC)' })
  complainantUscc!: string;

  @Field(() => String, { nullable: true, description: '联系人，仅审计、管理角色可见全名 (contact person; full name for AUDITOR and ADMIN only)' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话，仅审计、管理角色可见 (contact phone; shown unmasked to AUDITOR and ADMIN only)' })
  contactPhone?: string | null;

  @Field(() => String, { description: '被投诉单位统一社会信用代码 (USCC of the organization complained about)' })
  organizationUscc!: string;

  @Field(() => String, { nullable: true, description: '涉及的合同标识 (contract concerned)' })
  contractId?: string | null;

  @Field(() => ComplaintChannel, { description: '渠道 (channel)' })
  channel!: ComplaintChannel;

  @Field(() => String, { description: '投诉内容 (content)' })
  content!: string;

  @Field(() => String, { nullable: true, description: '受理日期，来源系统的原始日期；仅接入系统（登录调用方）可填，默认今天 (date the source received it; intake systems only, default today)' })
  receivedAt?: string | null;

  @Field(() => String, { nullable: true, description: '来源系统工单号，如12345热线工单号；同一渠道内唯一，仅接入系统可填 (source ticket number, unique per channel; intake systems only)' })
  ticketNumber?: string | null;
}

@InputType({ description: '督办、约谈、通报、移送 (a supervision measure on an accepted complaint)' })
export class ComplaintMeasureInput {
  @Field(() => ComplaintActionKind, { description: 'SUPERVISE、INTERVIEW、NOTIFY 或 REFER (one of the four measures)' })
  kind!: ComplaintActionKind;

  @Field(() => String, { description: '说明 (note)' })
  note!: string;

  @Field(() => String, { nullable: true, description: '移送的有权机关，REFER 必填 (the authority; required for REFER)' })
  authority?: string | null;
}

@InputType({ description: '履约投诉筛选 (contract complaint filter)' })
export class ContractComplaintFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（按被投诉单位代码，含下级） (region of the organization complained about, with subregions)' })
  regionCode?: string | null;

  @Field(() => ComplaintStatus, { nullable: true })
  status?: ComplaintStatus | null;

  @Field(() => ComplaintCategory, { nullable: true })
  category?: ComplaintCategory | null;

  @Field(() => String, { nullable: true, description: '被投诉单位 (organization complained about)' })
  organizationUscc?: string | null;

  @Field(() => String, { nullable: true, description: '涉及的合同 (contract concerned)' })
  contractId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '是否超期：未按期办结 (overdue: open past due, or closed late)' })
  overdue?: boolean | null;
}
