import { randomUUID } from 'node:crypto';
import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput, Caller, checkRows, chunked, keepRegisteredOfficials, keepRows, writeRows, type OfficialRoster, errors, importTransaction, ImportResult, requireDate, requireRegionCode, requireText, requireUsccShape, today,
  type EntityManager, type PageWindow, regionCodeRange,
} from '../kit/index.js';
import { formatFen, parseFen } from '../kit/money.js';
import {
  checkBreach, checkContractRow, checkPayment, sameContractAs, type CheckedContract, type CheckedPayment,
} from './contract.rows.js';
import { ContractAmendment, type ContractChange } from './entities/amendment.js';
import { ContractBreach } from './entities/breach.js';
import { Contract } from './entities/contract.js';
import { ContractStatus, MilestoneStatus, MilestoneType } from './entities/enums.js';
import { ContractMilestone } from './entities/milestone.js';
import { ContractPayment } from './entities/payment.js';
import { PppResponsibility } from './entities/ppp-responsibility.js';
import type { AmendContractInput, ContractBreachInput, ContractFilter, ContractInput, ContractPaymentInput } from './inputs.js';
import { illegalStatus, IN_FORCE, NEXT_CONTRACT_STATUS, overdueContracts } from './contract.rules.js';

/** contractId/localId: the global id of a milestone, payment, breach or amendment. */
export function partId(contractId: string, localId: string): string {
  return `${contractId}/${localId}`;
}

function localIdOf(contractId: string, globalId: string): string {
  return globalId.slice(contractId.length + 1);
}

/** What the store holds of one contract, for merging an import row into it. */
interface StoredContract {
  contract?: Contract;
  milestones: Map<string, ContractMilestone>;
  payments: Map<string, ContractPayment>;
  breaches: Map<string, ContractBreach>;
  amendments: Map<string, ContractAmendment>;
  openResponsibility?: PppResponsibility;
}

/** JSON with object keys sorted: PostgreSQL's jsonb gives keys back in its own order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** Assigns the fields that differ; true when any did. JSON values compare by content. */
function assignChanged<T extends object>(em: EntityManager, entity: T, data: Partial<T>): boolean {
  const changed = (Object.keys(data) as Array<keyof T>).filter((key) => {
    const [a, b] = [entity[key], data[key]];
    return typeof b === 'object' && b !== null ? canonicalJson(a) !== canonicalJson(b) : a !== b;
  });
  if (changed.length > 0) em.assign(entity, Object.fromEntries(changed.map((key) => [key, data[key]])) as any);
  return changed.length > 0;
}

