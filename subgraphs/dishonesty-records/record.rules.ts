import type { FilterQuery } from '@mikro-orm/core';
import { addDays, Caller, CreditError, maskPersonName, OrganizationKind, today, type Role } from '../kit/index.js';
import type { AppliedSanction } from './entities/applied-sanction.js';
import type { DishonestyRecord } from './entities/dishonesty-record.js';
import { DishonestyKind, PublicationStatus, RecordStatus, SubjectType } from './entities/enums.js';
import { nextSanctionState, type SanctionReason, type SanctionState } from './sanction.rules.js';

/**
 * Who decides what (the deciding bodies of seed 002 §四(二)2 and seed 004 §四(三)), and so who
 * may send which kind of record. Every write is scoped to its owner:
 * - COURT (the court system, city-wide like the court list): judgments (司法判决).
 * - ORGANIZATION (a department's own token): the administrative penalties it decided, under its
 *   own USCC as the authority — never another authority's (checked per row, record.rows.ts).
 * - PERSONNEL (纪检监察、组织人事): disciplinary sanctions and accountability decisions.
 * - AUDITOR (the credit office, 信用办): any kind, other breaches of trust among them.
 */
export const KINDS_BY_ROLE: Partial<Record<Role, readonly DishonestyKind[]>> = {
  COURT: [DishonestyKind.JUDGMENT],
  ORGANIZATION: [DishonestyKind.ADMINISTRATIVE_PENALTY],
  PERSONNEL: [DishonestyKind.DISCIPLINARY_SANCTION, DishonestyKind.ACCOUNTABILITY],
  AUDITOR: Object.values(DishonestyKind),
};

/** The roles that may call the import at all. */
export const IMPORT_ROLES = Object.keys(KINDS_BY_ROLE) as Role[];

/** The kinds a caller may import, over all its roles. */
export function kindsImportableBy(caller: Caller): Set<DishonestyKind> {
  return new Set(IMPORT_ROLES.filter((role) => caller.has(role)).flatMap((role) => KINDS_BY_ROLE[role]!));
}

/**
 * Which registered bodies may decide each kind: what makes an authority "known". The registry
 * (its copy in this subgraph's store, kit/registry-mirror.ts) must hold the authority's USCC,
 * registered as one of these kinds; an unregistered body, or one that cannot decide such a
 * record (a school imposing an administrative penalty), is UNKNOWN_AUTHORITY.
 * - Judgments: courts (JUDICIAL_ORGAN; the row's authority name must also name a court).
 * - Administrative penalties: governments and their departments, and townships and street
 *   offices (行政处罚法 2021 art. 24 lets them exercise penalty powers).
 * - Disciplinary sanctions: Party organs (纪委), and the appointing organs of officials
 *   (政务处分法 art. 3: 任免机关、单位), i.e. every organ kind.
 * - Accountability decisions and other breaches: Party organs and governments at every tier
 *   and their departments (中国共产党问责条例 art. 8; the credit office is a department).
 */
const ORGANS: readonly OrganizationKind[] = [
  OrganizationKind.PARTY_ORGAN, OrganizationKind.PEOPLES_CONGRESS, OrganizationKind.GOVERNMENT, OrganizationKind.GOVERNMENT_DEPARTMENT,
  OrganizationKind.CPPCC, OrganizationKind.JUDICIAL_ORGAN, OrganizationKind.MASS_ORGANIZATION, OrganizationKind.TOWNSHIP, OrganizationKind.STREET_OFFICE,
];
const GOVERNING: readonly OrganizationKind[] = [
  OrganizationKind.PARTY_ORGAN, OrganizationKind.GOVERNMENT, OrganizationKind.GOVERNMENT_DEPARTMENT, OrganizationKind.TOWNSHIP, OrganizationKind.STREET_OFFICE,
];
export const AUTHORITY_KINDS: Record<DishonestyKind, readonly OrganizationKind[]> = {
  JUDGMENT: [OrganizationKind.JUDICIAL_ORGAN],
  ADMINISTRATIVE_PENALTY: [OrganizationKind.GOVERNMENT, OrganizationKind.GOVERNMENT_DEPARTMENT, OrganizationKind.TOWNSHIP, OrganizationKind.STREET_OFFICE],
  DISCIPLINARY_SANCTION: ORGANS,
  ACCOUNTABILITY: GOVERNING,
  OTHER_BREACH: GOVERNING,
};

