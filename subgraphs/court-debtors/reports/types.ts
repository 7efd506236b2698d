import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType, RegistrantType } from '../../kit/index.js';
import { DebtorStatus, ExitReason } from '../entities/enums.js';
import { Organization, Region } from '../entities/federated.js';

@ObjectType('DebtorStatusEvent', { description: '状态变化 (a change of status)' })
export class DebtorStatusEvent {
  @Field(() => DebtorStatus)
  status!: DebtorStatus;

  @Field(() => ExitReason, { nullable: true, description: '退出原因 (exit reason)' })
  reason!: ExitReason | null;

  @Field(() => String, { description: '日期 (date)' })
  at!: string;

  @Field(() => String, { nullable: true, description: '说明 (notes)' })
  note!: string | null;
}

/** What the evaluation subgraph requires of a unit: counts, the amount, and the ids to cite. */
@ObjectType('DebtorSummary', { description: '单位失信被执行情况概况（评价子图据此扣分，对任何调用者都相同） (a unit\'s debtor records summarised; the same for every caller)' })
export class DebtorSummary {
  @Field(() => Int, { description: '在列记录数：计入扣分 (records on the list: they cost points)' })
  activeRecords!: number;

  @Field(() => Int, { description: '异议审查中记录数：暂停惩戒，不扣分 (records under objection: cost nothing)' })
  underObjection!: number;

  @Field(() => Int, { description: '已退出名单的记录数 (records that left the list)' })
  exitedRecords!: number;

  @Field(() => Int, { description: '已信用修复的记录数 (repaired records)' })
  repairedRecords!: number;

  @Field(() => String, { description: '在列记录未履行金额合计（元，两位小数；金额不明的不计） (unperformed amount of the records on the list, CNY; amounts the court did not state are left out)' })
  unperformedAmount!: string;

  @Field(() => Boolean, { description: '在列记录是否至少有一项督促履行措施 (whether at least one push measure was taken on a record on the list)' })
  pushed!: boolean;

  @Field(() => String, { nullable: true, description: '在列记录中最早的列入日期 (earliest listing date among the records on the list)' })
  firstListedAt!: string | null;

  @Field(() => [String], { description: '在列记录案号（扣分依据） (case numbers of the records on the list: the sources of deductions)' })
  activeCaseNumbers!: string[];

  @Field(() => Int, { description: '即将列入的案件数 (cases about to be listed)' })
  aboutToBeListed!: number;

  @Field(() => [String], { description: '即将列入的案件案号（预警依据） (case numbers about to be listed: the sources of warnings)' })
  aboutToBeListedCaseNumbers!: string[];
}

/** One body in the ledger (台账) of listed debtors. */
@ObjectType('ListedDebtor', { description: '台账中的失信被执行单位 (a body in the ledger of listed debtors)' })
export class ListedDebtor {
  @Field(() => String, { description: '统一社会信用代码 (USCC)' })
  uscc!: string;

  @Field(() => String, { description: '名称（法院名单所载） (name, as the court list writes it)' })
  name!: string;

  @Field(() => RegistrantType, { description: '登记类别，取自代码 (debtor type, from the USCC)' })
  debtorType!: RegistrantType;

  @Field(() => Boolean, { description: '是否政府机构（代码类别11、12、13、19、54） (government body: USCC types 11, 12, 13, 19, 54)' })
  governmentBody!: boolean;

  @Field(() => String, { description: '行政区划代码，取自代码第3–8位 (region code, from USCC positions 3–8)' })
  regionCode!: string;

  @Field(() => Int, { description: '在列记录数 (records on the list, objections not included)' })
  activeRecords!: number;

  @Field(() => Int, { description: '异议审查中记录数 (records under objection)' })
  underObjection!: number;

  @Field(() => [String], { description: '在列及异议审查中的案号 (case numbers on the list, under objection included)' })
  caseNumbers!: string[];

  @Field(() => String, { description: '在列记录未履行金额合计（元） (unperformed amount of the active records, CNY)' })
  unperformedAmount!: string;

  @Field(() => Boolean, { description: '是否已督促履行 (pushed: at least one measure on a case on the list)' })
  pushed!: boolean;

  @Field(() => String, { description: '最早列入日期 (earliest listing date)' })
  firstListedAt!: string;

  @Field(() => Organization, { nullable: true, description: '机构编制子图中的单位；未登记时经网关为 null (the registry\'s organization; null through the gateway when unknown)' })
  organization!: Organization | null;
}

export const ListedDebtorConnection = connectionType(ListedDebtor, 'ListedDebtor', '在列失信单位');

