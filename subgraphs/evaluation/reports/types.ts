import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../kit/index.js';
import {
  CommitmentItemRef, CommitmentLetterRef, ContractBreachRef, ContractComplaintRef, ContractMilestoneRef, DebtorRecordRef, DishonestyRecordRef, Organization, PendingCaseRef, Region,
} from '../entities/federated.js';

export enum IntegrityGrade { A = 'A', B = 'B', C = 'C', D = 'D' }
registerEnumType(IntegrityGrade, {
  name: 'IntegrityGrade',
  description: '诚信等级：A ≥ 90，B ≥ 75，C ≥ 60，D 以下 (grade: A ≥ 90, B ≥ 75, C ≥ 60, D below; thresholds from the rule set)',
});

export enum WarningLevel { RED = 'RED', ORANGE = 'ORANGE', YELLOW = 'YELLOW' }
registerEnumType(WarningLevel, {
  name: 'WarningLevel',
  description: '预警等级 (warning level)',
  valuesConfig: { RED: { description: '红色 (red)' }, ORANGE: { description: '橙色 (orange)' }, YELLOW: { description: '黄色 (yellow)' } },
});

export enum IntegrityDomain { COMMITMENTS = 'COMMITMENTS', COURT_DEBTORS = 'COURT_DEBTORS', CONTRACTS = 'CONTRACTS', TRAINING = 'TRAINING', DISHONESTY = 'DISHONESTY' }
registerEnumType(IntegrityDomain, {
  name: 'IntegrityDomain',
  description: '评价领域 (domain)',
  valuesConfig: {
    COMMITMENTS: { description: '政务诚信承诺 (commitments)' },
    COURT_DEBTORS: { description: '失信被执行人 (court dishonest-debtor records)' },
    CONTRACTS: { description: '合同履约 (contract performance)' },
    TRAINING: { description: '诚信教育培训 (integrity training)' },
    DISHONESTY: { description: '政务失信记录 (government dishonesty records)' },
  },
});

const SOURCES = '来源记录，形如"类型:标识"：DebtorRecord、PendingCase、CommitmentLetter、CommitmentItem、CommitmentSummary、ContractBreach、ContractMilestone、ContractComplaint、TrainingSummary、DishonestyRecord (source records as "Type:id")';

/** The kinds of record a deduction or warning cites (the prefix of each `sources` string). */
export enum SourceType {
  DebtorRecord = 'DebtorRecord',
  PendingCase = 'PendingCase',
  CommitmentLetter = 'CommitmentLetter',
  CommitmentItem = 'CommitmentItem',
  CommitmentSummary = 'CommitmentSummary',
  ContractBreach = 'ContractBreach',
  ContractMilestone = 'ContractMilestone',
  ContractComplaint = 'ContractComplaint',
  TrainingSummary = 'TrainingSummary',
  DishonestyRecord = 'DishonestyRecord',
}

registerEnumType(SourceType, { name: 'SourceType', description: '扣分来源记录的类别 (kind of record a deduction cites)' });

/**
 * A cited record as a typed reference: its type and id, and the record itself resolved through
 * the supergraph from the subgraph that owns it (null to a caller who may not see it). A summary
 * (no record of its own) names the organization and the year instead.
 */
@ObjectType('SourceRef', { description: '扣分来源：类别、标识，并经联邦网关解析为记录本身（无权查看时为 null） (a cited record: type, id, and the record resolved through the supergraph; null when the caller may not see it)' })
export class SourceRef {
  @Field(() => SourceType) type!: SourceType;
  @Field(() => String, { description: '记录标识（案号、标识，或 单位代码:年度） (id: case number, record id, or uscc:year for a summary)' }) id!: string;
  @Field(() => DebtorRecordRef, { nullable: true }) debtorRecord!: { caseNumber: string } | null;
  @Field(() => PendingCaseRef, { nullable: true }) pendingCase!: { caseNumber: string } | null;
  @Field(() => CommitmentLetterRef, { nullable: true }) commitmentLetter!: { id: string } | null;
  @Field(() => CommitmentItemRef, { nullable: true }) commitmentItem!: { id: string } | null;
  @Field(() => ContractBreachRef, { nullable: true }) contractBreach!: { id: string } | null;
  @Field(() => ContractMilestoneRef, { nullable: true }) contractMilestone!: { id: string } | null;
  @Field(() => ContractComplaintRef, { nullable: true }) contractComplaint!: { id: string } | null;
  @Field(() => DishonestyRecordRef, { nullable: true }) dishonestyRecord!: { id: string } | null;
  @Field(() => Organization, { nullable: true, description: '概况类来源的单位 (the organization, for a summary)' }) organization!: { uscc: string } | null;
  @Field(() => Int, { nullable: true, description: '概况类来源的年度 (the year, for a summary)' }) year!: number | null;
}