export class ContractRepository extends EntityRepository<Contract> {
  /** One page of contracts in id order (keyset pagination), and how many match. */
  async findPage(filter: ContractFilter | null | undefined, window: PageWindow): Promise<{ rows: Contract[]; total: number }> {
    const where: FilterQuery<Contract>[] = [];
    if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
    if (filter?.kind) where.push({ kind: filter.kind });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.governmentUscc) where.push({ governmentUscc: requireUsccShape(filter.governmentUscc, 'filter.governmentUscc') });
    if (filter?.signedFrom) where.push({ dateSigned: { $gte: requireDate(filter.signedFrom, 'filter.signedFrom') } });
    if (filter?.signedTo) where.push({ dateSigned: { $lte: requireDate(filter.signedTo, 'filter.signedTo') } });
    if (filter?.overdue != null) {
      const overdue = overdueContracts(this.em as EntityManager, today());
      where.push(filter.overdue ? overdue : { $not: overdue });
    }
    const all: FilterQuery<Contract> = where.length > 0 ? { $and: where } : {};
    const page: FilterQuery<Contract> = window.afterKey === undefined ? all : { $and: [...where, { id: { $gt: String(window.afterKey) } }] };
    const rows = await this.find(page, { orderBy: { id: 'asc' }, limit: window.first + 1 });
    return { rows, total: await this.count(all) };
  }

  async getOr404(id: string): Promise<Contract> {
    const contract = await this.findOne({ id });
    if (!contract) throw errors.notFound(`未找到合同 ${id}`, `no contract ${id}`);
    return contract;
  }

  /**
   * Creates or updates contracts by id (OCDS merge: milestones, payments, breaches and
   * amendments are merged by their ids, and none is removed by a row that omits it). A row
   * equal to the store is `unchanged`. Bad rows are reported with their number and written
   * not at all; the good rows are written in one transaction.
   */
  async importRows(rows: ContractInput[], caller: Caller, roster: OfficialRoster): Promise<ImportResult> {
    const result = new ImportResult();
    const checkedRows = checkRows(rows, result, checkContractRow, sameContractAs);
    // A PPP project's responsible official must be registered in the government party (no ID-number oracle).
    const valid = await keepRegisteredOfficials(
      checkedRows,
      ({ data }) => (data.responsibleOfficialId ? { officialId: data.responsibleOfficialId, unitUscc: data.contract.governmentUscc, field: data.responsibleOfficialField! } : null),
      { roster, caller },
      result,
    );

    await importTransaction(this.em, result, async (tx) => {
      const em = tx as EntityManager;
      const stored = await loadStored(em, valid.map(({ data }) => data.contract.id));
      const paid = new Map<string, Map<string, number>>();
      const planned = keepRows(valid, result, ({ row, data: checked }) => {
        paid.set(checked.contract.id, planRow(checked, stored.get(checked.contract.id)!));
        for (const warning of checked.warnings) result.warn(row, warning.message, warning.field, warning.code);
      });
      const existing = new Map([...stored].filter(([, state]) => state.contract));
      const apply = (checked: CheckedContract) => applyRow(em, checked, stored.get(checked.contract.id)!, paid.get(checked.contract.id)!, caller);
      writeRows(em, result, planned, existing, { keyOf: (checked) => checked.contract.id, create: (checked) => void apply(checked), merge: (_, checked) => apply(checked) });
    });
    return result;
  }

  /** Moves a contract to another status; the final states refuse any move (CONFLICT). */
  async changeStatus(id: string, to: ContractStatus, details: string | null | undefined, dateSigned: string | null | undefined): Promise<Contract> {
    const contract = await this.getOr404(id);
    if (!NEXT_CONTRACT_STATUS[contract.status].includes(to)) throw illegalStatus(contract.status, to);
    if (dateSigned) contract.dateSigned = requireDate(dateSigned, 'dateSigned');
    if (IN_FORCE.includes(to) && !contract.dateSigned) {
      throw badInput(`生效或终止的合同须有签订日期 (an ${to} contract needs dateSigned)`, { field: 'dateSigned', rule: 'REQUIRED' });
    }
    contract.status = to;
    if (details != null) contract.statusDetails = requireText(details, 'details', 500);
    await this.em.flush();
    return contract;
  }

  /** Amends a pending or active contract: records who, why and what changed, then applies it. */
  async amend(id: string, input: AmendContractInput, caller: Caller): Promise<ContractAmendment> {
    const contract = await this.getOr404(id);
    if (contract.status !== ContractStatus.PENDING && contract.status !== ContractStatus.ACTIVE) {
      throw errors.conflict(`合同已${contract.status === ContractStatus.TERMINATED ? '终止' : '取消'}，不能变更`, `a ${contract.status} contract cannot be amended`);
    }
    const changes: ContractChange[] = [];
    if (input.value != null) {
      const valueFen = parseFen(input.value, 'value');
      if (valueFen !== contract.valueFen) changes.push({ field: 'value', from: formatFen(contract.valueFen), to: formatFen(valueFen) });
      contract.valueFen = valueFen;
    }
    if (input.periodEnd != null) {
      const periodEnd = requireDate(input.periodEnd, 'periodEnd');
      if (contract.periodStart && periodEnd < contract.periodStart) {
        throw badInput('履行期限止不能早于起 (periodEnd cannot be before periodStart)', { field: 'periodEnd', rule: 'DATE_ORDER' });
      }
      if (periodEnd !== contract.periodEnd) changes.push({ field: 'periodEnd', from: contract.periodEnd, to: periodEnd });
      contract.periodEnd = periodEnd;
    }
    if (input.title != null) {
      const title = requireText(input.title, 'title', 300);
      if (title !== contract.title) changes.push({ field: 'title', from: contract.title, to: title });
      contract.title = title;
    }
    const taken = new Set((await this.em.find(ContractAmendment, { contractId: id })).map((a) => a.localId));
    let sequence = taken.size + 1;
    while (taken.has(`amendment-${sequence}`)) sequence++;
    const amendment = this.em.create(ContractAmendment, {
      id: partId(id, `amendment-${sequence}`),
      contractId: id,
      localId: `amendment-${sequence}`,
      date: input.date ? requireDate(input.date, 'date') : today(),
      rationale: requireText(input.rationale, 'rationale'),
      description: input.description?.trim() ? requireText(input.description, 'description') : null,
      amendedBy: requireText(input.amendedBy, 'amendedBy', 200),
      recordedBy: caller.id,
      changes,
    });
    await this.em.flush();
    return amendment;
  }

  async updateMilestone(contractId: string, milestoneId: string, status: MilestoneStatus, dateMet: string | null | undefined): Promise<ContractMilestone> {
    const contract = await this.getOr404(contractId);
    if (contract.status === ContractStatus.CANCELLED) throw errors.conflict('已取消的合同不再登记履约', 'a CANCELLED contract takes no performance records');
    const milestone = await this.em.findOne(ContractMilestone, { id: partId(contractId, milestoneId) });
    if (!milestone) throw errors.notFound(`合同 ${contractId} 没有节点 ${milestoneId}`, `contract ${contractId} has no milestone ${milestoneId}`);
    milestone.status = status;
    milestone.dateMet = dateMet ? requireDate(dateMet, 'dateMet') : status === MilestoneStatus.MET ? today() : null;
    await this.em.flush();
    return milestone;
  }

  /**
   * Records a payment under a contract in force. A payment that settles a milestone moves
   * it to PARTIALLY_MET, or MET once fully paid; paying more than the milestone's amount
   * is refused.
   */
  async recordPayment(contractId: string, input: ContractPaymentInput): Promise<ContractPayment> {
    const contract = await this.getOr404(contractId);
    if (!IN_FORCE.includes(contract.status)) throw errors.conflict(`合同状态为 ${contract.status}，未曾生效，不能登记付款`, `a ${contract.status} contract was never in force and takes no payments`);
    const payment = checkPayment(input, 'input', contract, []);
    const id = partId(contractId, payment.localId);
    if (await this.em.findOne(ContractPayment, { id })) throw errors.conflict(`付款 ${payment.localId} 已登记`, `payment ${payment.localId} is already recorded`);
    let milestone: ContractMilestone | null = null;
    if (payment.milestoneLocalId) {
      milestone = await this.em.findOne(ContractMilestone, { id: partId(contractId, payment.milestoneLocalId) });
      if (!milestone || milestone.type !== MilestoneType.PAYMENT) throw unknownPaymentMilestone('input.milestoneId', payment.milestoneLocalId);
      const paid = milestone.paidFen + payment.amountFen;
      if (paid > (milestone.amountFen ?? 0)) throw overpaid('input.amount', payment.milestoneLocalId, paid, milestone.amountFen ?? 0);
      milestone.paidFen = paid;
      if (paid === milestone.amountFen && milestone.status !== MilestoneStatus.MET) {
        milestone.status = MilestoneStatus.MET;
        milestone.dateMet = payment.date;
      } else if (paid < (milestone.amountFen ?? 0) && milestone.status !== MilestoneStatus.MET) {
        milestone.status = MilestoneStatus.PARTIALLY_MET;
      }
    }
    const created = this.em.create(ContractPayment, { id, contractId, ...paymentFields(contractId, payment) });
    await this.em.flush();
    return created;
  }

  async recordBreach(contractId: string, input: ContractBreachInput): Promise<ContractBreach> {
    const contract = await this.getOr404(contractId);
    if (!IN_FORCE.includes(contract.status)) throw errors.conflict(`合同状态为 ${contract.status}，未曾生效，无违约可言`, `a ${contract.status} contract was never in force and cannot be breached`);
    const breach = checkBreach(input, 'input');
    const id = partId(contractId, breach.localId);
    if (await this.em.findOne(ContractBreach, { id })) throw errors.conflict(`违约记录 ${breach.localId} 已登记`, `breach ${breach.localId} is already recorded`);
    const created = this.em.create(ContractBreach, { id, contractId, ...breach });
    await this.em.flush();
    return created;
  }

  async remedyBreach(contractId: string, breachId: string, remediedAt: string, note: string): Promise<ContractBreach> {
    const breach = await this.em.findOne(ContractBreach, { id: partId(contractId, breachId) });
    if (!breach) throw errors.notFound(`合同 ${contractId} 没有违约记录 ${breachId}`, `contract ${contractId} has no breach ${breachId}`);
    if (breach.remedied) throw errors.conflict('该违约已登记纠正', 'the breach is already remedied');
    const date = requireDate(remediedAt, 'remediedAt');
    if (date < breach.date) throw badInput('纠正日期不能早于违约日期 (remediedAt cannot be before the breach)', { field: 'remediedAt', rule: 'DATE_ORDER' });
    breach.remedied = true;
    breach.remediedAt = date;
    breach.remedyNote = requireText(note, 'note', 2000);
    await this.em.flush();
    return breach;
  }
}

