import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, CommitmentGroup, commitmentGroupOf, connectionType, ImportResult, loadOrNull, MAX_IMPORT_ROWS, rejectOversizedImport, throwFirstRowError, PageArgs, readPageArgs, RegistrantType, requireUscc, requireUsccShape,
  toPage, usccRegistrant, type SubgraphContext,
} from '../kit/index.js';
import { PublicOfficial } from './entities/public-official.js';
import { Organization } from './entities/organization.js';
import { Region } from './entities/region.js';
import { OrganizationFilter, OrganizationInput } from './inputs.js';
import type { RegistryLoaders } from './loaders.js';

type Context = SubgraphContext<RegistryLoaders>;

/** As many organizations as `organizationsByUscc` answers at once. */
export const ORGANIZATIONS_BY_USCC_MAX = 100;

const OrganizationConnection = connectionType(Organization, 'Organization', '单位');
const PublicOfficialConnection = connectionType(PublicOfficial, 'PublicOfficial', '公职人员');

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, {
    nullable: true,
    description: '按统一社会信用代码查询单位；未知时为 null，代码格式错误时报 BAD_USER_INPUT (an organization by USCC: null when unknown, BAD_USER_INPUT when malformed)',
  })
  async organization(@Arg('uscc', () => String) uscc: string, @Ctx() { loaders }: Context): Promise<Organization | null> {
    const code = requireUsccShape(uscc);
    const found = await loadOrNull(loaders.organization, code);
    if (found) return found;
    // A registered early pilot code is found above; an unknown code that fails the check is an input error.
    requireUscc(code);
    return null;
  }

  @Query(() => [Organization], {
    nullable: 'items',
    description: `按统一社会信用代码批量查询单位，按所给顺序，未知为 null，每次最多${ORGANIZATIONS_BY_USCC_MAX}个（评价子图等读模型据此批量取数） (organizations by USCC, in the order given, null when unknown; at most ${ORGANIZATIONS_BY_USCC_MAX}: read models fetch their inputs in batches with it)`,
  })
  async organizationsByUscc(@Arg('usccs', () => [String]) usccs: string[], @Ctx() { loaders }: Context): Promise<Array<Organization | null>> {
    if (usccs.length > ORGANIZATIONS_BY_USCC_MAX) {
      throw badInput(`每次最多查询${ORGANIZATIONS_BY_USCC_MAX}个单位 (at most ${ORGANIZATIONS_BY_USCC_MAX} codes)`, { field: 'usccs', rule: 'TOO_MANY' });
    }
    return Promise.all(usccs.map((uscc) => loadOrNull(loaders.organization, requireUsccShape(uscc, 'usccs'))));
  }

  @Query(() => OrganizationConnection, { description: '单位列表 (organizations, in USCC order)' })
  async organizations(
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em }: Context,
  ) {
    const window = readPageArgs(page);
    const { rows, total } = await em.getRepository(Organization).findPage(filter, window);
    return toPage(rows, window, (o) => o.uscc, total);
  }

  @FieldResolver(() => Region, { description: '所在行政区划 (region it sits in)' })
  region(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Region> {
    return loaders.region.load(organization.regionCode);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '上级单位 (superior body)' })
  parent(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<Organization | null> {
    return organization.parentUscc ? loadOrNull(loaders.organization, organization.parentUscc) : Promise.resolve(null);
  }

  @FieldResolver(() => RegistrantType, { description: '登记类别，取自代码第1–2位 (registration type, from USCC positions 1–2)' })
  registrant(@Root() organization: Organization): RegistrantType {
    return usccRegistrant(organization.uscc) as RegistrantType;
  }

  @FieldResolver(() => CommitmentGroup, {
    nullable: true,
    description: '承诺主体分组：其承诺计入哪一项覆盖率（只有各级政府及部门计入85%目标） (the coverage group its letters count in; only governments and their departments count toward the target)',
  })
  commitmentGroup(@Root() organization: Organization): CommitmentGroup | null {
    return commitmentGroupOf(organization.kind) ?? null;
  }

  @FieldResolver(() => Int, { description: '在职公职人员数 (number of officials)' })
  officialCount(@Root() organization: Organization, @Ctx() { loaders }: Context): Promise<number> {
    return loaders.officialCount.load(organization.uscc);
  }

  @FieldResolver(() => PublicOfficialConnection, { description: '本单位公职人员 (officials of this organization)' })
  async officials(@Root() organization: Organization, @Args(() => PageArgs) page: PageArgs, @Ctx() { loaders }: Context) {
    const window = readPageArgs(page);
    const afterId = window.afterKey === undefined ? null : String(window.afterKey);
    const [rows, total] = await Promise.all([
      loaders.officialPages.load({ organizationUscc: organization.uscc, limit: window.first + 1, afterId }),
      loaders.officialCount.load(organization.uscc),
    ]);
    return toPage(rows, window, (o) => o.id, total);
  }

  @Authorized('ADMIN')
  @Mutation(() => Organization, { description: '新增或更新一个单位（管理员） (create or update one organization; ADMIN)' })
  async upsertOrganization(@Arg('input', () => OrganizationInput) input: OrganizationInput, @Ctx() { em }: Context): Promise<Organization> {
    throwFirstRowError(await em.getRepository(Organization).importRows([input]));
    return em.findOneOrFail(Organization, { uscc: input.uscc.trim() });
  }

  @Authorized('ADMIN')
  @Mutation(() => ImportResult, {
    description: `批量导入单位，按代码幂等，逐行报错，每次最多${MAX_IMPORT_ROWS}行（管理员） (bulk import, idempotent by USCC, per-row errors, at most ${MAX_IMPORT_ROWS} rows; ADMIN)`,
  })
  importOrganizations(@Arg('rows', () => [OrganizationInput]) rows: OrganizationInput[], @Ctx() { em }: Context): Promise<ImportResult> {
    rejectOversizedImport(rows, 'rows');
    return em.getRepository(Organization).importRows(rows);
  }
}