@ObjectType('Deduction', { description: '扣分项：规则、领域、分值与来源 (a deduction: rule, domain, points and the records that triggered it)' })
export class Deduction {
  @Field(() => String, { description: '规则标识 (rule id)' }) rule!: string;
  @Field(() => IntegrityDomain, { description: '领域 (domain)' }) domain!: IntegrityDomain;
  @Field(() => String, { description: '扣分原因 (reason)' }) reason!: string;
  @Field(() => Float, { description: '扣分（已计入规则与领域上限） (points, after the rule\'s and the domain\'s caps)' }) points!: number;
  @Field(() => [String], { description: SOURCES }) sources!: string[];
  @Field(() => [SourceRef], { description: '来源的类型化引用，经联邦网关解析为记录 (the sources as typed references, resolved to the records through the supergraph)' }) sourceRefs!: SourceRef[];
}

@ObjectType('Warning', { description: '监测预警 (an early warning)' })
export class Warning {
  @Field(() => WarningLevel, { description: '等级 (level)' }) level!: WarningLevel;
  @Field(() => String, { description: '类别，即触发的规则 (kind: the rule that raised it)' }) kind!: string;
  @Field(() => IntegrityDomain, { description: '领域 (domain)' }) domain!: IntegrityDomain;
  @Field(() => String, { description: '说明，中文在前英文在后 (message, Chinese then English)' }) message!: string;
  @Field(() => String, { description: '起始日期 (since)' }) since!: string;
  @Field(() => [String], { description: SOURCES }) sources!: string[];
  @Field(() => Organization, { description: '被预警单位 (the organization)' }) organization!: Organization;
}

@ObjectType('IntegrityRule', { description: '评价规则 (an evaluation rule)' })
export class IntegrityRule {
  @Field(() => String) id!: string;
  @Field(() => IntegrityDomain) domain!: IntegrityDomain;
  @Field(() => String, { description: '规则说明 (what it penalises)' }) reason!: string;
  @Field(() => Float, { nullable: true, description: '触发一次扣分 (points when the condition holds)' }) points!: number | null;
  @Field(() => Float, { nullable: true, description: '每条来源记录扣分 (points per source record)' }) pointsPerSource!: number | null;
  @Field(() => Float, { nullable: true, description: '本规则扣分上限 (cap for this rule)' }) cap!: number | null;
  @Field(() => Float, { nullable: true, description: '阈值 (threshold)' }) threshold!: number | null;
  @Field(() => String, { nullable: true, description: '所计政务失信记录的失信程度 SERIOUS、GENERAL、MINOR (the severity of the dishonesty records it counts)' }) severity!: string | null;
  @Field(() => WarningLevel, { nullable: true, description: '触发的预警等级 (warning raised)' }) warning!: WarningLevel | null;
  @Field(() => String, { nullable: true, description: '每年自该日（MM-DD）起适用，此前不扣分 (applies from this day of each year, MM-DD; not before)' }) appliesFrom!: string | null;
  @Field(() => String, { nullable: true, description: '适用日期的依据 (why it applies from that day)' }) appliesFromBasis!: string | null;
  @Field(() => String, { nullable: true, description: '规则及其分值的依据（文件与段落） (why the rule and its points: seed and paragraph)' }) basis!: string | null;
}

@ObjectType('DomainCap', { description: '领域扣分上限 (the most a domain can cost)' })
export class DomainCap {
  @Field(() => IntegrityDomain) domain!: IntegrityDomain;
  @Field(() => Float) cap!: number;
}

