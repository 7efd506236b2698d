import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { today, type SubgraphContext } from '../kit/index.js';
import { DebtorRecord } from './entities/debtor-record.js';
import { DebtorStatus } from './entities/enums.js';
import { Organization } from './entities/federated.js';
import { summarizeDebtor } from './reports/ledger.js';
import type { CourtDebtorLoaders } from './loaders.js';
import { DebtorSummary } from './reports/types.js';
import { canSeeRecord, effectiveStatus } from './record.rules.js';

type Context = SubgraphContext<CourtDebtorLoaders>;

@Resolver(() => Organization)
export class OrganizationDebtorResolver {
  @FieldResolver(() => [DebtorRecord], { nullable: true, description: '本单位的失信被执行人记录，新的在前；公众只见在列的 (the unit\'s debtor records, newest first; PUBLIC sees those on the list)' })
  async debtorRecords(
    @Root() organization: Organization,
    @Arg('status', () => DebtorStatus, { nullable: true, description: '状态，不填为全部 (status; all when omitted)' }) status: DebtorStatus | null,
    @Ctx() { loaders, caller }: Context,
  ): Promise<DebtorRecord[]> {
    const on = today();
    const records = await loaders.recordsByDebtor.load(organization.uscc);
    return records.filter((r) => canSeeRecord(caller, r, on) && (status == null || effectiveStatus(r, on).status === status));
  }

  @FieldResolver(() => DebtorSummary, { nullable: true, description: '失信被执行情况概况，含扣分与预警所依据的案号（评价子图使用） (summary with the case numbers that cost points or warn; for the evaluation subgraph)' })
  async debtorSummary(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<DebtorSummary> {
    const on = today();
    const [records, pending] = await Promise.all([loaders.recordsByDebtor.load(organization.uscc), loaders.pendingByDebtor.load(organization.uscc)]);
    const onList = records.filter((r) => {
      const { status } = effectiveStatus(r, on);
      return status === DebtorStatus.ACTIVE || status === DebtorStatus.UNDER_OBJECTION;
    });
    const pushed = await loaders.casePushed.loadMany(onList.map((r) => r.caseNumber));
    const pushedCases = new Set(onList.filter((_, i) => pushed[i] === true).map((r) => r.caseNumber));
    return summarizeDebtor(records, pushedCases, pending, on);
  }
}
