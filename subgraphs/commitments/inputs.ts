import { Field, InputType, Int } from 'type-graphql';
import { CommitmentCategory, ComplaintChannel, ComplaintStatus, Fulfilment, LetterStatus } from './entities/enums.js';

@InputType({ description: '承诺事项 (a commitment item)' })
export class CommitmentItemInput {
  @Field(() => CommitmentCategory, { description: '类别 (category)' })
  category!: CommitmentCategory;

  @Field(() => String, { description: '内容 (content)' })
  content!: string;

  @Field(() => String, { description: '兑现期限 YYYY-MM-DD (due date)' })
  dueDate!: string;
}

@InputType({ description: '承诺书草稿 (a draft commitment letter of the caller\'s own unit)' })
export class CommitmentLetterInput {
  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Field(() => String, { description: '承诺书编号 (letter number)' })
  letterNumber!: string;

  @Field(() => String, { description: '承诺责任 (liability for breach)' })
  liability!: string;

  @Field(() => String, { description: '监督投诉电话 (complaint phone)' })
  complaintPhone!: string;

  @Field(() => String, { description: '投诉举报邮箱 (complaint e-mail)' })
  complaintEmail!: string;

  @Field(() => [CommitmentItemInput], { description: '承诺事项，按顺序编号 (items, numbered in order)' })
  items!: CommitmentItemInput[];
}

@InputType({ description: '承诺书筛选 (letter filter)' })
export class CommitmentLetterFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（按单位代码第3–8位，含下级） (region, from USCC positions 3–8, with subregions)' })
  regionCode?: string | null;

  @Field(() => Int, { nullable: true, description: '年度 (year)' })
  year?: number | null;

  @Field(() => LetterStatus, { nullable: true, description: '状态 (status)' })
  status?: LetterStatus | null;

  @Field(() => CommitmentCategory, { nullable: true, description: '含有该类别事项 (has an item of this category)' })
  category?: CommitmentCategory | null;

  @Field(() => [Fulfilment], { nullable: true, description: '含有处于这些履行状态之一的事项 (has an item in one of these fulfilment states)' })
  itemFulfilment?: Fulfilment[] | null;

  @Field(() => Boolean, { nullable: true, description: '含有逾期未兑现的事项（true）或不含（false） (has an overdue item, or none)' })
  hasOverdueItems?: boolean | null;
}

@InputType({ description: '履行情况 (a fulfilment record)' })
export class FulfilmentInput {
  @Field(() => Fulfilment, { description: '履行状态，不含 CHANGED（依法变更另有操作） (fulfilment; CHANGED has its own mutation)' })
  fulfilment!: Fulfilment;

  @Field(() => String, { nullable: true, description: '佐证说明 (evidence notes)' })
  evidence?: string | null;

  @Field(() => String, { nullable: true, description: '梳理日期，默认今天 (review date, default today)' })
  reviewedAt?: string | null;
}

@InputType({ description: '依法变更 (a lawful change of an item)' })
export class LawfulChangeInput {
  @Field(() => String, { description: '法定理由，如国家利益、公共利益需要 (legal reason)' })
  legalReason!: string;

  @Field(() => String, { description: '对受损方的补偿 (compensation to those harmed)' })
  compensation!: string;

  @Field(() => String, { nullable: true, description: '变更后的内容 (new content)' })
  newContent?: string | null;

  @Field(() => String, { nullable: true, description: '变更后的期限 (new due date)' })
  newDueDate?: string | null;
}

@InputType({ description: '公职人员承诺（模版附件3） (an official\'s commitment, template attachment 3)' })
export class OfficialCommitmentInput {
  @Field(() => String, { description: '承诺主体代码：承诺人身份号码，仅用于计算化名，不保存 (the official\'s ID number: turned into the pseudonym, never stored)' })
  idNumber!: string;

  @Field(() => String, { defaultValue: '政务承诺型', description: '承诺类型 (type)' })
  type!: string;

  @Field(() => String, { description: '承诺日期 (date)' })
  date!: string;

  @Field(() => String, { description: '承诺受理单位 (accepting unit name)' })
  acceptingUnitName!: string;

  @Field(() => String, { description: '承诺受理单位统一社会信用代码，须为本单位 (accepting unit USCC: the caller\'s own)' })
  acceptingUnitUscc!: string;