@ObjectType('IntegrityRuleSet', { description: '年度评价规则集，保存在代码库中，按年份版本化 (the year\'s rule set, kept in the repository and versioned)' })
export class IntegrityRuleSet {
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int) version!: number;
  @Field(() => String) title!: string;
  @Field(() => String, { description: '依据 (basis)' }) basis!: string;
  @Field(() => Float, { description: '基础分 (base score)' }) baseScore!: number;
  @Field(() => Float) gradeA!: number;
  @Field(() => Float) gradeB!: number;
  @Field(() => Float) gradeC!: number;
  @Field(() => [DomainCap]) domainCaps!: DomainCap[];
  @Field(() => [IntegrityRule]) rules!: IntegrityRule[];
}

@ObjectType('IntegrityAssessment', { description: '政务诚信评价：可解释的得分 (explainable integrity assessment)' })
export class IntegrityAssessment {
  @Field(() => Float, { description: '得分 0–100 (score)' }) score!: number;
  @Field(() => IntegrityGrade, { description: '等级 (grade)' }) grade!: IntegrityGrade;
  @Field(() => [Deduction], { description: '扣分明细 (deductions)' }) deductions!: Deduction[];
  @Field(() => [Warning], { description: '预警 (warnings)' }) warnings!: Warning[];
  @Field(() => IntegrityRuleSet, { description: '所用规则集 (the rule set applied)' }) ruleSet!: IntegrityRuleSet;
  @Field(() => String, { description: '评价日期 (assessed on)' }) assessedOn!: string;
}

@ObjectType('WarningEdge')
export class WarningEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Warning) node!: Warning;
}

