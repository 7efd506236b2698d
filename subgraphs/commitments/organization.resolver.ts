import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { today, type SubgraphContext } from '../kit/index.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { Organization } from './entities/federated.js';
import { CommitmentSummary } from './reports/types.js';
import { canSee } from './letter.rules.js';
import type { CommitmentLoaders } from './loaders.js';
import { summarize } from './reports/summary.js';

type Context = SubgraphContext<CommitmentLoaders>;

@Resolver(() => Organization)
export class OrganizationCommitmentsResolver {
  // Nullable, like every field a subgraph adds to another's entity: if this subgraph is down,
  // the organization still comes back from the registry (partial results).
  @FieldResolver(() => [CommitmentLetter], { nullable: true, description: '本单位承诺书（撤回的除外），公众只见已公示 (the unit\'s letters, withdrawn ones left out; PUBLIC sees published only)' })
  async commitmentLetters(
    @Root() organization: Organization,
    @Arg('year', () => Int, { nullable: true, description: '年度，不填为全部 (year; all when omitted)' }) year: number | null,
    @Ctx() { loaders, caller }: Context,
  ): Promise<CommitmentLetter[]> {
    const letters = await loaders.lettersByOrganization.load({ uscc: organization.uscc, year: year ?? null });
    return letters.filter((letter) => canSee(caller, letter));
  }

  @FieldResolver(() => CommitmentSummary, { nullable: true, description: '年度承诺概况，默认本年（评价子图据此扣分） (the year\'s commitments summarised, default this year; the evaluation subgraph scores from it)' })
  async commitmentSummary(
    @Root() organization: Organization,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() { loaders }: Context,
  ): Promise<CommitmentSummary> {
    return summaryFor(organization.uscc, year ?? Number(today().slice(0, 4)), loaders);
  }

  @FieldResolver(() => CommitmentSummary, { nullable: true, description: '本年度承诺概况，无参数，供评价子图 @requires 使用 (this year\'s summary, without arguments, for the evaluation subgraph\'s @requires)' })
  currentCommitmentSummary(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<CommitmentSummary> {
    return summaryFor(organization.uscc, Number(today().slice(0, 4)), loaders);
  }
}

async function summaryFor(uscc: string, year: number, loaders: CommitmentLoaders): Promise<CommitmentSummary> {
  const [letter] = await loaders.lettersByOrganization.load({ uscc, year });
  const items = letter ? await loaders.itemsByLetter.load(letter.id) : [];
  return summarize(year, letter, items);
}
