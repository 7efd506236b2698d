import { randomUUID } from 'node:crypto';
import { EntityRepository } from '@mikro-orm/knex';
import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput, Caller, complaintDueDate, errors, isPhoneNumber, requireRegionCode, requireText, requireUsccShape, seal, today, usccRegionCode, type PageWindow, regionCodeRange,
} from '../kit/index.js';
import { CommitmentComplaint } from './entities/complaint.js';
import { COMPLAINT_HANDLING_DAYS, NEXT_COMPLAINT_STATUS } from './complaint.rules.js';
import { ComplaintStatus } from './entities/enums.js';
import type { ComplaintFilter, ComplaintInput } from './inputs.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export class ComplaintRepository extends EntityRepository<CommitmentComplaint> {
  async file(input: ComplaintInput, caller: Caller): Promise<CommitmentComplaint> {
    const uscc = requireUsccShape(input.organizationUscc, 'organizationUscc');
    const contact = input.contact?.replace(/\s+/g, '') || null;
    if (contact && !isPhoneNumber(contact) && !EMAIL.test(contact)) {
      throw badInput('联系方式应为手机、座机或邮箱 (contact must be a mobile, landline or e-mail)', { field: 'contact' });
    }
    const receivedAt = today();
    const complaint = this.em.create(CommitmentComplaint, {
      id: randomUUID(),
      organizationUscc: uscc,
      regionCode: usccRegionCode(uscc),
      letterId: input.letterId ?? null,
      channel: input.channel,
      receivedAt,
      content: requireText(input.content, 'content', 5000),
      complainantName: input.complainantName?.trim() || null,
      contactSealed: contact ? seal(contact) : null,
      dueDate: complaintDueDate(receivedAt, COMPLAINT_HANDLING_DAYS),
      history: [{ status: ComplaintStatus.RECEIVED, at: receivedAt, by: caller.id, note: null }],
    });
    await this.em.flush();
    return complaint;
  }

  async advance(id: string, to: ComplaintStatus, caller: Caller, details: { note?: string | null; transferredTo?: string | null }): Promise<CommitmentComplaint> {
    const complaint = await this.findOne({ id });
    if (!complaint) throw errors.notFound(`未找到投诉 ${id}`, `no complaint ${id}`);
    if (!NEXT_COMPLAINT_STATUS[complaint.status].includes(to)) {
      throw errors.conflict(`投诉当前为 ${complaint.status}，不能转为 ${to}`, `a ${complaint.status} complaint cannot become ${to}`);
    }
    const at = today();
    if (to === ComplaintStatus.TRANSFERRED) complaint.transferredTo = requireText(details.transferredTo, 'to', 200);
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
    // A unit sees complaints about itself; auditors see all.
    if (!caller.has('AUDITOR', 'ADMIN')) where.push({ organizationUscc: caller.uscc ?? '' });
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
