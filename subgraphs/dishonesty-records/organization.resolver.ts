import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { badInput, PageArgs, readPageArgs, toPage, type PageWindow, type SubgraphContext } from '../kit/index.js';
import type { DishonestyRecord } from './entities/dishonesty-record.js';
import { SubjectType } from './entities/enums.js';
import { Organization } from './entities/federated.js';
import type { DishonestyLoaders } from './loaders.js';
import { DishonestyRecordConnection } from './record.resolver.js';
import { canSeeRecord } from './record.rules.js';

type Context = SubgraphContext<DishonestyLoaders>;

/** A unit's list is newest first: its cursor is the last row's decision date and id. */
const newestFirstKey = (r: Pick<DishonestyRecord, 'decisionDate' | 'id'>): string => `${r.decisionDate}|${r.id}`;
const NEWEST_FIRST_KEY = /^(\d{4}-\d{2}-\d{2})\|([0-9a-f-]{36})$/;

/** The rows after the cursor of a list in (decision date descending, id ascending) order. */
function afterCursor(records: DishonestyRecord[], window: PageWindow): DishonestyRecord[] {
  if (window.afterKey === undefined) return records;
  const key = NEWEST_FIRST_KEY.exec(String(window.afterKey));
  if (!key) throw badInput('after 游标无效 (the after cursor is not one this list issued)', { field: 'after', rule: 'CURSOR' });
  const date = key[1]!;
  const id = key[2]!;
  return records.filter((r) => r.decisionDate < date || (r.decisionDate === date && r.id > id));
}

@Resolver(() => Organization)
export class OrganizationDishonestyResolver {
  /**
   * Paged like every other list (README "Pagination": 20 by default, at most 100): a unit's records
   * are few, so the loader reads each unit's whole list, for every unit of the request in one
   * statement, and the page is cut from it.
   */
  @FieldResolver(() => DishonestyRecordConnection, {
    nullable: true,
    description: '本单位及其公职人员的政务失信记录，新的在前，分页；公众只见已公开的（赣州方案§四(二)2"通过市公共信用信息平台公示"） (the unit\'s and its officials\' dishonesty records, newest first, paged; PUBLIC sees the published ones, seed 002 §四(二)2)',
  })
  async dishonestyRecords(
    @Root() organization: Organization,
    @Arg('subjectType', () => SubjectType, { nullable: true, description: '只看单位的或只看公职人员的，不填为全部 (the body\'s own or its officials\'; both when omitted)' }) subjectType: SubjectType | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { loaders, caller }: Context,
  ) {
    const window = readPageArgs(page);
    const records = (await loaders.recordsByOrganization.load(organization.uscc)).filter((r) => (subjectType == null || r.subjectType === subjectType) && canSeeRecord(caller, r));
    return toPage(afterCursor(records, window).slice(0, window.first + 1), window, newestFirstKey, records.length);
  }
}
