import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { errors, type SubgraphContext } from '../kit/index.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { FulfilmentInput, LawfulChangeInput } from './inputs.js';
import type { CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

async function itemForWrite(itemId: string, { em, caller }: Context): Promise<{ item: CommitmentItem; letter: CommitmentLetter }> {
  const item = await em.findOne(CommitmentItem, { id: itemId });
  if (!item) throw errors.notFound(`未找到承诺事项 ${itemId}`, `no commitment item ${itemId}`);
  const letter = await em.getRepository(CommitmentLetter).getForWrite(item.letterId, caller);
  return { item, letter };
}

@Resolver(() => CommitmentItem)
export class ItemResolver {
  @FieldResolver(() => CommitmentLetter, { description: '所属承诺书 (the letter it belongs to)' })
  letter(@Root() item: CommitmentItem, @Ctx() { loaders }: Context): Promise<CommitmentLetter> {
    return loaders.letter.load(item.letterId);
  }

  @Authorized('ORGANIZATION', 'ADMIN')
  @Mutation(() => CommitmentItem, { description: '登记事项履行情况（按季梳理） (record an item\'s fulfilment: the quarterly review)' })
  async recordFulfilment(@Arg('itemId', () => ID) itemId: string, @Arg('input', () => FulfilmentInput) input: FulfilmentInput, @Ctx() context: Context): Promise<CommitmentItem> {
    const { item, letter } = await itemForWrite(itemId, context);
    return context.em.getRepository(CommitmentLetter).recordFulfilment(item, letter, input);
  }

  @Authorized('ORGANIZATION', 'ADMIN')
  @Mutation(() => CommitmentItem, { description: '依法变更已公示的事项：须有法定理由并说明补偿 (lawful change of a published item: a legal reason and the compensation)' })
  async changeCommitmentItem(@Arg('itemId', () => ID) itemId: string, @Arg('input', () => LawfulChangeInput) input: LawfulChangeInput, @Ctx() context: Context): Promise<CommitmentItem> {
    const { item, letter } = await itemForWrite(itemId, context);
    return context.em.getRepository(CommitmentLetter).lawfulChange(item, letter, input);
  }
}
