import { Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { PERSONAL, type SubgraphContext } from '../kit/index.js';
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
}
