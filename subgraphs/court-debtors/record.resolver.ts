import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, connectionType, ImportResult, today, loadOrNull, maskPersonName, PERSONAL, MAX_IMPORT_ROWS, PageArgs, readPageArgs, rejectOversizedImport, requireCaseNumber, toPage, type SubgraphContext,
} from '../kit/index.js';
import { CreditRepair } from './entities/credit-repair.js';
import { DebtorRecord } from './entities/debtor-record.js';
import { DebtorStatus, ExitReason, isGovernmentBodyType } from './entities/enums.js';
import { Organization, Region } from './entities/federated.js';
import { DebtorObjection } from './entities/objection.js';
import { PushAction } from './entities/push-action.js';
import { DebtorRecordFilter, DebtorRecordInput } from './inputs.js';
import type { CourtDebtorLoaders } from './loaders.js';
import { formatFen } from '../kit/money.js';
import { DebtorStatusEvent } from './reports/types.js';
import { canSeeRecord, effectiveStatus, seesAllRecords } from './record.rules.js';

type Context = SubgraphContext<CourtDebtorLoaders>;

const DebtorRecordConnection = connectionType(DebtorRecord, 'DebtorRecord', '失信记录');
/** Case numbers one `debtorRecordsByCaseNumbers` takes: 1,000 records of 18 fields cost 18,001, within a token's 20,000. */
const CASE_NUMBERS_MAX = 1_000;

/** Objections, repairs and push measures are the debtor's and the supervisors' business. */
function requireInsider(record: DebtorRecord, { caller }: Context): void {
  caller.requireOwnUnit(record.debtorUscc, 'AUDITOR', 'COURT', 'ADMIN');
}

