import { Arg, Args, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  connectionType, maskPersonName, PERSONAL, PageArgs, readPageArgs, toPage, type SubgraphContext,
} from '../kit/index.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { Organization } from './entities/federated.js';
import { CommitmentLetterFilter, CommitmentLetterInput } from './inputs.js';
import { loadVisibleItem, loadVisibleLetter, type CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

const CommitmentLetterConnection = connectionType(CommitmentLetter, 'CommitmentLetter', '承诺书');

@Resolver(() => CommitmentLetter)
export class LetterResolver {
  @Query(() => CommitmentLetter, { nullable: true, description: '承诺书；公众只能看到已公示的 (a letter; PUBLIC sees published ones only)' })
  async commitmentLetter(@Arg('id', () => ID) id: string, @Ctx() { loaders, caller }: Context): Promise<CommitmentLetter | null> {
    return loadVisibleLetter(loaders, caller, id);
  }

  @Query(() => CommitmentItem, { nullable: true, description: '承诺事项（评价扣分来源可据此查看），其承诺书须可见 (an item, e.g. a deduction\'s source; its letter must be visible)' })
  async commitmentItem(@Arg('id', () => ID) id: string, @Ctx() { loaders, caller }: Context): Promise<CommitmentItem | null> {
    return loadVisibleItem(loaders, caller, id);
  }

  @Query(() => CommitmentLetterConnection, { description: '承诺书列表（政务承诺专栏）；公众只见已公示 (letters: the portal\'s commitment column; PUBLIC sees published only)' })
  async commitmentLetters(
    @Arg('filter', () => CommitmentLetterFilter, { nullable: true }) filter: CommitmentLetterFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, caller }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(CommitmentLetter).findPage(filter, window, caller);
    return toPage(rows, window, (l) => l.id, total);
  }

  @FieldResolver(() => Organization, { description: '承诺单位 (the committing organization)' })
  organization(@Root() letter: CommitmentLetter): Organization {
    return { uscc: letter.organizationUscc };
  }

  @FieldResolver(() => [CommitmentItem], { description: '承诺事项 (items, in order)' })
  items(@Root() letter: CommitmentLetter, @Ctx() { loaders }: Context): Promise<CommitmentItem[]> {
    return loaders.itemsByLetter.load(letter.id);
  }

  @Directive(PERSONAL)
  @FieldResolver(() => String, { nullable: true, description: '签发人；公众见脱敏姓名 (issuer; masked unless AUDITOR, ADMIN or the unit itself)' })
  issuer(@Root() letter: CommitmentLetter, @Ctx() { caller }: Context): string | null {
    if (!letter.issuer) return null;
    const ownUnit = caller.has('ORGANIZATION') && caller.uscc === letter.organizationUscc;
    return caller.seesPersonalData || ownUnit ? letter.issuer : maskPersonName(letter.issuer);
  }

  @Authorized('ORGANIZATION')
  @Mutation(() => CommitmentLetter, { description: '起草本单位承诺书（每年一份） (draft the caller\'s unit letter; one per year)' })
  createCommitmentLetter(@Arg('input', () => CommitmentLetterInput) input: CommitmentLetterInput, @Ctx() { em, caller }: Context): Promise<CommitmentLetter> {
    return em.getRepository(CommitmentLetter).createDraft(caller.uscc!, input);
  }

  @Authorized('ORGANIZATION', 'ADMIN')
  @Mutation(() => CommitmentLetter, { description: '修改草稿（签发后不可修改） (edit a draft; not after signing)' })
  async updateCommitmentLetter(@Arg('id', () => ID) id: string, @Arg('input', () => CommitmentLetterInput) input: CommitmentLetterInput, @Ctx() { em, caller }: Context): Promise<CommitmentLetter> {
    const letters = em.getRepository(CommitmentLetter);
    return letters.editDraft(await letters.getForWrite(id, caller), input);
  }

  @Authorized('ORGANIZATION', 'ADMIN')
  @Mutation(() => CommitmentLetter, { description: '主要负责人签发 (signed by the head)' })
  async signCommitmentLetter(
    @Arg('id', () => ID) id: string,
    @Arg('issuer', () => String, { description: '签发人 (issuer)' }) issuer: string,
    @Arg('signedAt', () => String, { nullable: true, description: '签发日期，默认今天 (date, default today)' }) signedAt: string | null,
    @Ctx() { em, caller }: Context,
  ): Promise<CommitmentLetter> {
    const letters = em.getRepository(CommitmentLetter);
    return letters.sign(await letters.getForWrite(id, caller), issuer, signedAt);
  }

  @Authorized('ORGANIZATION', 'ADMIN')
  @Mutation(() => CommitmentLetter, { description: '公示已签发的承诺书 (publish a signed letter)' })
  async publishCommitmentLetter(
    @Arg('id', () => ID) id: string,
    @Arg('channels', () => [String], { description: '公示渠道 (publication channels)' }) channels: string[],
    @Arg('publishedAt', () => String, { nullable: true }) publishedAt: string | null,
    @Ctx() { em, caller }: Context,
  ): Promise<CommitmentLetter> {
    const letters = em.getRepository(CommitmentLetter);
    return letters.publish(await letters.getForWrite(id, caller), channels, publishedAt);
  }

  @Authorized('ORGANIZATION', 'ADMIN')
  @Mutation(() => CommitmentLetter, {
    description: '撤回承诺书，须说明理由；已公示的还须说明法定事由，撤回后仍公开，其事项履行前仍计入评价 (withdraw a letter with a reason; a published one also needs its lawful ground, stays public as withdrawn, and its items count until fulfilled or lawfully changed)',
  })
  async withdrawCommitmentLetter(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Arg('legalReason', () => String, { nullable: true, description: '法定事由，撤回已公示的承诺书时必填（赣州 2023 §二(三)） (lawful ground; required for a published letter)' }) legalReason: string | null,
    @Ctx() { em, caller }: Context,
  ): Promise<CommitmentLetter> {
    const letters = em.getRepository(CommitmentLetter);
    return letters.withdraw(await letters.getForWrite(id, caller), reason, legalReason);
  }
}
