import { Field, InputType } from 'type-graphql';
import { AdministrativeLevel, OrganizationKind, RegistrantType } from '../kit/index.js';
import { DebtorStatus, Performance, PushKind } from './entities/enums.js';

/**
 * One row of a court's dishonest-debtor list, in the list's own field names. Every field is
 * nullable here so that a missing value is reported for its row, not as a failed request.
 */
@InputType({ description: '法院失信被执行人名单的一行，字段名沿用法院名单 (a row of the court list, in its own field names)' })
export class DebtorRecordInput {
  @Field(() => String, { nullable: true, description: '被执行人名称 (debtor name)' })
  iname?: string | null;

  @Field(() => String, { nullable: true, description: '统一社会信用代码 (debtor USCC)' })
  cardNum?: string | null;

  @Field(() => String, { nullable: true, description: '案号 (case number)' })
  caseCode?: string | null;

  @Field(() => String, { nullable: true, description: '执行法院 (executing court)' })
  courtName?: string | null;

  @Field(() => String, { nullable: true, description: '省份 (province)' })
  areaName?: string | null;

  @Field(() => String, { nullable: true, description: '执行依据文号 (basis document number)' })
  gistId?: string | null;

  @Field(() => String, { nullable: true, description: '做出执行依据单位 (issuer of the basis document)' })
  gistUnit?: string | null;

  @Field(() => String, { nullable: true, description: '生效法律文书确定的义务 (obligation)' })
  duty?: string | null;

  @Field(() => String, { nullable: true, description: '履行情况：全部未履行、部分未履行、全部履行 (performance)' })
  performance?: string | null;

  @Field(() => String, { nullable: true, description: '已履行部分 (performed part)' })
  performedPart?: string | null;

  @Field(() => String, { nullable: true, description: '未履行部分 (unperformed part)' })
  unperformPart?: string | null;

  @Field(() => String, { nullable: true, description: '失信被执行人行为具体情形，多项以逗号分隔 (dishonest behaviour(s), comma-separated)' })
  disruptTypeName?: string | null;

  @Field(() => String, { nullable: true, description: '立案时间：YYYY-MM-DD、YYYYMMDD、YYYY年M月D日 或 YYYY/M/D (filing date)' })
  regDate?: string | null;

  @Field(() => String, { nullable: true, description: '发布时间，格式同上 (publish date)' })
  publishDate?: string | null;

  @Field(() => String, { nullable: true, description: '法定代表人或负责人姓名 (legal representative)' })
  businessEntity?: string | null;
}

/** The court list's field names, in the order of its export. */
export const COURT_FIELDS = [
  'iname', 'cardNum', 'caseCode', 'courtName', 'areaName', 'gistId', 'gistUnit', 'duty', 'performance',
  'performedPart', 'unperformPart', 'disruptTypeName', 'regDate', 'publishDate', 'businessEntity',
] as const satisfies ReadonlyArray<keyof DebtorRecordInput>;

export type CourtRow = { [K in (typeof COURT_FIELDS)[number]]: string | null };

@InputType({ description: '即将列入的执行案件，字段名沿用法院系统 (an execution case about to be listed, in the court system\'s field names)' })
export class PendingCaseInput {
  @Field(() => String, { nullable: true, description: '案号 (case number)' })
  caseCode?: string | null;

  @Field(() => String, { nullable: true, description: '执行法院 (executing court)' })
  courtName?: string | null;

  @Field(() => String, { nullable: true, description: '被执行人名称 (debtor name)' })
  iname?: string | null;

  @Field(() => String, { nullable: true, description: '统一社会信用代码 (debtor USCC)' })
  cardNum?: string | null;

  @Field(() => String, { nullable: true, description: '生效法律文书确定的义务 (obligation)' })
  duty?: string | null;

  @Field(() => String, { nullable: true, description: '执行标的金额，如 123456.78 或 50万元 (amount at stake)' })
  execMoney?: string | null;

  @Field(() => String, { nullable: true, description: '立案时间 (filing date)' })
  regDate?: string | null;
}

