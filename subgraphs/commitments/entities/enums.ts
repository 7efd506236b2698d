import { registerEnumType } from 'type-graphql';

export enum LetterStatus {
  DRAFT = 'DRAFT',
  SIGNED = 'SIGNED',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(LetterStatus, {
  name: 'LetterStatus',
  description: '承诺书状态 (commitment letter status)',
  valuesConfig: {
    DRAFT: { description: '草稿 (draft)' },
    SIGNED: { description: '已签发 (signed by the head)' },
    PUBLISHED: { description: '已公示 (published)' },
    WITHDRAWN: { description: '已撤回 (withdrawn, with a reason)' },
  },
});

/** 承诺内容: the five categories of seed 000 §三(二) and seed 002 §二(一). */
export enum CommitmentCategory {
  KEY_TARGET = 'KEY_TARGET',
  POLICY_DELIVERY = 'POLICY_DELIVERY',
  CONTRACT_PERFORMANCE = 'CONTRACT_PERFORMANCE',
  GOVERNMENT_SERVICE = 'GOVERNMENT_SERVICE',
  DUTY_PERFORMANCE = 'DUTY_PERFORMANCE',
}
registerEnumType(CommitmentCategory, {
  name: 'CommitmentCategory',
  description: '承诺内容类别 (commitment category)',
  valuesConfig: {
    KEY_TARGET: { description: '重点目标任务兑现 (key target tasks of the government work report)' },
    POLICY_DELIVERY: { description: '惠企利民政策兑现 (business-friendly and people-benefiting policies)' },
    CONTRACT_PERFORMANCE: { description: '合同履约兑现 (contract performance)' },
    GOVERNMENT_SERVICE: { description: '政务服务事项 (government service quality)' },
    DUTY_PERFORMANCE: { description: '履职尽责 (duty performance)' },
  },
});

export enum Fulfilment {
  NOT_DUE = 'NOT_DUE',
  IN_PROGRESS = 'IN_PROGRESS',
  FULFILLED = 'FULFILLED',
  PARTLY_FULFILLED = 'PARTLY_FULFILLED',
  UNFULFILLED = 'UNFULFILLED',
  CHANGED = 'CHANGED',
}
registerEnumType(Fulfilment, {
  name: 'Fulfilment',
  description: '承诺履行状态 (fulfilment of a commitment item)',
  valuesConfig: {
    NOT_DUE: { description: '未到期 (not due yet)' },
    IN_PROGRESS: { description: '履行中 (in progress)' },
    FULFILLED: { description: '已履行 (fulfilled)' },
    PARTLY_FULFILLED: { description: '部分履行 (partly fulfilled)' },
    UNFULFILLED: { description: '未履行 (unfulfilled)' },
    CHANGED: { description: '依法变更 (lawfully changed, with a legal reason and compensation)' },
  },
});

export enum ComplaintChannel {
  HOTLINE_12345 = 'HOTLINE_12345',
  WEBSITE = 'WEBSITE',
  EMAIL = 'EMAIL',
  PETITION = 'PETITION',
  OTHER = 'OTHER',
}
registerEnumType(ComplaintChannel, {
  name: 'ComplaintChannel',
  description: '投诉渠道 (complaint channel)',
  valuesConfig: {
    HOTLINE_12345: { description: '12345热线 (12345 hotline)' },
    WEBSITE: { description: '网站 (website)' },
    EMAIL: { description: '电子邮件 (e-mail)' },
    PETITION: { description: '信访 (petition)' },
    OTHER: { description: '其他 (other)' },
  },
});

export enum ComplaintStatus {
  RECEIVED = 'RECEIVED',
  TRANSFERRED = 'TRANSFERRED',
  HANDLING = 'HANDLING',
  RESOLVED = 'RESOLVED',
  REJECTED = 'REJECTED',
}
registerEnumType(ComplaintStatus, {
  name: 'ComplaintStatus',
  description: '投诉办理状态 (complaint status)',
  valuesConfig: {
    RECEIVED: { description: '已受理 (received)' },
    TRANSFERRED: { description: '已转办 (transferred to the responsible unit)' },
    HANDLING: { description: '办理中 (being handled)' },
    RESOLVED: { description: '已办结 (resolved)' },
    REJECTED: { description: '不予受理/驳回 (rejected)' },
  },
});

/** Fulfilment states in which an item can no longer be overdue. */
export const SETTLED_FULFILMENT: readonly Fulfilment[] = [Fulfilment.FULFILLED, Fulfilment.CHANGED];

/** Who recorded a fulfilment record: the unit reporting on itself, or an auditor's finding. */
export enum FulfilmentRecordKind {
  SELF_REPORT = 'SELF_REPORT',
  FINDING = 'FINDING',
}

registerEnumType(FulfilmentRecordKind, {
  name: 'FulfilmentRecordKind',
  description: '履行记录类别 (kind of fulfilment record)',
  valuesConfig: {
    SELF_REPORT: { description: '单位自报 (the unit\'s own report)' },
    FINDING: { description: '审核认定：审计、信用办核查结论 (an auditor\'s finding)' },
  },
});
