import { registerEnumType } from 'type-graphql';
import type { ObjectionState, ObjectionVerdict, RepairState, SameValues } from '../../kit/index.js';

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

/**
 * 记录状态: what became of a record after it was sent (phase 2 of issue 16). Seed 004 §四(九):
 * "信用信息异议处理、核实期间暂不执行联合惩戒措施" (UNDER_OBJECTION); "因错误实施联合惩戒措施损害有关主体
 * 合法权益的，应积极采取措施恢复其信誉" (REMOVED); "信用修复结果生效后，失信惩戒措施应给予解除" (REPAIRED).
 * A record's term that ends does not change its status: it is read lazily (record.rules.ts inTerm).
 */
export enum RecordStatus {
  ACTIVE = 'ACTIVE',
  UNDER_OBJECTION = 'UNDER_OBJECTION',
  REMOVED = 'REMOVED',
  REPAIRED = 'REPAIRED',
}
registerEnumType(RecordStatus, {
  name: 'DishonestyRecordStatus',
  description: '政务失信记录状态（黄石方案§四(九)） (status of a dishonesty record; seed 004 §四(九))',
  valuesConfig: {
    ACTIVE: { description: '有效 (in effect)' },
    UNDER_OBJECTION: { description: '异议审查中，暂不执行惩戒措施 (an objection is being examined; its sanctions are suspended)' },
    REMOVED: { description: '异议成立，记录因错误作出而删除，惩戒措施撤销 (removed as wrongly made; its sanctions undone)' },
    REPAIRED: { description: '已信用修复，惩戒措施解除 (credit repaired; its sanctions lifted)' },
  },
});

/** An applied sanction's state (sanction.rules.ts SanctionState). */
export enum AppliedSanctionState {
  APPLIED = 'APPLIED',
  SUSPENDED = 'SUSPENDED',
  LIFTED = 'LIFTED',
  UNDONE = 'UNDONE',
}
registerEnumType(AppliedSanctionState, {
  name: 'AppliedSanctionState',
  description: '惩戒措施状态 (state of an applied sanction)',
  valuesConfig: {
    APPLIED: { description: '执行中 (in force)' },
    SUSPENDED: { description: '异议审查期间暂停执行 (suspended while an objection is examined)' },
    LIFTED: { description: '已解除：信用修复或惩戒期满 (lifted: repaired, or the term ended)' },
    UNDONE: { description: '已撤销：记录被删除、撤回或更正后不再适用 (undone: the record was removed, withdrawn, or corrected so the measure no longer applies)' },
  },
});

/** Why an applied sanction is in its state (sanction.rules.ts SanctionReason). */
export enum AppliedSanctionReason {
  RECORD_DECIDED = 'RECORD_DECIDED',
  OBJECTION_FILED = 'OBJECTION_FILED',
  OBJECTION_REJECTED = 'OBJECTION_REJECTED',
  OBJECTION_CORRECTED = 'OBJECTION_CORRECTED',
  OBJECTION_REMOVED = 'OBJECTION_REMOVED',
  REPAIRED = 'REPAIRED',
  TERM_ENDED = 'TERM_ENDED',
  RECORD_CORRECTED = 'RECORD_CORRECTED',
  RECORD_WITHDRAWN = 'RECORD_WITHDRAWN',
}
registerEnumType(AppliedSanctionReason, {
  name: 'AppliedSanctionReason',
  description: '惩戒措施状态变化的原因 (why an applied sanction changed state)',
  valuesConfig: {
    RECORD_DECIDED: { description: '记录报送，按清单实施 (the record arrived; applied per the catalogue)' },
    OBJECTION_FILED: { description: '提出异议 (an objection was filed)' },
    OBJECTION_REJECTED: { description: '异议不成立，恢复执行 (the objection was rejected)' },
    OBJECTION_CORRECTED: { description: '异议成立，记录更正 (the objection was upheld and the record corrected)' },
    OBJECTION_REMOVED: { description: '异议成立，记录删除 (the objection was upheld and the record removed)' },
    REPAIRED: { description: '信用修复 (credit repaired)' },
    TERM_ENDED: { description: '惩戒期限届满 (the sanction term ended)' },
    RECORD_CORRECTED: { description: '决定重新报送或更正后不再适用该措施 (the decision, sent again or corrected, no longer reaches the measure)' },
    RECORD_WITHDRAWN: { description: '作出机关撤回记录 (the authority withdrew the record)' },
  },
});

/** An objection's states: the kit's model (subgraphs/kit/remedies.ts), named in this schema. */
export enum DishonestyObjectionStatus {
  PENDING = 'PENDING',
  CORRECTED = 'CORRECTED',
  REMOVED = 'REMOVED',
  REJECTED = 'REJECTED',
  CLOSED = 'CLOSED',
}
true satisfies SameValues<`${DishonestyObjectionStatus}`, ObjectionState>;
registerEnumType(DishonestyObjectionStatus, {
  name: 'DishonestyObjectionStatus',
  description: '异议处理状态 (objection status)',
  valuesConfig: {
    PENDING: { description: '审查中，惩戒措施暂停 (being examined; sanctions suspended)' },
    CORRECTED: { description: '异议成立，记录已更正 (upheld: record corrected)' },
    REMOVED: { description: '异议成立，记录已删除，惩戒撤销 (upheld: record removed, sanctions undone)' },
    REJECTED: { description: '异议不成立，恢复惩戒 (rejected: sanctions apply again)' },
    CLOSED: { description: '记录已以其他方式终结 (closed otherwise)' },
  },
});

/** The decisions on an objection (异议成立：更正或删除；不成立：驳回). */
export enum DishonestyObjectionDecision {
  CORRECT = 'CORRECT',
  REMOVE = 'REMOVE',
  REJECT = 'REJECT',
}
true satisfies SameValues<`${DishonestyObjectionDecision}`, ObjectionVerdict>;
registerEnumType(DishonestyObjectionDecision, {
  name: 'DishonestyObjectionDecision',
  description: '异议审查决定 (decision on an objection)',
  valuesConfig: {
    CORRECT: { description: '异议成立，更正记录（事实、依据、失信程度），重新确定惩戒措施 (upheld: correct the record and re-derive its sanctions)' },
    REMOVE: { description: '异议成立，记录因错误作出而删除，惩戒措施撤销（黄石方案§四(九)"恢复其信誉"） (upheld: remove the record as wrongly made; its sanctions undone)' },
    REJECT: { description: '异议不成立，恢复惩戒 (rejected: the sanctions apply again)' },
  },
});

export enum DishonestyRepairStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
true satisfies SameValues<`${DishonestyRepairStatus}`, RepairState>;
registerEnumType(DishonestyRepairStatus, {
  name: 'DishonestyRepairStatus',
  description: '信用修复申请状态 (credit repair application status)',
  valuesConfig: {
    PENDING: { description: '审核中 (under review)' },
    APPROVED: { description: '已修复，惩戒措施解除 (approved: record repaired, sanctions lifted)' },
    REJECTED: { description: '不予修复 (rejected)' },
  },
});
