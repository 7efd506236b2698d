import {
  badInput, officialIdFrom, readUscc, requireDate, requireOfficialId, requireText, usccRegionCode, type DuplicateKey,
} from '../kit/index.js';
import { parseFen } from '../kit/money.js';
import type { ContractParty } from './entities/contract.js';
import { ContractKind, ContractStatus, MilestoneType, type BreachingParty, type MilestoneStatus, type PppStage } from './entities/enums.js';
import type {
  ContractAmendmentInput, ContractBreachInput, ContractInput, ContractMilestoneInput, ContractPartyInput, ContractPaymentInput,
} from './inputs.js';

/**
 * Checks one contract row (of an import, or a single write) and turns it into stored
 * values: amounts in fen, USCCs without the OCDS prefix, the responsible official as a
 * pseudonym. Throws BAD_USER_INPUT naming the field; nothing here touches the store.
 */

const CONTRACT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const LOCAL_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,47}$/;
export const OCDS_USCC_PREFIX = 'CN-USCI-';

const LIMITS = { counterparties: 20, milestones: 200, payments: 1_000, breaches: 100, amendments: 100 } as const;

export interface RowWarning {
  field: string;
  code: string;
  message: string;
}

export interface CheckedMilestone {
  localId: string;
  title: string;
  type: MilestoneType;
  dueDate: string;
  amountFen: number | null;
  status: MilestoneStatus;
  dateMet: string | null;
}

export interface CheckedPayment {
  localId: string;
  date: string;
  amountFen: number;
  milestoneLocalId: string | null;
  payerName: string;
  payerUscc: string | null;
  payeeName: string;
  payeeUscc: string | null;
}

export interface CheckedBreach {
  localId: string;
  date: string;
  party: BreachingParty;
  description: string;
  remedied: boolean;
  remediedAt: string | null;
  remedyNote: string | null;
}

export interface CheckedAmendment {
  localId: string;
  date: string;
  rationale: string;
  description: string | null;
  amendedBy: string;
}

export interface CheckedContract {
  contract: {
    id: string;
    ocid: string | null;
    contractNumber: string;
    title: string;
    kind: ContractKind;
    governmentUscc: string;
    governmentPartyName: string;
    regionCode: string;
    counterparties: ContractParty[];
    valueFen: number;
    dateSigned: string | null;
    periodStart: string | null;
    periodEnd: string | null;
    status: ContractStatus;
    statusDetails: string | null;
    pppStage: PppStage | null;
  };
  responsibleOfficialId: string | null;
  /** The input field that named the responsible official (for the roster check's error). */
  responsibleOfficialField: string | null;
  milestones: CheckedMilestone[];
  payments: CheckedPayment[];
  breaches: CheckedBreach[];
  amendments: CheckedAmendment[];
  warnings: RowWarning[];
}

/** Whose dates and parties a payment defaults to. */
export interface PaymentDefaults {
  governmentUscc: string;
  governmentPartyName: string;
  counterparties: ContractParty[];
}

/** Two rows of one import with the same contract id: the later is refused. */
export const sameContractAs: DuplicateKey<CheckedContract> = {
  keyOf: (checked) => checked.contract.id,
  field: 'id',
  message: (earlier) => `与第${earlier}行的合同标识重复 (duplicate of row ${earlier})`,
};

