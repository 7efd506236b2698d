import { Directive, Field, InputType } from 'type-graphql';
import { PERSONAL } from '../kit/index.js';
import { DishonestyKind, PublicationStatus, Severity, SubjectType } from './entities/enums.js';

/**
 * One decision as a deciding system sends it. Every field is a nullable string, so that a
 * missing or malformed value (an unknown kind, a term that is not a number) is reported for its
 * row, not as a failed request.
 */
@InputType('DishonestyRecordInput', { description: '一条政务失信记录，如作出决定的机关所报 (one dishonesty record, as the deciding authority sends it)' })
export class DishonestyRecordInput {
  @Field(() => String, { nullable: true, description: '类别：JUDGMENT 司法判决、ADMINISTRATIVE_PENALTY 行政处罚、DISCIPLINARY_SANCTION 纪律处分、ACCOUNTABILITY 问责处理、OTHER_BREACH 其他失信违约（名称或中文） (kind, by name or Chinese label)' })
  kind?: string | null;

  @Field(() => String, { nullable: true, description: '失信单位的统一社会信用代码；公职人员的记录填其所在单位 (USCC of the body; for an official, of their unit)' })
  organizationUscc?: string | null;

  @Field(() => String, { nullable: true, description: '单位名称 (name of the body or the official\'s unit)' })
  organizationName?: string | null;

  // Tagged personal, as the output fields are: the audit log redacts such values from a write's variables.
  @Directive(PERSONAL)
  @Field(() => String, { nullable: true, description: '公职人员的公民身份号码；填写即为公职人员的记录，到达即转为化名，不存储 (an official\'s ID number: makes it an official\'s record; turned into the pseudonym on arrival, never stored)' })
  idNumber?: string | null;

  @Directive(PERSONAL)
  @Field(() => String, { nullable: true, description: '公职人员姓名（与身份号码同填）；审计日志不记录 (the official\'s name, with idNumber; redacted from the audit log)' })
  officialName?: string | null;

  @Field(() => String, { nullable: true, description: '作出决定机关的统一社会信用代码 (USCC of the deciding authority)' })
  authorityUscc?: string | null;

  @Field(() => String, { nullable: true, description: '作出决定机关名称 (name of the deciding authority)' })
  authorityName?: string | null;

  @Field(() => String, { nullable: true, description: '文号：发文字号如 黑河市监处〔2026〕12号，判决填案号如 (2026)黑11民初123号 (document number, or case number for a judgment)' })
  documentNumber?: string | null;

  @Field(() => String, { nullable: true, description: '决定日期 YYYY-MM-DD，不晚于今天 (decision date, not in the future)' })
  decisionDate?: string | null;

  @Field(() => String, { nullable: true, description: '失信事实 (facts)' })
  facts?: string | null;

  @Field(() => String, { nullable: true, description: '处理依据 (legal basis)' })
  legalBasis?: string | null;

  @Field(() => String, { nullable: true, description: '失信程度：MINOR 轻微、GENERAL 一般、SERIOUS 严重 (severity)' })
  severity?: string | null;

  @Field(() => String, { nullable: true, description: '惩戒期限（月，1–120）；不填为无固定期限 (sanction term in months, 1–120; empty: none fixed)' })
  sanctionTermMonths?: string | null;

  @Field(() => String, { nullable: true, description: '公开状态：PUBLISHED 已公开（默认）、UNPUBLISHED 未公开、WITHDRAWN 已撤回 (publication status; default PUBLISHED)' })
  publication?: string | null;

  @Field(() => String, { nullable: true, description: '公开日期 YYYY-MM-DD（仅已公开） (date published; PUBLISHED only)' })
  publishedAt?: string | null;
}

/** The input's field names, in the order of a CSV export. */
export const RECORD_FIELDS = [
  'kind', 'organizationUscc', 'organizationName', 'idNumber', 'officialName', 'authorityUscc', 'authorityName', 'documentNumber',
  'decisionDate', 'facts', 'legalBasis', 'severity', 'sanctionTermMonths', 'publication', 'publishedAt',
] as const satisfies ReadonlyArray<keyof DishonestyRecordInput>;

export type RecordRow = { [K in (typeof RECORD_FIELDS)[number]]: string | null };

@InputType('DishonestyRecordFilter', { description: '政务失信记录筛选条件 (filter of dishonesty records)' })
export class DishonestyRecordFilter {
  @Field(() => DishonestyKind, { nullable: true, description: '类别 (kind)' })
  kind?: DishonestyKind | null;

  @Field(() => SubjectType, { nullable: true, description: '单位或公职人员 (bodies or officials)' })
  subjectType?: SubjectType | null;

  @Field(() => String, { nullable: true, description: '行政区划代码（按单位代码第3–8位，含下级） (region, from USCC positions 3–8, with subregions)' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '失信单位或公职人员所在单位的统一社会信用代码 (the body, or the official\'s unit)' })
  organizationUscc?: string | null;

  @Field(() => [String], { nullable: true, description: '单位统一社会信用代码之一，1到100个（交换服务据此按单位批量取数） (one of these USCCs, 1–100: the exchange fetches by unit in batches with it)' })
  organizationUsccs?: string[] | null;

  @Field(() => String, { nullable: true, description: '作出决定机关的统一社会信用代码 (the deciding authority)' })
  authorityUscc?: string | null;

  @Field(() => PublicationStatus, { nullable: true, description: '公开状态 (publication status)' })
  publication?: PublicationStatus | null;

  @Field(() => Boolean, { nullable: true, description: '只看惩戒期限内的（true）或期满的（false） (within their sanction term today, or past it)' })
  inTerm?: boolean | null;

  @Field(() => String, { nullable: true, description: '决定日期不早于 (decided on or after, YYYY-MM-DD)' })
  decidedFrom?: string | null;

  @Field(() => String, { nullable: true, description: '决定日期不晚于 (decided on or before, YYYY-MM-DD)' })
  decidedTo?: string | null;
}

/** What a CORRECT decision on an objection amends (the decision's facts, basis and grade); at least one field. */
@InputType('DishonestyCorrectionInput', { description: '异议成立时的更正内容，至少一项 (the correction of an upheld objection; at least one field)' })
export class DishonestyCorrectionInput {
  @Field(() => String, { nullable: true, description: '更正后的失信事实 (corrected facts)' })
  facts?: string | null;

  @Field(() => String, { nullable: true, description: '更正后的处理依据 (corrected legal basis)' })
  legalBasis?: string | null;

  @Field(() => Severity, { nullable: true, description: '更正后的失信程度；惩戒措施随之重新确定 (corrected severity; the sanctions are re-derived)' })
  severity?: Severity | null;
}