/** The authority a row names is not one the registry has registered as able to decide its kind. */
export function unknownAuthority(kind: DishonestyKind, field = 'authorityUscc'): CreditError {
  return new CreditError(
    'BAD_USER_INPUT',
    '作出决定的机关未在机构编制库登记，或不是可作出此类决定的机关',
    `the authority is not registered, or not registered as a body that decides records of kind ${kind}`,
    { field, rule: 'UNKNOWN_AUTHORITY' },
  );
}

/**
 * Whether a row's name for a body is the name the registry has registered for its code: the same
 * characters once spaces are dropped and brackets read alike (（）and () are one bracket in a
 * name). Null (a copy of the registry that does not know the name) matches nothing.
 */
export function sameBodyName(given: string, registered: string | null): boolean {
  const plain = (name: string) => name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  return registered !== null && plain(given) === plain(registered);
}

/** The authority's name is not the one the registry has registered for the authority's USCC. */
export function notRegisteredName(field = 'authorityName'): CreditError {
  return new CreditError(
    'BAD_USER_INPUT',
    '作出决定机关名称与机构编制库为该统一社会信用代码登记的名称不符',
    'the authority\'s name is not the name the registry has registered for its USCC',
    { field, rule: 'REGISTERED_NAME' },
  );
}

/** Longest sanction term a record may carry: ten years. */
export const MAX_TERM_MONTHS = 120;

/**
 * The last day of a sanction term of `months` months decided on `decisionDate`. A term counted
 * in months starts the day after the decision and ends on the corresponding day of its last
 * month, or that month's last day when it has no corresponding day (民法典 第二百零一条: "开始的
 * 当日不计入，自下一日开始计算"; 第二百零二条: "按照年、月计算期间的，到期月的对应日为期间的最后一日；
 * 没有对应日的，月末日为期间的最后一日"): 12 months from 2026-03-15 end on 2027-03-15, one month
 * from 2026-01-31 on 2026-02-28.
 */
