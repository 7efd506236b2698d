import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../kit/index.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { SubjectType } from './entities/enums.js';
import { Organization } from './entities/federated.js';
import type { DishonestyLoaders } from './loaders.js';
import { canSeeRecord } from './record.rules.js';

type Context = SubgraphContext<DishonestyLoaders>;

@Resolver(() => Organization)
export class OrganizationDishonestyResolver {
  @FieldResolver(() => [DishonestyRecord], {
    nullable: true,
    description: '本单位及其公职人员的政务失信记录，新的在前；公众只见已公开的（赣州方案§四(二)2"通过市公共信用信息平台公示"） (the unit\'s and its officials\' dishonesty records, newest first; PUBLIC sees the published ones, seed 002 §四(二)2)',
  })
  async dishonestyRecords(
    @Root() organization: Organization,
    @Arg('subjectType', () => SubjectType, { nullable: true, description: '只看单位的或只看公职人员的，不填为全部 (the body\'s own or its officials\'; both when omitted)' }) subjectType: SubjectType | null,
    @Ctx() { loaders, caller }: Context,
  ): Promise<DishonestyRecord[]> {
    const records = await loaders.recordsByOrganization.load(organization.uscc);
    return records.filter((r) => (subjectType == null || r.subjectType === subjectType) && canSeeRecord(caller, r));
  }
}
