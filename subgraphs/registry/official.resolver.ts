import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  badInput, ImportResult, loadOrNull, ROSTER_BATCH, PERSONAL, MAX_IMPORT_ROWS, maskIdNumber, maskPersonName, maskPhone, officialIdFrom,
  rejectOversizedImport, throwFirstRowError, unseal, type SubgraphContext,
} from '../kit/index.js';
import { PublicOfficial } from './entities/public-official.js';
import { Organization } from './entities/organization.js';
import { OfficialInput } from './inputs.js';
import type { RegistryLoaders } from './loaders.js';

type Context = SubgraphContext<RegistryLoaders>;

@Resolver(() => PublicOfficial)
export class OfficialResolver {
  @Query(() => PublicOfficial, { nullable: true, description: '按化名标识查询公职人员 (an official by pseudonym id)' })
  official(@Arg('id', () => ID) id: string, @Ctx() { loaders }: Context): Promise<PublicOfficial | null> {
    return loadOrNull(loaders.official, id);
  }

  @Query(() => [PublicOfficial], {
    nullable: 'items',
    description: `按化名标识批量查询公职人员，按所给顺序，未知为 null，每次最多${ROSTER_BATCH}个 (officials by pseudonym id, in the order given, null when unknown; at most ${ROSTER_BATCH})`,
  })
  async officialsById(@Arg('ids', () => [ID]) ids: string[], @Ctx() { loaders }: Context): Promise<Array<PublicOfficial | null>> {
    if (ids.length > ROSTER_BATCH) {
      throw badInput(`每次最多查询${ROSTER_BATCH}个化名 (at most ${ROSTER_BATCH} ids)`, { field: 'ids', rule: 'TOO_MANY' });
    }
    return Promise.all(ids.map((id) => loadOrNull(loaders.official, id)));
  }

  @FieldResolver(() => String, { description: '姓名；公众仅见脱敏形式如"王*明" (name; masked like 王*明 unless AUDITOR or ADMIN)' })
  @Directive(PERSONAL)
  name(@Root() official: PublicOfficial, @Ctx() { caller }: Context): string {
    return caller.seesPersonalData ? official.name : maskPersonName(official.name);
  }

  @FieldResolver(() => String, { nullable: true, description: '公民身份号码；仅审计与管理角色可见，其他为 null (ID number: AUDITOR and ADMIN only, null otherwise)' })
  @Directive(PERSONAL)
  idNumber(@Root() official: PublicOfficial, @Ctx() { caller }: Context): string | null {
    return caller.seesPersonalData ? unseal(official.idNumberSealed) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '身份号码脱敏形式，仅显示前六位地区码，如 230102************ (masked ID number: only the six-digit region code is shown)' })
  maskedIdNumber(@Root() official: PublicOfficial): string {
    return maskIdNumber(unseal(official.idNumberSealed));
  }

  @FieldResolver(() => String, { nullable: true, description: '联系电话；公众仅见脱敏形式 (phone; masked unless AUDITOR or ADMIN)' })
  @Directive(PERSONAL)
  phone(@Root() official: PublicOfficial, @Ctx() { caller }: Context): string | null {
    if (!official.phoneSealed) return null;
    const phone = unseal(official.phoneSealed);
    return caller.seesPersonalData ? phone : maskPhone(phone);
  }

  @FieldResolver(() => Organization, { description: '所在单位 (organization)' })
  organization(@Root() official: PublicOfficial, @Ctx() { loaders }: Context): Promise<Organization> {
    return loaders.organization.load(official.organizationUscc);
  }

  @Authorized('ADMIN')
  @Mutation(() => PublicOfficial, { description: '新增或更新一名公职人员（管理员） (create or update one official; ADMIN)' })
  async upsertOfficial(@Arg('input', () => OfficialInput) input: OfficialInput, @Ctx() { em }: Context): Promise<PublicOfficial> {
    throwFirstRowError(await em.getRepository(PublicOfficial).importRows([input]));
    return em.findOneOrFail(PublicOfficial, { id: officialIdFrom(input.idNumber) });
  }

  @Authorized('ADMIN')
  @Mutation(() => ImportResult, {
    description: `批量导入公职人员，按身份号码幂等，逐行报错，每次最多${MAX_IMPORT_ROWS}行（管理员） (bulk import, idempotent by ID number, per-row errors; ADMIN)`,
  })
  importOfficials(@Arg('rows', () => [OfficialInput]) rows: OfficialInput[], @Ctx() { em }: Context): Promise<ImportResult> {
    rejectOversizedImport(rows, 'rows');
    return em.getRepository(PublicOfficial).importRows(rows);
  }
}
