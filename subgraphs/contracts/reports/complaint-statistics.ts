import { Field, Int, ObjectType } from 'type-graphql';
import { isComplaintOverdue, today, regionCodeRange, type EntityManager } from '../../kit/index.js';
import { ContractComplaint } from '../entities/complaint.js';
import { ComplaintCategory, ComplaintStatus, CLOSED_COMPLAINT } from '../entities/enums.js';
import { Region } from '../entities/federated.js';

@ObjectType('ContractComplaintCategoryCount', { description: '某类别的投诉统计 (complaints of one category)' })
export class CategoryCount {
  @Field(() => ComplaintCategory)
  category!: ComplaintCategory;

  @Field(() => Int, { description: '接收数 (received)' })
  received!: number;

  @Field(() => Int, { description: '办结数 (resolved)' })
  resolved!: number;

  @Field(() => Int, { description: '超期数 (overdue)' })
  overdue!: number;
}

@ObjectType('ContractComplaintStatusCount', { description: '某状态的投诉数 (complaints in one status)' })
export class StatusCount {
  @Field(() => ComplaintStatus)
  status!: ComplaintStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType('ContractComplaintStatistics', { description: '履约投诉台账统计 (complaint ledger statistics of a region)' })
export class ComplaintStatistics {
  @Field(() => String, { description: '行政区划代码（按被投诉单位代码，含下级） (region, by the complained organization\'s USCC, with subregions)' })
  regionCode!: string;

  @Field(() => Region, { description: '行政区划 (region)' })
  region!: Region;

  @Field(() => String, { nullable: true, description: '接收日期起 (received from)' })
  receivedFrom!: string | null;

  @Field(() => String, { nullable: true, description: '接收日期止 (received to)' })
  receivedTo!: string | null;

  @Field(() => Int, { description: '接收数 (received)' })
  received!: number;

  @Field(() => Int, { description: '在办数 (still open)' })
  open!: number;

  @Field(() => Int, { description: '办结数 (resolved)' })
  resolved!: number;

  @Field(() => Int, { description: '驳回数 (rejected)' })
  rejected!: number;

  @Field(() => Int, { description: '办结且属实数 (resolved and substantiated)' })
  substantiated!: number;

  @Field(() => Int, { description: '超期数：超过办理期限未办结或超期办结 (overdue: open past due, or closed late)' })
  overdue!: number;

  @Field(() => [StatusCount], { description: '分状态 (by status)' })
  byStatus!: StatusCount[];

  @Field(() => [CategoryCount], { description: '分类别 (by category)' })
  byCategory!: CategoryCount[];
}

/** The ledger's figures for a region and its subregions, over complaints received in a period. */
export async function complaintStatistics(em: EntityManager, regionCode: string, receivedFrom: string | null, receivedTo: string | null): Promise<ComplaintStatistics> {
  const received = {
    ...(receivedFrom ? { $gte: receivedFrom } : {}),
    ...(receivedTo ? { $lte: receivedTo } : {}),
  };
  const complaints = await em.find(
    ContractComplaint,
    { regionCode: regionCodeRange(regionCode), ...(receivedFrom || receivedTo ? { receivedAt: received } : {}) },
    { fields: ['category', 'status', 'substantiated', 'dueDate', 'closedAt'] },
  );
  const on = today();
  const overdue = complaints.filter((c) => isComplaintOverdue(c.dueDate, c.closedAt, on));
  const resolved = complaints.filter((c) => c.status === ComplaintStatus.RESOLVED);
  return {
    regionCode,
    region: { code: regionCode },
    receivedFrom,
    receivedTo,
    received: complaints.length,
    open: complaints.filter((c) => !CLOSED_COMPLAINT.includes(c.status)).length,
    resolved: resolved.length,
    rejected: complaints.filter((c) => c.status === ComplaintStatus.REJECTED).length,
    substantiated: resolved.filter((c) => c.substantiated === true).length,
    overdue: overdue.length,
    byStatus: Object.values(ComplaintStatus).map((status) => ({ status, count: complaints.filter((c) => c.status === status).length })),
    byCategory: Object.values(ComplaintCategory).map((category) => ({
      category,
      received: complaints.filter((c) => c.category === category).length,
      resolved: resolved.filter((c) => c.category === category).length,
      overdue: overdue.filter((c) => c.category === category).length,
    })),
  };
}