async function loadStored(em: EntityManager, ids: string[]): Promise<Map<string, StoredContract>> {
  const stored = new Map<string, StoredContract>(ids.map((id) => [id, { milestones: new Map(), payments: new Map(), breaches: new Map(), amendments: new Map() }]));
  for (const part of chunked(ids)) {
    const byContract = { contractId: { $in: part } };
    for (const contract of await em.find(Contract, { id: { $in: part } })) stored.get(contract.id)!.contract = contract;
    for (const m of await em.find(ContractMilestone, byContract)) stored.get(m.contractId)!.milestones.set(m.localId, m);
    for (const p of await em.find(ContractPayment, byContract)) stored.get(p.contractId)!.payments.set(p.localId, p);
    for (const b of await em.find(ContractBreach, byContract)) stored.get(b.contractId)!.breaches.set(b.localId, b);
    for (const a of await em.find(ContractAmendment, byContract)) stored.get(a.contractId)!.amendments.set(a.localId, a);
    for (const r of await em.find(PppResponsibility, { ...byContract, until: null })) stored.get(r.contractId)!.openResponsibility = r;
  }
  return stored;
}

/**
 * Checks a row against what is stored, without writing: the status may only move forward,
 * payments may flow only under a contract in force, each settles a payment milestone of the
 * contract, and no milestone is paid beyond its amount. Returns the paid fen per milestone.
 */
