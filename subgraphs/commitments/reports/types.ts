import { Field, Float, Int, ObjectType } from 'type-graphql';
import { CommitmentGroup, connectionType } from '../../kit/index.js';
import { ComplaintChannel, Fulfilment, LetterStatus } from '../entities/enums.js';
import { Organization, Region } from '../entities/federated.js';

/** Coverage targets by year (seed 001 table row 1: 80 % in 2022; seed 000: 85 % from 2023). */
export function coverageTarget(year: number): number {
  return year <= 2022 ? 0.8 : 0.85;
}
export const PUBLICATION_TARGET = 1;

export const MissingOrganizationConnection = connectionType(Organization, 'MissingOrganization', '未作承诺的单位');

@ObjectType('CoverageGroupFigures', { description: '某一承诺主体分组的覆盖率与公示率 (coverage and publication of one group of bodies)' })
export class CoverageGroupFigures {
  @Field(() => CommitmentGroup, { description: '承诺主体分组 (group)' })
  group!: CommitmentGroup;

  @Field(() => Boolean, { description: '是否计入覆盖率目标（仅各级政府及部门） (counts toward the target: governments and departments only)' })
  countsTowardTarget!: boolean;

  @Field(() => Int, { description: '分组内非涉密单位数 (non-classified bodies in the group)' })
  eligibleOrganizations!: number;

  @Field(() => Int, { description: '已作承诺（已签发或已公示）的单位数 (with a signed or published letter)' })
  committedOrganizations!: number;

  @Field(() => Int, { description: '承诺书已公示的单位数 (with a published letter)' })
  publishedOrganizations!: number;

  @Field(() => Float, { description: '覆盖率 = 已承诺 ÷ 分组单位数 (committed ÷ eligible)' })
  coverageRate!: number;

  @Field(() => Float, { description: '公示率 = 已公示 ÷ 已承诺 (published ÷ committed)' })
  publicationRate!: number;
}

/**
 * 承诺覆盖率. The headline figures are over the region's (and subregions') non-classified
 * governments and their departments, townships and streets included (seed 000 §一(二), §二(一);
 * kit CommitmentGroup); the other groups are in `groups`. Organizations are read from this
 * subgraph's copy of the registry (kept from the registry's change feed, kit/registry-mirror.ts);
 * this subgraph counts the letters.
 */
@ObjectType('CoverageReport', { description: '政务诚信承诺覆盖率 (commitment coverage of a region in a year)' })
export class CoverageReport {
  @Field(() => String, { description: '行政区划代码 (region code)' })
  regionCode!: string;

  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Field(() => Region, { description: '行政区划 (region)' })
  region!: Region;

  @Field(() => Int, { description: '应承诺单位数：区划及下级内非涉密的各级政府及部门（含乡镇、街道） (eligible: non-classified governments and their departments, townships and streets included, in the region and its subregions)' })
  eligibleOrganizations!: number;

  @Field(() => Int, { description: '已作承诺（已签发或已公示）的单位数 (organizations with a signed or published letter)' })
  committedOrganizations!: number;

  @Field(() => Int, { description: '承诺书已公示的单位数 (organizations with a published letter)' })
  publishedOrganizations!: number;

  @Field(() => Float, { description: '覆盖率 = 已承诺 ÷ 应承诺 (coverage rate = committed ÷ eligible)' })
  coverageRate!: number;

  @Field(() => Float, { description: '公示率 = 已公示 ÷ 已承诺 (publication rate = published ÷ committed)' })
  publicationRate!: number;

  @Field(() => Float, { description: '覆盖率目标：2022年80%，2023年起85% (coverage target)' })
  target!: number;

  @Field(() => Float, { description: '公示率目标 100% (publication target)' })
  publicationTarget!: number;

  @Field(() => Boolean, { description: '覆盖率是否达标 (coverage meets its target)' })
  meetsTarget!: boolean;

  @Field(() => Boolean, { description: '公示率是否达标 (publication meets its target)' })
  meetsPublicationTarget!: boolean;

  @Field(() => [CoverageGroupFigures], { description: '各承诺主体分组的数字；事业单位、党委部门等单列，不计入目标 (figures per group; public institutions, Party organs and the rest are reported beside the target, not in it)' })
  groups!: CoverageGroupFigures[];
}

@ObjectType('FulfilmentCount', { description: '某履行状态的事项数 (items in one fulfilment state)' })
export class FulfilmentCount {
  @Field(() => Fulfilment)
  fulfilment!: Fulfilment;

  @Field(() => Int)
  count!: number;
}

/** What the evaluation subgraph requires of a unit's commitments in a year. */
@ObjectType('CommitmentSummary', { description: '单位年度承诺概况 (a unit\'s commitments in a year, summarised)' })
export class CommitmentSummary {
  @Field(() => Int, { description: '年度 (year)' })
  year!: number;

  @Field(() => String, { nullable: true, description: '承诺书标识 (letter id), 无则为 null' })
  letterId!: string | null;

  @Field(() => LetterStatus, { nullable: true, description: '承诺书状态 (letter status)' })
  letterStatus!: LetterStatus | null;

  @Field(() => Boolean, { description: '是否已公示 (published?)' })
  published!: boolean;

  @Field(() => Int, { description: '事项数 (items)' })
  itemCount!: number;

  @Field(() => [FulfilmentCount], { description: '各履行状态的事项数 (items by fulfilment)' })
  itemsByFulfilment!: FulfilmentCount[];

  @Field(() => Int, { description: '未履行事项数：本年及以前年度已公示（含公示后撤回）承诺书中仍未履行的事项 (unfulfilled items of every letter published this year or before, withdrawn or not)' })
  unfulfilledItems!: number;

  @Field(() => Int, { description: '逾期未兑现事项数：已过期限且未履行或变更，含以前年度的 (overdue items: past due, neither fulfilled nor changed, earlier years\' included)' })
  overdueItems!: number;

  @Field(() => [String], { description: '未履行事项标识 (ids of unfulfilled items)' })
  unfulfilledItemIds!: string[];

  @Field(() => [String], { description: '逾期事项标识 (ids of overdue items)' })
  overdueItemIds!: string[];

  @Field(() => [String], { description: '以前年度未履行或逾期、仍未办结的事项标识（计入本年，直至履行或依法变更） (earlier years\' items still unfulfilled or overdue, counted in this year until fulfilled or lawfully changed)' })
  carriedOverItemIds!: string[];
}

@ObjectType('ChannelCount', { description: '某渠道的投诉数 (complaints through one channel)' })
export class ChannelCount {
  @Field(() => ComplaintChannel)
  channel!: ComplaintChannel;

  @Field(() => Int)
  count!: number;
}

@ObjectType('CommitmentComplaintReport', { description: '投诉半年报 (half-year complaint report, seed 002 §三(二))' })
export class CommitmentComplaintReport {
  @Field(() => String, { description: '行政区划代码（按单位代码） (region, by USCC)' })
  regionCode!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: '1 上半年 / 2 下半年 (half)' })
  half!: number;

  @Field(() => Int, { description: '受理数 (received)' })
  received!: number;

  @Field(() => Int, { description: '办结数 (resolved)' })
  resolved!: number;

  @Field(() => Int, { description: '驳回数 (rejected)' })
  rejected!: number;

  @Field(() => Int, { description: '在办数 (still open)' })
  open!: number;

  @Field(() => Int, { description: '超期数：超过办理期限未办结或超期办结 (overdue: open past due, or settled late)' })
  overdue!: number;

  @Field(() => [ChannelCount], { description: '分渠道 (by channel)' })
  byChannel!: ChannelCount[];
}
