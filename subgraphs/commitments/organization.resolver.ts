import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { today, type SubgraphContext } from '../kit/index.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { Organization } from './entities/federated.js';
import { CommitmentSummary } from './reports/types.js';
import { canSee, isBinding } from './letter.rules.js';
import { LetterStatus } from './entities/enums.js';
import type { CommitmentLoaders } from './loaders.js';
import { summarize } from './reports/summary.js';

type Context = SubgraphContext<CommitmentLoaders>;

@Resolver(() => Organization)
export class OrganizationCommitmentsResolver {
  // Nullable, like every field a subgraph adds to another's entity: if this subgraph is down,
  // the organization still comes back from the registry (partial results).
  @FieldResolver(() => [CommitmentLetter], {
    nullable: true,
    description: '本单位承诺书；公示后撤回的仍列出（含撤回理由），未公示即撤回的不列；公众只见已公示及公示后撤回的 (the unit\'s letters; one withdrawn after publication stays listed with its reasons, one withdrawn before is left out; PUBLIC sees the published and the withdrawn-after-publication ones)',
  })
  async commitmentLetters(
    @Root() organization: Organization,
    @Arg('year', () => Int, { nullable: true, description: '年度，不填为全部 (year; all when omitted)' }) year: number | null,
    @Ctx() { loaders, caller }: Context,
  ): Promise<CommitmentLetter[]> {
    const letters = await loaders.lettersByOrganization.load({ uscc: organization.uscc, year: year ?? null });
    return letters.filter((letter) => (letter.status !== LetterStatus.WITHDRAWN || isBinding(letter)) && canSee(caller, letter));
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
  // Every year's letters at once (one statement for a page of units): earlier years' open items still count.
  // summarize leaves out the later years' letters.
  const letters = await loaders.lettersByOrganization.load({ uscc, year: null });
  const withItems = await Promise.all(letters.map(async (letter) => ({ letter, items: await loaders.itemsByLetter.load(letter.id) })));
  return summarize(year, withItems);
}
