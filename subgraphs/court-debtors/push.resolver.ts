import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../kit/index.js';
import { PushAction } from './entities/push-action.js';
import { PushActionInput } from './inputs.js';
import type { CourtDebtorLoaders } from './loaders.js';
import { recordPushAction, recordPushFeedback } from './push.repository.js';

type Context = SubgraphContext<CourtDebtorLoaders>;

@Resolver(() => PushAction)
export class PushActionResolver {
  @Authorized('AUDITOR', 'COURT', 'ADMIN')
  @Mutation(() => PushAction, { description: '登记督促履行措施（约谈、函告、通报、督办、现场督导），对象为在列或即将列入的案件 (record a push measure on a listed or about-to-be-listed case)' })
  recordPushAction(@Arg('input', () => PushActionInput) input: PushActionInput, @Ctx() { em, caller }: Context): Promise<PushAction> {
    return recordPushAction(em, input, caller);
  }

  @Authorized('ORGANIZATION', 'AUDITOR', 'COURT', 'ADMIN')
  @Mutation(() => PushAction, { description: '登记被督促单位的反馈：被执行单位本身或审计、法院、管理角色 (record the pushed body\'s feedback: the body itself, AUDITOR, COURT or ADMIN)' })
  recordPushFeedback(
    @Arg('actionId', () => ID) actionId: string,
    @Arg('feedback', () => String) feedback: string,
    @Arg('feedbackAt', () => String, { nullable: true, description: '反馈日期，默认今天 (date, default today)' }) feedbackAt: string | null,
    @Ctx() { em, caller }: Context,
  ): Promise<PushAction> {
    return recordPushFeedback(em, actionId, feedback, feedbackAt, caller);
  }
}
