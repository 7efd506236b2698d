import { registerEnumType } from 'type-graphql';

/** 合同类别: the fields of seed 001 task 6, seed 002 §二(一)3 and seed 003 §二(二). */
export enum ContractKind {
  GOVERNMENT_PROCUREMENT = 'GOVERNMENT_PROCUREMENT',
  TENDERING = 'TENDERING',
  PPP = 'PPP',
  INVESTMENT_ATTRACTION = 'INVESTMENT_ATTRACTION',
  GOVERNMENT_INVESTMENT = 'GOVERNMENT_INVESTMENT',
  OTHER = 'OTHER',
}
registerEnumType(ContractKind, {
  name: 'ContractKind',
  description: '合同类别 (kind of government contract)',
  valuesConfig: {
    GOVERNMENT_PROCUREMENT: { description: '政府采购 (government procurement)' },
    TENDERING: { description: '招标投标 (tendering)' },
    PPP: { description: '政府和社会资本合作 (public–private partnership)' },
    INVESTMENT_ATTRACTION: { description: '招商引资协议 (investment attraction agreement)' },
    GOVERNMENT_INVESTMENT: { description: '政府投资项目 (government investment project)' },
    OTHER: { description: '其他 (other)' },
  },
});

/** OCDS contractStatus. CANCELLED and TERMINATED are final. */
export enum ContractStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  TERMINATED = 'TERMINATED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ContractStatus, {
  name: 'ContractStatus',
  description: '合同状态，取自 OCDS contractStatus (contract status, OCDS codelist)',
  valuesConfig: {
    PENDING: { description: '待生效，如待签署 (pending: proposed, not yet in force)' },
    ACTIVE: { description: '履行中，已签署并生效 (active: signed and in force)' },
    TERMINATED: { description: '已终止：履行完毕或提前解除，终态 (terminated: came to a close; final)' },
    CANCELLED: { description: '已取消：签署前取消，终态 (cancelled before signature; final)' },
  },
});

/** OCDS partyRole, as far as a counterparty of a government contract goes. */
export enum ContractPartyRole {
  SUPPLIER = 'SUPPLIER',
  PRIVATE_PARTY = 'PRIVATE_PARTY',
}
registerEnumType(ContractPartyRole, {
  name: 'ContractPartyRole',
  description: '相对方角色 (counterparty role, OCDS partyRole)',
  valuesConfig: {
    SUPPLIER: { description: '供应商、承包商 (supplier)' },
    PRIVATE_PARTY: { description: '社会资本方、投资方 (private party, PPP or investor)' },
  },
});

/** OCDS milestoneType. */
export enum MilestoneType {
  PRE_PROCUREMENT = 'PRE_PROCUREMENT',
  APPROVAL = 'APPROVAL',
  ENGAGEMENT = 'ENGAGEMENT',
  ASSESSMENT = 'ASSESSMENT',
  DELIVERY = 'DELIVERY',
  REPORTING = 'REPORTING',
  FINANCING = 'FINANCING',
  PAYMENT = 'PAYMENT',
}
registerEnumType(MilestoneType, {
  name: 'ContractMilestoneType',
  description: '履约节点类型，取自 OCDS milestoneType (milestone type, OCDS codelist)',
  valuesConfig: {
    PRE_PROCUREMENT: { description: '采购前准备 (pre-procurement)' },
    APPROVAL: { description: '审批 (approval)' },
    ENGAGEMENT: { description: '沟通协商 (engagement)' },
    ASSESSMENT: { description: '评估验收 (assessment)' },
    DELIVERY: { description: '交付，如交货、完工、交地 (delivery)' },
    REPORTING: { description: '报告 (reporting)' },
    FINANCING: { description: '融资、投资到位 (financing)' },
    PAYMENT: { description: '政府方付款 (payment by the government party)' },
  },
});

/** OCDS milestoneStatus. */
export enum MilestoneStatus {
  SCHEDULED = 'SCHEDULED',
  MET = 'MET',
  NOT_MET = 'NOT_MET',
  PARTIALLY_MET = 'PARTIALLY_MET',
}
registerEnumType(MilestoneStatus, {
  name: 'ContractMilestoneStatus',
  description: '履约节点状态，取自 OCDS milestoneStatus (milestone status, OCDS codelist)',
  valuesConfig: {
    SCHEDULED: { description: '计划中 (scheduled)' },
    MET: { description: '已完成 (met)' },
    NOT_MET: { description: '未完成 (not met)' },
    PARTIALLY_MET: { description: '部分完成 (partially met)' },
  },
});

export enum BreachingParty {
  GOVERNMENT = 'GOVERNMENT',
  COUNTERPARTY = 'COUNTERPARTY',
}
registerEnumType(BreachingParty, {
  name: 'ContractBreachingParty',
  description: '违约方 (the party in breach)',
  valuesConfig: {
    GOVERNMENT: { description: '政府方 (the government party)' },
    COUNTERPARTY: { description: '相对方 (the counterparty)' },
  },
});

