import { isComplaintOverdue, regionCodeRange, today, type EntityManager } from '../../kit/index.js';
import { CommitmentComplaint } from '../entities/complaint.js';
import { ComplaintChannel, ComplaintStatus } from '../entities/enums.js';
import type { ChannelCount, CommitmentComplaintReport } from './types.js';

/** 投诉半年报: the complaints of a region and its subregions received in one half of a year. */
export async function complaintReport(em: EntityManager, code: string, year: number, half: number): Promise<CommitmentComplaintReport> {
  const from = `${year}-${half === 1 ? '01-01' : '07-01'}`;
  const to = `${year}-${half === 1 ? '06-30' : '12-31'}`;
  const complaints = await em.find(
    CommitmentComplaint,
    { regionCode: regionCodeRange(code), receivedAt: { $gte: from, $lte: to } },
    { fields: ['status', 'channel', 'dueDate', 'resolvedAt'] },
  );
  const on = today();
  const byChannel: ChannelCount[] = Object.values(ComplaintChannel).map((channel) => ({ channel, count: complaints.filter((c) => c.channel === channel).length }));
  return {
    regionCode: code,
    year,
    half,
    received: complaints.length,
    resolved: complaints.filter((c) => c.status === ComplaintStatus.RESOLVED).length,
    rejected: complaints.filter((c) => c.status === ComplaintStatus.REJECTED).length,
    open: complaints.filter((c) => c.status !== ComplaintStatus.RESOLVED && c.status !== ComplaintStatus.REJECTED).length,
    overdue: complaints.filter((c) => isComplaintOverdue(c.dueDate, c.resolvedAt, on)).length,
    byChannel,
  };
}
