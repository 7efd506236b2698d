import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  connectionType, ImportResult, isComplaintOverdue, MAX_IMPORT_ROWS, loadOrNull, maskPersonName, PERSONAL, maskPhone, PageArgs, readPageArgs, requireDate, requireRegionCode, toPage, unseal, type SubgraphContext,
} from '../kit/index.js';
import { ContractComplaint } from './entities/complaint.js';
import { ContractComplaintAction } from './entities/complaint-action.js';
import { Contract } from './entities/contract.js';
import { ComplaintStatus } from './entities/enums.js';
import { Organization } from './entities/federated.js';
import { readsComplaintInFull, WITHHELD } from './complaint.rules.js';
import { ComplaintMeasureInput, ContractComplaintFilter, ContractComplaintInput } from './inputs.js';
import type { ContractLoaders } from './loaders.js';
import { complaintStatistics, ComplaintStatistics } from './reports/complaint-statistics.js';

type Context = SubgraphContext<ContractLoaders>;

const ContractComplaintConnection = connectionType(ContractComplaint, 'ContractComplaint', '履约投诉');

@Resolver(() => ContractComplaint)
export class ComplaintResolver {
  @Query(() => ContractComplaint, { nullable: true, description: '凭受理编号查询投诉办理进度 (a complaint by its tracking id)' })
  contractComplaint(@Arg('id', () => ID, { description: '受理编号 (tracking id)' }) id: string, @Ctx() { loaders }: Context): Promise<ContractComplaint | null> {
    return loadOrNull(loaders.complaint, id);
  }