/** The PPP stages of seed 003 §二(二)2 and seed 004 §五(三): 项目筹备、招标投标、政府采购、融资、实施. */
export enum PppStage {
  PREPARATION = 'PREPARATION',
  TENDERING = 'TENDERING',
  PROCUREMENT = 'PROCUREMENT',
  FINANCING = 'FINANCING',
  IMPLEMENTATION = 'IMPLEMENTATION',
  HANDOVER = 'HANDOVER',
}
registerEnumType(PppStage, {
  name: 'PppStage',
  description: 'PPP项目阶段 (PPP project stage)',
  valuesConfig: {
    PREPARATION: { description: '项目筹备 (preparation)' },
    TENDERING: { description: '招标投标 (tendering)' },
    PROCUREMENT: { description: '政府采购 (procurement)' },
    FINANCING: { description: '融资 (financing)' },
    IMPLEMENTATION: { description: '实施 (implementation)' },
    HANDOVER: { description: '移交 (handover)' },
  },
});

/** Complaint categories of seed 001 task 3 and 6 and seed 002 §二(三). */
export enum ComplaintCategory {
  NON_PERFORMANCE = 'NON_PERFORMANCE',
  ARREARS = 'ARREARS',
  OLD_DEBTS_IGNORED = 'OLD_DEBTS_IGNORED',
  POLICY_NOT_HONOURED = 'POLICY_NOT_HONOURED',
  OTHER = 'OTHER',
}
registerEnumType(ComplaintCategory, {
  name: 'ContractComplaintCategory',
  description: '履约投诉类别 (contract complaint category)',
  valuesConfig: {
    NON_PERFORMANCE: { description: '不履行合同 (non-performance)' },
    ARREARS: { description: '拖欠账款 (arrears owed to the enterprise)' },
    OLD_DEBTS_IGNORED: { description: '新官不理旧账 (new officials ignoring old debts)' },
    POLICY_NOT_HONOURED: { description: '政策承诺不兑现 (policy promise not honoured)' },
    OTHER: { description: '其他 (other)' },
  },
});

export enum ComplaintChannel {
  HOTLINE_12345 = 'HOTLINE_12345',
  WEBSITE = 'WEBSITE',
  EMAIL = 'EMAIL',
  PETITION = 'PETITION',
  IN_PERSON = 'IN_PERSON',
  OTHER = 'OTHER',
}
registerEnumType(ComplaintChannel, {
  name: 'ContractComplaintChannel',
  description: '投诉渠道 (channel the complaint came through)',
  valuesConfig: {
    HOTLINE_12345: { description: '12345热线 (12345 hotline)' },
    WEBSITE: { description: '网站、网络问政 (website)' },
    EMAIL: { description: '电子邮件 (e-mail)' },
    PETITION: { description: '信访 (petition)' },
    IN_PERSON: { description: '现场 (in person)' },
    OTHER: { description: '其他 (other)' },
  },
});

/** RECEIVED → ACCEPTED → INVESTIGATING → RESOLVED / REJECTED. */
export enum ComplaintStatus {
  RECEIVED = 'RECEIVED',
  ACCEPTED = 'ACCEPTED',
  INVESTIGATING = 'INVESTIGATING',
  RESOLVED = 'RESOLVED',
  REJECTED = 'REJECTED',
}
registerEnumType(ComplaintStatus, {
  name: 'ContractComplaintStatus',
  description: '履约投诉办理状态 (contract complaint status)',
  valuesConfig: {
    RECEIVED: { description: '已接收 (received)' },
    ACCEPTED: { description: '已受理，登记入台账 (accepted into the ledger)' },
    INVESTIGATING: { description: '调查核实中 (being investigated)' },
    RESOLVED: { description: '已办结 (resolved; final)' },
    REJECTED: { description: '不予受理或驳回 (rejected; final)' },
  },
});

export const CLOSED_COMPLAINT: readonly ComplaintStatus[] = [ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED];

/** Steps of the append-only handling trail: the status steps and the supervision measures of seed 001 task 3. */
export enum ComplaintActionKind {
  RECEIVE = 'RECEIVE',
  ACCEPT = 'ACCEPT',
  INVESTIGATE = 'INVESTIGATE',
  SUPERVISE = 'SUPERVISE',
  INTERVIEW = 'INTERVIEW',
  NOTIFY = 'NOTIFY',
  REFER = 'REFER',
  RESOLVE = 'RESOLVE',
  REJECT = 'REJECT',
}
registerEnumType(ComplaintActionKind, {
  name: 'ContractComplaintActionKind',
  description: '投诉办理记录类型 (kind of handling action)',
  valuesConfig: {
    RECEIVE: { description: '接收 (received)' },
    ACCEPT: { description: '受理 (accepted)' },
    INVESTIGATE: { description: '开始调查核实 (investigation started)' },
    SUPERVISE: { description: '督办 (supervision order)' },
    INTERVIEW: { description: '约谈 (admonitory interview)' },
    NOTIFY: { description: '通报曝光 (public notice)' },
    REFER: { description: '移送有权机关处理 (referral to a competent authority)' },
    RESOLVE: { description: '办结 (resolved)' },
    REJECT: { description: '不予受理或驳回 (rejected)' },
  },
});

/** The supervision measures an auditor may add to an accepted complaint; the other kinds are status steps. */
export const HANDLING_MEASURES: readonly ComplaintActionKind[] = [
  ComplaintActionKind.SUPERVISE, ComplaintActionKind.INTERVIEW, ComplaintActionKind.NOTIFY, ComplaintActionKind.REFER,
];
