import { QueryOrder, raw } from '@mikro-orm/core';
import { DataLoader } from '../kit/dataloader.js';
import { groupLoader, rowLoader, type EntityManager } from '../kit/index.js';
import { ContractAmendment } from './entities/amendment.js';
import { ContractBreach } from './entities/breach.js';
import { ContractComplaint } from './entities/complaint.js';
import { ContractComplaintAction } from './entities/complaint-action.js';
import { Contract } from './entities/contract.js';
import type { ContractStatus } from './entities/enums.js';
import { ContractMilestone } from './entities/milestone.js';
import { ContractPayment } from './entities/payment.js';
import { PppResponsibility } from './entities/ppp-responsibility.js';
import { summaryLoader } from './reports/summary.js';

export interface ContractPageKey {
  governmentUscc: string;
  status: ContractStatus | null;
  /** limit + 1: the extra row tells whether another page follows. */
  limit: number;
  afterId: string | null;
}

export interface ContractCountKey {
  governmentUscc: string;
  status: ContractStatus | null;
}

/** The contracts subgraph's per-request loaders: each batch is one SQL statement. */
export function createLoaders(em: EntityManager) {
  return {
    contract: rowLoader<string, Contract>((ids) => em.find(Contract, { id: { $in: [...ids] } }), (c) => c.id, { zh: '合同', en: 'contract' }),
    milestonesByContract: groupLoader<string, ContractMilestone>(
      (ids) => em.find(ContractMilestone, { contractId: { $in: [...ids] } }, { orderBy: { contractId: 'asc', dueDate: 'asc', localId: 'asc' } }),
      (m) => m.contractId,
    ),
    paymentsByContract: groupLoader<string, ContractPayment>(
      (ids) => em.find(ContractPayment, { contractId: { $in: [...ids] } }, { orderBy: { contractId: 'asc', date: 'asc', localId: 'asc' } }),
      (p) => p.contractId,
    ),
    breachesByContract: groupLoader<string, ContractBreach>(
      (ids) => em.find(ContractBreach, { contractId: { $in: [...ids] } }, { orderBy: { contractId: 'asc', date: 'asc', localId: 'asc' } }),
      (b) => b.contractId,
    ),
    amendmentsByContract: groupLoader<string, ContractAmendment>(
      (ids) => em.find(ContractAmendment, { contractId: { $in: [...ids] } }, { orderBy: { contractId: 'asc', date: 'asc', localId: 'asc' } }),
      (a) => a.contractId,
    ),
    // The open entry last: a change closes one entry and opens the next on the same day.
    responsibilitiesByContract: groupLoader<string, PppResponsibility>(
      (ids) => em.find(PppResponsibility, { contractId: { $in: [...ids] } }, { orderBy: { contractId: 'asc', since: 'asc', until: QueryOrder.ASC_NULLS_LAST } }),
      (r) => r.contractId,
    ),
    responsibilitiesByOfficial: groupLoader<string, PppResponsibility>(
      (ids) => em.find(PppResponsibility, { officialId: { $in: [...ids] } }, { orderBy: { officialId: 'asc', since: 'asc', until: QueryOrder.ASC_NULLS_LAST } }),
      (r) => r.officialId,
    ),
    complaint: rowLoader<string, ContractComplaint>((ids) => em.find(ContractComplaint, { id: { $in: [...ids] } }), (c) => c.id, { zh: '投诉', en: 'complaint' }),
    breach: rowLoader<string, ContractBreach>((ids) => em.find(ContractBreach, { id: { $in: [...ids] } }), (b) => b.id, { zh: '违约记录', en: 'contract breach' }),
    milestone: rowLoader<string, ContractMilestone>((ids) => em.find(ContractMilestone, { id: { $in: [...ids] } }), (m) => m.id, { zh: '履约节点', en: 'contract milestone' }),
    actionsByComplaint: groupLoader<string, ContractComplaintAction>(
      (ids) => em.find(ContractComplaintAction, { complaintId: { $in: [...ids] } }, { orderBy: { complaintId: 'asc', seq: 'asc' } }),
      (a) => a.complaintId,
    ),
    contractPages: contractPagesLoader(em),
    contractCounts: contractCountsLoader(em),
    contractSummary: summaryLoader(em),
  };
}

export type ContractLoaders = ReturnType<typeof createLoaders>;

/** Groups keys by a part of them, so that each group is one statement. */
function groupBy<K>(keys: readonly K[], part: (key: K) => string): Map<string, K[]> {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const group = groups.get(part(key));
    if (group) group.push(key);
    else groups.set(part(key), [key]);
  }
  return groups;
}

const pageKey = (k: ContractPageKey) => `${k.governmentUscc}|${k.status ?? '*'}|${k.limit}:${k.afterId ?? ''}`;

/**
 * Pages of contracts for many government parties at once: one window-function statement
 * per batch (per distinct status and page window, which in practice is one).
 */
function contractPagesLoader(em: EntityManager): DataLoader<ContractPageKey, Contract[], string> {
  return new DataLoader<ContractPageKey, Contract[], string>(
    async (keys) => {
      const pages = new Map<string, Contract[]>();
      for (const group of groupBy(keys, (k) => `${k.status ?? '*'}|${k.limit}:${k.afterId ?? ''}`).values()) {
        const { status, limit, afterId } = group[0]!;
        const where = {
          governmentUscc: { $in: group.map((k) => k.governmentUscc) },
          ...(status ? { status } : {}),
          ...(afterId ? { id: { $gt: afterId } } : {}),
        };
        // The query builder qualifies the table (PostgreSQL schema per subgraph); knex wraps it for the window.
        const ranked = em
          .createQueryBuilder(Contract, 'c')
          .select(['c.*', raw('row_number() over (partition by c.government_uscc order by c.id) as page_row')])
          .where(where)
          .getKnexQuery();
        const rows: Array<Record<string, unknown>> = await em.execute(
          em.getKnex().select('*').from(ranked.as('ranked')).where('page_row', '<=', limit).orderBy(['government_uscc', 'id']),
        );
        for (const row of rows) {
          delete row.page_row;
          const contract = em.map(Contract, row);
          const key = pageKey({ governmentUscc: contract.governmentUscc, status, limit, afterId });
          const page = pages.get(key);
          if (page) page.push(contract);
          else pages.set(key, [contract]);
        }
      }
      return keys.map((k) => pages.get(pageKey(k)) ?? []);
    },
    { cacheKeyFn: pageKey },
  );
}

/** Counts of contracts per government party: one GROUP BY per batch (per distinct status filter). */
function contractCountsLoader(em: EntityManager): DataLoader<ContractCountKey, number, string> {
  const countKey = (k: ContractCountKey) => `${k.governmentUscc}|${k.status ?? '*'}`;
  return new DataLoader<ContractCountKey, number, string>(
    async (keys) => {
      const counts = new Map<string, number>();
      for (const group of groupBy(keys, (k) => k.status ?? '*').values()) {
        const status = group[0]!.status;
        const rows: Array<{ uscc: string; count: number | string }> = await em
          .createQueryBuilder(Contract, 'c')
          .select(['c.government_uscc as uscc'])
          .addSelect(raw('count(*) as count'))
          .where({ governmentUscc: { $in: group.map((k) => k.governmentUscc) }, ...(status ? { status } : {}) })
          .groupBy('c.government_uscc')
          .execute('all', false);
        for (const row of rows) counts.set(countKey({ governmentUscc: row.uscc, status }), Number(row.count));
      }
      return keys.map((k) => counts.get(countKey(k)) ?? 0);
    },
    { cacheKeyFn: countKey },
  );
}
