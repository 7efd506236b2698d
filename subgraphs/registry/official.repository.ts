import { EntityRepository } from '@mikro-orm/knex';
import { badInput, chunked, ImportResult, officialPseudonym, seal, unseal } from '../kit/index.js';
import { PublicOfficial } from './entities/public-official.js';
import { Organization } from './entities/organization.js';
import type { OfficialInput } from './inputs.js';
import { checkOfficialRow, type CheckedOfficialRow } from './official.rows.js';


export class OfficialRepository extends EntityRepository<PublicOfficial> {
  /**
   * Creates or updates officials by pseudonym. The ID number is checked (GB 11643), turned
   * into the pseudonym and sealed; it never appears in an error message. Bad rows are
   * reported and not written; good rows are written in one transaction.
   */
  async importRows(rows: OfficialInput[]): Promise<ImportResult> {
    const result = new ImportResult();
    const valid = new Map<string, { row: number; idNumber: string; input: OfficialInput }>();

    rows.forEach((input, index) => {
      const row = index + 1;
      let checked: CheckedOfficialRow;
      try {
        checked = checkOfficialRow(input);
      } catch (error) {
        return result.reject(row, error);
      }
      const { idNumber } = checked;
      const id = officialPseudonym(idNumber);
      if (valid.has(id)) {
        return result.reject(row, badInput(`与第${valid.get(id)!.row}行是同一人 (same person as row ${valid.get(id)!.row})`, { field: 'idNumber', rule: 'DUPLICATE' }));
      }
      valid.set(id, { row, idNumber, input: checked.input });
    });

    await this.em.transactional(async (em) => {
      const knownOrganizations = new Set<string>();
      for (const part of chunked([...new Set([...valid.values()].map((v) => v.input.organizationUscc))])) {
        for (const { uscc } of await em.find(Organization, { uscc: { $in: part } }, { fields: ['uscc'] })) knownOrganizations.add(uscc);
      }
      const existing = new Map<string, PublicOfficial>();
      for (const part of chunked([...valid.keys()])) {
        for (const official of await em.find(PublicOfficial, { id: { $in: part } })) existing.set(official.id, official);
      }

      for (const [id, { row, idNumber, input }] of valid) {
        if (!knownOrganizations.has(input.organizationUscc)) {
          result.reject(row, badInput(`单位 ${input.organizationUscc} 不存在 (organization ${input.organizationUscc} is unknown)`, { field: 'organizationUscc', rule: 'UNKNOWN_ORGANIZATION' }));
          continue;
        }
        const current = existing.get(id);
        if (!current) {
          em.create(PublicOfficial, {
            id,
            name: input.name,
            idNumberSealed: seal(idNumber),
            phoneSealed: input.phone ? seal(input.phone) : null,
            organizationUscc: input.organizationUscc,
            position: input.position,
          });
          result.accepted++;
          continue;
        }
        const currentPhone = current.phoneSealed ? unseal(current.phoneSealed) : null;
        if (current.name === input.name && current.position === input.position && current.organizationUscc === input.organizationUscc && currentPhone === input.phone) {
          result.unchanged++;
          continue;
        }
        em.assign(current, {
          name: input.name,
          position: input.position,
          organizationUscc: input.organizationUscc,
          phoneSealed: input.phone ? seal(input.phone) : null,
        });
        result.updated++;
      }
    });
    return result;
  }
}
