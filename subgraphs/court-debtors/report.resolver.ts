import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { mirroredOrganizations, PageArgs, readPageArgs, requireRegionCode, toPage, type SubgraphContext } from '../kit/index.js';
import { ListedDebtorFilter } from './inputs.js';
import { computePushCoverage, loadRegionLedger } from './reports/ledger.js';
import type { CourtDebtorLoaders } from './loaders.js';
import { computeReconciliation, type ComputedReconciliation } from './reports/reconciliation.js';
import { DebtorReconciliation, ListedDebtor, ListedDebtorConnection, PushCoverageReport } from './reports/types.js';

type Context = SubgraphContext<CourtDebtorLoaders>;

/** Keyset paging over a list already sorted by USCC. */
function pageOf(list: ListedDebtor[], page: PageArgs) {
  const window = readPageArgs(page);
  const start = window.afterKey === undefined ? 0 : list.findIndex((d) => d.uscc > String(window.afterKey));
  return toPage(start < 0 ? [] : list.slice(start, start + window.first + 1), window, (d) => d.uscc, list.length);
}

@Resolver(() => PushCoverageReport)
export class PushCoverageResolver {
  @Query(() => PushCoverageReport, { description: '督促履行覆盖率（目标100%）：在列政府机构中已督促的比例 (push coverage of the listed government bodies of a region and its subregions; target 100 %)' })
  pushCoverage(@Arg('regionCode', () => String) regionCode: string, @Ctx() { em }: Context): Promise<PushCoverageReport> {
    return computePushCoverage(em, requireRegionCode(regionCode));
  }

  @Query(() => ListedDebtorConnection, { description: '在列失信单位台账（按代码第3–8位归属区划，机构编制子图未登记的单位也在内） (the ledger of listed bodies by USCC region, bodies unknown to the registry included)' })
  async listedDebtors(
    @Arg('filter', () => ListedDebtorFilter, { nullable: true }) filter: ListedDebtorFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: Context,
  ) {
    // Validate paging before the work.
    readPageArgs(page);
    const regionCode = filter?.regionCode ? requireRegionCode(filter.regionCode, 'filter.regionCode') : null;
    const ledger = (await loadRegionLedger(em, regionCode)).filter(
      (d) => d.activeRecords > 0 && (filter?.governmentOnly === false || d.governmentBody) && (filter?.pushed == null || d.pushed === filter.pushed),
    );
    return pageOf(ledger, page);
  }
}

@Resolver(() => DebtorReconciliation)
export class ReconciliationResolver {
  @Authorized('AUDITOR', 'COURT', 'ADMIN')
  @Query(() => DebtorReconciliation, { description: '失信名单与机构编制数据比对：机构编制子图未登记的在列单位（审计、法院、管理角色） (the court list against the registry: listed bodies the registry does not know; AUDITOR, COURT, ADMIN)' })
  async debtorReconciliation(@Arg('regionCode', () => String) regionCode: string, @Ctx() { em }: Context): Promise<ComputedReconciliation> {
    const code = requireRegionCode(regionCode);
    return computeReconciliation(em, code, (await mirroredOrganizations(em, code)).map((o) => o.uscc));
  }

  @FieldResolver(() => ListedDebtorConnection, { description: '机构编制数据中没有的在列单位，待核对 (listed bodies unknown to the registry, to reconcile)' })
  unmatchedDebtors(@Root() reconciliation: ComputedReconciliation, @Args(() => PageArgs) page: PageArgs) {
    return pageOf(reconciliation.unmatched, page);
  }
}
