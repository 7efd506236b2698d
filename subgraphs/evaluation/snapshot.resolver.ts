import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, readPageArgs, requireRegionCode, type SubgraphContext } from '../kit/index.js';
import { IntegritySnapshot, IntegritySnapshotRankingConnection, IntegritySnapshotRegionEntry } from './reports/types.js';
import { toSnapshotEntry, toSnapshotRegionEntry, toSnapshotType } from './reports/mapping.js';
import type { EvaluationLoaders } from './loaders.js';
import { findSnapshot, listSnapshots, publishSnapshot, snapshotRankingPage, snapshotRegionRanking } from './snapshot.repository.js';
import { quarterString, requireQuarter } from './snapshot.rules.js';

type Context = SubgraphContext<EvaluationLoaders>;

const QUARTER_ARG = '季度，如 2026Q3；格式错误或尚未开始为 BAD_USER_INPUT (quarter, e.g. 2026Q3; malformed or not begun: BAD_USER_INPUT)';

/** The quarterly 晾晒 (seed 001 §五 "每季度'晾晒'工作成绩"): frozen rankings, queryable by quarter. */
@Resolver()
export class IntegritySnapshotResolver {
  @Query(() => [IntegritySnapshot], { description: '已有的季度晾晒，新的在前 (the quarters that have a 晾晒 snapshot, newest first)' })
  async integritySnapshots(@Ctx() { em, caller }: Context): Promise<IntegritySnapshot[]> {
    return (await listSnapshots(em)).map((row) => toSnapshotType(row, caller.has('AUDITOR', 'ADMIN')));
  }

  @Query(() => IntegritySnapshotRankingConnection, {
    description:
      '某季度晾晒中区划内单位的排名（同分同名次），附与上季度晾晒相比的名次、得分变化；该季度没有晾晒时为空列表 (a region\'s organizations ranked in a quarter\'s snapshot, ties sharing a rank, with the change of rank and score against the previous quarter\'s; an empty list when the quarter has no snapshot)',
  })
  async integritySnapshotRanking(
    @Arg('quarter', () => String, { description: QUARTER_ARG }) quarter: string,
    @Arg('regionCode', () => String) regionCode: string,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() { em, caller }: Context,
  ): Promise<IntegritySnapshotRankingConnection> {
    const name = quarterString(requireQuarter(quarter));
    const code = requireRegionCode(regionCode);
    const window = readPageArgs(page);
    const [snapshot, result] = await Promise.all([findSnapshot(em, name), snapshotRankingPage(em, name, code, window)]);
    return {
      id: Buffer.from(JSON.stringify({ quarter: name, code, first: window.first, after: page.after ?? null })).toString('base64url'),
      quarter: name,
      snapshot: snapshot ? toSnapshotType(snapshot, caller.has('AUDITOR', 'ADMIN')) : null,
      region: { code },
      ...result,
      edges: result.edges.map((e) => ({ cursor: e.cursor, node: toSnapshotEntry(e.node) })),
    };
  }

  @Query(() => [IntegritySnapshotRegionEntry], {
    description:
      '某季度晾晒中下级区划间按平均分的排名（省内各市、市内各县），附与上季度相比的变化；该季度没有晾晒时为空列表 (the regions directly under one ranked by mean score in a quarter\'s snapshot, with the change against the previous quarter; empty when the quarter has no snapshot)',
  })
  async integritySnapshotRegionRanking(
    @Arg('quarter', () => String, { description: QUARTER_ARG }) quarter: string,
    @Arg('parentCode', () => String) parentCode: string,
    @Ctx() { em }: Context,
  ): Promise<IntegritySnapshotRegionEntry[]> {
    const name = quarterString(requireQuarter(quarter));
    return (await snapshotRegionRanking(em, name, requireRegionCode(parentCode, 'parentCode'))).map(toSnapshotRegionEntry);
  }

  @Authorized('ADMIN')
  @Mutation(() => IntegritySnapshot, {
    description:
      '发布某季度晾晒：冻结当前排名与区划概况；已发布的季度原样返回、不再改变；只能发布本季度或上一季度（管理） (publish a quarter\'s 晾晒: freeze the current rankings and region figures; a quarter already taken is returned unchanged; only the current or the previous quarter; ADMIN)',
  })
  async publishIntegritySnapshot(@Arg('quarter', () => String, { description: QUARTER_ARG }) quarter: string, @Ctx() { em, caller }: Context): Promise<IntegritySnapshot> {
    const { snapshot } = await publishSnapshot(em, quarter, caller.id);
    return toSnapshotType(snapshot, true);
  }
}
