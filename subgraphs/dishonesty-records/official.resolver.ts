import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../kit/index.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { PublicOfficial } from './entities/federated.js';
import type { DishonestyLoaders } from './loaders.js';

type Context = SubgraphContext<DishonestyLoaders>;

/**
 * An official's records by pseudonym tie them to the person, so only the roles that read
 * officials' records in full may ask (seed 004 §四(八): officials with a record are restricted
 * in awards and promotion, which the organization department applies).
 */
@Resolver(() => PublicOfficial)
export class OfficialDishonestyResolver {
  @Authorized('AUDITOR', 'ADMIN', 'PERSONNEL')
  @FieldResolver(() => [DishonestyRecord], { nullable: true, description: '本人的政务失信记录，新的在前；仅审计、管理与组织人事角色可见 (the official\'s dishonesty records, newest first: AUDITOR, ADMIN and PERSONNEL only)' })
  dishonestyRecords(@Root() official: PublicOfficial, @Ctx() { loaders }: Context): Promise<DishonestyRecord[]> {
    return loaders.recordsByOfficial.load(official.id);
  }
}
