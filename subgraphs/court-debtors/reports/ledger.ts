import type { FilterQuery } from '@mikro-orm/core';
import { mirroredKinds, OrganizationKind, ratio, today, regionCodeRange, type EntityManager } from '../../kit/index.js';
import { DebtorRecord } from '../entities/debtor-record.js';
import { DebtorStatus, isGovernmentBodyType, PUSH_COVERAGE_TARGET } from '../entities/enums.js';
import type { PendingCase } from '../entities/pending-case.js';
import { PushAction } from '../entities/push-action.js';
import { formatFen } from '../../kit/money.js';
import { PushCoverageGroup, type DebtorSummary, type ListedDebtor, type PushCoverageGroupFigures, type PushCoverageReport } from './types.js';
import { effectiveStatus, onListWhere } from '../record.rules.js';

/**
 * The ledger of listed bodies (台账), push coverage and the summary the evaluation subgraph
 * scores from. One rule for all three: a body is listed while it has an ACTIVE record,
 * pushed when a measure was taken on one of its cases on the list (objections included).
 */

export type LedgerRecord = Pick<DebtorRecord, 'caseNumber' | 'debtorUscc' | 'debtorName' | 'debtorType' | 'regionCode' | 'publishDate' | 'unperformedFen' | 'status' | 'exitReason' | 'exitedAt' | 'listingTermEnd'>;

const LEDGER_FIELDS = ['caseNumber', 'debtorUscc', 'debtorName', 'debtorType', 'regionCode', 'publishDate', 'unperformedFen', 'status', 'exitReason', 'exitedAt', 'listingTermEnd'] as const;

/** Groups records on the list by debtor; `pushedCases` holds the case numbers with a measure. */
export function groupListedDebtors(records: LedgerRecord[], pushedCases: ReadonlySet<string>, on: string = today()): ListedDebtor[] {
  const byDebtor = new Map<string, ListedDebtor>();
  const sorted = [...records].sort((a, b) => a.publishDate.localeCompare(b.publishDate) || a.caseNumber.localeCompare(b.caseNumber));
  const amounts = new Map<string, bigint>();
  for (const record of sorted) {
    const { status } = effectiveStatus(record, on);
    if (status !== DebtorStatus.ACTIVE && status !== DebtorStatus.UNDER_OBJECTION) continue;
    let debtor = byDebtor.get(record.debtorUscc);
    if (!debtor) {
      debtor = {
        uscc: record.debtorUscc,
        // The latest listing names the body as the court writes it now.
        name: record.debtorName,
        debtorType: record.debtorType,
        governmentBody: isGovernmentBodyType(record.debtorType),
        regionCode: record.regionCode,
        activeRecords: 0,
        underObjection: 0,
        caseNumbers: [],
        unperformedAmount: '0.00',
        pushed: false,
        firstListedAt: record.publishDate,
        organization: { uscc: record.debtorUscc },
      };
      byDebtor.set(record.debtorUscc, debtor);
    }
    debtor.name = record.debtorName;
    debtor.caseNumbers.push(record.caseNumber);
    debtor.pushed ||= pushedCases.has(record.caseNumber);
    if (status === DebtorStatus.ACTIVE) {
      debtor.activeRecords++;
      amounts.set(record.debtorUscc, (amounts.get(record.debtorUscc) ?? 0n) + (record.unperformedFen ?? 0n));
    } else {
      debtor.underObjection++;
    }
  }
  for (const debtor of byDebtor.values()) debtor.unperformedAmount = formatFen(amounts.get(debtor.uscc) ?? 0n);
  return [...byDebtor.values()].sort((a, b) => a.uscc.localeCompare(b.uscc));
}

/**
 * Bodies on the list in a region (by USCC positions 3–8; every region when null), and which
 * of their cases were pushed: two statements.
 */
