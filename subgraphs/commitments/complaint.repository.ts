import { randomUUID } from 'node:crypto';
import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput, Caller, checkRows, complaintDueDate, errors, ImportResult, isPhoneNumber, loadExisting, readComplaintSource, rejectOversizedImport, writingTickets, requireRegionCode, requireText, requireUsccShape, seal,
  today, unseal, usccRegionCode, writeRows, type PageWindow, regionCodeRange,
} from '../kit/index.js';
import { CommitmentComplaint } from './entities/complaint.js';
import { CommitmentItem } from './entities/commitment-item.js';
import { CommitmentLetter } from './entities/commitment-letter.js';
import { COMPLAINT_HANDLING_DAYS, NEXT_COMPLAINT_STATUS } from './complaint.rules.js';
import { ComplaintChannel, ComplaintStatus } from './entities/enums.js';
import type { ComplaintFilter, ComplaintImportRow, ComplaintInput } from './inputs.js';
import { isBinding } from './letter.rules.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** What a complaint's intake says, checked: from the portal, an intake system, or an imported ticket. */
interface Intake {
  organizationUscc: string;
  channel: ComplaintChannel;
  content: string;
  complainantName: string | null;
  contact: string | null;
  letterId: string | null;
  itemId: string | null;
  receivedAt: string;
  ticketNumber: string | null;
}

export class ComplaintRepository extends EntityRepository<CommitmentComplaint> {
  /**
   * Files one complaint. Anyone may file (应接必接); only an authenticated intake system may give
   * the source's own received date and ticket number (an anonymous caller backdating a complaint
   * would make it overdue on arrival). A ticket already filed in its channel is CONFLICT.
   */
  async file(input: ComplaintInput, caller: Caller): Promise<CommitmentComplaint> {
    const intake = readIntake(input, caller);
    await this.requireConcerned(intake);
    if (intake.ticketNumber && (await this.count({ channel: intake.channel, ticketNumber: intake.ticketNumber })) > 0) {
      throw errors.conflict(`工单 ${intake.ticketNumber} 已登记`, `ticket ${intake.ticketNumber} is already in the ledger`);
    }
    const complaint = this.em.create(CommitmentComplaint, newComplaint(intake, caller));
    await writingTickets(() => this.em.flush());
    return complaint;
  }

  /**
   * Imports a source system's tickets (the 12345 hotline): idempotent by channel and ticket number,
   * bad rows reported by number and written not at all. A ticket filed again with other intake
   * details updates them; its handling (status, history) is this ledger's and is never overwritten.
   */
  async importTickets(rows: ComplaintImportRow[], caller: Caller): Promise<ImportResult> {
    rejectOversizedImport(rows, 'rows');
    const result = new ImportResult();
    const keyOf = (i: Intake) => `${i.channel}|${i.ticketNumber}`;
    const valid = checkRows(rows, result, (row) => readIntake({ ...row, channel: row.channel ?? ComplaintChannel.HOTLINE_12345 }, caller), {
      keyOf,
      field: 'ticketNumber',
      message: (earlier) => `与第${earlier}行工单号重复 (the same ticket as row ${earlier})`,
    });
    const checked: typeof valid = [];
    for (const row of valid) {
      try {
        await this.requireConcerned(row.data);
        checked.push(row);
      } catch (error) {
        result.reject(row.row, error);
      }
    }
    await writingTickets(() => this.em.transactional(async (em) => {
      const existing = await loadExisting(checked.map((r) => r.data.ticketNumber!), (part) => em.find(CommitmentComplaint, { ticketNumber: { $in: part } }), (c) => `${c.channel}|${c.ticketNumber}`);
      writeRows(em, result, checked, existing, {
        keyOf,
        create: (data) => em.create(CommitmentComplaint, newComplaint(data, caller)),
        merge: (stored, data) => {
          const fields = { organizationUscc: data.organizationUscc, regionCode: usccRegionCode(data.organizationUscc), content: data.content, complainantName: data.complainantName, letterId: data.letterId, itemId: data.itemId, receivedAt: data.receivedAt };
          const changed = Object.entries(fields).some(([k, v]) => (stored as any)[k] !== v) || (data.contact ? unseal(stored.contactSealed ?? seal('')) !== data.contact : stored.contactSealed !== null);
          if (!changed) return false;
          Object.assign(stored, fields, { contactSealed: data.contact ? seal(data.contact) : null, dueDate: complaintDueDate(data.receivedAt, COMPLAINT_HANDLING_DAYS) });
          return true;
        },
      });
    }));
    return result;
  }

  /** A letter or item a complaint names must be one its unit published (what the public can see). */
  private async requireConcerned(intake: Intake): Promise<void> {
    // One answer for an unknown id and for one the public may not see: no probing for drafts.
    const field = intake.itemId ? 'itemId' : 'letterId';
    const notConcerned = () => badInput('不是被投诉单位已公示承诺书中的承诺书或事项 (not a letter or item the unit complained about published)', { field, rule: 'NOT_CONCERNED' });
    let letterId = intake.letterId;
    if (intake.itemId) {
      const item = await this.em.findOne(CommitmentItem, { id: intake.itemId });
      if (!item || (letterId && item.letterId !== letterId)) throw notConcerned();
      letterId = item.letterId;
    }
    if (!letterId) return;
    const letter = await this.em.findOne(CommitmentLetter, { id: letterId });
    if (!letter || letter.organizationUscc !== intake.organizationUscc || !isBinding(letter)) throw notConcerned();
    intake.letterId = letterId;
  }

