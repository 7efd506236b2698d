import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { connectionType, ImportResult, MAX_IMPORT_ROWS, PageArgs, readPageArgs, type SubgraphContext } from '../kit/index.js';
import { PublicOfficial } from './entities/federated.js';
import { OfficialCommitment } from './entities/official-commitment.js';
import { OfficialCommitmentInput } from './inputs.js';
import type { CommitmentLoaders } from './loaders.js';
import { officialCommitmentPage, submitOfficialCommitments } from './official-commitment.repository.js';

type Context = SubgraphContext<CommitmentLoaders>;

const OfficialCommitmentConnection = connectionType(OfficialCommitment, 'OfficialCommitment', '公职人员承诺');

@Resolver(() => OfficialCommitment)
export class OfficialCommitmentResolver {
  @Query(() => OfficialCommitmentConnection, { description: '某单位受理的公职人员承诺 (officials\' commitments accepted by a unit)' })
  async officialCommitments(@Arg('acceptingUnitUscc', () => String) acceptingUnitUscc: string, @Args(() => PageArgs) page: PageArgs, @Ctx() { em }: Context) {
    return officialCommitmentPage(em, acceptingUnitUscc, readPageArgs(page));
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
    return submitOfficialCommitments(em, rows, caller, roster);
  }
}

@Resolver(() => PublicOfficial)
export class PublicOfficialResolver {
  @FieldResolver(() => [OfficialCommitment], { description: '本人作出的政务诚信承诺 (the official\'s integrity commitments)' })
  commitments(@Root() official: PublicOfficial, @Ctx() { loaders }: Context): Promise<OfficialCommitment[]> {
    return loaders.officialCommitments.load(official.id);
  }
}
