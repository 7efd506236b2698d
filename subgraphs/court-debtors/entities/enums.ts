import { registerEnumType } from 'type-graphql';
import { CaseNumberForm, RegistrantType, type ObjectionState, type ObjectionVerdict, type RepairState, type SameValues } from '../../kit/index.js';

/** The state of a listing on this platform (the court's own list shows ACTIVE ones). */
export enum DebtorStatus {
  ACTIVE = 'ACTIVE',
  UNDER_OBJECTION = 'UNDER_OBJECTION',
  EXITED = 'EXITED',
  REPAIRED = 'REPAIRED',
}
registerEnumType(DebtorStatus, {
  name: 'DebtorStatus',
  description: '失信被执行人记录状态 (status of a dishonest-debtor record)',
  valuesConfig: {
    ACTIVE: { description: '在列：计入台账并扣分 (listed: counts in the ledger and costs points)' },
    UNDER_OBJECTION: { description: '异议审查中：暂停惩戒，不扣分 (objection pending: punishment suspended, costs nothing)' },
    EXITED: { description: '已退出名单：记录保留，不再计入 (removed from the list: kept, no longer counted)' },
    REPAIRED: { description: '已信用修复：不再计入 (credit repaired: no longer counted)' },
  },
});

/** Why a record left the list (法释〔2017〕7号 art. 10, and revocation on an upheld objection). */
export enum ExitReason {
  PERFORMED = 'PERFORMED',
  SETTLED = 'SETTLED',
  CREDITOR_APPLIED = 'CREDITOR_APPLIED',
  EXECUTION_TERMINATED = 'EXECUTION_TERMINATED',
  TERM_EXPIRED = 'TERM_EXPIRED',
  REVOKED = 'REVOKED',
}
registerEnumType(ExitReason, {
  name: 'DebtorExitReason',
  description: '退出失信名单的原因 (why a record left the list)',
  valuesConfig: {
    PERFORMED: { description: '已全部履行 (obligation fully performed)' },
    SETTLED: { description: '达成执行和解协议并履行完毕 (settlement reached and performed)' },
    CREDITOR_APPLIED: { description: '申请执行人申请删除 (the creditor applied for removal)' },
    EXECUTION_TERMINATED: { description: '终结执行 (execution terminated)' },
    TERM_EXPIRED: { description: '纳入期限届满（自动） (fixed listing term ended; automatic)' },
    REVOKED: { description: '撤销纳入（如异议成立） (listing revoked, e.g. on an upheld objection)' },
  },
});

/** 履行情况 as the court list writes it. */
export enum Performance {
  NONE_PERFORMED = 'NONE_PERFORMED',
  PARTLY_PERFORMED = 'PARTLY_PERFORMED',
  FULLY_PERFORMED = 'FULLY_PERFORMED',
}
registerEnumType(Performance, {
  name: 'DebtorPerformance',
  description: '被执行人的履行情况 (performance of the obligation)',
  valuesConfig: {
    NONE_PERFORMED: { description: '全部未履行 (nothing performed)' },
    PARTLY_PERFORMED: { description: '部分未履行 (partly performed)' },
    FULLY_PERFORMED: { description: '全部履行 (fully performed)' },
  },
});

/** 失信被执行人行为具体情形: the six statutory forms (法释〔2017〕7号 art. 1) and anything else. */
export enum DishonestBehaviour {
  REFUSES_DESPITE_ABILITY = 'REFUSES_DESPITE_ABILITY',
  OBSTRUCTS_EXECUTION = 'OBSTRUCTS_EXECUTION',
  EVADES_EXECUTION = 'EVADES_EXECUTION',
  VIOLATES_PROPERTY_REPORTING = 'VIOLATES_PROPERTY_REPORTING',
  VIOLATES_CONSUMPTION_RESTRICTION = 'VIOLATES_CONSUMPTION_RESTRICTION',
  BREACHES_SETTLEMENT = 'BREACHES_SETTLEMENT',
  OTHER = 'OTHER',
}
registerEnumType(DishonestBehaviour, {
  name: 'DishonestBehaviour',
  description: '失信行为具体情形 (the specific dishonest behaviour, 法释〔2017〕7号 art. 1)',
  valuesConfig: {
    REFUSES_DESPITE_ABILITY: { description: '有履行能力而拒不履行生效法律文书确定义务 (refuses to perform despite the ability to)' },
    OBSTRUCTS_EXECUTION: { description: '以伪造证据、暴力、威胁等方法妨碍、抗拒执行 (obstructs or resists execution)' },
    EVADES_EXECUTION: { description: '以虚假诉讼、虚假仲裁或隐匿、转移财产等方法规避执行 (evades execution)' },
    VIOLATES_PROPERTY_REPORTING: { description: '违反财产报告制度 (violates the property-reporting rules)' },
    VIOLATES_CONSUMPTION_RESTRICTION: { description: '违反限制消费令 (violates a consumption restriction order)' },
    BREACHES_SETTLEMENT: { description: '无正当理由拒不履行执行和解协议 (breaches a settlement agreement without cause)' },
    OTHER: { description: '其他（原文见 dishonestBehaviourText） (other; see the original text)' },
  },
});

/**
 * 案号 form: since 2016-01-01 (法〔2015〕320号) case numbers carry the court's code; older ones a court
 * abbreviation and 字第. The rule is the kit's (kit/case-number.ts); this subgraph shows the form in its schema.
 */