@InputType({ description: '失信记录筛选 (debtor record filter)' })
export class DebtorRecordFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（按代码第3–8位，含下级） (region, from USCC positions 3–8, with subregions)' })
  regionCode?: string | null;

  @Field(() => DebtorStatus, { nullable: true, description: '状态 (status)' })
  status?: DebtorStatus | null;

  @Field(() => String, { nullable: true, description: '执行法院（全称） (executing court, full name)' })
  court?: string | null;

  @Field(() => RegistrantType, { nullable: true, description: '登记类别 (debtor type)' })
  debtorType?: RegistrantType | null;

  @Field(() => Boolean, { nullable: true, description: '只看政府机构（代码类别11、12、13、19、54） (government bodies only: USCC types 11, 12, 13, 19, 54)' })
  governmentOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: '被执行人统一社会信用代码 (debtor USCC)' })
  debtorUscc?: string | null;

  @Field(() => [String], { nullable: true, description: '被执行人统一社会信用代码之一，1到100个（交换服务据此按单位批量取数） (one of these debtor USCCs, 1–100: the exchange fetches by unit in batches with it)' })
  debtorUsccs?: string[] | null;

  @Field(() => [OrganizationKind], { nullable: true, description: '被执行人在机构编制子图中的单位类别之一（未登记的单位不在其中） (the debtor\'s registered kind is one of these; bodies the registry does not know are left out)' })
  debtorKinds?: OrganizationKind[] | null;

  @Field(() => AdministrativeLevel, { nullable: true, description: '被执行人在机构编制子图中的行政层级 (the debtor\'s registered administrative tier)' })
  debtorLevel?: AdministrativeLevel | null;

  @Field(() => String, { nullable: true, description: '发布日期不早于 (listed on or after, YYYY-MM-DD)' })
  listedFrom?: string | null;

  @Field(() => String, { nullable: true, description: '发布日期不晚于 (listed on or before, YYYY-MM-DD)' })
  listedTo?: string | null;
}

@InputType({ description: '在列单位台账筛选 (ledger filter)' })
export class ListedDebtorFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（按代码第3–8位，含下级） (region, with subregions)' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: '只看政府机构，默认是 (government bodies only; default true)' })
  governmentOnly?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '是否已督促 (pushed or not)' })
  pushed?: boolean | null;
}

@InputType({ description: '即将列入案件筛选 (filter of about-to-be-listed cases)' })
export class PendingCaseFilter {
  @Field(() => String, { nullable: true, description: '行政区划代码（含下级） (region, with subregions)' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: '只看政府机构，默认是 (government bodies only; default true)' })
  governmentOnly?: boolean | null;
}

@InputType({ description: '督促履行措施 (a push measure)' })
export class PushActionInput {
  @Field(() => String, { description: '在列或即将列入案件的案号 (case number of a listed or about-to-be-listed case)' })
  caseNumber!: string;

  @Field(() => PushKind, { description: '措施 (measure)' })
  kind!: PushKind;

  @Field(() => String, { description: '实施单位 (unit taking it)' })
  unit!: string;

  @Field(() => String, { nullable: true, description: '实施日期，默认今天 (date, default today)' })
  actedAt?: string | null;

  @Field(() => String, { nullable: true, description: '说明 (notes)' })
  note?: string | null;
}

@InputType({ description: '异议成立时对记录的更正，未填的字段不变 (corrections when an objection is upheld; omitted fields stay)' })
export class DebtorCorrectionInput {
  @Field(() => String, { nullable: true, description: '被执行人名称 (debtor name)' })
  debtorName?: string | null;

  @Field(() => String, { nullable: true, description: '生效法律文书确定的义务 (obligation)' })
  obligation?: string | null;

  @Field(() => Performance, { nullable: true, description: '履行情况 (performance)' })
  performance?: Performance | null;

  @Field(() => String, { nullable: true, description: '已履行部分 (performed part)' })
  performedPart?: string | null;

  @Field(() => String, { nullable: true, description: '未履行部分 (unperformed part)' })
  unperformedPart?: string | null;
}
