import { Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PERSONAL, type SubgraphContext } from '../kit/index.js';
import { AppliedSanction } from './entities/applied-sanction.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { PublicOfficial } from './entities/federated.js';
import type { DishonestyLoaders } from './loaders.js';

type Context = SubgraphContext<DishonestyLoaders>;

/**
 * An official's records by pseudonym tie them to the person, so only the roles that read
 * officials' records in full may ask (seed 004 §四(八): officials with a record are restricted
 * in awards and promotion, which the organization department applies). Tagged personal: every
 * such read is audited, whether or not it also asks for the name.
 */
@Resolver(() => PublicOfficial)
export class OfficialDishonestyResolver {
  @Authorized('AUDITOR', 'ADMIN', 'PERSONNEL')
  @Directive(PERSONAL)
  @FieldResolver(() => [DishonestyRecord], { nullable: true, description: '本人的政务失信记录，新的在前；仅审计、管理与组织人事角色可见（每次读取记入审计日志） (the official\'s dishonesty records, newest first: AUDITOR, ADMIN and PERSONNEL only, each read audited)' })
  dishonestyRecords(@Root() official: PublicOfficial, @Ctx() { loaders }: Context): Promise<DishonestyRecord[]> {
    return loaders.recordsByOfficial.load(official.id);
  }

  /**
   * Seed 004 §四(八) "对存在政务失信记录的公务人员，按照相关规定采取限制评优评先等处理措施" and seed 002 §四(二)2
   * "提拔调任等事项的重要参考": what the official's records restrict, for the organization department
   * when it weighs awards and promotion. The same readers as the records, each read audited.
   */
  @Authorized('AUDITOR', 'ADMIN', 'PERSONNEL')
  @Directive(PERSONAL)
  @FieldResolver(() => [AppliedSanction], {
    nullable: true,
    description: '本人政务失信记录的惩戒措施（限制评先评优、提拔调任时作为参考），按记录新的在前；仅审计、管理与组织人事角色可见（每次读取记入审计日志） (the sanctions of the official\'s records, restricting awards and weighed in promotion, newest record first: AUDITOR, ADMIN and PERSONNEL only, each read audited)',
  })
  async dishonestySanctions(@Root() official: PublicOfficial, @Ctx() { loaders }: Context): Promise<AppliedSanction[]> {
    const records = await loaders.recordsByOfficial.load(official.id);
    return (await loaders.sanctionsByRecord.loadMany(records.map((r) => r.id))).flatMap((s) => (s instanceof Error ? [] : s));
  }
}
