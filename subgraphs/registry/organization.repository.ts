import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, chunked, ImportResult, regionCodeRange, requireRegionCode, type PageWindow } from '../kit/index.js';
import { Organization } from './entities/organization.js';
import { Region } from './entities/region.js';
import type { OrganizationFilter, OrganizationInput } from './inputs.js';
import { checkOrganizationRow } from './organization.rows.js';

export class OrganizationRepository extends EntityRepository<Organization> {
  /** One page of organizations in USCC order (keyset pagination), and how many match. */
  async findPage(filter: OrganizationFilter | null | undefined, window: PageWindow): Promise<{ rows: Organization[]; total: number }> {
    const where: FilterQuery<Organization> = {};
    if (filter?.regionCode) {
      const code = requireRegionCode(filter.regionCode, 'filter.regionCode');
      where.regionCode = filter.includeSubregions === false ? code : regionCodeRange(code);
    }
    if (filter?.kind) where.kind = filter.kind;
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
    const valid = new Map<string, { row: number; input: OrganizationInput; pilotProblem: string | null }>();
    const regionCodes = new Set<string>();

    rows.forEach((input, index) => {
      const row = index + 1;
      try {
        const { uscc, input: checked, pilotProblem } = checkOrganizationRow(input);
        const earlier = valid.get(uscc);
        if (earlier) {
          return result.reject(row, badInput(`与第${earlier.row}行的统一社会信用代码重复 (duplicate of row ${earlier.row})`, { field: 'uscc', rule: 'DUPLICATE' }));
        }
        valid.set(uscc, { row, input: checked, pilotProblem });
        regionCodes.add(input.regionCode);
      } catch (error) {
        result.reject(row, error);
      }
    });

    await this.em.transactional(async (em) => {
      const knownRegions = new Set<string>();
      for (const part of chunked([...regionCodes])) {
        for (const region of await em.find(Region, { code: { $in: part } })) knownRegions.add(region.code);
      }
      const parents = [...new Set([...valid.values()].map((v) => v.input.parentUscc?.trim()).filter((p): p is string => !!p))];
      const knownParents = new Set<string>(valid.keys());
      const existing = new Map<string, Organization>();
      for (const part of chunked([...new Set([...valid.keys(), ...parents])])) {
        for (const organization of await em.find(Organization, { uscc: { $in: part } })) {
          knownParents.add(organization.uscc);
          if (valid.has(organization.uscc)) existing.set(organization.uscc, organization);
        }
      }

      for (const [uscc, { row, input, pilotProblem }] of valid) {
        if (!knownRegions.has(input.regionCode)) {
          result.reject(row, badInput(`未知的行政区划代码 ${input.regionCode} (unknown region ${input.regionCode})`, { field: 'regionCode', rule: 'UNKNOWN_REGION' }));
          continue;
        }
        const parentUscc = input.parentUscc?.trim() || null;
        if (parentUscc && !knownParents.has(parentUscc)) {
          result.reject(row, badInput(`上级单位 ${parentUscc} 不存在 (superior body ${parentUscc} is unknown)`, { field: 'parentUscc', rule: 'UNKNOWN_PARENT' }));
          continue;
        }
        if (pilotProblem) {
          result.warn(row, `${pilotProblem}；按早期试点代码接收并标记 (accepted and flagged as an early pilot code)`, 'uscc', 'PILOT_CODE');
        }
        const data = {
          uscc,
          name: input.name,
          kind: input.kind,
          level: input.level,
          regionCode: input.regionCode,
          parentUscc,
          classified: input.classified ?? false,
          usccCheckPassed: pilotProblem === null,
        };
        const current = existing.get(uscc);
        if (!current) {
          em.create(Organization, data);
          result.accepted++;
        } else if (
          current.name === data.name && current.kind === data.kind && current.level === data.level &&
          current.regionCode === data.regionCode && current.parentUscc === data.parentUscc &&
          current.classified === data.classified && current.usccCheckPassed === data.usccCheckPassed
        ) {
          result.unchanged++;
        } else {
          em.assign(current, data);
          result.updated++;
        }
      }
    });
    return result;
  }
}