  /**
   * Moves a complaint on. Auditors do every step; the unit it was transferred to (承办单位)
   * handles and resolves it, and nothing else.
   */
  async advance(id: string, to: ComplaintStatus, caller: Caller, details: { note?: string | null; transferredTo?: string | null; transferredToUscc?: string | null }): Promise<CommitmentComplaint> {
    const complaint = await this.findOne({ id });
    if (!complaint) throw errors.notFound(`未找到投诉 ${id}`, `no complaint ${id}`);
    if (!caller.has('AUDITOR', 'ADMIN')) {
      const receiving = caller.has('ORGANIZATION') && caller.uscc !== null && caller.uscc === complaint.transferredToUscc;
      if (!receiving) throw errors.forbidden('只有承办单位或审计角色可以办理', 'only the receiving unit or an auditor may handle a complaint');
      if (to !== ComplaintStatus.HANDLING && to !== ComplaintStatus.RESOLVED) throw errors.forbidden('承办单位只能办理和办结', 'the receiving unit handles and resolves only');
    }
    if (!NEXT_COMPLAINT_STATUS[complaint.status].includes(to)) {
      throw errors.conflict(`投诉当前为 ${complaint.status}，不能转为 ${to}`, `a ${complaint.status} complaint cannot become ${to}`);
    }
    const at = today();
    if (to === ComplaintStatus.TRANSFERRED) {
      complaint.transferredTo = requireText(details.transferredTo, 'to', 200);
      complaint.transferredToUscc = details.transferredToUscc ? requireUsccShape(details.transferredToUscc, 'toUscc') : null;
    }
    if (to === ComplaintStatus.RESOLVED || to === ComplaintStatus.REJECTED) {
      complaint.resolution = requireText(details.note, to === ComplaintStatus.RESOLVED ? 'resolution' : 'reason', 5000);
      complaint.resolvedAt = at;
    }
    complaint.status = to;
    complaint.history = [...complaint.history, { status: to, at, by: caller.id, note: details.note ?? details.transferredTo ?? null }];
    await this.em.flush();
    return complaint;
  }

  async findPage(filter: ComplaintFilter | null | undefined, window: PageWindow, caller: Caller): Promise<{ rows: CommitmentComplaint[]; total: number }> {
    const where: FilterQuery<CommitmentComplaint>[] = [];
    // A unit sees complaints about itself and those transferred to it; auditors see all.
    if (!caller.has('AUDITOR', 'ADMIN')) where.push({ $or: [{ organizationUscc: caller.uscc ?? '' }, { transferredToUscc: caller.uscc ?? '' }] });
    if (filter?.transferredToMe) where.push({ transferredToUscc: caller.uscc ?? '' });
    if (filter?.ticketNumber) where.push({ ticketNumber: requireText(filter.ticketNumber, 'filter.ticketNumber', 64) });
    if (filter?.regionCode) where.push({ regionCode: regionCodeRange(requireRegionCode(filter.regionCode, 'filter.regionCode')) });
    if (filter?.status) where.push({ status: filter.status });
    if (filter?.channel) where.push({ channel: filter.channel });
    if (filter?.organizationUscc) where.push({ organizationUscc: requireUsccShape(filter.organizationUscc, 'filter.organizationUscc') });
    const all: FilterQuery<CommitmentComplaint> = { $and: where };
    const page = window.afterKey === undefined ? all : { $and: [...where, { id: { $gt: String(window.afterKey) } }] };
    const rows = await this.find(page, { orderBy: { id: 'asc' }, limit: window.first + 1 });
    return { rows, total: await this.count(all) };
  }
}

function readIntake(
  input: { organizationUscc: string; channel: ComplaintChannel; content: string; complainantName?: string | null; contact?: string | null; letterId?: string | null; itemId?: string | null; receivedAt?: string | null; ticketNumber?: string | null },
  caller: Caller,
): Intake {
  const contact = input.contact?.replace(/\s+/g, '') || null;
  if (contact && !isPhoneNumber(contact) && !EMAIL.test(contact)) {
    throw badInput('联系方式应为手机、座机或邮箱 (contact must be a mobile, landline or e-mail)', { field: 'contact' });
  }
  const { receivedAt, ticketNumber } = readComplaintSource(caller, input);
  return {
    organizationUscc: requireUsccShape(input.organizationUscc, 'organizationUscc'),
    channel: input.channel,
    content: requireText(input.content, 'content', 5000),
    complainantName: input.complainantName?.trim() || null,
    contact,
    letterId: input.letterId?.trim() || null,
    itemId: input.itemId?.trim() || null,
    receivedAt,
    ticketNumber,
  };
}

function newComplaint(intake: Intake, caller: Caller) {
  return {
    id: randomUUID(),
    organizationUscc: intake.organizationUscc,
    regionCode: usccRegionCode(intake.organizationUscc),
    letterId: intake.letterId,
    itemId: intake.itemId,
    ticketNumber: intake.ticketNumber,
    channel: intake.channel,
    receivedAt: intake.receivedAt,
    content: intake.content,
    complainantName: intake.complainantName,
    contactSealed: intake.contact ? seal(intake.contact) : null,
    dueDate: complaintDueDate(intake.receivedAt, COMPLAINT_HANDLING_DAYS),
    history: [{ status: ComplaintStatus.RECEIVED, at: intake.receivedAt, by: caller.id, note: intake.ticketNumber ? `工单 ${intake.ticketNumber}` : null }],
  };
}