export { CaseNumberForm };
registerEnumType(CaseNumberForm, {
  name: 'CaseNumberForm',
  description: '案号格式 (case-number form)',
  valuesConfig: {
    CURRENT: { description: '2016年起的格式，如 (2019)皖1122执1194号 (current form)' },
    PRE_2016: { description: '2016年以前的格式，如 (2015)黑河中法执字第00012号 (pre-2016 form)' },
  },
});

/** 督促履行 measures (seed 000 §六 2, seed 004 §四(四)). */
export enum PushKind {
  INTERVIEW = 'INTERVIEW',
  LETTER = 'LETTER',
  NOTICE = 'NOTICE',
  SUPERVISION = 'SUPERVISION',
  ON_SITE = 'ON_SITE',
}
registerEnumType(PushKind, {
  name: 'PushKind',
  description: '督促履行措施 (measure taken to push a body to perform)',
  valuesConfig: {
    INTERVIEW: { description: '约谈 (interview with the unit\'s head)' },
    LETTER: { description: '函告整改 (letter demanding rectification)' },
    NOTICE: { description: '通报 (notice / public criticism)' },
    SUPERVISION: { description: '专项督办 (supervision order)' },
    ON_SITE: { description: '现场督导 (on-site visit)' },
  },
});

export enum ObjectionStatus {
  PENDING = 'PENDING',
  CORRECTED = 'CORRECTED',
  REMOVED = 'REMOVED',
  REJECTED = 'REJECTED',
  CLOSED = 'CLOSED',
}
// The values are the kit's model of objections and repair (subgraphs/kit/remedies.ts); these enums name them in this schema.
true satisfies SameValues<`${ObjectionStatus}`, ObjectionState>;
registerEnumType(ObjectionStatus, {
  name: 'DebtorObjectionStatus',
  description: '异议处理状态 (objection status)',
  valuesConfig: {
    PENDING: { description: '审查中 (being examined)' },
    CORRECTED: { description: '异议成立，已更正 (upheld: record corrected)' },
    REMOVED: { description: '异议成立，已删除（撤销纳入） (upheld: listing revoked)' },
    REJECTED: { description: '异议不成立，恢复惩戒 (rejected: record active again)' },
    CLOSED: { description: '记录已退出名单，异议终结 (closed: the record left the list meanwhile)' },
  },
});

/** What an objection decision does (异议成立：更正或删除；不成立：驳回). */
export enum ObjectionDecision {
  CORRECT = 'CORRECT',
  REMOVE = 'REMOVE',
  REJECT = 'REJECT',
}
true satisfies SameValues<`${ObjectionDecision}`, ObjectionVerdict>;
registerEnumType(ObjectionDecision, {
  name: 'DebtorObjectionDecision',
  description: '异议审查决定 (decision on an objection)',
  valuesConfig: {
    CORRECT: { description: '异议成立，更正记录 (upheld: correct the record)' },
    REMOVE: { description: '异议成立，删除（撤销纳入） (upheld: revoke the listing)' },
    REJECT: { description: '异议不成立 (rejected)' },
  },
});

export enum RepairStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
true satisfies SameValues<`${RepairStatus}`, RepairState>;
registerEnumType(RepairStatus, {
  name: 'CreditRepairStatus',
  description: '信用修复申请状态 (credit repair application status)',
  valuesConfig: {
    PENDING: { description: '审核中 (under review)' },
    APPROVED: { description: '已修复 (approved: record repaired)' },
    REJECTED: { description: '不予修复 (rejected)' },
  },
});

/** 即将列入: an execution case against a body that is not (yet) on the list. */
export enum PendingCaseStatus {
  PENDING = 'PENDING',
  LISTED = 'LISTED',
  PERFORMED = 'PERFORMED',
  SETTLED = 'SETTLED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PendingCaseStatus, {
  name: 'PendingCaseStatus',
  description: '即将列入案件状态 (status of an about-to-be-listed case)',
  valuesConfig: {
    PENDING: { description: '预警中，尚未列入 (warned, not listed yet)' },
    LISTED: { description: '已被列入失信名单 (listed meanwhile)' },
    PERFORMED: { description: '列入前已履行 (performed before listing)' },
    SETTLED: { description: '列入前已和解 (settled before listing)' },
    WITHDRAWN: { description: '撤回或终结 (withdrawn or terminated)' },
  },
});

/** Outcomes a court may record for a case that was about to be listed. */
export enum PendingCaseOutcome {
  PERFORMED = 'PERFORMED',
  SETTLED = 'SETTLED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PendingCaseOutcome, {
  name: 'PendingCaseOutcome',
  description: '即将列入案件的结果 (how an about-to-be-listed case ended without a listing)',
});

/**
 * Government bodies for the ledger and push coverage, by USCC positions 1–2: organs (11),
 * public institutions (12), mass organizations (13), other establishments (19) and villagers'
 * / residents' committees (54). SOEs (91) are listed but not counted here.
 */
export const GOVERNMENT_BODY_TYPES: readonly RegistrantType[] = [
  RegistrantType.ORGAN,
  RegistrantType.PUBLIC_INSTITUTION,
  RegistrantType.MASS_ORGANIZATION,
  RegistrantType.OTHER_ESTABLISHMENT,
  RegistrantType.GRASSROOTS_SELF_GOVERNANCE,
];

export function isGovernmentBodyType(type: string): boolean {
  return (GOVERNMENT_BODY_TYPES as readonly string[]).includes(type);
}

/** Push coverage target (seed 001 table row 2: 100 %). */
export const PUSH_COVERAGE_TARGET = 1;
