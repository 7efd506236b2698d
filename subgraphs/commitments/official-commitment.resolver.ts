import { randomUUID } from 'node:crypto';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  chunked, connectionType, errors, ImportResult, keepRegisteredOfficials, MAX_IMPORT_ROWS, officialIdFrom, PageArgs, readPageArgs, rejectOversizedImport,
  requireDate, requireText, requireUsccShape, toPage, type SubgraphContext,
} from '../kit/index.js';
import { PublicOfficial } from './entities/federated.js';
import { OfficialCommitment } from './entities/official-commitment.js';
import { OfficialCommitmentInput } from './inputs.js';
import type { CommitmentLoaders } from './loaders.js';

type Context = SubgraphContext<CommitmentLoaders>;

const OfficialCommitmentConnection = connectionType(OfficialCommitment, 'OfficialCommitment', '公职人员承诺');

@Resolver(() => OfficialCommitment)
export class OfficialCommitmentResolver {
  @Query(() => OfficialCommitmentConnection, { description: '某单位受理的公职人员承诺 (officials\' commitments accepted by a unit)' })
  async officialCommitments(@Arg('acceptingUnitUscc', () => String) acceptingUnitUscc: string, @Args(() => PageArgs) page: PageArgs, @Ctx() { em }: Context) {
    const window = readPageArgs(page);
    const where = { acceptingUnitUscc: requireUsccShape(acceptingUnitUscc, 'acceptingUnitUscc') };
    const rows = await em.find(OfficialCommitment, window.afterKey === undefined ? where : { ...where, id: { $gt: String(window.afterKey) } }, { orderBy: { id: 'asc' }, limit: window.first + 1 });
    return toPage(rows, window, (c) => c.id, await em.count(OfficialCommitment, where));
  }

  @FieldResolver(() => PublicOfficial, { description: '承诺人（化名） (the official, by pseudonym)' })
  official(@Root() commitment: OfficialCommitment): PublicOfficial {
    return { id: commitment.officialId };
  }

  @Authorized('ORGANIZATION')
  @Mutation(() => ImportResult, {
    description: `提交本单位公职人员承诺，身份号码只用于生成化名；逐行报错，每次最多${MAX_IMPORT_ROWS}行 (submit the unit's staff commitments; ID numbers become pseudonyms; per-row errors)`,
  })
  async submitOfficialCommitments(@Arg('rows', () => [OfficialCommitmentInput]) rows: OfficialCommitmentInput[], @Ctx() { em, caller, roster }: Context): Promise<ImportResult> {
    rejectOversizedImport(rows);
    const result = new ImportResult();
    const checked: Array<{ row: number; data: Omit<OfficialCommitment, 'id' | 'createdAt'> }> = [];
    rows.forEach((row, index) => {
      try {
        const unit = requireUsccShape(row.acceptingUnitUscc, 'acceptingUnitUscc');
        if (unit !== caller.uscc) {
          throw errors.forbidden(`只能提交本单位（${caller.uscc}）人员的承诺`, `only commitments accepted by the caller's own unit (${caller.uscc})`);
        }
        checked.push({
          row: index + 1,
          data: {
            officialId: officialIdFrom(row.idNumber),
            type: requireText(row.type, 'type', 50),
            date: requireDate(row.date, 'date'),
            acceptingUnitName: requireText(row.acceptingUnitName, 'acceptingUnitName', 200),
            acceptingUnitUscc: unit,
            reason: requireText(row.reason, 'reason'),
            content: requireText(row.content, 'content', 10000),
            liability: requireText(row.liability, 'liability'),
            fulfilmentStatus: requireText(row.fulfilmentStatus, 'fulfilmentStatus', 50),
            commitmentStatus: requireText(row.commitmentStatus, 'commitmentStatus', 50),
            remarks: row.remarks?.trim() || null,
            letterNumber: requireText(row.letterNumber, 'letterNumber', 100),
          },
        });
      } catch (error) {
        result.reject(index + 1, error);
      }
    });
    // A unit submits for its own registered staff only: any other number gets the roster's one answer.
    const valid = await keepRegisteredOfficials(checked, ({ data }) => ({ officialId: data.officialId, unitUscc: data.acceptingUnitUscc, field: 'idNumber' }), { roster, caller }, result);
    // Idempotent by (accepting unit, official, letter number): a re-submission updates its own
    // unit's record and can never reach another unit's.
    const keyOf = (c: Pick<OfficialCommitment, 'acceptingUnitUscc' | 'officialId' | 'letterNumber'>) => `${c.acceptingUnitUscc}|${c.officialId}|${c.letterNumber}`;
    const existing = new Map<string, OfficialCommitment>();
    for (const part of chunked([...new Set(valid.map((v) => v.data.officialId))])) {
      for (const c of await em.find(OfficialCommitment, { officialId: { $in: part }, acceptingUnitUscc: caller.uscc! })) existing.set(keyOf(c), c);
    }
    for (const { data } of valid) {
      const key = keyOf(data);
      const current = existing.get(key);
      if (!current) {
        existing.set(key, em.create(OfficialCommitment, { id: randomUUID(), ...data }));
        result.accepted++;
      } else if ((Object.keys(data) as Array<keyof typeof data>).every((k) => current[k] === data[k])) {
        result.unchanged++;
      } else {
        em.assign(current, data);
        result.updated++;
      }
    }
    await em.flush();
    return result;
  }
}

@Resolver(() => PublicOfficial)
export class PublicOfficialResolver {
  @FieldResolver(() => [OfficialCommitment], { description: '本人作出的政务诚信承诺 (the official\'s integrity commitments)' })
  commitments(@Root() official: PublicOfficial, @Ctx() { loaders }: Context): Promise<OfficialCommitment[]> {
    return loaders.officialCommitments.load(official.id);
  }
}