export function sanctionEndDate(decisionDate: string, months: number | null): string | null {
  if (months === null) return null;
  const [year, month, day] = decisionDate.split('-').map(Number) as [number, number, number];
  const monthIndex = month - 1 + months;
  const endYear = year + Math.floor(monthIndex / 12);
  const endMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(endYear, endMonth, 0)).getUTCDate();
  return `${endYear}-${String(endMonth).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** Within its sanction term on `on`: decided by then and not past its last day (no fixed term: until repaired, phase 2). */
export function inTerm(record: Pick<DishonestyRecord, 'decisionDate' | 'sanctionEndDate'>, on: string = today()): boolean {
  return record.decisionDate <= on && (record.sanctionEndDate === null || on <= record.sanctionEndDate);
}

/**
 * In force on `on`: the record counts against its subject and its sanctions bind. Decided by then
 * and within its sanction term (inTerm); ACTIVE: not under objection (seed 004 §四(九) "信用信息异议
 * 处理、核实期间暂不执行联合惩戒措施"), not removed as wrongly made ("因错误实施联合惩戒措施损害有关主体合法
 * 权益的，应积极采取措施恢复其信誉"), not repaired ("信用修复结果生效后，失信惩戒措施应给予解除"); and not
 * withdrawn by its authority (a WITHDRAWN record was revoked or corrected).
 *
 * The status is the stored one as of now: a record under objection today reads as not in force on
 * any day asked (the store keeps no status by date, and the score is asked for today).
 */
export function recordInForce(record: Pick<DishonestyRecord, 'decisionDate' | 'sanctionEndDate' | 'publication' | 'status'>, on: string = today()): boolean {
  return record.status === RecordStatus.ACTIVE && record.publication !== PublicationStatus.WITHDRAWN && inTerm(record, on);
}

/** An applied sanction as it stands on a day: its state, why, and since when. */
export interface EffectiveSanction {
  state: SanctionState;
  reason: SanctionReason;
  since: string;
}

/**
 * The state an applied sanction has on `on`, the end of its record's term read lazily (like
 * court-debtors' effectiveStatus): an APPLIED sanction whose record's term has ended is LIFTED,
 * reason TERM_ENDED, from the day after the term's last day, without any job writing it. A
 * suspended one waits for its objection (sanction.rules.ts NEXT_SANCTION_STATE); lifted and
 * undone ones stay as they are.
 */
export function effectiveSanction(
  sanction: Pick<AppliedSanction, 'state' | 'stateReason' | 'stateSince'>,
  record: Pick<DishonestyRecord, 'sanctionEndDate'>,
  on: string = today(),
): EffectiveSanction {
  const ended = record.sanctionEndDate !== null && on > record.sanctionEndDate;
  if (ended && nextSanctionState(sanction.state, 'TERM_ENDED') !== sanction.state) {
    return { state: nextSanctionState(sanction.state, 'TERM_ENDED'), reason: 'TERM_ENDED', since: addDays(record.sanctionEndDate!, 1) };
  }
  return { state: sanction.state, reason: sanction.stateReason, since: sanction.stateSince };
}

/** The state alone (effectiveSanction). */
export function effectiveSanctionState(sanction: Pick<AppliedSanction, 'state' | 'stateReason' | 'stateSince'>, record: Pick<DishonestyRecord, 'sanctionEndDate'>, on: string = today()): SanctionState {
  return effectiveSanction(sanction, record, on).state;
}

/** Who reads officials' records in full (name, pseudonym): AUDITOR, ADMIN and PERSONNEL (the organization department); each read is audited. */
export function readsOfficialsInFull(caller: Caller): boolean {
  return caller.has('AUDITOR', 'ADMIN', 'PERSONNEL');
}

/** What stands for an official's name in the text of a record shown without it. */
export const NAME_WITHHELD = '×××';

/**
 * A record's text as a caller may read it. An official's record is published (seed 002 §四(二)2
 * "纳入政务失信记录，通过市公共信用信息平台公示") as the unit's: the unit is accountable to the public, the
 * named person to the credit office and the discipline and personnel departments only (seed 004 §三
 * "在保护国家信息安全、国家秘密、商业秘密和个人隐私的前提下……依法公开政务信息"). To everyone
 * else the name is withheld wherever the decision's text repeats it, in full or masked as the
 * registry lists officials (王*明): either would join the record to the registry's public
 * `Organization.officials { id name }` and so to the pseudonym (security review 2026-12-01, B2).
 */
export function textFor(caller: Caller, record: Pick<DishonestyRecord, 'officialName'>, text: string): string {
  const name = record.officialName;
  if (!name || readsOfficialsInFull(caller)) return text;
  return text.replaceAll(name, NAME_WITHHELD).replaceAll(maskPersonName(name), NAME_WITHHELD);
}

/**
 * Which records a caller may read. Published ones are public (seed 002 §四(二)2 "通过市公共信用信息
 * 平台公示"); the credit office, the registry's keepers and PERSONNEL read every record; the courts
 * also their unpublished judgments; a unit also the records about itself or its officials and the
 * ones it decided.
 */
export function visibleRecords(caller: Caller): FilterQuery<DishonestyRecord> {
  if (caller.has('AUDITOR', 'ADMIN', 'PERSONNEL')) return {};
  const published: FilterQuery<DishonestyRecord> = { publication: PublicationStatus.PUBLISHED };
  const also: Array<FilterQuery<DishonestyRecord>> = [];
  if (caller.has('COURT')) also.push({ kind: DishonestyKind.JUDGMENT });
  if (caller.has('ORGANIZATION') && caller.uscc) also.push({ organizationUscc: caller.uscc }, { authorityUscc: caller.uscc });
  return also.length ? { $or: [published, ...also] } : published;
}

export function canSeeRecord(caller: Caller, record: DishonestyRecord): boolean {
  if (caller.has('AUDITOR', 'ADMIN', 'PERSONNEL') || record.publication === PublicationStatus.PUBLISHED) return true;
  if (caller.has('COURT') && record.kind === DishonestyKind.JUDGMENT) return true;
  return caller.has('ORGANIZATION') && caller.uscc !== null && (caller.uscc === record.organizationUscc || caller.uscc === record.authorityUscc);
}

/**
 * Who reads a unit's written explanation and rectification report (seed 004 §四(八) "书面说明原因"):
 * the unit itself, the authority that decided the record, and the credit office, registry keepers
 * and PERSONNEL. The public sees the due date, whether it was reported and whether it is overdue.
 */
export function readsRectification(caller: Caller, record: Pick<DishonestyRecord, 'organizationUscc' | 'authorityUscc'>): boolean {
  if (caller.has('AUDITOR', 'ADMIN', 'PERSONNEL')) return true;
  return caller.has('ORGANIZATION') && caller.uscc !== null && (caller.uscc === record.organizationUscc || caller.uscc === record.authorityUscc);
}

/**
 * Who may read an official's record's sanctions (seed 004 §四(八) "限制评先评优、提拔调任" is the
 * organization department's business): those who read officials' records in full. The public and
 * the official's unit see the record (its name withheld) but not what it does to the person.
 */
export function readsSanctionsOf(caller: Caller, record: Pick<DishonestyRecord, 'subjectType'>): boolean {
  return record.subjectType !== SubjectType.OFFICIAL || readsOfficialsInFull(caller);
}

/**
 * Who decides objections to a record and its repair: the authority that decided it (谁认定、谁修复;
 * seed 004 §四(九) "按照规定进行信用修复"). An administrative penalty: the penalising body's own
 * ORGANIZATION token, never the penalised unit's (a body penalising itself is decided by the credit
 * office instead); a judgment: COURT; a disciplinary sanction or accountability decision: PERSONNEL
 * (纪检监察、组织人事); another breach, found by the credit office: AUDITOR. Separation of duties
 * (whoever filed does not decide) is the kit's.
 */
export function decidesRemediesOf(caller: Caller, record: Pick<DishonestyRecord, 'kind' | 'authorityUscc' | 'organizationUscc'>): boolean {
  switch (record.kind) {
    case DishonestyKind.ADMINISTRATIVE_PENALTY:
      if (record.authorityUscc === record.organizationUscc) return caller.has('AUDITOR');
      return caller.has('ORGANIZATION') && caller.uscc === record.authorityUscc;
    case DishonestyKind.JUDGMENT:
      return caller.has('COURT');
    case DishonestyKind.DISCIPLINARY_SANCTION:
    case DishonestyKind.ACCOUNTABILITY:
      return caller.has('PERSONNEL');
    case DishonestyKind.OTHER_BREACH:
      return caller.has('AUDITOR');
  }
}

/** The roles that decide some record's remedies (the mutations' @Authorized; decidesRemediesOf says which record). */
export const REMEDY_DECIDER_ROLES: Role[] = ['ORGANIZATION', 'COURT', 'PERSONNEL', 'AUDITOR'];

/**
 * Who reads a record's objections and repair applications: those who read officials' records in
 * full, the record's decider, and for a body's record the unit itself and the deciding authority.
 * An official's grounds and measures speak of the person: not for the official's unit.
 */
export function readsRemediesOf(caller: Caller, record: Pick<DishonestyRecord, 'kind' | 'authorityUscc' | 'organizationUscc' | 'subjectType'>): boolean {
  if (readsOfficialsInFull(caller) || decidesRemediesOf(caller, record)) return true;
  return record.subjectType === SubjectType.ORGANIZATION && readsRectification(caller, record);
}

/** An official's record, as opposed to a body's. */
export const isOfficialRecord = (record: Pick<DishonestyRecord, 'subjectType'>): boolean => record.subjectType === SubjectType.OFFICIAL;
