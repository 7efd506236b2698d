import { randomUUID } from 'node:crypto';
import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput, Caller, checkRows, complaintDueDate, ensureAppendOnly, errors, ImportResult, isPhoneNumber, loadExisting, readComplaintSource, rejectOversizedImport, writingTickets, requireRegionCode, requireText,
  requireUsccShape, seal, today, usccRegionCode,
  type EntityManager, type PageWindow, regionCodeRange,
} from '../kit/index.js';
import { COMPLAINT_HANDLING_DAYS, NEXT_COMPLAINT_STATUS, STEP_OF, TAKES_MEASURES } from './complaint.rules.js';
import { ContractComplaint } from './entities/complaint.js';
import { ContractComplaintAction } from './entities/complaint-action.js';
import { Contract } from './entities/contract.js';
import { ComplaintActionKind, ComplaintStatus, HANDLING_MEASURES } from './entities/enums.js';
import type { ComplaintMeasureInput, ContractComplaintFilter, ContractComplaintInput } from './inputs.js';


/**
 * The complaint ledger (应接必接): anyone files, auditors move a complaint through its
 * states and add supervision measures. Every step appends to the trail; nothing rewrites
 * or removes one, and nothing deletes a complaint.
 */
export class ComplaintRepository extends EntityRepository<ContractComplaint> {
  async file(input: ContractComplaintInput, caller: Caller): Promise<ContractComplaint> {
    const complaint = await this.intake(input, caller);
    await writingTickets(() => this.em.flush());
    return complaint;
  }

  /**
   * Imports a source system's tickets (the 12345 hotline): each row is filed as `file` files it,
   * by the importing system; a ticket already in the ledger (its channel and number) is left as it
   * is and counted unchanged, so the import can be sent again. Bad rows are reported by number and
   * written not at all; the good ones land in one transaction.
   */
  async importTickets(rows: ContractComplaintInput[], caller: Caller): Promise<ImportResult> {
    rejectOversizedImport(rows, 'rows');
    const result = new ImportResult();
    const valid = checkRows(rows, result, (row) => {
      if (row.ticketNumber == null || row.receivedAt == null) {
        const field = row.ticketNumber == null ? 'ticketNumber' : 'receivedAt';
        throw badInput(`导入的工单须有${field} (an imported ticket needs its ${field})`, { field, rule: 'REQUIRED' });
      }
      return { ...row, ...readComplaintSource(caller, row) };
    }, { keyOf: (r) => `${r.channel}|${r.ticketNumber}`, field: 'ticketNumber', message: (earlier) => `与第${earlier}行工单号重复 (the same ticket as row ${earlier})` });
    await writingTickets(() => this.em.transactional(async (em) => {
      const repository = em.getRepository(ContractComplaint);
      const existing = await loadExisting(valid.map((r) => r.data.ticketNumber!), (part) => em.find(ContractComplaint, { ticketNumber: { $in: part } }), (c) => `${c.channel}|${c.ticketNumber}`);
      for (const { row, data } of valid) {
        if (existing.has(`${data.channel}|${data.ticketNumber}`)) {
          result.unchanged++;
          continue;
        }
        try {
          existing.set(`${data.channel}|${data.ticketNumber}`, await repository.intake(data, caller));
          result.accepted++;
        } catch (error) {
          result.reject(row, error);
        }
      }
    }));
    return result;
  }

  /** Checks one complaint and adds it (with its RECEIVE step) to the unit of work. */
  private async intake(input: ContractComplaintInput, caller: Caller): Promise<ContractComplaint> {
    const organizationUscc = requireUsccShape(input.organizationUscc, 'organizationUscc');
    const complainantUscc = requireUsccShape(input.complainantUscc, 'complainantUscc');
    // A unit's token speaks for that unit only: it files as itself, never in another's name.
    // Anonymous callers, and the auditors and finance bureau who record complaints received by
    // phone or letter, name the complainant as it was given to them.
    if (caller.has('ORGANIZATION')) caller.requireOwnUnit(complainantUscc, 'AUDITOR', 'ADMIN', 'FINANCE');
    const phone = input.contactPhone?.replace(/\s+/g, '') || null;
    if (phone && !isPhoneNumber(phone)) throw badInput('联系电话应为手机或座机号码 (contactPhone must be a mobile or landline number)', { field: 'contactPhone', rule: 'PHONE' });
    const contractId = input.contractId?.trim() || null;
    if (contractId && (await this.em.count(Contract, { id: contractId })) === 0) {
      throw badInput(`未找到合同 ${contractId} (no contract ${contractId})`, { field: 'contractId', rule: 'UNKNOWN_CONTRACT' });
    }
    const { receivedAt, ticketNumber } = readComplaintSource(caller, input);
    if (ticketNumber && (await this.em.count(ContractComplaint, { channel: input.channel, ticketNumber })) > 0) {
      throw errors.conflict(`工单 ${ticketNumber} 已登记`, `ticket ${ticketNumber} is already in the ledger`);
    }
    const complaint = this.em.create(ContractComplaint, {
      ticketNumber,
      id: randomUUID(),
      category: input.category,
      complainantName: requireText(input.complainantName, 'complainantName', 200),
      complainantUscc,
      contactName: input.contactName?.trim() ? requireText(input.contactName, 'contactName', 50) : null,
      contactPhoneSealed: phone ? seal(phone) : null,
      organizationUscc,
      regionCode: usccRegionCode(organizationUscc),
      contractId,
      channel: input.channel,
      receivedAt,
      dueDate: complaintDueDate(receivedAt, COMPLAINT_HANDLING_DAYS),
      content: requireText(input.content, 'content', 5000),
    });
    await this.append(complaint, ComplaintActionKind.RECEIVE, caller, { note: ticketNumber ? `工单 ${ticketNumber}` : null });
    return complaint;
  }

