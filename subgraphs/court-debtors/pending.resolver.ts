import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionType, ImportResult, loadOrNull, MAX_IMPORT_ROWS, PageArgs, readPageArgs, rejectOversizedImport, requireCaseNumber, toPage, type SubgraphContext } from '../kit/index.js';
import { PendingCaseOutcome } from './entities/enums.js';
import { Organization } from './entities/federated.js';
import { PendingCase } from './entities/pending-case.js';
import { PushAction } from './entities/push-action.js';
import { PendingCaseFilter, PendingCaseInput } from './inputs.js';
import type { CourtDebtorLoaders } from './loaders.js';
import { formatFen } from '../kit/money.js';
import { canSeePending, closePendingCase, findPendingPage, importPendingCases } from './pending.repository.js';

type Context = SubgraphContext<CourtDebtorLoaders>;

const PendingCaseConnection = connectionType(PendingCase, 'PendingDebtorCase', '即将列入案件');

@Resolver(() => PendingCase)
export class PendingCaseResolver {
  @Authorized('AUDITOR', 'COURT', 'ADMIN', 'ORGANIZATION')
  @Query(() => PendingCaseConnection, { description: '即将列入失信名单的案件（预警），默认只看政府机构；单位只见本单位的 (cases about to be listed: the warning list; government bodies by default; a unit sees its own)' })
  async aboutToBeListed(
    @Arg('filter', () => PendingCaseFilter, { nullable: true }) filter: PendingCaseFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, caller }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await findPendingPage(em, filter, window, caller);
    return toPage(rows, window, (p) => p.caseNumber, total);
  }

  @Query(() => PendingCase, { nullable: true, description: '按案号查询即将列入的案件；法院、审计、管理角色及本单位可见，其他调用方为 null (a case about to be listed, by case number: for the courts, auditors, administrators and the unit itself; null to others)' })
  async pendingCase(@Arg('caseNumber', () => String) caseNumber: string, @Ctx() { loaders, caller }: Context): Promise<PendingCase | null> {
    const pending = await loadOrNull(loaders.pending, requireCaseNumber(caseNumber, 'caseNumber'));
    return pending && canSeePending(caller, pending) ? pending : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '执行标的金额（元） (amount at stake, CNY)' })
  amount(@Root() pending: PendingCase): string | null {
    return pending.amountFen === null ? null : formatFen(BigInt(pending.amountFen));
  }

  @FieldResolver(() => Organization, { nullable: true, description: '被执行单位 (the debtor organization)' })
  debtor(@Root() pending: PendingCase): Organization {
    return { uscc: pending.debtorUscc };
  }

  @FieldResolver(() => [PushAction], { description: '列入前的督促履行措施 (push measures taken before listing)' })
  pushActions(@Root() pending: PendingCase, @Ctx() { loaders }: Context): Promise<PushAction[]> {
    return loaders.actionsByCase.load(pending.caseNumber);
  }

  @Authorized('COURT')
  @Mutation(() => ImportResult, { description: `报送即将列入的执行案件（法院），按案号幂等，逐行报错，每次最多${MAX_IMPORT_ROWS}行 (report execution cases about to be listed; idempotent by case number, per-row errors; COURT)` })
  importPendingCases(@Arg('cases', () => [PendingCaseInput]) cases: PendingCaseInput[], @Ctx() { em }: Context): Promise<ImportResult> {
    rejectOversizedImport(cases, 'cases');
    return importPendingCases(em, cases);
  }

  @Authorized('COURT', 'ADMIN')
  @Mutation(() => PendingCase, { description: '即将列入的案件未经列入即结束：已履行、已和解或撤回 (a case ended without a listing)' })
  closePendingCase(
    @Arg('caseNumber', () => String) caseNumber: string,
    @Arg('outcome', () => PendingCaseOutcome) outcome: PendingCaseOutcome,
    @Ctx() { em }: Context,
  ): Promise<PendingCase> {
    return closePendingCase(em, requireCaseNumber(caseNumber), outcome);
  }
}