export async function loadRegionLedger(em: EntityManager, regionCode: string | null, on: string = today()): Promise<ListedDebtor[]> {
  const where: FilterQuery<DebtorRecord> = regionCode === null ? onListWhere(on) : { $and: [onListWhere(on), { regionCode: regionCodeRange(regionCode) }] };
  const records = await em.find(DebtorRecord, where, { fields: [...LEDGER_FIELDS], disableIdentityMap: true });
  const onList = em.createQueryBuilder(DebtorRecord, 'r').select('r.case_number').where(where).getKnexQuery();
  const actions = await em.find(PushAction, { caseNumber: { $in: onList as any } }, { fields: ['caseNumber'], disableIdentityMap: true });
  return groupListedDebtors(records, new Set(actions.map((a) => a.caseNumber)), on);
}

/**
 * 督促履行覆盖率 over a region's listed government bodies (by USCC type, registered or not) and the
 * listed bodies the registry knows as state-owned enterprises (seed 001 table row 2: "政府部门、事业单位
 * 和国有企业"; seed 002 §四(一)). A USCC of type 91 is any enterprise, so only the registry can say
 * which are state-owned: the figure waits for this subgraph's copy of the registry like the other
 * region reports.
 */
export async function computePushCoverage(em: EntityManager, regionCode: string): Promise<PushCoverageReport> {
  const on = today();
  const onList = (await loadRegionLedger(em, regionCode, on)).filter((d) => d.activeRecords > 0);
  const kinds = await mirroredKinds(em, onList.filter((d) => !d.governmentBody).map((d) => d.uscc));
  const governmentBodies = onList.filter((d) => d.governmentBody);
  const enterprises = onList.filter((d) => !d.governmentBody && kinds.get(d.uscc) === OrganizationKind.STATE_OWNED_ENTERPRISE);
  const figures = (group: PushCoverageGroup, listed: ListedDebtor[]): PushCoverageGroupFigures => {
    const pushedBodies = listed.filter((d) => d.pushed).length;
    return { group, listedBodies: listed.length, pushedBodies, rate: ratio(pushedBodies, listed.length, 1) }; // nothing listed: nothing left to push
  };
  const listed = [...governmentBodies, ...enterprises].sort((a, b) => a.uscc.localeCompare(b.uscc));
  const all = figures(PushCoverageGroup.GOVERNMENT_BODIES, listed);
  return {
    regionCode,
    region: { code: regionCode },
    asOf: on,
    listedBodies: all.listedBodies,
    pushedBodies: all.pushedBodies,
    rate: all.rate,
    target: PUSH_COVERAGE_TARGET,
    meetsTarget: all.rate >= PUSH_COVERAGE_TARGET,
    unpushedBodies: listed.filter((d) => !d.pushed),
    groups: [figures(PushCoverageGroup.GOVERNMENT_BODIES, governmentBodies), figures(PushCoverageGroup.STATE_OWNED_ENTERPRISES, enterprises)],
  };
}

/** The summary of one unit from its records, the pushed cases among them and its pending cases. */
export function summarizeDebtor(records: DebtorRecord[], pushedCases: ReadonlySet<string>, pending: PendingCase[], on: string = today()): DebtorSummary {
  const counts = { ACTIVE: 0, UNDER_OBJECTION: 0, EXITED: 0, REPAIRED: 0 } satisfies Record<DebtorStatus, number>;
  for (const record of records) counts[effectiveStatus(record, on).status]++;
  const [listed] = groupListedDebtors(records, pushedCases, on);
  const active = records.filter((r) => effectiveStatus(r, on).status === DebtorStatus.ACTIVE);
  return {
    activeRecords: counts.ACTIVE,
    underObjection: counts.UNDER_OBJECTION,
    exitedRecords: counts.EXITED,
    repairedRecords: counts.REPAIRED,
    unperformedAmount: listed?.unperformedAmount ?? '0.00',
    pushed: listed?.pushed ?? false,
    firstListedAt: listed?.firstListedAt ?? null,
    activeCaseNumbers: active.map((r) => r.caseNumber).sort(),
    aboutToBeListed: pending.length,
    aboutToBeListedCaseNumbers: pending.map((p) => p.caseNumber).sort(),
  };
}