export function checkContractRow(input: ContractInput): CheckedContract {
  const warnings: RowWarning[] = [];
  const id = requireId(input.id, 'id', CONTRACT_ID, 64);
  const governmentUscc = checkUscc(input.governmentUscc, 'governmentUscc', warnings);
  const status = input.status;
  const dateSigned = optionalDate(input.dateSigned, 'dateSigned');
  if (!dateSigned && (status === ContractStatus.ACTIVE || status === ContractStatus.TERMINATED)) {
    throw badInput(`履行中或已终止的合同须有签订日期 (an ${status} contract needs dateSigned)`, { field: 'dateSigned', rule: 'REQUIRED' });
  }
  const periodStart = optionalDate(input.periodStart, 'periodStart');
  const periodEnd = optionalDate(input.periodEnd, 'periodEnd');
  if (periodStart && periodEnd && periodEnd < periodStart) {
    throw badInput('履行期限止不能早于起 (periodEnd cannot be before periodStart)', { field: 'periodEnd', rule: 'DATE_ORDER' });
  }
  requireCny(input.currency, 'currency');
  const counterparties = list(input.counterparties, 'counterparties', LIMITS.counterparties).map((party, i) => checkParty(party, `counterparties[${i}]`, warnings));
  if (counterparties.length === 0) throw badInput('至少需要一个相对方 (at least one counterparty)', { field: 'counterparties', rule: 'REQUIRED' });

  const isPpp = input.kind === ContractKind.PPP;
  for (const field of ['pppStage', 'responsibleOfficialId', 'responsibleOfficialIdNumber'] as const) {
    if (!isPpp && input[field] != null) {
      throw badInput(`${field} 仅适用于PPP项目 (${field} applies to PPP contracts only)`, { field, rule: 'PPP_ONLY' });
    }
  }
  const governmentPartyName = requireText(input.governmentPartyName, 'governmentPartyName', 200);
  const responsible = isPpp ? responsibleOfficial(input) : null;
  const defaults: PaymentDefaults = { governmentUscc, governmentPartyName, counterparties };

  const milestones = unique(list(input.milestones, 'milestones', LIMITS.milestones).map((m, i) => checkMilestone(m, `milestones[${i}]`)), 'milestones');
  const payments = unique(list(input.payments, 'payments', LIMITS.payments).map((p, i) => checkPayment(p, `payments[${i}]`, defaults, warnings)), 'payments');
  const breaches = unique(list(input.breaches, 'breaches', LIMITS.breaches).map((b, i) => checkBreach(b, `breaches[${i}]`)), 'breaches');
  const amendments = unique(list(input.amendments, 'amendments', LIMITS.amendments).map((a, i) => checkAmendment(a, `amendments[${i}]`, governmentPartyName)), 'amendments');

  return {
    contract: {
      id,
      ocid: input.ocid?.trim() ? requireText(input.ocid, 'ocid', 128) : null,
      contractNumber: requireText(input.contractNumber, 'contractNumber', 100),
      title: requireText(input.title, 'title', 300),
      kind: input.kind,
      governmentUscc,
      governmentPartyName,
      regionCode: usccRegionCode(governmentUscc),
      counterparties,
      valueFen: parseFen(input.value, 'value'),
      dateSigned,
      periodStart,
      periodEnd,
      status,
      statusDetails: input.statusDetails?.trim() ? requireText(input.statusDetails, 'statusDetails', 500) : null,
      pppStage: input.pppStage ?? null,
    },
    responsibleOfficialId: responsible?.id ?? null,
    responsibleOfficialField: responsible?.field ?? null,
    milestones,
    payments,
    breaches,
    amendments,
    warnings,
  };
}

export function checkMilestone(input: ContractMilestoneInput, field: string): CheckedMilestone {
  requireCny(input.currency, `${field}.currency`);
  const amountFen = input.amount == null || input.amount.trim() === '' ? null : parseFen(input.amount, `${field}.amount`);
  if (input.type === MilestoneType.PAYMENT && amountFen === null) {
    throw badInput(`${field}：付款节点须有金额 (${field}: a payment milestone needs an amount)`, { field: `${field}.amount`, rule: 'REQUIRED' });
  }
  return {
    localId: requireId(input.id, `${field}.id`, LOCAL_ID, 48),
    title: requireText(input.title, `${field}.title`, 300),
    type: input.type,
    dueDate: requireDate(input.dueDate, `${field}.dueDate`),
    amountFen,
    status: input.status,
    dateMet: optionalDate(input.dateMet, `${field}.dateMet`),
  };
}

export function checkPayment(input: ContractPaymentInput, field: string, defaults: PaymentDefaults, warnings: RowWarning[]): CheckedPayment {
  requireCny(input.currency, `${field}.currency`);
  const payer = input.payerName?.trim()
    ? { name: requireText(input.payerName, `${field}.payerName`, 200), uscc: input.payerUscc ? checkUscc(input.payerUscc, `${field}.payerUscc`, warnings) : null }
    : { name: defaults.governmentPartyName, uscc: defaults.governmentUscc };
  const firstCounterparty = defaults.counterparties[0];
  const payee = input.payeeName?.trim()
    ? { name: requireText(input.payeeName, `${field}.payeeName`, 200), uscc: input.payeeUscc ? checkUscc(input.payeeUscc, `${field}.payeeUscc`, warnings) : null }
    : { name: firstCounterparty?.name ?? '', uscc: firstCounterparty?.uscc ?? null };
  if (!payee.name) throw badInput(`${field}：须写明收款方 (${field}: the payee is missing)`, { field: `${field}.payeeName`, rule: 'REQUIRED' });
  return {
    localId: requireId(input.id, `${field}.id`, LOCAL_ID, 48),
    date: requireDate(input.date, `${field}.date`),
    amountFen: parseFen(input.amount, `${field}.amount`, { positive: true }),
    milestoneLocalId: input.milestoneId?.trim() ? requireId(input.milestoneId, `${field}.milestoneId`, LOCAL_ID, 48) : null,
    payerName: payer.name,
    payerUscc: payer.uscc,
    payeeName: payee.name,
    payeeUscc: payee.uscc,
  };
}