/** 监测预警名单, read from the read model. */
@ObjectType('WarningConnection', { description: '监测预警名单 (the early-warning list of a region)' })
export class WarningConnection {
  @Field(() => ID, { description: '查询范围标识 (scope of this list)' }) id!: string;
  @Field(() => Region) region!: Region;
  @Field(() => [WarningEdge]) edges!: WarningEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('IntegrityRankingEntry', { description: '排名条目 (a ranked organization)' })
export class IntegrityRankingEntry {
  @Field(() => Int, { description: '名次（同分同名次） (rank; ties share it)' }) rank!: number;
  @Field(() => Organization) organization!: Organization;
  @Field(() => Float) score!: number;
  @Field(() => IntegrityGrade) grade!: IntegrityGrade;
  @Field(() => Int, { description: '预警数 (warnings)' }) warnings!: number;
}

@ObjectType('IntegrityRankingEdge')
export class IntegrityRankingEdge {
  @Field(() => String) cursor!: string;
  @Field(() => IntegrityRankingEntry) node!: IntegrityRankingEntry;
}

@ObjectType('IntegrityRankingConnection', { description: '区划内单位诚信排名，季度晾晒 (ranking of a region\'s organizations by score)' })
export class IntegrityRankingConnection {
  @Field(() => ID) id!: string;
  @Field(() => Region) region!: Region;
  @Field(() => [IntegrityRankingEdge]) edges!: IntegrityRankingEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('GradeCount') export class GradeCount {
  @Field(() => IntegrityGrade) grade!: IntegrityGrade;
  @Field(() => Int) count!: number;
}

@ObjectType('WarningLevelCount') export class WarningLevelCount {
  @Field(() => WarningLevel) level!: WarningLevel;
  @Field(() => Int) count!: number;
}

@ObjectType('IntegrityRegionReport', { description: '区划诚信概况：平均分、等级分布、预警数 (region figures: mean score, grades, warnings)' })
export class IntegrityRegionReport {
  @Field(() => String) regionCode!: string;
  @Field(() => Region) region!: Region;
  @Field(() => Int, { description: '参评单位数（非涉密） (organizations assessed: non-classified)' }) organizations!: number;
  @Field(() => Float, { description: '平均分 (mean score)' }) meanScore!: number;
  @Field(() => [GradeCount]) gradeCounts!: GradeCount[];
  @Field(() => [WarningLevelCount]) warningCounts!: WarningLevelCount[];
  @Field(() => IntegrityRuleSet) ruleSet!: IntegrityRuleSet;
}

export enum RegionRankingMeasure {
  MEAN_SCORE = 'MEAN_SCORE',
  COMMITMENT_COVERAGE = 'COMMITMENT_COVERAGE',
  PUBLICATION_RATE = 'PUBLICATION_RATE',
  PUSH_COVERAGE = 'PUSH_COVERAGE',
  TRAINING_COVERAGE = 'TRAINING_COVERAGE',
}
registerEnumType(RegionRankingMeasure, {
  name: 'RegionRankingMeasure',
  description: '区划间排名依据 (what regions are ranked by)',
  valuesConfig: {
    MEAN_SCORE: { description: '平均诚信得分 (mean integrity score)' },
    COMMITMENT_COVERAGE: { description: '政务诚信承诺覆盖率（目标85%） (commitment coverage; target 85 %)' },
    PUBLICATION_RATE: { description: '承诺公示率（目标100%） (publication rate; target 100 %)' },
    PUSH_COVERAGE: { description: '失信政府机构督促履行覆盖率（目标100%） (push coverage of listed government bodies; target 100 %)' },
    TRAINING_COVERAGE: { description: '诚信教育培训覆盖率 (training coverage)' },
  },
});

@ObjectType('RegionIndicators', { description: '区划本年度的考核指标，取自各领域子图的报表 (a region\'s indicators this year, as the domains\' own reports give them)' })
export class RegionIndicators {
  @Field(() => Int) year!: number;
  @Field(() => Float, { nullable: true, description: '承诺覆盖率 (commitment coverage)' }) commitmentCoverage!: number | null;
  @Field(() => Float, { nullable: true, description: '公示率 (publication rate)' }) publicationRate!: number | null;
  @Field(() => Float, { nullable: true, description: '督促履行覆盖率，区划内无在列政府机构时为空 (push coverage; null when no government body is listed)' }) pushCoverage!: number | null;
  @Field(() => Float, { nullable: true, description: '培训覆盖率 (training coverage)' }) trainingCoverage!: number | null;
  @Field(() => String, { description: '取数时间 (when they were read from the domains)' }) refreshedAt!: string;
}

@ObjectType('IntegrityRegionRankingEntry', { description: '区划间排名条目 (a region ranked among its peers)' })
export class IntegrityRegionRankingEntry {
  @Field(() => Int, { description: '名次（依据值相同者同名次，无值者列后） (rank by the chosen measure; ties share it, regions without a value come last)' }) rank!: number;
  @Field(() => Float, { nullable: true, description: '排名依据的值 (the value ranked by)' }) value!: number | null;
  @Field(() => IntegrityRegionReport, { description: '该区划的诚信概况 (the region\'s figures)' }) report!: IntegrityRegionReport;
  @Field(() => RegionIndicators, { nullable: true, description: '该区划的考核指标，尚未取得时为空 (the region\'s indicators; null until first read)' }) indicators!: RegionIndicators | null;
}

@ObjectType('IntegrityChange', { description: '诚信评价变动记录：得分、等级、预警的每次变化及其原因 (a change of an organization\'s assessment, with its cause)' })
export class IntegrityChange {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '变动时间 (when, ISO 8601)' }) at!: string;
  @Field(() => Float, { nullable: true, description: '变动前得分，首次评价为空 (score before; null on the first assessment)' }) scoreBefore!: number | null;
  @Field(() => Float, { description: '变动后得分 (score after)' }) scoreAfter!: number;
  @Field(() => IntegrityGrade, { nullable: true }) gradeBefore!: IntegrityGrade | null;
  @Field(() => IntegrityGrade) gradeAfter!: IntegrityGrade;
  @Field(() => [Deduction], { description: '新增扣分项 (deductions that came)' }) deductionsAdded!: Deduction[];
  @Field(() => [Deduction], { description: '消除的扣分项 (deductions that went)' }) deductionsRemoved!: Deduction[];
  @Field(() => [String], { description: '新触发的预警类别 (warnings raised)' }) warningsRaised!: string[];
  @Field(() => [String], { description: '解除的预警类别 (warnings cleared)' }) warningsCleared!: string[];
  @Field(() => String, { description: '所用规则集 (rule set id)' }) ruleSetId!: string;
  @Field(() => [String], { description: '原因：触发重算的变更，形如"子图#序号:记录类型.操作"，或"rebuild: …" (causes: the feed entries that led to it, "subgraph#seq:Entity.operation", or a rebuild)' }) causes!: string[];
}

@ObjectType('IntegrityChangeEdge')
export class IntegrityChangeEdge {
  @Field(() => String) cursor!: string;
  @Field(() => IntegrityChange) node!: IntegrityChange;
}