@Resolver(() => DebtorRecord)
export class DebtorRecordResolver {
  @Query(() => DebtorRecordConnection, {
    description: '失信记录列表；公众只见在列（含异议审查中）的，审计、法院、管理角色见全部，单位另见本单位的 (debtor records: PUBLIC sees those on the list, AUDITOR/COURT/ADMIN all, a unit also its own)',
  })
  async debtorRecords(
    @Arg('filter', () => DebtorRecordFilter, { nullable: true }) filter: DebtorRecordFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, caller }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(DebtorRecord).findPage(filter, window, caller);
    return toPage(rows, window, (r) => r.caseNumber, total);
  }

  @Query(() => DebtorRecord, { nullable: true, description: '按案号查询失信记录；看不到的为 null (a record by case number; null when unknown or not visible to the caller)' })
  async debtorRecord(@Arg('caseNumber', () => String) caseNumber: string, @Ctx() { loaders, caller }: Context): Promise<DebtorRecord | null> {
    const record = await loadOrNull(loaders.record, requireCaseNumber(caseNumber));
    return record && canSeeRecord(caller, record) ? record : null;
  }

  @Query(() => [DebtorRecord], {
    nullable: 'items',
    description: `按案号批量查询失信记录，按所给顺序，未知或看不到的为 null，每次最多${CASE_NUMBERS_MAX}个（交换服务据此按变更流所列案号批量取数） (records by case number, in the order given, null when unknown or not visible to the caller; at most ${CASE_NUMBERS_MAX}: the exchange reads the cases a change-feed entry names with it)`,
  })
  async debtorRecordsByCaseNumbers(@Arg('caseNumbers', () => [String]) caseNumbers: string[], @Ctx() { loaders, caller }: Context): Promise<Array<DebtorRecord | null>> {
    if (caseNumbers.length > CASE_NUMBERS_MAX) throw badInput(`每次最多查询${CASE_NUMBERS_MAX}个案号 (at most ${CASE_NUMBERS_MAX} case numbers)`, { field: 'caseNumbers', rule: 'TOO_MANY' });
    const on = today();
    return Promise.all(caseNumbers.map(async (caseNumber) => {
      const record = await loadOrNull(loaders.record, requireCaseNumber(caseNumber, 'caseNumbers'));
      return record && canSeeRecord(caller, record, on) ? record : null;
    }));
  }

  @FieldResolver(() => DebtorStatus, { description: '当前状态；固定纳入期限届满的在列记录读作 EXITED (status today; an active record whose fixed term has ended reads EXITED)' })
  status(@Root() record: DebtorRecord): DebtorStatus {
    return effectiveStatus(record).status;
  }

  @FieldResolver(() => ExitReason, { nullable: true, description: '退出原因 (why it left the list)' })
  exitReason(@Root() record: DebtorRecord): ExitReason | null {
    return effectiveStatus(record).exitReason;
  }

  @FieldResolver(() => String, { nullable: true, description: '退出日期 (date it left the list)' })
  exitedAt(@Root() record: DebtorRecord): string | null {
    return effectiveStatus(record).exitedAt;
  }

  @FieldResolver(() => Boolean, { description: '是否政府机构（代码类别11、12、13、19、54） (government body: USCC types 11, 12, 13, 19, 54)' })
  governmentBody(@Root() record: DebtorRecord): boolean {
    return isGovernmentBodyType(record.debtorType);
  }

  @Directive(PERSONAL)
  @FieldResolver(() => String, { nullable: true, description: '法定代表人或负责人；除审计、管理角色和本单位外脱敏 (legal representative; masked unless AUDITOR, ADMIN or the unit itself)' })
  legalRepresentative(@Root() record: DebtorRecord, @Ctx() { caller }: Context): string | null {
    if (!record.legalRepresentative) return null;
    const ownUnit = caller.has('ORGANIZATION') && caller.uscc === record.debtorUscc;
    return caller.seesPersonalData || ownUnit ? record.legalRepresentative : maskPersonName(record.legalRepresentative);
  }

  @FieldResolver(() => String, { nullable: true, description: '已履行金额（元，取自已履行部分；未载明金额时为 null） (performed amount, CNY, read from the performed part; null when it states none)' })
  performedAmount(@Root() record: DebtorRecord): string | null {
    return record.performedFen === null ? null : formatFen(BigInt(record.performedFen));
  }

  @FieldResolver(() => String, { nullable: true, description: '未履行金额（元，取自未履行部分；未载明金额时为 null） (unperformed amount, CNY; null when the text states none)' })
  unperformedAmount(@Root() record: DebtorRecord): string | null {
    return record.unperformedFen === null ? null : formatFen(BigInt(record.unperformedFen));
  }

  @FieldResolver(() => Organization, { nullable: true, description: '被执行单位；机构编制子图未登记时经网关为 null (the debtor organization; null through the gateway when the registry does not know it)' })
  debtor(@Root() record: DebtorRecord): Organization {
    return { uscc: record.debtorUscc };
  }

  @FieldResolver(() => Region, { nullable: true, description: '代码第3–8位所指行政区划 (the region of USCC positions 3–8)' })
  region(@Root() record: DebtorRecord): Region {
    return { code: record.regionCode };
  }

  @FieldResolver(() => [DebtorStatusEvent], { description: '状态变化记录 (status history)' })
  statusHistory(@Root() record: DebtorRecord, @Ctx() { caller }: Context): DebtorStatusEvent[] {
    // CONSUMER reads records off the list for the exchange's sake only (record.rules.ts): not the
    // decisions' free-text notes, which the public never read on such a record.
    const notes = !(caller.has('CONSUMER') && !seesAllRecords(caller));
    return record.history.map(({ status, reason, at, note }) => ({ status, reason, at, note: notes ? note : null }));
  }

  @FieldResolver(() => Boolean, { description: '是否已采取督促履行措施 (whether any push measure was taken on this case)' })
  pushed(@Root() record: DebtorRecord, @Ctx() { loaders }: Context): Promise<boolean> {
    return loaders.casePushed.load(record.caseNumber);
  }

  @FieldResolver(() => [PushAction], { description: '督促履行措施；限被执行单位和审计、法院、管理角色 (push measures; the debtor unit, AUDITOR, COURT, ADMIN)' })
  pushActions(@Root() record: DebtorRecord, @Ctx() context: Context): Promise<PushAction[]> {
    requireInsider(record, context);
    return context.loaders.actionsByCase.load(record.caseNumber);
  }

  @FieldResolver(() => [DebtorObjection], { description: '异议；限被执行单位和审计、法院、管理角色 (objections; the debtor unit, AUDITOR, COURT, ADMIN)' })
  objections(@Root() record: DebtorRecord, @Ctx() context: Context): Promise<DebtorObjection[]> {
    requireInsider(record, context);
    return context.loaders.objectionsByCase.load(record.caseNumber);
  }

  @FieldResolver(() => [CreditRepair], { description: '信用修复申请；限被执行单位和审计、法院、管理角色 (credit repair applications; the debtor unit, AUDITOR, COURT, ADMIN)' })
  creditRepairs(@Root() record: DebtorRecord, @Ctx() context: Context): Promise<CreditRepair[]> {
    requireInsider(record, context);
    return context.loaders.repairsByCase.load(record.caseNumber);
  }

  @Authorized('COURT')
  @Mutation(() => ImportResult, {
    description: `导入法院失信被执行人名单（字段名沿用法院名单），按案号幂等，逐行报错，已接收的行在一个事务内写入，每次最多${MAX_IMPORT_ROWS}行（法院） (import rows of the court list in its own field names: idempotent by case number, per-row errors, accepted rows written in one transaction, at most ${MAX_IMPORT_ROWS} rows; COURT)`,
  })
  importDebtorRecords(@Arg('records', () => [DebtorRecordInput]) records: DebtorRecordInput[], @Ctx() { em, caller }: Context): Promise<ImportResult> {
    rejectOversizedImport(records, 'records');
    return em.getRepository(DebtorRecord).importRows(records, caller);
  }

  @Authorized('COURT', 'ADMIN')
  @Mutation(() => DebtorRecord, { description: '将记录移出名单：履行、和解、申请执行人申请、终结执行或撤销；期限届满自动退出 (take a record off the list; a term that ends needs no call)' })
  async exitDebtorRecord(
    @Arg('caseNumber', () => String) caseNumber: string,
    @Arg('reason', () => ExitReason) reason: ExitReason,
    @Arg('exitedAt', () => String, { nullable: true, description: '退出日期，默认今天 (date, default today)' }) exitedAt: string | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() { em, caller }: Context,
  ): Promise<DebtorRecord> {
    const records = em.getRepository(DebtorRecord);
    return records.exit(await records.getOrFail(requireCaseNumber(caseNumber)), reason, exitedAt, note, caller);
  }
}
