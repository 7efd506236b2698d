import { EntityRepository } from '@mikro-orm/knex';
import { badInput, checkRows, importTransaction, ImportResult, keepRows, loadExisting, officialPseudonym, seal, unseal, writeRows } from '../kit/index.js';
import { PublicOfficial } from './entities/public-official.js';
import { Organization } from './entities/organization.js';
import type { OfficialInput } from './inputs.js';
import { checkOfficialRow, sameOfficialAs } from './official.rows.js';


export class OfficialRepository extends EntityRepository<PublicOfficial> {
  /**
   * Creates or updates officials by pseudonym. The ID number is checked (GB 11643), turned
   * into the pseudonym and sealed; it never appears in an error message. Bad rows are
   * reported and not written; good rows are written in one transaction.
   */
  async importRows(rows: OfficialInput[]): Promise<ImportResult> {
    const result = new ImportResult();
    const valid = checkRows(rows, result, checkOfficialRow, sameOfficialAs)
      .map(({ row, data }) => ({ row, data: { ...data, id: officialPseudonym(data.idNumber) } }));

    await importTransaction(this.em, result, async (em) => {
      const knownOrganizations = await loadExisting(valid.map((v) => v.data.input.organizationUscc), (part) => em.find(Organization, { uscc: { $in: part } }, { fields: ['uscc'] }), (o) => o.uscc);
      const existing = await loadExisting(valid.map((v) => v.data.id), (part) => em.find(PublicOfficial, { id: { $in: part } }), (official) => official.id);
      const kept = keepRows(valid, result, ({ data: { input } }) => {
        if (!knownOrganizations.has(input.organizationUscc)) {
          throw badInput(`单位 ${input.organizationUscc} 不存在 (organization ${input.organizationUscc} is unknown)`, { field: 'organizationUscc', rule: 'UNKNOWN_ORGANIZATION' });
        }
      });
      writeRows(em, result, kept, existing, {
        keyOf: (d) => d.id,
        create: ({ id, idNumber, input }) => em.create(PublicOfficial, {
          id,
          name: input.name,
          idNumberSealed: seal(idNumber),
          phoneSealed: input.phone ? seal(input.phone) : null,
          organizationUscc: input.organizationUscc,
          position: input.position,
        }),
        same: (current, { input }) => {
          const currentPhone = current.phoneSealed ? unseal(current.phoneSealed) : null;
          return current.name === input.name && current.position === input.position && current.organizationUscc === input.organizationUscc && currentPhone === input.phone;
        },
        update: (current, { input }) => em.assign(current, {
          name: input.name,
          position: input.position,
          organizationUscc: input.organizationUscc,
          phoneSealed: input.phone ? seal(input.phone) : null,
        }),
      });
    });
    return result;
  }
}
