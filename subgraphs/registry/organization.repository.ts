import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, checkRows, commitmentGroupOf, OrganizationKind, importTransaction, ImportResult, keepRows, loadExisting, regionCodeRange, writeRows, requireRegionCode, type PageWindow } from '../kit/index.js';
import { Organization } from './entities/organization.js';
import { Region } from './entities/region.js';
import type { OrganizationFilter, OrganizationInput } from './inputs.js';
import { checkOrganizationRow, organizationData, sameOrganizationAs } from './organization.rows.js';

export class OrganizationRepository extends EntityRepository<Organization> {
  /** One page of organizations in USCC order (keyset pagination), and how many match. */
  async findPage(filter: OrganizationFilter | null | undefined, window: PageWindow): Promise<{ rows: Organization[]; total: number }> {
    const where: FilterQuery<Organization> = {};
    if (filter?.regionCode) {
      const code = requireRegionCode(filter.regionCode, 'filter.regionCode');
      where.regionCode = filter.includeSubregions === false ? code : regionCodeRange(code);
    }
    const kinds = kindsMatching(filter);
    if (kinds?.length === 0) return { rows: [], total: 0 };
    if (kinds) where.kind = kinds.length === 1 ? kinds[0]! : { $in: kinds };
    if (filter?.level) where.level = filter.level;
    if (filter?.classified != null) where.classified = filter.classified;
    if (filter?.nameContains) {
      // Wildcards are dropped so that the text is matched literally on every database.
      const text = filter.nameContains.replace(/[%_\\]/g, '').trim();
      if (text) where.name = { $like: `%${text}%` };
    }
    const page: FilterQuery<Organization> =
      window.afterKey === undefined ? where : { $and: [where, { uscc: { $gt: String(window.afterKey) } }] };
    const rows = await this.find(page, { orderBy: { uscc: 'asc' }, limit: window.first + 1 });
    const total = await this.count(where);
    return { rows, total };
  }

  /**
   * Creates or updates organizations by USCC. Idempotent: a row equal to the stored record
   * counts as unchanged. Bad rows are reported with their row number and written not at
   * all; the good rows are written in one transaction. Codes that fail only the check
   * digits (early pilot codes) are accepted and flagged.
   */
  async importRows(rows: OrganizationInput[]): Promise<ImportResult> {
    const result = new ImportResult();
    const valid = checkRows(rows, result, checkOrganizationRow, sameOrganizationAs);

    await importTransaction(this.em, result, async (em) => {
      const knownRegions = await loadExisting(valid.map((v) => v.data.input.regionCode), (part) => em.find(Region, { code: { $in: part } }), (region) => region.code);
      const parents = valid.map((v) => v.data.input.parentUscc?.trim()).filter((p): p is string => !!p);
      // One lookup finds the stored rows and the superior bodies that exist.
      const existing = await loadExisting([...valid.map((v) => v.data.uscc), ...parents], (part) => em.find(Organization, { uscc: { $in: part } }), (organization) => organization.uscc);
      const knownParents = new Set([...valid.map((v) => v.data.uscc), ...existing.keys()]);

      const kept = keepRows(valid, result, ({ row, data: { input, pilotProblem } }) => {
        if (!knownRegions.has(input.regionCode)) {
          throw badInput(`未知的行政区划代码 ${input.regionCode} (unknown region ${input.regionCode})`, { field: 'regionCode', rule: 'UNKNOWN_REGION' });
        }
        const parentUscc = input.parentUscc?.trim() || null;
        if (parentUscc && !knownParents.has(parentUscc)) {
          throw badInput(`上级单位 ${parentUscc} 不存在 (superior body ${parentUscc} is unknown)`, { field: 'parentUscc', rule: 'UNKNOWN_PARENT' });
        }
        if (pilotProblem) {
          result.warn(row, `${pilotProblem}；按早期试点代码接收并标记 (accepted and flagged as an early pilot code)`, 'uscc', 'PILOT_CODE');
        }
      });
      const data = kept.map(({ row, data: checked }) => ({ row, data: organizationData(checked) }));
      writeRows(em, result, data, existing, { keyOf: (d) => d.uscc, create: (d) => em.create(Organization, d) });
    });
    return result;
  }
}

/**
 * The kinds a filter admits: `kind`, `kinds` and `commitmentGroup` together (their intersection),
 * or undefined when none is given. An empty intersection admits nothing.
 */
const KIND_COUNT = Object.values(OrganizationKind).length;

function kindsMatching(filter: OrganizationFilter | null | undefined): OrganizationKind[] | undefined {
  let kinds: OrganizationKind[] | undefined;
  const narrow = (allowed: OrganizationKind[]) => {
    kinds = kinds ? kinds.filter((k) => allowed.includes(k)) : [...new Set(allowed)];
  };
  if (filter?.kind) narrow([filter.kind]);
  if (filter?.kinds) {
    if (filter.kinds.length > KIND_COUNT) throw badInput(`单位类别最多${KIND_COUNT}个 (at most ${KIND_COUNT} kinds)`, { field: 'filter.kinds', rule: 'TOO_MANY' });
    narrow(filter.kinds);
  }
  if (filter?.commitmentGroup) narrow(Object.values(OrganizationKind).filter((k) => commitmentGroupOf(k) === filter.commitmentGroup));
  return kinds;
}