  @Authorized('AUDITOR', 'ADMIN', 'FINANCE', 'ORGANIZATION')
  @Query(() => ContractComplaintConnection, { description: '履约投诉台账：审计、管理、财政见全部，单位见针对本单位的 (the complaint ledger: auditors, administrators and finance see all, a unit those about itself)' })
  async contractComplaints(
    @Arg('filter', () => ContractComplaintFilter, { nullable: true, description: '筛选条件 (filter)' }) filter: ContractComplaintFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, caller }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(ContractComplaint).findPage(filter, window, caller);
    return toPage(rows, window, (c) => c.id, total);
  }

  @Query(() => ComplaintStatistics, { description: '履约投诉台账统计：接收、办结、超期、分类别 (complaint ledger statistics of a region: received, resolved, overdue, by category)' })
  contractComplaintStatistics(
    @Arg('regionCode', () => String, { description: '行政区划代码，含下级 (region code, subregions included)' }) regionCode: string,
    @Arg('receivedFrom', () => String, { nullable: true, description: '接收日期起 (received on or after)' }) receivedFrom: string | null,
    @Arg('receivedTo', () => String, { nullable: true, description: '接收日期止 (received on or before)' }) receivedTo: string | null,
    @Ctx() { em }: Context,
  ): Promise<ComplaintStatistics> {
    return complaintStatistics(
      em,
      requireRegionCode(regionCode),
      receivedFrom ? requireDate(receivedFrom, 'receivedFrom') : null,
      receivedTo ? requireDate(receivedTo, 'receivedTo') : null,
    );
  }

  @FieldResolver(() => Organization, { description: '被投诉单位 (the organization complained about)' })
  organization(@Root() complaint: ContractComplaint): Organization {
    return { uscc: complaint.organizationUscc };
  }

  @FieldResolver(() => Contract, { nullable: true, description: '涉及的合同 (the contract concerned)' })
  contract(@Root() complaint: ContractComplaint, @Ctx() { loaders }: Context): Promise<Contract | null> {
    return complaint.contractId ? loadOrNull(loaders.contract, complaint.contractId) : Promise.resolve(null);
  }

  @FieldResolver(() => String, { nullable: true, description: '投诉企业名称；仅台账读者可见 (complaining enterprise; for the ledger\'s readers only: AUDITOR, ADMIN, FINANCE, the units complained about and complaining)' })
  complainantName(@Root() complaint: ContractComplaint, @Ctx() { caller }: Context): string | null {
    return readsComplaintInFull(caller, complaint) ? complaint.complainantName : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '投诉企业统一社会信用代码；仅台账读者可见 (complaining enterprise USCC; for the ledger\'s readers only)' })
  complainantUscc(@Root() complaint: ContractComplaint, @Ctx() { caller }: Context): string | null {
    return readsComplaintInFull(caller, complaint) ? complaint.complainantUscc : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '投诉内容；仅台账读者可见 (content; for the ledger\'s readers only)' })
  content(@Root() complaint: ContractComplaint, @Ctx() { caller }: Context): string | null {
    return readsComplaintInFull(caller, complaint) ? complaint.content : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '来源系统工单号；仅台账读者可见 (source ticket number; for the ledger\'s readers only)' })
  ticketNumber(@Root() complaint: ContractComplaint, @Ctx() { caller }: Context): string | null {
    return readsComplaintInFull(caller, complaint) ? complaint.ticketNumber : null;
  }

  @Directive(PERSONAL)
  @FieldResolver(() => String, { nullable: true, description: '联系人；审计、管理角色见全名，台账其他读者见脱敏形式 (contact person; full name for AUDITOR and ADMIN, audited; masked for the ledger\'s other readers)' })
  contactName(@Root() complaint: ContractComplaint, @Ctx() { caller }: Context): string | null {
    if (!complaint.contactName || !readsComplaintInFull(caller, complaint)) return null;
    return caller.seesPersonalData ? complaint.contactName : maskPersonName(complaint.contactName);
  }

  @Directive(PERSONAL)
  @FieldResolver(() => String, { nullable: true, description: '联系电话；审计、管理角色见完整号码，台账其他读者见脱敏形式 (contact phone; unmasked for AUDITOR and ADMIN, audited; masked for the ledger\'s other readers)' })
  contactPhone(@Root() complaint: ContractComplaint, @Ctx() { caller }: Context): string | null {
    if (!complaint.contactPhoneSealed || !readsComplaintInFull(caller, complaint)) return null;
    const phone = unseal(complaint.contactPhoneSealed);
    return caller.seesPersonalData ? phone : maskPhone(phone);
  }

  @FieldResolver(() => Boolean, { description: '是否超期：超过办理期限未办结或超期办结 (overdue: open past due, or closed late)' })
  overdue(@Root() complaint: ContractComplaint): boolean {
    return isComplaintOverdue(complaint.dueDate, complaint.closedAt);
  }

  @FieldResolver(() => [ContractComplaintAction], { description: '办理记录，只增不改 (the handling trail, oldest first; append-only)' })
  async actions(@Root() complaint: ContractComplaint, @Ctx() { loaders, caller }: Context): Promise<ContractComplaintAction[]> {
    const trail = await loaders.actionsByComplaint.load(complaint.id);
    if (readsComplaintInFull(caller, complaint)) return trail;
    // The progress without who acted or what was noted (a receipt's note names the source ticket).
    return trail.map((action) => Object.assign(Object.create(Object.getPrototypeOf(action)), action, { by: WITHHELD, note: null }));
  }

  @Mutation(() => ContractComplaint, { description: '提交履约投诉（任何人），返回受理编号 (file a complaint; anyone; returns the tracking id)' })
  fileContractComplaint(@Arg('input', () => ContractComplaintInput) input: ContractComplaintInput, @Ctx() { em, caller }: Context): Promise<ContractComplaint> {
    return em.getRepository(ContractComplaint).file(input, caller);
  }

  @Authorized('AUDITOR', 'ADMIN', 'FINANCE')
  @Mutation(() => ImportResult, {
    description: `批量导入来源系统工单（如12345热线），按渠道与工单号幂等，逐行报错，每次最多${MAX_IMPORT_ROWS}行 (import a source system's tickets, e.g. the 12345 hotline: idempotent by channel and ticket number, per-row errors, at most ${MAX_IMPORT_ROWS} rows)`,
  })
  importContractComplaints(@Arg('rows', () => [ContractComplaintInput]) rows: ContractComplaintInput[], @Ctx() { em, caller }: Context): Promise<ImportResult> {
    return em.getRepository(ContractComplaint).importTickets(rows, caller);
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => ContractComplaint, { description: '受理，登记入台账 (accept into the ledger)' })
  acceptContractComplaint(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true, description: '说明 (note)' }) note: string | null, @Ctx() { em, caller }: Context): Promise<ContractComplaint> {
    return em.getRepository(ContractComplaint).advance(id, ComplaintStatus.ACCEPTED, caller, { note });
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => ContractComplaint, { description: '开始调查核实 (start the investigation)' })
  investigateContractComplaint(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true, description: '说明 (note)' }) note: string | null, @Ctx() { em, caller }: Context): Promise<ContractComplaint> {
    return em.getRepository(ContractComplaint).advance(id, ComplaintStatus.INVESTIGATING, caller, { note });
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => ContractComplaint, { description: '办结：写明结果并认定是否属实 (resolve, with the resolution and whether the complaint was substantiated)' })
  resolveContractComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('resolution', () => String, { description: '办理结果 (resolution)' }) resolution: string,
    @Arg('substantiated', () => Boolean, { description: '投诉是否属实 (was the complaint substantiated?)' }) substantiated: boolean,
    @Ctx() { em, caller }: Context,
  ): Promise<ContractComplaint> {
    return em.getRepository(ContractComplaint).advance(id, ComplaintStatus.RESOLVED, caller, { note: resolution, substantiated });
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => ContractComplaint, { description: '不予受理或驳回，须说明理由 (reject, with a reason)' })
  rejectContractComplaint(@Arg('id', () => ID) id: string, @Arg('reason', () => String, { description: '理由 (reason)' }) reason: string, @Ctx() { em, caller }: Context): Promise<ContractComplaint> {
    return em.getRepository(ContractComplaint).advance(id, ComplaintStatus.REJECTED, caller, { note: reason });
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => ContractComplaint, { description: '督办、约谈、通报或移送有权机关：追加到办理记录 (supervise, interview, notify or refer: appended to the trail)' })
  addContractComplaintMeasure(@Arg('id', () => ID) id: string, @Arg('input', () => ComplaintMeasureInput) input: ComplaintMeasureInput, @Ctx() { em, caller }: Context): Promise<ContractComplaint> {
    return em.getRepository(ContractComplaint).addMeasure(id, input, caller);
  }
}

@Resolver(() => ContractComplaintAction)
export class ComplaintActionResolver {
  @FieldResolver(() => String, { description: '登记时间 (when it was recorded, ISO 8601)' })
  recordedAt(@Root() action: ContractComplaintAction): string {
    return action.recordedAt.toISOString();
  }
}