function planRow(checked: CheckedContract, state: StoredContract): Map<string, number> {
  const { contract } = checked;
  if (state.contract && state.contract.status !== contract.status && !NEXT_CONTRACT_STATUS[state.contract.status].includes(contract.status)) {
    throw illegalStatus(state.contract.status, contract.status);
  }
  const milestones = new Map<string, { type: MilestoneType; amountFen: number | null }>(state.milestones);
  for (const m of checked.milestones) milestones.set(m.localId, m);
  const payments = new Map<string, { amountFen: number; milestoneLocalId: string | null; field: string }>();
  for (const p of state.payments.values()) {
    payments.set(p.localId, { amountFen: p.amountFen, milestoneLocalId: p.milestoneId ? localIdOf(contract.id, p.milestoneId) : null, field: 'payments' });
  }
  checked.payments.forEach((p, i) => payments.set(p.localId, { ...p, field: `payments[${i}]` }));
  if (payments.size > 0 && !IN_FORCE.includes(contract.status)) {
    throw badInput(`合同状态为 ${contract.status}，未曾生效，不能有付款 (a ${contract.status} contract was never in force and has no payments)`, { field: 'payments', rule: 'NOT_IN_FORCE' });
  }
  const paid = new Map<string, number>();
  for (const [paymentId, payment] of payments) {
    if (!payment.milestoneLocalId) continue;
    const milestone = milestones.get(payment.milestoneLocalId);
    if (!milestone || milestone.type !== MilestoneType.PAYMENT) throw unknownPaymentMilestone(`${payment.field}.milestoneId`, payment.milestoneLocalId, paymentId);
    const total = (paid.get(payment.milestoneLocalId) ?? 0) + payment.amountFen;
    if (total > (milestone.amountFen ?? 0)) throw overpaid(payment.field, payment.milestoneLocalId, total, milestone.amountFen ?? 0);
    paid.set(payment.milestoneLocalId, total);
  }
  return paid;
}

