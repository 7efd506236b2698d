import { DataLoader } from '../../kit/dataloader.js';
import { Field, Int, ObjectType } from 'type-graphql';
import { isComplaintOverdue, today, type EntityManager } from '../../kit/index.js';
import { formatFen, sumFen } from '../../kit/money.js';
import { ContractBreach } from '../entities/breach.js';
import { ContractComplaint } from '../entities/complaint.js';
import { Contract } from '../entities/contract.js';
import { BreachingParty, CLOSED_COMPLAINT, ComplaintCategory, ComplaintStatus, ContractStatus, MilestoneStatus, MilestoneType } from '../entities/enums.js';
import { ContractMilestone } from '../entities/milestone.js';
import { arrearsFen, isMilestoneOverdue, type MilestoneFacts } from '../contract.rules.js';

/**
 * What the evaluation subgraph requires of a unit as a government party: counts, the
 * arrears, and the ids of every record that may cost it points, so that a deduction can
 * cite its source. The same for every caller.
 */
@ObjectType('ContractSummary', { description: '单位作为政府方的合同履约概况（评价子图据此扣分） (a unit\'s contract performance as the government party; the evaluation subgraph scores from it)' })
export class ContractSummary {
  @Field(() => String, { description: '统计日期 (the date the figures are as of)' })
  asOf!: string;

  @Field(() => Int, { description: '合同总数 (contracts)' })
  contracts!: number;

  @Field(() => Int, { description: '履行中的合同数 (active contracts)' })
  activeContracts!: number;

  @Field(() => Int, { description: '政府方有违约记录的合同数 (contracts the government party breached)' })
  contractsBreachedByGovernment!: number;

  @Field(() => Int, { description: '政府方违约次数 (breaches by the government party)' })
  governmentBreaches!: number;

  @Field(() => Int, { description: '政府方未纠正的违约次数 (unremedied breaches by the government party)' })
  unremediedGovernmentBreaches!: number;

  @Field(() => [String], { description: '政府方违约记录标识 (ids of the government party\'s breaches)' })
  governmentBreachIds!: string[];

  @Field(() => [String], { description: '其中未纠正的 (ids of those not remedied)' })
  unremediedGovernmentBreachIds!: string[];

  @Field(() => Int, { description: '逾期节点数，含拖欠的付款节点 (overdue milestones, payment milestones in arrears included)' })
  overdueMilestones!: number;

  @Field(() => [String], { description: '逾期节点标识 (ids of the overdue milestones)' })
  overdueMilestoneIds!: string[];

  @Field(() => String, { description: '政府方拖欠金额（元）：已到期未付清的付款节点余额合计 (arrears in CNY: unpaid balance of payment milestones past due)' })
  arrearsAmount!: string;

  @Field(() => [String], { description: '拖欠的付款节点标识 (ids of the payment milestones in arrears)' })
  arrearsMilestoneIds!: string[];

  @Field(() => Int, { description: '未办结的投诉数 (complaints still open)' })
  openComplaints!: number;

  @Field(() => Int, { description: '超期投诉数：超过办理期限未办结或超期办结 (overdue complaints: open past due, or closed late)' })
  overdueComplaints!: number;

  @Field(() => [String], { description: '超期投诉标识 (ids of the overdue complaints)' })
  overdueComplaintIds!: string[];

  @Field(() => Int, { description: '经查属实的"新官不理旧账"投诉数 (substantiated complaints of new officials ignoring old debts)' })
  substantiatedOldDebtComplaints!: number;

  @Field(() => [String], { description: '经查属实的"新官不理旧账"投诉标识 (their ids)' })
  substantiatedOldDebtComplaintIds!: string[];
}

/**
 * Summaries of many organizations in four statements per batch: their contracts, the
 * milestones that may be overdue, the government's breaches, the complaints about them.
 * Plain rows with only the columns a summary reads, not entities: hydrating whole entities
 * into the identity map was most of a region page's time (docs/benchmarks.md).
 */