  /** A status step: legal moves only (CONFLICT otherwise), each written to the trail. */
  async advance(id: string, to: Exclude<ComplaintStatus, 'RECEIVED'>, caller: Caller, details: { note: string | null; substantiated?: boolean }): Promise<ContractComplaint> {
    const complaint = await this.getOr404(id);
    if (!NEXT_COMPLAINT_STATUS[complaint.status].includes(to)) {
      throw errors.conflict(`投诉当前为 ${complaint.status}，不能转为 ${to}`, `a ${complaint.status} complaint cannot become ${to}`);
    }
    let note = details.note?.trim() ? requireText(details.note, 'note', 5000) : null;
    if (to === ComplaintStatus.RESOLVED || to === ComplaintStatus.REJECTED) {
      note = requireText(details.note, to === ComplaintStatus.RESOLVED ? 'resolution' : 'reason', 5000);
      complaint.resolution = note;
      complaint.closedAt = today();
      if (to === ComplaintStatus.RESOLVED) complaint.substantiated = details.substantiated ?? null;
    }
    complaint.status = to;
    await this.append(complaint, STEP_OF[to], caller, { note });
    await this.em.flush();
    return complaint;
  }

  /** 督办、约谈、通报、移送: appended to an accepted complaint's trail. */
  async addMeasure(id: string, input: ComplaintMeasureInput, caller: Caller): Promise<ContractComplaint> {
    if (!HANDLING_MEASURES.includes(input.kind)) {
      throw badInput(`kind 应为 ${HANDLING_MEASURES.join('、')} 之一；状态变化另有操作 (kind must be one of ${HANDLING_MEASURES.join(', ')}; status steps have their own mutations)`, { field: 'kind', rule: 'MEASURE' });
    }
    const complaint = await this.getOr404(id);
    if (!TAKES_MEASURES.includes(complaint.status)) {
      throw errors.conflict(`投诉当前为 ${complaint.status}，须先受理，驳回后不再督办`, `a ${complaint.status} complaint takes no measures: accept it first; a rejected one takes none`);
    }
    const authority = input.kind === ComplaintActionKind.REFER ? requireText(input.authority, 'authority', 200) : null;
    await this.append(complaint, input.kind, caller, { note: requireText(input.note, 'note', 5000), authority });
    await this.em.flush();
    return complaint;
  }

  async findPage(filter: ContractComplaintFilter | null | undefined, window: PageWindow, caller: Caller): Promise<{ rows: ContractComplaint[]; total: number }> {
    const where: FilterQuery<ContractComplaint>[] = [];
    // A unit sees the complaints about itself; auditors, administrators and finance see all.
    if (!caller.has('AUDITOR', 'ADMIN', 'FINANCE')) where.push({ organizationUscc: caller.uscc ?? '' });
    if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.category) where.push({ category: filter.category });
    if (filter?.organizationUscc) where.push({ organizationUscc: requireUsccShape(filter.organizationUscc, 'filter.organizationUscc') });
    if (filter?.contractId) where.push({ contractId: filter.contractId.trim() });
    if (filter?.overdue != null) {
      const overdue = overdueComplaints(this.em as EntityManager, today());
      where.push(filter.overdue ? overdue : { $not: overdue });
    }
    const all: FilterQuery<ContractComplaint> = where.length > 0 ? { $and: where } : {};
    const page = window.afterKey === undefined ? all : { $and: [...where, { id: { $gt: String(window.afterKey) } }] };
    const rows = await this.find(page, { orderBy: { id: 'asc' }, limit: window.first + 1 });
    return { rows, total: await this.count(all) };
  }

  async getOr404(id: string): Promise<ContractComplaint> {
    const complaint = await this.findOne({ id });
    if (!complaint) throw errors.notFound(`未找到投诉 ${id}`, `no complaint ${id}`);
    return complaint;
  }

  /** Appends the next step of the trail; (complaint, seq) is unique, so a concurrent append fails instead of overwriting. */
  private async append(complaint: ContractComplaint, kind: ComplaintActionKind, caller: Caller, details: { note: string | null; authority?: string | null }): Promise<void> {
    const seq = (await this.em.count(ContractComplaintAction, { complaintId: complaint.id })) + 1;
    this.em.create(ContractComplaintAction, {
      id: randomUUID(),
      complaintId: complaint.id,
      seq,
      kind,
      date: today(),
      by: caller.id,
      note: details.note,
      authority: details.authority ?? null,
    });
  }
}

/** Overdue complaints as a filter: kit isComplaintOverdue in SQL — open past due, or closed after the due date (a sub-select compares the two columns). */
function overdueComplaints(em: EntityManager, on: string): FilterQuery<ContractComplaint> {
  const closedLate = em.createQueryBuilder(ContractComplaint, 'k').select('k.id').where({ closedAt: { $ne: null } }).andWhere('k.closed_at > k.due_date');
  return { $or: [{ closedAt: null, dueDate: { $lt: on } }, { id: { $in: closedLate.getKnexQuery() as any } }] };
}

/**
 * Nothing of the complaint ledger is deleted and its handling trail is append-only (应接必接):
 * the kit's triggers on both tables. Run by the kit as the subgraph's prepareStore.
 */
export async function ensureAppendOnlyTriggers(em: EntityManager): Promise<void> {
  await ensureAppendOnly(em, 'contract_complaint_action', ['update', 'delete']);
  await ensureAppendOnly(em, 'contract_complaint', ['delete']);
}
