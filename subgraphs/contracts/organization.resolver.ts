import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, readPageArgs, toPage, type SubgraphContext } from '../kit/index.js';
import { ContractConnection } from './contract.resolver.js';
import { ContractStatus } from './entities/enums.js';
import { Organization } from './entities/federated.js';
import type { ContractLoaders } from './loaders.js';
import { ContractSummary } from './reports/summary.js';

type Context = SubgraphContext<ContractLoaders>;

@Resolver(() => Organization)
export class OrganizationContractsResolver {
  @FieldResolver(() => ContractConnection, { nullable: true, description: '本单位作为政府方的合同，按合同标识排序 (contracts the unit signed as the government party, in id order)' })
  async contracts(
    @Root() organization: Organization,
    @Arg('status', () => ContractStatus, { nullable: true, description: '按状态筛选 (only this status)' }) status: ContractStatus | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders }: Context,
  ) {
    const window = readPageArgs(page);
    const afterId = window.afterKey === undefined ? null : String(window.afterKey);
    const [rows, total] = await Promise.all([
      loaders.contractPages.load({ governmentUscc: organization.uscc, status: status ?? null, limit: window.first + 1, afterId }),
      loaders.contractCounts.load({ governmentUscc: organization.uscc, status: status ?? null }),
    ]);
    for (const contract of rows) loaders.contract.prime(contract.id, contract);
    return toPage(rows, window, (c) => c.id, total);
  }

  @FieldResolver(() => ContractSummary, { nullable: true, description: '合同履约概况（无参数，供评价子图 @requires） (contract performance summary; argument-less, for the evaluation subgraph)' })
  contractSummary(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<ContractSummary> {
    return loaders.contractSummary.load(organization.uscc);
  }
}