export function summaryLoader(em: EntityManager): DataLoader<string, ContractSummary> {
  return new DataLoader<string, ContractSummary>(async (keys) => {
    const usccs = [...keys];
    const on = today();
    const ofTheseGovernments = () => em.createQueryBuilder(Contract, 'c').select('c.id').where({ governmentUscc: { $in: usccs } }).getKnexQuery() as any;
    const contracts = await em.createQueryBuilder(Contract, 'c')
      .select(['c.id', 'c.governmentUscc', 'c.status'])
      .where({ governmentUscc: { $in: usccs } })
      .execute<Array<Pick<Contract, 'id' | 'governmentUscc' | 'status'>>>('all');
    const candidates = (await em
      .createQueryBuilder(ContractMilestone, 'm')
      .select(['m.id', 'm.contractId', 'm.type', 'm.status', 'm.dueDate', 'm.amountFen', 'm.paidFen'])
      .where({ contractId: { $in: ofTheseGovernments() }, dueDate: { $lt: on } })
      .andWhere(`(m.type = '${MilestoneType.PAYMENT}' and m.amount_fen > m.paid_fen) or (m.type <> '${MilestoneType.PAYMENT}' and m.status <> '${MilestoneStatus.MET}')`)
      .orderBy({ id: 'asc' })
      .execute<Array<MilestoneFacts & Pick<ContractMilestone, 'id' | 'contractId'>>>('all'))
      // PostgreSQL hands bigint columns back as strings. A milestone without an amount (not a payment) gets 0, which is what
      // arrearsFen counts it as.
      .map((m) => ({ ...m, amountFen: Number(m.amountFen), paidFen: Number(m.paidFen) }));
    const breaches = (await em.createQueryBuilder(ContractBreach, 'b')
      .select(['b.id', 'b.contractId', 'b.remedied'])
      .where({ contractId: { $in: ofTheseGovernments() }, party: BreachingParty.GOVERNMENT })
      .orderBy({ id: 'asc' })
      .execute<Array<Pick<ContractBreach, 'id' | 'contractId' | 'remedied'>>>('all'))
      .map((b) => ({ ...b, remedied: Boolean(b.remedied) }));
    const complaints = (await em.createQueryBuilder(ContractComplaint, 'k')
      .select(['k.id', 'k.organizationUscc', 'k.status', 'k.category', 'k.substantiated', 'k.dueDate', 'k.closedAt'])
      .where({ organizationUscc: { $in: usccs } })
      .orderBy({ id: 'asc' })
      .execute<Array<Pick<ContractComplaint, 'id' | 'organizationUscc' | 'status' | 'category' | 'substantiated' | 'dueDate' | 'closedAt'>>>('all'))
      // SQLite hands booleans back as 0 and 1. Only "found substantiated" is read below: not decided yet (null) counts as not.
      .map((c) => ({ ...c, substantiated: Boolean(c.substantiated) }));

    const contractById = new Map(contracts.map((c) => [c.id, c]));
    const governmentOf = (contractId: string) => contractById.get(contractId)?.governmentUscc ?? '';
    const contractsOf = groupBy(contracts, (c) => c.governmentUscc);
    const milestonesOf = groupBy(candidates, (m) => governmentOf(m.contractId));
    const breachesOf = groupBy(breaches, (b) => governmentOf(b.contractId));
    const complaintsOf = groupBy(complaints, (c) => c.organizationUscc);
    return usccs.map((uscc) => {
      const own = contractsOf.get(uscc) ?? [];
      const milestones = milestonesOf.get(uscc) ?? [];
      const overdue = milestones.filter((m) => isMilestoneOverdue(m, contractById.get(m.contractId)!.status, on));
      const arrears = overdue.filter((m) => arrearsFen(m, contractById.get(m.contractId)!.status, on) > 0);
      const governmentBreaches = breachesOf.get(uscc) ?? [];
      const unremedied = governmentBreaches.filter((b) => !b.remedied);
      const aboutThem = complaintsOf.get(uscc) ?? [];
      const overdueComplaints = aboutThem.filter((c) => isComplaintOverdue(c.dueDate, c.closedAt, on));
      const oldDebts = aboutThem.filter((c) => c.category === ComplaintCategory.OLD_DEBTS_IGNORED && c.status === ComplaintStatus.RESOLVED && c.substantiated === true);
      return {
        asOf: on,
        contracts: own.length,
        activeContracts: own.filter((c) => c.status === ContractStatus.ACTIVE).length,
        contractsBreachedByGovernment: new Set(governmentBreaches.map((b) => b.contractId)).size,
        governmentBreaches: governmentBreaches.length,
        unremediedGovernmentBreaches: unremedied.length,
        governmentBreachIds: governmentBreaches.map((b) => b.id),
        unremediedGovernmentBreachIds: unremedied.map((b) => b.id),
        overdueMilestones: overdue.length,
        overdueMilestoneIds: overdue.map((m) => m.id),
        arrearsAmount: formatFen(sumFen(arrears.map((m) => arrearsFen(m, contractById.get(m.contractId)!.status, on)))),
        arrearsMilestoneIds: arrears.map((m) => m.id),
        openComplaints: aboutThem.filter((c) => !CLOSED_COMPLAINT.includes(c.status)).length,
        overdueComplaints: overdueComplaints.length,
        overdueComplaintIds: overdueComplaints.map((c) => c.id),
        substantiatedOldDebtComplaints: oldDebts.length,
        substantiatedOldDebtComplaintIds: oldDebts.map((c) => c.id),
      };
    });
  });
}

/** Rows by key, each group in the rows' order. */
function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
