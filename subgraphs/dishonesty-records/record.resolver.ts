import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  connectionType, ImportResult, loadOrNull, MAX_IMPORT_ROWS, PageArgs, PERSONAL, readPageArgs, rejectOversizedImport, toPage, type SubgraphContext,
} from '../kit/index.js';
import { AppliedSanction } from './entities/applied-sanction.js';
import { DishonestyRepair } from './entities/credit-repair.js';
import { DishonestyObjection } from './entities/objection.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { Organization, PublicOfficial, Region } from './entities/federated.js';
import { DishonestyRecordFilter, DishonestyRecordInput } from './inputs.js';
import type { DishonestyLoaders } from './loaders.js';
import { canSeeRecord, IMPORT_ROLES, inTerm, readsOfficialsInFull, readsRemediesOf, readsSanctionsOf, recordInForce, textFor } from './record.rules.js';

type Context = SubgraphContext<DishonestyLoaders>;

/** The one connection type of records: the query's list and a unit's (organization.resolver.ts). */
export const DishonestyRecordConnection = connectionType(DishonestyRecord, 'DishonestyRecord', '政务失信记录');

@Resolver(() => DishonestyRecord)
export class DishonestyRecordResolver {
  @Query(() => DishonestyRecordConnection, {
    description: '政务失信记录；公众只见已公开的（公职人员的记录不含其姓名），审计、管理与组织人事角色见全部，法院另见判决，单位另见涉及本单位和本单位作出的 (dishonesty records: PUBLIC sees the published ones, an official\'s without the name; AUDITOR, ADMIN and PERSONNEL all; COURT also judgments; a unit also its own and those it decided)',
  })
  async dishonestyRecords(
    @Arg('filter', () => DishonestyRecordFilter, { nullable: true }) filter: DishonestyRecordFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, caller }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(DishonestyRecord).findPage(filter, window, caller);
    return toPage(rows, window, (r) => r.id, total);
  }

  @Query(() => DishonestyRecord, { nullable: true, description: '按标识查询政务失信记录；看不到的为 null (a record by id; null when unknown or not visible to the caller)' })
  async dishonestyRecord(@Arg('id', () => ID) id: string, @Ctx() { loaders, caller }: Context): Promise<DishonestyRecord | null> {
    const record = await loadOrNull(loaders.record, id);
    return record && canSeeRecord(caller, record) ? record : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: '失信单位，或公职人员所在单位 (the body, or the official\'s unit)' })
  organization(@Root() record: DishonestyRecord): Organization {
    return { uscc: record.organizationUscc };
  }

  @FieldResolver(() => Organization, { nullable: true, description: '作出决定的机关 (the deciding authority)' })
  authority(@Root() record: DishonestyRecord): Organization {
    return { uscc: record.authorityUscc };
  }

  @FieldResolver(() => Region, { nullable: true, description: '单位代码第3–8位所指行政区划 (the region of the unit\'s USCC positions 3–8)' })
  region(@Root() record: DishonestyRecord): Region {
    return { code: record.regionCode };
  }

  /**
   * The official by pseudonym: to those who read officials' records in full only. To anyone else
   * the pseudonym would tie the record to the person (registry's `official(id)`), masked name or not.
   * Tagged personal, so that each read is audited as the name's is, even without the name
   * (security review 2026-12-01: PERSONNEL's reads of the pseudonym alone went unaudited).
   */
  @Directive(PERSONAL)
  @FieldResolver(() => PublicOfficial, { nullable: true, description: '失信公职人员（化名）；仅审计、管理与组织人事角色可见（每次读取记入审计日志），单位的记录为 null (the official, by pseudonym: AUDITOR, ADMIN and PERSONNEL only, each read audited; null for a body\'s record)' })
  official(@Root() record: DishonestyRecord, @Ctx() { caller }: Context): PublicOfficial | null {
    return record.officialId && readsOfficialsInFull(caller) ? { id: record.officialId } : null;
  }

  /**
   * The official's name: to those who read officials' records in full only. Masked, it joined the
   * record to the registry's public list of the unit's officials (masked the same way) and so to the
   * pseudonym: in the demo, every published official's record (security review 2026-12-01, B2).
   */
  @Directive(PERSONAL)
  @FieldResolver(() => String, {
    nullable: true,
    description: '公职人员姓名；仅审计、管理与组织人事角色可见（每次读取记入审计日志），其他调用方为 null：记录仍以单位公示（赣州方案§四(二)2），不公示个人；单位的记录为 null (the official\'s name: AUDITOR, ADMIN and PERSONNEL only, each read audited; null for everyone else, as the record is published with its unit, not the person, seed 002 §四(二)2; null for a body\'s record)',
  })
  officialName(@Root() record: DishonestyRecord, @Ctx() { caller }: Context): string | null {
    return record.officialName && readsOfficialsInFull(caller) ? record.officialName : null;
  }

  @FieldResolver(() => String, { description: '单位名称，按决定书所载 (name of the body or the official\'s unit, as the decision writes it)' })
  organizationName(@Root() record: DishonestyRecord, @Ctx() { caller }: Context): string {
    return textFor(caller, record, record.organizationName);
  }

  @FieldResolver(() => String, { description: '失信事实；公职人员的记录中，其姓名仅审计、管理与组织人事角色可见，其他调用方见 ××× (the facts; in an official\'s record the name shows as ××× except to AUDITOR, ADMIN and PERSONNEL)' })
  facts(@Root() record: DishonestyRecord, @Ctx() { caller }: Context): string {
    return textFor(caller, record, record.facts);
  }

  @FieldResolver(() => String, { description: '处理依据；公职人员姓名的处理同 facts (legal basis; an official\'s name withheld as in facts)' })
  legalBasis(@Root() record: DishonestyRecord, @Ctx() { caller }: Context): string {
    return textFor(caller, record, record.legalBasis);
  }

  @FieldResolver(() => Boolean, { description: '今天是否在惩戒期限内；无固定期限的为是 (within its sanction term today; true when no term is fixed)' })
  inTerm(@Root() record: DishonestyRecord): boolean {
    return inTerm(record);
  }

  @FieldResolver(() => Boolean, { description: '今天是否有效计入：已决定、在惩戒期内、状态为有效（非异议审查中、非删除、非修复）、未撤回 (in force today: decided, in term, ACTIVE, not withdrawn)' })
  inForce(@Root() record: DishonestyRecord): boolean {
    return recordInForce(record);
  }

  /**
   * Seed 004 §四(八) 联合惩戒: the measures applied for the record, with the record's own visibility
   * (whoever reaches the record sees them), except an official's: they restrict the person's awards
   * and promotion, for AUDITOR, ADMIN and PERSONNEL only (record.rules.ts readsSanctionsOf).
   */
  @FieldResolver(() => [AppliedSanction], {
    nullable: true,
    description: '按惩戒措施清单实施的惩戒措施（黄石方案§四(八)），按实施先后；公职人员的记录仅审计、管理与组织人事角色可见，其他调用方为 null (the sanctions applied per the catalogue, seed 004 §四(八), in the order applied; for an official\'s record AUDITOR, ADMIN and PERSONNEL only, null for everyone else)',
  })
  sanctions(@Root() record: DishonestyRecord, @Ctx() { loaders, caller }: Context): Promise<AppliedSanction[]> | null {
    return readsSanctionsOf(caller, record) ? loaders.sanctionsByRecord.load(record.id) : null;
  }

  @FieldResolver(() => [DishonestyObjection], { nullable: true, description: '异议，先提出的在前；限审计、管理、组织人事角色与作出机关，单位的记录另限所涉单位，其他调用方为 null (objections, oldest first: AUDITOR, ADMIN, PERSONNEL and the deciding authority, for a body\'s record also the unit; null for everyone else)' })
  objections(@Root() record: DishonestyRecord, @Ctx() { loaders, caller }: Context): Promise<DishonestyObjection[]> | null {
    return readsRemediesOf(caller, record) ? loaders.objectionsByRecord.load(record.id) : null;
  }

  @FieldResolver(() => [DishonestyRepair], { nullable: true, description: '信用修复申请，先申请的在前；可见范围同 objections (credit repair applications, oldest first; seen as objections are)' })
  creditRepairs(@Root() record: DishonestyRecord, @Ctx() { loaders, caller }: Context): Promise<DishonestyRepair[]> | null {
    return readsRemediesOf(caller, record) ? loaders.repairsByRecord.load(record.id) : null;
  }

  @Authorized(...IMPORT_ROLES)
  @Mutation(() => ImportResult, {
    description: `导入政务失信记录，按作出机关与文号幂等，逐行报错，已接收的行在一个事务内写入，每次最多${MAX_IMPORT_ROWS}行。法院报送司法判决；单位（ORGANIZATION）报送本单位作出的行政处罚；组织人事（PERSONNEL）报送纪律处分与问责处理；审计（信用办）可报送各类 (import dishonesty records: idempotent by authority and document number, per-row errors, accepted rows written in one transaction, at most ${MAX_IMPORT_ROWS} rows; COURT judgments, a unit the administrative penalties it decided, PERSONNEL disciplinary sanctions and accountability decisions, AUDITOR any kind)`,
  })
  importDishonestyRecords(@Arg('records', () => [DishonestyRecordInput]) records: DishonestyRecordInput[], @Ctx() { em, caller, roster }: Context): Promise<ImportResult> {
    rejectOversizedImport(records, 'records');
    return em.getRepository(DishonestyRecord).importRows(records, { caller, roster });
  }
}