/** 督促履行的对象 (seed 001 table row 2, seed 002 §四(一)): who push coverage counts. */
export enum PushCoverageGroup {
  GOVERNMENT_BODIES = 'GOVERNMENT_BODIES',
  STATE_OWNED_ENTERPRISES = 'STATE_OWNED_ENTERPRISES',
}

registerEnumType(PushCoverageGroup, {
  name: 'PushCoverageGroup',
  description: '督促履行覆盖率分组 (push coverage groups)',
  valuesConfig: {
    GOVERNMENT_BODIES: { description: '行政机关、事业单位、群团、村居委会等（按代码类别） (organs, public institutions, mass organizations, committees: by USCC type)' },
    STATE_OWNED_ENTERPRISES: { description: '机构编制子图登记为国有企业的单位 (bodies the registry lists as state-owned enterprises)' },
  },
});

@ObjectType('PushCoverageGroupFigures', { description: '督促履行覆盖率的一个分组 (push coverage of one group)' })
export class PushCoverageGroupFigures {
  @Field(() => PushCoverageGroup)
  group!: PushCoverageGroup;

  @Field(() => Int, { description: '在列单位数 (listed bodies)' })
  listedBodies!: number;

  @Field(() => Int, { description: '已督促单位数 (pushed bodies)' })
  pushedBodies!: number;

  @Field(() => Float, { description: '覆盖率；无在列单位时为1 (rate; 1 when none is listed)' })
  rate!: number;
}

@ObjectType('PushCoverageReport', {
  description: '督促履行覆盖率 = 已督促的在列单位 ÷ 在列单位，目标100%（黑河 2022 专班任务表第2项“政府部门、事业单位和国有企业”；赣州 2023 §四(一)）。政府机构按代码第1–2位为11、12、13、19、54计；国有企业以机构编制子图登记的类别为准，单列；区划按代码第3–8位 (push coverage = listed bodies in scope with at least one push measure ÷ listed bodies in scope, target 100 %; government bodies are USCC types 11, 12, 13, 19, 54, SOEs are the bodies the registry lists as STATE_OWNED_ENTERPRISE, reported as their own row; region from USCC positions 3–8)',
})
export class PushCoverageReport {
  @Field(() => String, { description: '行政区划代码 (region code)' })
  regionCode!: string;

  @Field(() => Region, { description: '行政区划 (region)' })
  region!: Region;

  @Field(() => String, { description: '统计日期 (as of)' })
  asOf!: string;

  @Field(() => Int, { description: '在列的政府机构、事业单位及登记在册的国有企业数：至少一条在列记录 (listed government bodies, public institutions and registered SOEs: at least one record on the list)' })
  listedBodies!: number;

  @Field(() => Int, { description: '其中已督促的单位数 (of those, bodies with at least one push measure)' })
  pushedBodies!: number;

  @Field(() => Float, { description: '覆盖率；无在列机构时为1 (rate; 1 when no body is listed)' })
  rate!: number;

  @Field(() => Float, { description: '目标 100% (target)' })
  target!: number;

  @Field(() => Boolean, { description: '是否达标 (meets the target)' })
  meetsTarget!: boolean;

  @Field(() => [ListedDebtor], { description: '尚未督促的在列单位 (listed bodies in scope not pushed yet)' })
  unpushedBodies!: ListedDebtor[];

  @Field(() => [PushCoverageGroupFigures], { description: '分组数字：政府机构（代码类别11/12/13/19/54）与国有企业单列 (figures per group: government bodies by USCC type, and SOEs as their own row)' })
  groups!: PushCoverageGroupFigures[];
}

/**
 * 比对: the court list against the registry's organizations of the region (机构编制数据,
 * seed 000 §六 1), read from this subgraph's copy of the registry (kept from the registry's
 * change feed, kit/registry-mirror.ts).
 */
@ObjectType('DebtorReconciliation', { description: '失信名单与机构编制数据比对 (the court list reconciled with the registry)' })
export class DebtorReconciliation {
  @Field(() => String, { description: '行政区划代码 (region code)' })
  regionCode!: string;

  @Field(() => Region, { description: '行政区划 (region)' })
  region!: Region;

  @Field(() => Int, { description: '在列（含异议审查中）单位数，按代码第3–8位归属 (debtors on the list, by USCC region)' })
  listedDebtors!: number;

  @Field(() => Int, { description: '已在机构编制数据中的 (of those, known to the registry)' })
  matchedDebtors!: number;

  @Field(() => Int, { description: '机构编制数据中没有的 (of those, unknown to the registry)' })
  unmatchedCount!: number;
}