/** Writes a planned row; true when anything of an existing contract changed. */
function applyRow(em: EntityManager, checked: CheckedContract, state: StoredContract, paid: Map<string, number>, caller: Caller): boolean {
  const { contract: data } = checked;
  const contractId = data.id;
  let changed = false;
  if (state.contract) changed = assignChanged(em, state.contract, data);
  else em.create(Contract, data);
  /** Updates a stored part or creates a new one (a new part of a stored contract is a change). */
  const upsert = <E extends object>(current: E | undefined, fields: Partial<E>, create: () => E): E => {
    if (current) {
      changed = assignChanged(em, current, fields) || changed;
      return current;
    }
    changed = true;
    return create();
  };

  for (const { localId, ...fields } of checked.milestones) {
    const id = partId(contractId, localId);
    state.milestones.set(localId, upsert(state.milestones.get(localId), fields, () => em.create(ContractMilestone, { id, contractId, localId, ...fields })));
  }
  for (const [localId, milestone] of state.milestones) milestone.paidFen = paid.get(localId) ?? 0;
  for (const payment of checked.payments) {
    const { localId, ...fields } = paymentFields(contractId, payment);
    upsert(state.payments.get(localId), fields, () => em.create(ContractPayment, { id: partId(contractId, localId), contractId, localId, ...fields }));
  }
  for (const { localId, ...fields } of checked.breaches) {
    upsert(state.breaches.get(localId), fields, () => em.create(ContractBreach, { id: partId(contractId, localId), contractId, localId, ...fields }));
  }
  for (const { localId, ...fields } of checked.amendments) {
    upsert(state.amendments.get(localId), fields, () => em.create(ContractAmendment, { id: partId(contractId, localId), contractId, localId, ...fields, recordedBy: caller.id }));
  }
  return recordResponsibility(em, checked, state, caller) || changed;
}

/**
 * Keeps the PPP responsibility trail: when the responsible official or the stage differs
 * from the open entry, that entry is closed today and a new one opened. Entries are never
 * rewritten. Returns whether the trail changed.
 */
function recordResponsibility(em: EntityManager, checked: CheckedContract, state: StoredContract, caller: Caller): boolean {
  const open = state.openResponsibility;
  const officialId = checked.responsibleOfficialId ?? open?.officialId ?? null;
  const stage = checked.contract.pppStage ?? open?.stage ?? null;
  if (!officialId || !stage || (open && open.officialId === officialId && open.stage === stage)) return false;
  const on = today();
  if (open) open.until = on;
  state.openResponsibility = em.create(PppResponsibility, { id: randomUUID(), contractId: checked.contract.id, officialId, stage, since: on, recordedBy: caller.id });
  return true;
}

/** A checked payment as stored: the milestone it settles by global id. */
function paymentFields(contractId: string, p: CheckedPayment) {
  const { milestoneLocalId, ...fields } = p;
  return { ...fields, milestoneId: milestoneLocalId ? partId(contractId, milestoneLocalId) : null };
}

function unknownPaymentMilestone(field: string, milestoneId: string, paymentId?: string) {
  return badInput(
    `${paymentId ? `付款 ${paymentId}：` : ''}合同中没有付款节点 ${milestoneId} (${paymentId ? `payment ${paymentId}: ` : ''}the contract has no payment milestone ${milestoneId})`,
    { field, rule: 'UNKNOWN_MILESTONE' },
  );
}

function overpaid(field: string, milestoneId: string, paidFen: number, amountFen: number) {
  return badInput(
    `节点 ${milestoneId} 的付款合计 ${formatFen(paidFen)} 元超过节点金额 ${formatFen(amountFen)} 元 (payments for milestone ${milestoneId} total ${formatFen(paidFen)}, above its amount ${formatFen(amountFen)})`,
    { field, rule: 'OVERPAID' },
  );
}
