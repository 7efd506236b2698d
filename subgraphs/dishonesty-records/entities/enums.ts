import { registerEnumType } from 'type-graphql';

/**
 * 政务失信记录的类别: the decisions that put a government body or an official on the record.
 * Seed 002 §四(二)2: "因违法违规、失信违约被司法判决、行政处罚、问责处理的信息纳入政务失信记录";
 * seed 004 §四(三): "因违法违规、失信违约被司法裁判、行政处罚、纪律处分、问责处理等信息纳入政务失信记录".
 */
export enum DishonestyKind {
  JUDGMENT = 'JUDGMENT',
  ADMINISTRATIVE_PENALTY = 'ADMINISTRATIVE_PENALTY',
  DISCIPLINARY_SANCTION = 'DISCIPLINARY_SANCTION',
  ACCOUNTABILITY = 'ACCOUNTABILITY',
  OTHER_BREACH = 'OTHER_BREACH',
}
registerEnumType(DishonestyKind, {
  name: 'DishonestyRecordKind',
  description: '政务失信记录类别（赣州方案§四(二)2、黄石方案§四(三)） (kind of government dishonesty record; seed 002 §四(二)2, seed 004 §四(三))',
  valuesConfig: {
    JUDGMENT: { description: '因违法违规、失信违约被司法判决（裁判） (a court judgment for breaking the law or a promise)' },
    ADMINISTRATIVE_PENALTY: { description: '因违法违规、失信违约被行政处罚 (an administrative penalty)' },
    DISCIPLINARY_SANCTION: { description: '因违法违规、失信违约受纪律处分 (a disciplinary sanction)' },
    ACCOUNTABILITY: { description: '因违法违规、失信违约被问责处理 (an accountability decision)' },
    OTHER_BREACH: { description: '其他失信违约（如不兑现承诺、"新官不理旧账"，赣州方案§四(二)1） (another breach of trust, e.g. an unkept commitment; seed 002 §四(二)1)' },
  },
});

/** Whose record it is: a body (by USCC) or an official (by pseudonym). */
export enum SubjectType {
  ORGANIZATION = 'ORGANIZATION',
  OFFICIAL = 'OFFICIAL',
}
registerEnumType(SubjectType, {
  name: 'DishonestySubjectType',
  description: '失信主体类别 (who the record is about)',
  valuesConfig: {
    ORGANIZATION: { description: '政府及其部门等单位，按统一社会信用代码 (a government body, by USCC)' },
    OFFICIAL: { description: '公职人员，按化名；身份号码不存储 (an official, by pseudonym; the ID number is not stored)' },
  },
});

/** 失信程度: the three grades of public credit information (轻微、一般、严重失信). */
export enum Severity {
  MINOR = 'MINOR',
  GENERAL = 'GENERAL',
  SERIOUS = 'SERIOUS',
}
registerEnumType(Severity, {
  name: 'DishonestySeverity',
  description: '失信程度 (severity)',
  valuesConfig: {
    MINOR: { description: '轻微失信 (minor)' },
    GENERAL: { description: '一般失信 (general)' },
    SERIOUS: { description: '严重失信 (serious)' },
  },
});

/** 公开状态 (seed 002 §四(二)2 "通过市公共信用信息平台公示"; seed 004 §四(三) "依法依规向社会公众公开"). */
export enum PublicationStatus {
  PUBLISHED = 'PUBLISHED',
  UNPUBLISHED = 'UNPUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PublicationStatus, {
  name: 'DishonestyPublicationStatus',
  description: '公开状态 (publication status)',
  valuesConfig: {
    PUBLISHED: { description: '已在信用网站公开 (published on the credit portal)' },
    UNPUBLISHED: { description: '未公开：依法不予公开或尚未公开 (not published)' },
    WITHDRAWN: { description: '已撤回：决定被撤销或更正后撤下 (withdrawn: the decision was revoked or corrected)' },
  },
});

/** Chinese labels an import row may use instead of the names (deciding systems export them so). */
export const KIND_LABELS: Record<string, DishonestyKind> = {
  司法判决: DishonestyKind.JUDGMENT, 司法裁判: DishonestyKind.JUDGMENT, 行政处罚: DishonestyKind.ADMINISTRATIVE_PENALTY,
  纪律处分: DishonestyKind.DISCIPLINARY_SANCTION, 问责处理: DishonestyKind.ACCOUNTABILITY, 问责: DishonestyKind.ACCOUNTABILITY,
  其他失信违约: DishonestyKind.OTHER_BREACH,
};
export const SEVERITY_LABELS: Record<string, Severity> = { 轻微: Severity.MINOR, 轻微失信: Severity.MINOR, 一般: Severity.GENERAL, 一般失信: Severity.GENERAL, 严重: Severity.SERIOUS, 严重失信: Severity.SERIOUS };
export const PUBLICATION_LABELS: Record<string, PublicationStatus> = { 已公开: PublicationStatus.PUBLISHED, 公开: PublicationStatus.PUBLISHED, 未公开: PublicationStatus.UNPUBLISHED, 不公开: PublicationStatus.UNPUBLISHED, 已撤回: PublicationStatus.WITHDRAWN };