  @Field(() => String, { defaultValue: '自愿做出承诺', description: '承诺事由 (reason)' })
  reason!: string;

  @Field(() => String, { description: '承诺内容 (content)' })
  content!: string;

  @Field(() => String, { description: '违约责任 (liability)' })
  liability!: string;

  @Field(() => String, { defaultValue: '履行中', description: '承诺履行状态 (fulfilment status)' })
  fulfilmentStatus!: string;

  @Field(() => String, { defaultValue: '有效', description: '承诺状态 (commitment status)' })
  commitmentStatus!: string;

  @Field(() => String, { nullable: true, description: '备注 (remarks)' })
  remarks?: string | null;

  @Field(() => String, { description: '承诺书编号 (letter number)' })
  letterNumber!: string;
}

@InputType({ description: '投诉举报 (a complaint); 任何人均可提交 (anyone may file)' })
export class ComplaintInput {
  @Field(() => String, { description: '被投诉单位统一社会信用代码 (USCC of the unit complained about)' })
  organizationUscc!: string;

  @Field(() => ComplaintChannel, { description: '渠道 (channel)' })
  channel!: ComplaintChannel;

  @Field(() => String, { description: '投诉内容 (content)' })
  content!: string;

  @Field(() => String, { nullable: true, description: '投诉人姓名，可匿名 (complainant name, optional)' })
  complainantName?: string | null;

  @Field(() => String, { nullable: true, description: '联系方式（电话或邮箱），仅审计、管理角色可见 (contact: phone or e-mail, shown unmasked to AUDITOR and ADMIN only)' })
  contact?: string | null;

  @Field(() => String, { nullable: true, description: '涉及的承诺书，须为该单位已公示的 (the letter concerned: one the unit published)' })
  letterId?: string | null;

  @Field(() => String, { nullable: true, description: '涉及的承诺事项，须属于该单位已公示的承诺书 (the item concerned: of a letter the unit published)' })
  itemId?: string | null;

  @Field(() => String, { nullable: true, description: '受理日期，来源系统的原始日期；仅接入系统（登录调用方）可填，默认今天 (date the source system received it; intake systems only, default today)' })
  receivedAt?: string | null;

  @Field(() => String, { nullable: true, description: '来源系统工单号，如12345热线工单号；同一渠道内唯一，仅接入系统可填 (the source system\'s ticket number, unique per channel; intake systems only)' })
  ticketNumber?: string | null;
}

@InputType({ description: '一张来源系统工单，如12345热线 (one ticket of a source system, e.g. the 12345 hotline)' })
export class ComplaintImportRow {
  @Field(() => String, { description: '工单号 (ticket number)' })
  ticketNumber!: string;

  @Field(() => ComplaintChannel, { nullable: true, defaultValue: ComplaintChannel.HOTLINE_12345, description: '渠道，默认12345热线 (channel; default the 12345 hotline)' })
  channel?: ComplaintChannel | null;

  @Field(() => String, { description: '受理日期 (date received, YYYY-MM-DD)' })
  receivedAt!: string;

  @Field(() => String, { description: '被投诉单位统一社会信用代码 (USCC of the unit complained about)' })
  organizationUscc!: string;

  @Field(() => String, { description: '投诉内容 (content)' })
  content!: string;

  @Field(() => String, { nullable: true })
  complainantName?: string | null;

  @Field(() => String, { nullable: true, description: '联系方式 (contact)' })
  contact?: string | null;

  @Field(() => String, { nullable: true })
  letterId?: string | null;

  @Field(() => String, { nullable: true })
  itemId?: string | null;
}

@InputType({ description: '投诉筛选 (complaint filter)' })
export class ComplaintFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（含下级） (region, with subregions)' })
  regionCode?: string | null;

  @Field(() => ComplaintStatus, { nullable: true })
  status?: ComplaintStatus | null;

  @Field(() => ComplaintChannel, { nullable: true })
  channel?: ComplaintChannel | null;

  @Field(() => String, { nullable: true, description: '被投诉单位 (unit complained about)' })
  organizationUscc?: string | null;

  @Field(() => Boolean, { nullable: true, description: '只看转办给本单位的（单位调用方） (only those transferred to the caller\'s unit)' })
  transferredToMe?: boolean | null;

  @Field(() => String, { nullable: true, description: '来源系统工单号 (source ticket number)' })
  ticketNumber?: string | null;
}
