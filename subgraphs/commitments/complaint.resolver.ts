import { Arg, Args, Authorized, Ctx, Directive, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import {
  connectionType, ImportResult, isComplaintOverdue, MAX_IMPORT_ROWS, maskEmail, PERSONAL, maskPersonName, maskPhone, PageArgs, readPageArgs, toPage, unseal, type SubgraphContext,
} from '../kit/index.js';
import { CommitmentComplaint } from './entities/complaint.js';
import { ComplaintStatus } from './entities/enums.js';
import { Organization } from './entities/federated.js';
import { ComplaintFilter, ComplaintImportRow, ComplaintInput } from './inputs.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { loadVisibleItem, loadVisibleLetter, type CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

const CommitmentComplaintConnection = connectionType(CommitmentComplaint, 'CommitmentComplaint', '投诉');

@ObjectType('ComplaintEvent', { description: '投诉办理记录 (a step in handling a complaint)' })
class ComplaintEvent {
  @Field(() => ComplaintStatus)
  status!: ComplaintStatus;

  @Field(() => String, { description: '日期 (date)' })
  at!: string;

  @Field(() => String, { nullable: true, description: '说明 (note)' })
  note!: string | null;
}

@Resolver(() => CommitmentComplaint)
export class ComplaintResolver {
  @Query(() => CommitmentComplaint, { nullable: true, description: '凭受理编号查询投诉办理进度 (a complaint by its tracking id)' })
  commitmentComplaint(@Arg('id', () => ID) id: string, @Ctx() { em }: Context): Promise<CommitmentComplaint | null> {
    return em.findOne(CommitmentComplaint, { id });
  }

  @Authorized('AUDITOR', 'ADMIN', 'ORGANIZATION')
  @Query(() => CommitmentComplaintConnection, { description: '投诉台账：审计与管理角色见全部，单位见针对本单位的 (complaints: auditors see all, a unit those about itself)' })
  async commitmentComplaints(@Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null, @Args(() => PageArgs) page: PageArgs, @Ctx() { em, caller }: Context) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(CommitmentComplaint).findPage(filter, window, caller);
    return toPage(rows, window, (c) => c.id, total);
  }

  @FieldResolver(() => CommitmentLetter, { nullable: true, description: '涉及的承诺书 (the letter concerned)' })
  async letter(@Root() complaint: CommitmentComplaint, @Ctx() { loaders, caller }: Context): Promise<CommitmentLetter | null> {
    if (!complaint.letterId) return null;
    return loadVisibleLetter(loaders, caller, complaint.letterId);
  }

  @FieldResolver(() => CommitmentItem, { nullable: true, description: '涉及的承诺事项 (the item concerned)' })
  async item(@Root() complaint: CommitmentComplaint, @Ctx() { loaders, caller }: Context): Promise<CommitmentItem | null> {
    if (!complaint.itemId) return null;
    return loadVisibleItem(loaders, caller, complaint.itemId);
  }

  @FieldResolver(() => Organization, { description: '被投诉单位 (the unit complained about)' })
  organization(@Root() complaint: CommitmentComplaint): Organization {
    return { uscc: complaint.organizationUscc };
  }

  @Directive(PERSONAL)
  @FieldResolver(() => String, { nullable: true, description: '投诉人姓名；仅审计、管理角色见全名 (complainant; full name for AUDITOR and ADMIN only, audited)' })
  complainantName(@Root() complaint: CommitmentComplaint, @Ctx() { caller }: Context): string | null {
    if (!complaint.complainantName) return null;
    return caller.seesPersonalData ? complaint.complainantName : maskPersonName(complaint.complainantName);
  }

  @Directive(PERSONAL)
  @FieldResolver(() => String, { nullable: true, description: '投诉人联系方式；仅审计、管理角色可见完整值 (contact; unmasked for AUDITOR and ADMIN only, audited)' })
  contact(@Root() complaint: CommitmentComplaint, @Ctx() { caller }: Context): string | null {
    if (!complaint.contactSealed) return null;
    const contact = unseal(complaint.contactSealed);
    if (caller.seesPersonalData) return contact;
    return contact.includes('@') ? maskEmail(contact) : maskPhone(contact);
  }

  @FieldResolver(() => [ComplaintEvent], { description: '办理记录 (handling history)' })
  history(@Root() complaint: CommitmentComplaint): ComplaintEvent[] {
    return complaint.history.map(({ status, at, note }) => ({ status, at, note }));
  }

  @FieldResolver(() => Boolean, { description: '是否超期 (past its due date while open, or settled late)' })
  overdue(@Root() complaint: CommitmentComplaint): boolean {
    return isComplaintOverdue(complaint.dueDate, complaint.resolvedAt);
  }

  @Mutation(() => CommitmentComplaint, { description: '提交投诉举报（任何人） (file a complaint; anyone)' })
  fileCommitmentComplaint(@Arg('input', () => ComplaintInput) input: ComplaintInput, @Ctx() { em, caller }: Context): Promise<CommitmentComplaint> {
    return em.getRepository(CommitmentComplaint).file(input, caller);
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => ImportResult, {
    description: `批量导入来源系统工单（如12345热线），按渠道与工单号幂等，逐行报错，每次最多${MAX_IMPORT_ROWS}行 (import a source system's tickets, e.g. the 12345 hotline: idempotent by channel and ticket number, per-row errors, at most ${MAX_IMPORT_ROWS} rows)`,
  })
  importCommitmentComplaints(@Arg('rows', () => [ComplaintImportRow]) rows: ComplaintImportRow[], @Ctx() { em, caller }: Context): Promise<ImportResult> {
    return em.getRepository(CommitmentComplaint).importTickets(rows, caller);
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => CommitmentComplaint, { description: '转办：承办单位以名称及（可选）统一社会信用代码指定，给出代码的单位可见并办理该投诉 (transfer to the responsible unit; given its USCC, that unit sees the complaint and handles it)' })
  transferCommitmentComplaint(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => String, { description: '承办单位名称 (receiving unit\'s name)' }) to: string,
    @Arg('toUscc', () => String, { nullable: true, description: '承办单位统一社会信用代码 (receiving unit\'s USCC)' }) toUscc: string | null,
    @Ctx() { em, caller }: Context,
  ): Promise<CommitmentComplaint> {
    return em.getRepository(CommitmentComplaint).advance(id, ComplaintStatus.TRANSFERRED, caller, { transferredTo: to, transferredToUscc: toUscc });
  }

  @Authorized('AUDITOR', 'ADMIN', 'ORGANIZATION')
  @Mutation(() => CommitmentComplaint, { description: '开始办理（审计角色或承办单位） (start handling: an auditor or the receiving unit)' })
  handleCommitmentComplaint(@Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note: string | null, @Ctx() { em, caller }: Context): Promise<CommitmentComplaint> {
    return em.getRepository(CommitmentComplaint).advance(id, ComplaintStatus.HANDLING, caller, { note });
  }

  @Authorized('AUDITOR', 'ADMIN', 'ORGANIZATION')
  @Mutation(() => CommitmentComplaint, { description: '办结，写明办理结果（审计角色或承办单位） (resolve, with the resolution: an auditor or the receiving unit)' })
  resolveCommitmentComplaint(@Arg('id', () => ID) id: string, @Arg('resolution', () => String) resolution: string, @Ctx() { em, caller }: Context): Promise<CommitmentComplaint> {
    return em.getRepository(CommitmentComplaint).advance(id, ComplaintStatus.RESOLVED, caller, { note: resolution });
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => CommitmentComplaint, { description: '驳回，须说明理由 (reject, with a reason)' })
  rejectCommitmentComplaint(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() { em, caller }: Context): Promise<CommitmentComplaint> {
    return em.getRepository(CommitmentComplaint).advance(id, ComplaintStatus.REJECTED, caller, { note: reason });
  }
}