export function checkBreach(input: ContractBreachInput, field: string): CheckedBreach {
  const date = requireDate(input.date, `${field}.date`);
  const remediedAt = optionalDate(input.remediedAt, `${field}.remediedAt`);
  if (remediedAt && remediedAt < date) {
    throw badInput(`${field}：纠正日期不能早于违约日期 (${field}: remediedAt cannot be before date)`, { field: `${field}.remediedAt`, rule: 'DATE_ORDER' });
  }
  const remedied = input.remedied ?? remediedAt !== null;
  if (!remedied && remediedAt) {
    throw badInput(`${field}：未纠正的违约不应有纠正日期 (${field}: an unremedied breach has no remediedAt)`, { field: `${field}.remediedAt`, rule: 'CONSISTENCY' });
  }
  return {
    localId: requireId(input.id, `${field}.id`, LOCAL_ID, 48),
    date,
    party: input.party,
    description: requireText(input.description, `${field}.description`, 2000),
    remedied,
    remediedAt,
    remedyNote: input.remedyNote?.trim() ? requireText(input.remedyNote, `${field}.remedyNote`, 2000) : null,
  };
}

function checkAmendment(input: ContractAmendmentInput, field: string, governmentPartyName: string): CheckedAmendment {
  return {
    localId: requireId(input.id, `${field}.id`, LOCAL_ID, 48),
    date: requireDate(input.date, `${field}.date`),
    rationale: requireText(input.rationale, `${field}.rationale`),
    description: input.description?.trim() ? requireText(input.description, `${field}.description`) : null,
    amendedBy: input.amendedBy?.trim() ? requireText(input.amendedBy, `${field}.amendedBy`, 200) : governmentPartyName,
  };
}

function checkParty(input: ContractPartyInput, field: string, warnings: RowWarning[]): ContractParty {
  return { name: requireText(input.name, `${field}.name`, 200), uscc: checkUscc(input.uscc, `${field}.uscc`, warnings), role: input.role };
}

/** A USCC, with or without the OCDS "CN-USCI-" prefix. Early pilot codes are accepted with a warning. */
export function checkUscc(value: string, field: string, warnings: RowWarning[]): string {
  const trimmed = value.trim();
  const code = trimmed.toUpperCase().startsWith(OCDS_USCC_PREFIX) ? trimmed.slice(OCDS_USCC_PREFIX.length) : trimmed;
  const { uscc, pilotProblem } = readUscc(code, field);
  if (pilotProblem) warnings.push({ field, code: 'PILOT_CODE', message: `${pilotProblem}；按早期试点代码接收并标记 (accepted and flagged as an early pilot code)` });
  return uscc;
}

/**
 * The PPP project's responsible official, by pseudonym or by ID number, never both: comparing
 * the two would tell the caller whether a candidate number is that pseudonym's (an ID-number
 * oracle), so a row with both is refused whatever they hold.
 */
function responsibleOfficial(input: ContractInput): { id: string; field: string } | null {
  const byId = input.responsibleOfficialId?.trim() || null;
  const idNumber = input.responsibleOfficialIdNumber?.trim() || null;
  if (byId && idNumber) {
    throw badInput('责任人只能以化名或身份号码之一给出 (give responsibleOfficialId or responsibleOfficialIdNumber, not both)', { field: 'responsibleOfficialIdNumber', rule: 'ONE_OF' });
  }
  if (byId) return { id: requireOfficialId(byId, 'responsibleOfficialId', '责任人'), field: 'responsibleOfficialId' };
  if (idNumber) return { id: officialIdFrom(idNumber, 'responsibleOfficialIdNumber'), field: 'responsibleOfficialIdNumber' };
  return null;
}

function requireId(value: string, field: string, pattern: RegExp, max: number): string {
  const id = value.trim();
  if (!pattern.test(id)) {
    throw badInput(`${field} 应为1–${max}位字母、数字或 . _ : -，以字母或数字开头 (${field}: 1–${max} letters, digits, . _ : -, starting with a letter or digit)`, { field, rule: 'ID_FORMAT' });
  }
  return id;
}

function optionalDate(value: string | null | undefined, field: string): string | null {
  if (value == null || value.trim() === '') return null;
  return requireDate(value.trim(), field);
}

export function requireCny(currency: string | null | undefined, field: string): void {
  if (currency != null && currency.trim().toUpperCase() !== 'CNY') {
    throw badInput(`${field}：仅支持人民币 CNY (${field}: only CNY is supported)`, { field, rule: 'CURRENCY' });
  }
}

function list<T>(items: T[] | null | undefined, field: string, max: number): T[] {
  const rows = items ?? [];
  if (rows.length > max) throw badInput(`${field} 最多 ${max} 项 (${field}: at most ${max} entries)`, { field, rule: 'TOO_MANY' });
  return rows;
}

function unique<T extends { localId: string }>(items: T[], field: string): T[] {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.localId)) throw badInput(`${field}[${i}]：编号 ${item.localId} 重复 (${field}[${i}]: duplicate id ${item.localId})`, { field: `${field}[${i}].id`, rule: 'DUPLICATE' });
    seen.add(item.localId);
  });
  return items;
}

