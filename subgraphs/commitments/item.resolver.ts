import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { errors, type SubgraphContext } from '../kit/index.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { FulfilmentRecordKind } from './entities/enums.js';
import { FulfilmentRecord } from './entities/fulfilment-record.js';
import { deriveFulfilment } from './fulfilment.rules.js';
import { FulfilmentInput, LawfulChangeInput } from './inputs.js';
import type { CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

async function itemForWrite(itemId: string, { em, caller }: Context): Promise<{ item: CommitmentItem; letter: CommitmentLetter }> {
  const item = await em.findOne(CommitmentItem, { id: itemId });
  if (!item) throw errors.notFound(`未找到承诺事项 ${itemId}`, `no commitment item ${itemId}`);
  const letter = await em.getRepository(CommitmentLetter).getForWrite(item.letterId, caller);
  return { item, letter };
}

/** An item an auditor reviews: any unit's, but only one the caller may read (its letter was published). */
async function itemForFinding(itemId: string, { em, caller }: Context): Promise<{ item: CommitmentItem; letter: CommitmentLetter }> {
  const item = await em.findOne(CommitmentItem, { id: itemId });
  if (!item) throw errors.notFound(`未找到承诺事项 ${itemId}`, `no commitment item ${itemId}`);
  return { item, letter: await em.getRepository(CommitmentLetter).getVisible(item.letterId, caller) };
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
    return context.em.getRepository(CommitmentLetter).recordFulfilment(item, letter, input, FulfilmentRecordKind.SELF_REPORT, context.caller);
  }

  @Authorized('AUDITOR', 'ADMIN')
  @Mutation(() => CommitmentItem, {
    description: '审核认定事项履行情况，须写明依据；认定优先于单位自报，与自报不符即为有争议 (an auditor\'s finding on an item, with its grounds: it prevails over the unit\'s report, and a finding that differs marks the report disputed)',
  })
  async recordFulfilmentFinding(@Arg('itemId', () => ID) itemId: string, @Arg('input', () => FulfilmentInput) input: FulfilmentInput, @Ctx() context: Context): Promise<CommitmentItem> {
    const { item, letter } = await itemForFinding(itemId, context);
    return context.em.getRepository(CommitmentLetter).recordFulfilment(item, letter, input, FulfilmentRecordKind.FINDING, context.caller);
  }

  @FieldResolver(() => [FulfilmentRecord], { description: '履行记录：单位自报与审核认定，按记录先后 (fulfilment records, the unit\'s reports and auditors\' findings, oldest first)' })
  fulfilmentHistory(@Root() item: CommitmentItem, @Ctx() { loaders }: Context): Promise<FulfilmentRecord[]> {
    return loaders.fulfilmentRecords.load(item.id);
  }

  @FieldResolver(() => Boolean, { description: '单位自报与最近一次审核认定不符 (the latest finding disagrees with the unit\'s report it reviewed)' })
  async fulfilmentDisputed(@Root() item: CommitmentItem, @Ctx() { loaders }: Context): Promise<boolean> {
    return deriveFulfilment(await loaders.fulfilmentRecords.load(item.id)).disputed;
  }

  @FieldResolver(() => Boolean, { description: '单位在最近一次认定后又有自报，待审核 (the unit reported after the latest finding: awaiting review)' })
  async fulfilmentReportAwaitingReview(@Root() item: CommitmentItem, @Ctx() { loaders }: Context): Promise<boolean> {
    return deriveFulfilment(await loaders.fulfilmentRecords.load(item.id)).reportAwaitingReview;
  }

  @Authorized('ORGANIZATION', 'ADMIN')
  @Mutation(() => CommitmentItem, { description: '依法变更已公示的事项：须有法定理由并说明补偿 (lawful change of a published item: a legal reason and the compensation)' })
  async changeCommitmentItem(@Arg('itemId', () => ID) itemId: string, @Arg('input', () => LawfulChangeInput) input: LawfulChangeInput, @Ctx() context: Context): Promise<CommitmentItem> {
    const { item, letter } = await itemForWrite(itemId, context);
    return context.em.getRepository(CommitmentLetter).lawfulChange(item, letter, input);
  }
}