@ObjectType('IntegrityChangeConnection', { description: '评价变动记录，新的在前 (assessment history, newest first)' })
export class IntegrityChangeConnection {
  @Field(() => [IntegrityChangeEdge]) edges!: IntegrityChangeEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('FeedPosition', { description: '读模型在某子图变更流中的位置 (how far the read model has read a subgraph\'s change feed)' })
export class FeedPosition {
  @Field(() => String, { description: '子图 (subgraph)' }) source!: string;
  @Field(() => Float, { description: '已处理到的序号 (last sequence number processed)' }) seq!: number;
}

@ObjectType('IntegrityReadModelStatus', { description: '评价读模型状态 (the evaluation read model\'s state)' })
export class IntegrityReadModelStatus {
  @Field(() => String, { description: 'starting、rebuilding、catching-up、current 或 failing' }) state!: string;
  @Field(() => String, { nullable: true, description: '评价所依据的日期 (the day the assessments hold for)' }) builtFor!: string | null;
  @Field(() => String, { nullable: true, description: '所用规则集与版本 (rule set and version)' }) ruleSet!: string | null;
  @Field(() => Int, { description: '重建进度：已评价单位数 (rebuild progress: organizations done)' }) done!: number;
  @Field(() => Int, { description: '重建进度：单位总数 (rebuild progress: organizations in all)' }) total!: number;
  @Field(() => String, { nullable: true, description: '最近一次重建的原因 (why the last rebuild ran)' }) reason!: string | null;
  @Field(() => String, { nullable: true, description: '最近的错误 (the last error, while failing)' }) lastError!: string | null;
  @Field(() => [FeedPosition]) cursors!: FeedPosition[];
  @Field(() => String, { nullable: true, description: '状态更新时间 (when the state was saved)' }) at!: string | null;
}

@ObjectType('IntegritySnapshot', { description: '季度晾晒：某季度冻结的排名与区划概况，一经生成不再改变 (a quarterly 晾晒 snapshot: the rankings and region figures frozen for a quarter, never changed once taken)' })
export class IntegritySnapshot {
  @Field(() => ID, { description: '季度，如 2026Q3 (quarter, e.g. 2026Q3)' }) quarter!: string;
  @Field(() => String, { description: '生成时间 (when it was taken, ISO 8601)' }) takenAt!: string;
  @Field(() => String, { description: 'QUARTER_END（季度结束后读模型自动生成）或 ADMIN（管理员发布） (QUARTER_END: taken by the read model after the quarter ended; ADMIN: published)' }) trigger!: string;
  @Field(() => String, { nullable: true, description: '由谁或什么生成：管理员标识或 read-model worker；仅审计、管理可见 (who or what took it: the ADMIN caller or the read-model worker; AUDITOR and ADMIN only, null for others)' }) takenBy!: string | null;
  @Field(() => String, { description: '所冻结评价的评价日期 (the day the frozen assessments held for)' }) builtFor!: string;
  @Field(() => String, { description: '所用规则集与版本 (rule set and version)' }) ruleSet!: string;
  @Field(() => Int, { description: '上榜单位数 (organizations ranked)' }) organizations!: number;
  @Field(() => Int, { description: '区划数 (regions with figures)' }) regions!: number;
}

@ObjectType('IntegritySnapshotEntry', { description: '季度晾晒排名条目，含与上季度晾晒相比的变化 (a ranked organization in a quarter\'s snapshot, with the change against the previous quarter\'s)' })
export class IntegritySnapshotEntry {
  @Field(() => Int, { description: '在所查区划内的名次（同分同名次） (rank in the region asked for; ties share it)' }) rank!: number;
  @Field(() => Organization) organization!: Organization;
  @Field(() => String, { description: '所在区划 (its region)' }) regionCode!: string;
  @Field(() => Float) score!: number;
  @Field(() => IntegrityGrade) grade!: IntegrityGrade;
  @Field(() => Int, { description: '预警数 (warnings)' }) warnings!: number;
  @Field(() => [WarningLevelCount], { description: '各等级预警数 (warnings by level)' }) warningCounts!: WarningLevelCount[];
  @Field(() => Int, { description: '在本区（县）内的名次 (rank within its own region: its county, or the city or province it is placed in)' }) regionRank!: number;
  @Field(() => Int, { description: '在本市内的名次 (rank within its city)' }) cityRank!: number;
  @Field(() => Int, { description: '在本省内的名次 (rank within its province)' }) provinceRank!: number;
  @Field(() => Int, { nullable: true, description: '上季度晾晒中在同一区划的名次，不在其中为空 (rank in the previous quarter\'s snapshot of the same region; null when absent)' }) previousRank!: number | null;
  @Field(() => Int, { nullable: true, description: '名次变化：上季度名次 − 本季度名次，正数为上升 (previous rank − rank: positive means it moved up; null when absent)' }) rankChange!: number | null;
  @Field(() => Float, { nullable: true, description: '上季度得分 (score in the previous quarter\'s snapshot; null when absent)' }) previousScore!: number | null;
  @Field(() => Float, { nullable: true, description: '得分变化 (score − previous score; null when absent)' }) scoreChange!: number | null;
}

@ObjectType('IntegritySnapshotRankingEdge')
export class IntegritySnapshotRankingEdge {
  @Field(() => String) cursor!: string;
  @Field(() => IntegritySnapshotEntry) node!: IntegritySnapshotEntry;
}

@ObjectType('IntegritySnapshotRankingConnection', { description: '某季度晾晒中区划内单位排名；该季度没有晾晒时为空列表、snapshot 为 null (a region\'s organizations in a quarter\'s snapshot; empty, with snapshot null, when the quarter has none)' })
export class IntegritySnapshotRankingConnection {
  @Field(() => ID) id!: string;
  @Field(() => String) quarter!: string;
  @Field(() => IntegritySnapshot, { nullable: true, description: '该季度的晾晒，尚未生成时为空 (the quarter\'s snapshot; null when none was taken)' }) snapshot!: IntegritySnapshot | null;
  @Field(() => Region) region!: Region;
  @Field(() => [IntegritySnapshotRankingEdge]) edges!: IntegritySnapshotRankingEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('FrozenIndicators', { description: '晾晒冻结的考核指标，未取得者为空 (the seeds\' indicators frozen with a snapshot; null where unknown)' })
export class FrozenIndicators {
  @Field(() => Float, { nullable: true, description: '承诺覆盖率 (commitment coverage)' }) commitmentCoverage!: number | null;
  @Field(() => Float, { nullable: true, description: '公示率 (publication rate)' }) publicationRate!: number | null;
  @Field(() => Float, { nullable: true, description: '督促履行覆盖率 (push coverage)' }) pushCoverage!: number | null;
  @Field(() => Float, { nullable: true, description: '培训覆盖率 (training coverage)' }) trainingCoverage!: number | null;
}

@ObjectType('IntegritySnapshotRegionEntry', { description: '季度晾晒中的区划间排名条目，含与上季度相比的变化 (a region ranked among its siblings in a quarter\'s snapshot, with the change against the previous quarter)' })
export class IntegritySnapshotRegionEntry {
  @Field(() => Int, { description: '按平均分的名次（相同者同名次） (rank by mean score; ties share it)' }) rank!: number;
  @Field(() => String) regionCode!: string;
  @Field(() => Region) region!: Region;
  @Field(() => Int, { description: '参评单位数 (organizations)' }) organizations!: number;
  @Field(() => Float, { description: '平均分 (mean score)' }) meanScore!: number;
  @Field(() => [GradeCount]) gradeCounts!: GradeCount[];
  @Field(() => [WarningLevelCount]) warningCounts!: WarningLevelCount[];
  @Field(() => Int, { nullable: true, description: '上季度名次 (rank in the previous quarter\'s snapshot; null when absent)' }) previousRank!: number | null;
  @Field(() => Int, { nullable: true, description: '名次变化：上季度名次 − 本季度名次，正数为上升 (previous rank − rank: positive means it moved up)' }) rankChange!: number | null;
  @Field(() => Float, { nullable: true, description: '上季度平均分 (mean score in the previous quarter\'s snapshot)' }) previousMeanScore!: number | null;
  @Field(() => Float, { nullable: true, description: '平均分变化 (mean score − previous mean score)' }) meanScoreChange!: number | null;
  @Field(() => FrozenIndicators, { description: '晾晒时的考核指标 (the seeds\' indicators as frozen with the snapshot)' }) indicators!: FrozenIndicators;
  @Field(() => FrozenIndicators, { nullable: true, description: '上季度晾晒时的考核指标 (the indicators in the previous quarter\'s snapshot; null when absent)' }) previousIndicators!: FrozenIndicators | null;
}
