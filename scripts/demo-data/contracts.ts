/**
 * Deterministic demo contract ledger for the Heihe demo registry: a few thousand contracts
 * of every kind signed by its government bodies with invented enterprises, their
 * milestones and payments — most on time, some overdue, some in arrears (新官不理旧账
 * among them), a few breached by the government — PPP responsibility trails, and a
 * complaint ledger in every state. Amounts are integer fen. `toOcdsReleasePackage` writes
 * contracts as the OCDS release package the import reads.
 */
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../platform/validation/uscc.js';
import { buildDemoRegistry, mulberry32, type DemoOfficial, type DemoOrganization, type DemoRegistry, uuidFrom, weighted } from './heihe.js';

export type DemoContractKind = 'GOVERNMENT_PROCUREMENT' | 'TENDERING' | 'PPP' | 'INVESTMENT_ATTRACTION' | 'GOVERNMENT_INVESTMENT' | 'OTHER';
export type DemoContractStatus = 'PENDING' | 'ACTIVE' | 'TERMINATED' | 'CANCELLED';
export type DemoMilestoneType = 'APPROVAL' | 'DELIVERY' | 'FINANCING' | 'PAYMENT';
export type DemoMilestoneStatus = 'SCHEDULED' | 'MET' | 'NOT_MET' | 'PARTIALLY_MET';
export type DemoPppStage = 'PREPARATION' | 'PROCUREMENT' | 'FINANCING' | 'IMPLEMENTATION';
export type DemoComplaintCategory = 'NON_PERFORMANCE' | 'ARREARS' | 'OLD_DEBTS_IGNORED' | 'POLICY_NOT_HONOURED' | 'OTHER';
export type DemoComplaintStatus = 'RECEIVED' | 'ACCEPTED' | 'INVESTIGATING' | 'RESOLVED' | 'REJECTED';
export type DemoActionKind = 'RECEIVE' | 'ACCEPT' | 'INVESTIGATE' | 'SUPERVISE' | 'INTERVIEW' | 'NOTIFY' | 'REFER' | 'RESOLVE' | 'REJECT';

export interface DemoEnterprise {
  uscc: string;
  name: string;
}

export interface DemoContract {
  id: string;
  ocid: string;
  contractNumber: string;
  title: string;
  kind: DemoContractKind;
  governmentUscc: string;
  governmentPartyName: string;
  regionCode: string;
  counterparties: Array<{ name: string; uscc: string; role: 'SUPPLIER' | 'PRIVATE_PARTY' }>;
  valueFen: number;
  dateSigned: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  status: DemoContractStatus;
  statusDetails: string | null;
  pppStage: DemoPppStage | null;
}

export interface DemoMilestone {
  id: string;
  contractId: string;
  localId: string;
  title: string;
  type: DemoMilestoneType;
  dueDate: string;
  amountFen: number | null;
  /** The sum of the payments settling it (what the store keeps next to them). */
  paidFen: number;
  status: DemoMilestoneStatus;
  dateMet: string | null;
}

export interface DemoPayment {
  id: string;
  contractId: string;
  localId: string;
  date: string;
  amountFen: number;
  payerName: string;
  payerUscc: string | null;
  payeeName: string;
  payeeUscc: string | null;
  /** Global id of the milestone it settles. */
  milestoneId: string | null;
}

export interface DemoBreach {
  id: string;
  contractId: string;
  localId: string;
  date: string;
  party: 'GOVERNMENT' | 'COUNTERPARTY';
  description: string;
  remedied: boolean;
  remediedAt: string | null;
  remedyNote: string | null;
}

export interface DemoAmendment {
  id: string;
  contractId: string;
  localId: string;
  date: string;
  rationale: string;
  description: string | null;
  amendedBy: string;
  recordedBy: string;
}

export interface DemoResponsibility {
  id: string;
  contractId: string;
  /** The official's ID number: the seed stores only its pseudonym. */
  idNumber: string;
  stage: DemoPppStage;
  since: string;
  until: string | null;
  recordedBy: string;
}

export interface DemoComplaint {
  id: string;
  category: DemoComplaintCategory;
  complainantName: string;
  complainantUscc: string;
  contactName: string | null;
  contactPhone: string | null;
  organizationUscc: string;
  regionCode: string;
  contractId: string | null;
  channel: 'HOTLINE_12345' | 'WEBSITE' | 'EMAIL' | 'PETITION' | 'IN_PERSON' | 'OTHER';
  receivedAt: string;
  dueDate: string;
  content: string;
  status: DemoComplaintStatus;
  substantiated: boolean | null;
  resolution: string | null;
  closedAt: string | null;
}

export interface DemoComplaintAction {
  id: string;
  complaintId: string;
  seq: number;
  kind: DemoActionKind;
  date: string;
  by: string;
  note: string | null;
  authority: string | null;
}

export interface DemoContracts {
  enterprises: DemoEnterprise[];
  contracts: DemoContract[];
  milestones: DemoMilestone[];
  payments: DemoPayment[];
  breaches: DemoBreach[];
  amendments: DemoAmendment[];
  responsibilities: DemoResponsibility[];
  complaints: DemoComplaint[];
  actions: DemoComplaintAction[];
}

export interface DemoContractOptions {
  seed?: number;
  /** How many contracts (default 3,000). */
  count?: number;
  /** Starts every contract id, so that a second set (the OCDS sample) does not collide with the demo. */
  idPrefix?: string;
  /** How many complaints (default 360; 0 for none). */
  complaints?: number;
  /** Where the counterparties are registered: [name, region code] (default 黑河 and three other cities). */
  enterprisePlaces?: ReadonlyArray<readonly [string, string]>;
}

/** The day the demo's states were written against (the same as the commitments demo). */
export const CONTRACTS_AS_OF = '2026-11-22';
const HANDLING_DAYS = 30;

// ---------------------------------------------------------------------------
// Randomness and dates
// ---------------------------------------------------------------------------

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  float(): number {
    return this.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    return weighted(this.next, entries);
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  uuid(): string {
    return uuidFrom(this.next);
  }
}

const DAY = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function dateIn(random: Random, from: string, to: string): string {
  return addDays(from, random.int(0, Math.max(daysBetween(from, to), 0)));
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** An amount in fen between two yuan figures, with cents most of the time. */
function amountFen(random: Random, minYuan: number, maxYuan: number): number {
  const yuan = random.int(minYuan, maxYuan);
  return yuan * 100 + (random.chance(0.7) ? random.int(0, 99) : 0);
}

/** Splits fen by shares (in per cent) exactly: the last part takes the remainder. */
function split(totalFen: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const parts = shares.map((share) => Math.floor((totalFen * share) / sum));
  parts[parts.length - 1]! += totalFen - parts.reduce((a, b) => a + b, 0);
  return parts;
}

// ---------------------------------------------------------------------------
// Enterprises (the counterparties): invented, with valid USCCs
// ---------------------------------------------------------------------------

type Trade = 'construction' | 'it' | 'goods' | 'services' | 'investor';

const TRADE_NAMES = [
  '鑫达', '恒通', '龙江', '北疆', '兴安', '华宇', '金桥', '瑞丰', '宏图', '远航', '天成', '嘉禾', '中恒', '润泽', '安达', '利民',
  '鼎盛', '信诚', '开元', '同创', '盛世', '黑龙', '边城', '寒地', '五岳', '松江', '北辰', '兆丰', '永盛', '佳和', '隆基', '宝泰',
];
const TRADE_SUFFIXES: Record<Trade, string[]> = {
  construction: ['建筑工程有限公司', '市政工程有限公司', '路桥建设有限公司', '水利工程有限公司', '建设集团有限公司'],
  it: ['信息技术有限公司', '软件科技有限公司', '数字科技有限公司', '智能科技有限公司'],
  goods: ['商贸有限公司', '医疗器械有限公司', '办公设备有限公司', '教学设备有限公司', '汽车销售服务有限公司'],
  services: ['物业服务有限公司', '环境卫生服务有限公司', '保安服务有限公司', '餐饮管理有限公司', '印务有限公司'],
  investor: ['实业集团有限公司', '农业开发有限公司', '食品有限公司', '物流有限公司', '能源科技有限公司', '矿泉水有限公司'],
};
const TRADE_COUNTS: Record<Trade, number> = { construction: 130, it: 60, goods: 110, services: 80, investor: 60 };
const ENTERPRISE_PLACES: ReadonlyArray<readonly [string, string]> = [
  ['黑河市', '231100'], ['黑河市', '231102'], ['北安市', '231181'], ['嫩江市', '231183'], ['五大连池市', '231182'], ['逊克县', '231123'],
  ['孙吴县', '231124'], ['哈尔滨市', '230100'], ['齐齐哈尔市', '230200'], ['大庆市', '230600'],
];

function buildEnterprises(random: Random, taken: Set<string>, places: ReadonlyArray<readonly [string, string]>): Map<Trade, DemoEnterprise[]> {
  const byTrade = new Map<Trade, DemoEnterprise[]>();
  const names = new Set<string>();
  for (const trade of Object.keys(TRADE_COUNTS) as Trade[]) {
    const list: DemoEnterprise[] = [];
    while (list.length < TRADE_COUNTS[trade]) {
      const [place, regionCode] = random.pick(places);
      const name = `${place}${random.pick(TRADE_NAMES)}${random.pick(TRADE_SUFFIXES[trade])}`;
      if (names.has(name)) continue;
      const body = random.digits(8);
      const first17 = `91${regionCode}${body}${orgCodeCheckCharacter(body)}`;
      const uscc = first17 + usccCheckCharacter(first17);
      if (taken.has(uscc)) continue;
      taken.add(uscc);
      names.add(name);
      list.push({ uscc, name });
    }
    byTrade.set(trade, list);
  }
  return byTrade;
}

// ---------------------------------------------------------------------------
// Contracts
// ---------------------------------------------------------------------------

interface KindPlan {
  code: string;
  share: number;
  trade: Trade;
  valueYuan: readonly [number, number];
  months: readonly [number, number];
  titles: readonly string[];
  /** Government bodies that sign this kind. */
  signers: (o: DemoOrganization) => boolean;
}

const isGovernment = (o: DemoOrganization) => o.kind === 'GOVERNMENT';
const isDepartment = (o: DemoOrganization) => o.kind === 'GOVERNMENT_DEPARTMENT';
const isLocal = (o: DemoOrganization) => o.kind === 'TOWNSHIP' || o.kind === 'STREET_OFFICE';
const isInstitution = (o: DemoOrganization) => o.kind === 'PUBLIC_INSTITUTION';
const named = (o: DemoOrganization, ...suffixes: string[]) => suffixes.some((s) => o.name.endsWith(s));

const KINDS: Record<DemoContractKind, KindPlan> = {
  GOVERNMENT_PROCUREMENT: {
    code: 'CG', share: 0.5, trade: 'goods', valueYuan: [30_000, 3_000_000], months: [3, 24],
    titles: ['办公设备采购', '信息化系统运维服务采购', '物业管理服务采购', '医疗设备采购', '教学设备采购', '公务用车采购', '印刷服务采购', '食堂餐饮服务采购', '安保服务采购', '环卫保洁服务采购', '政务云服务采购', '档案数字化服务采购'],
    signers: (o) => isDepartment(o) || isInstitution(o) || isLocal(o) || isGovernment(o),
  },
  TENDERING: {
    code: 'ZB', share: 0.2, trade: 'construction', valueYuan: [500_000, 30_000_000], months: [6, 24],
    titles: ['道路维修改造工程施工', '校舍维修改造工程施工', '供热管网改造工程施工', '农田水利设施建设工程施工', '老旧小区改造工程施工', '边境口岸配套设施工程施工', '村屯道路硬化工程施工', '卫生院改扩建工程施工'],
    signers: (o) => isDepartment(o) || isLocal(o) || isInstitution(o),
  },
  GOVERNMENT_INVESTMENT: {
    code: 'TZ', share: 0.12, trade: 'construction', valueYuan: [5_000_000, 200_000_000], months: [12, 36],
    titles: ['产业园区基础设施建设项目', '污水处理厂扩建工程', '城市供水管网改造项目', '全民健身中心建设项目', '职业教育实训基地建设项目', '冷链物流中心建设项目'],
    signers: (o) => isGovernment(o) || named(o, '发展和改革委员会', '发展和改革局', '住房和城乡建设局', '交通运输局', '水务局'),
  },
  INVESTMENT_ATTRACTION: {
    code: 'ZS', share: 0.08, trade: 'investor', valueYuan: [1_000_000, 50_000_000], months: [36, 96],
    titles: ['大豆精深加工项目投资协议', '跨境物流园区投资合作协议', '绿色食品产业园招商引资协议', '矿泉水开发项目投资协议', '对俄贸易加工园区投资协议', '寒地汽车测试基地投资协议', '光伏发电项目投资协议'],
    signers: (o) => isGovernment(o) || named(o, '商务局', '工业和信息化局', '工业信息科技局') || o.kind === 'TOWNSHIP',
  },
  PPP: {
    code: 'PPP', share: 0.04, trade: 'investor', valueYuan: [100_000_000, 1_500_000_000], months: [120, 300],
    titles: ['城区集中供热PPP项目', '城镇污水处理PPP项目', '智慧停车PPP项目', '生活垃圾焚烧发电PPP项目', '城乡供水一体化PPP项目'],
    signers: (o) => isGovernment(o) || named(o, '发展和改革委员会', '发展和改革局', '住房和城乡建设局', '财政局'),
  },
  OTHER: {
    code: 'QT', share: 0.06, trade: 'services', valueYuan: [10_000, 800_000], months: [6, 36],
    titles: ['国有资产租赁合同', '法律顾问服务合同', '政策研究委托合同', '会议承办服务合同', '培训服务合同'],
    signers: (o) => isDepartment(o) || isGovernment(o) || isInstitution(o),
  },
};

/** How a contract in force has gone so far. */
type Trouble = 'none' | 'arrears' | 'latePaid' | 'delayedDelivery';

const CANCEL_REASON = '因项目调整，合同签署前取消';

/** A milestone as planned: share of the value for payments, days from the period start. */
interface PlannedMilestone {
  title: string;
  type: DemoMilestoneType;
  share?: number;
  offset: number;
}

function planMilestones(kind: DemoContractKind, days: number, random: Random): PlannedMilestone[] {
  switch (kind) {
    case 'GOVERNMENT_PROCUREMENT': {
      const delivery = Math.max(Math.round(days * 0.4), 20);
      const withAdvance = random.chance(0.5);
      return [
        ...(withAdvance ? [{ title: '预付款', type: 'PAYMENT' as const, share: 30, offset: 15 }] : []),
        { title: '交付验收', type: 'DELIVERY', offset: delivery },
        { title: '验收款', type: 'PAYMENT', share: withAdvance ? 60 : 90, offset: delivery + 30 },
        { title: '质保金', type: 'PAYMENT', share: 10, offset: days },
      ];
    }
    case 'TENDERING':
    case 'GOVERNMENT_INVESTMENT':
      return [
        ...(kind === 'GOVERNMENT_INVESTMENT' ? [{ title: '开工许可', type: 'APPROVAL' as const, offset: 20 }] : []),
        { title: '第一期进度款', type: 'PAYMENT', share: 30, offset: Math.round(days / 3) },
        { title: '第二期进度款', type: 'PAYMENT', share: 30, offset: Math.round((days * 2) / 3) },
        { title: '竣工验收', type: 'DELIVERY', offset: days - 30 },
        { title: '竣工结算款', type: 'PAYMENT', share: 37, offset: days },
        { title: '质量保证金', type: 'PAYMENT', share: 3, offset: days + 365 },
      ];
    case 'INVESTMENT_ATTRACTION':
      return [
        { title: '政府方交付项目用地', type: 'DELIVERY', offset: 60 },
        { title: '政府方完成水电路配套', type: 'DELIVERY', offset: 180 },
        { title: '投资方首期投资到位', type: 'FINANCING', offset: 365 },
        { title: '第一期奖补资金兑现', type: 'PAYMENT', share: 50, offset: 400 },
        { title: '项目竣工投产', type: 'DELIVERY', offset: 730 },
        { title: '第二期奖补资金兑现', type: 'PAYMENT', share: 50, offset: 790 },
      ];
    case 'PPP': {
      const milestones: PlannedMilestone[] = [
        { title: '社会资本方融资到位', type: 'FINANCING', offset: 90 },
        { title: '项目建设完工', type: 'DELIVERY', offset: 730 },
      ];
      // Availability payments yearly once built; only the first eight years are scheduled here.
      for (let year = 3; year <= Math.min(10, Math.floor(days / 365)); year++) {
        milestones.push({ title: `第${year - 2}年度可用性付费`, type: 'PAYMENT', share: 1, offset: year * 365 });
      }
      return milestones;
    }
    case 'OTHER':
      return [
        { title: '服务交付', type: 'DELIVERY', offset: Math.round(days / 2) },
        { title: '合同价款', type: 'PAYMENT', share: 100, offset: Math.round(days / 2) + 30 },
      ];
  }
}

/** The enterprise trade a contract's subject calls for: a catering contract goes to a caterer. */
function tradeFor(plan: KindPlan, subject: string): Trade {
  if (plan.trade !== 'goods') return plan.trade;
  if (/信息化|政务云|数字化/.test(subject)) return 'it';
  if (/物业|保洁|安保|餐饮|印刷/.test(subject)) return 'services';
  return 'goods';
}

function titleFor(kind: DemoContractKind, subject: string, org: DemoOrganization, year: number): string {
  if (kind === 'GOVERNMENT_PROCUREMENT' || kind === 'OTHER') return `${org.name}${year}年${subject}`;
  return `${org.name.replace(/人民政府$/, '')}${subject}`;
}

/** Person names for complaint contacts (invented). */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '高', '林'];
const GIVEN = ['伟', '芳', '敏', '静', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '华', '建国', '海波', '春梅', '晓东', '志刚', '丽娟'];

export function buildDemoContracts(registry: DemoRegistry = buildDemoRegistry(), options: DemoContractOptions = {}): DemoContracts {
  const random = new Random(options.seed ?? 2026_0005);
  const count = options.count ?? 3_000;
  const prefix = options.idPrefix ?? 'HH';
  const asOf = CONTRACTS_AS_OF;
  const enterprises = buildEnterprises(random, new Set(registry.organizations.map((o) => o.uscc)), options.enterprisePlaces ?? ENTERPRISE_PLACES);
  const staff = new Map<string, DemoOfficial[]>();
  for (const official of registry.officials) {
    const list = staff.get(official.organizationUscc);
    if (list) list.push(official);
    else staff.set(official.organizationUscc, [official]);
  }
  const bodies = registry.organizations.filter((o) => !o.classified);
  const signersOf = new Map<DemoContractKind, DemoOrganization[]>(
    (Object.keys(KINDS) as DemoContractKind[]).map((kind) => [kind, bodies.filter(KINDS[kind].signers)]),
  );

  const out: DemoContracts = {
    enterprises: [...enterprises.values()].flat(),
    contracts: [], milestones: [], payments: [], breaches: [], amendments: [], responsibilities: [], complaints: [], actions: [],
  };
  const troubleOf = new Map<string, Trouble>();

  for (let n = 1; n <= count; n++) {
    const kind = random.weighted((Object.keys(KINDS) as DemoContractKind[]).map((k) => [k, KINDS[k].share] as const));
    const plan = KINDS[kind];
    const org = random.pick(signersOf.get(kind)!);
    const drafted = dateIn(random, '2021-01-04', addDays(asOf, -5));
    const year = Number(drafted.slice(0, 4));
    const id = `${prefix}-${year}-${plan.code}-${String(n).padStart(5, '0')}`;
    const months = random.int(plan.months[0], plan.months[1]);
    const periodStart = addDays(drafted, random.int(5, 30));
    const periodEnd = addDays(periodStart, Math.round(months * 30.4));
    const days = daysBetween(periodStart, periodEnd);

    // Not every contract comes into force: a few are cancelled before signature, recent ones may still be pending.
    let status: DemoContractStatus;
    let statusDetails: string | null = null;
    if (random.chance(0.02)) {
      status = 'CANCELLED';
      statusDetails = CANCEL_REASON;
    } else if (daysBetween(drafted, asOf) < 45 && random.chance(0.5)) {
      status = 'PENDING';
    } else if (periodEnd < asOf && random.chance(0.85)) {
      status = 'TERMINATED';
      statusDetails = random.chance(0.93) ? '履行完毕' : '双方协商一致提前解除';
    } else {
      status = 'ACTIVE';
    }
    const inForce = status === 'ACTIVE' || status === 'TERMINATED';
    const trouble: Trouble = !inForce
      ? 'none'
      : random.weighted<Trouble>([['none', 0.85], ['arrears', 0.08], ['latePaid', 0.02], ['delayedDelivery', status === 'ACTIVE' ? 0.05 : 0]]);
    troubleOf.set(id, trouble);

    const subject = random.pick(plan.titles);
    const partner = random.pick(enterprises.get(tradeFor(plan, subject))!);
    const counterparties: DemoContract['counterparties'] = [{ name: partner.name, uscc: partner.uscc, role: kind === 'PPP' || kind === 'INVESTMENT_ATTRACTION' ? 'PRIVATE_PARTY' : 'SUPPLIER' }];
    if (kind === 'PPP' && random.chance(0.6)) {
      const builder = random.pick(enterprises.get('construction')!);
      counterparties.push({ name: builder.name, uscc: builder.uscc, role: 'PRIVATE_PARTY' });
    }
    const contract: DemoContract = {
      id,
      ocid: `ocds-hhzw01-${id}`,
      contractNumber: `${org.regionCode}-${plan.code}-${year}-${String(n).padStart(5, '0')}`,
      title: titleFor(kind, subject, org, year),
      kind,
      governmentUscc: org.uscc,
      governmentPartyName: org.name,
      regionCode: org.uscc.slice(2, 8),
      counterparties,
      valueFen: amountFen(random, plan.valueYuan[0], plan.valueYuan[1]),
      dateSigned: inForce ? drafted : null,
      periodStart,
      periodEnd,
      status,
      statusDetails,
      pppStage: null,
    };
    out.contracts.push(contract);

    const planned = planMilestones(kind, days, random);
    const paymentShares = planned.filter((m) => m.type === 'PAYMENT').map((m) => m.share!);
    // PPP availability payments are a yearly slice of the investment, not the whole of it.
    const paymentTotal = kind === 'PPP' ? Math.floor(contract.valueFen / 20) * paymentShares.length : contract.valueFen;
    const paymentAmounts = split(paymentTotal, paymentShares);
    let paymentIndex = 0;
    let paymentSeq = 0;
    // Arrears and late payment strike one payment milestone that is already due.
    const dueBefore = (offset: number) => addDays(periodStart, offset) < addDays(asOf, -20);
    const duePayments = planned.filter((m) => m.type === 'PAYMENT' && dueBefore(m.offset));
    const struck = trouble === 'arrears' || trouble === 'latePaid' ? random.pick(duePayments.length ? duePayments : [null]) : null;
    const dueDeliveries = planned.filter((m) => m.type !== 'PAYMENT' && dueBefore(m.offset));
    const delayed = trouble === 'delayedDelivery' ? random.pick(dueDeliveries.length ? dueDeliveries : [null]) : null;

    const mine = new Map<PlannedMilestone, DemoMilestone>();
    planned.forEach((p, index) => {
      const localId = `m${index + 1}`;
      const milestoneId = `${id}/${localId}`;
      const dueDate = addDays(periodStart, p.offset);
      const amount = p.type === 'PAYMENT' ? paymentAmounts[paymentIndex++]! : null;
      const milestone: DemoMilestone = { id: milestoneId, contractId: id, localId, title: p.title, type: p.type, dueDate, amountFen: amount, paidFen: 0, status: 'SCHEDULED', dateMet: null };
      out.milestones.push(milestone);
      mine.set(p, milestone);
      if (!inForce || dueDate >= asOf) return;
      const closed = status === 'TERMINATED';

      if (p.type !== 'PAYMENT') {
        if (p === delayed) {
          milestone.status = random.chance(0.5) ? 'PARTIALLY_MET' : 'NOT_MET';
          return;
        }
        milestone.status = 'MET';
        milestone.dateMet = minDate(addDays(dueDate, random.int(-20, closed ? 10 : 25)), asOf);
        return;
      }

      const pay = (fen: number, date: string) => {
        paymentSeq++;
        out.payments.push({
          id: `${id}/t${paymentSeq}`, contractId: id, localId: `t${paymentSeq}`, date, amountFen: fen,
          payerName: org.name, payerUscc: org.uscc, payeeName: partner.name, payeeUscc: partner.uscc, milestoneId,
        });
        milestone.paidFen += fen;
      };
      if (p === struck && trouble === 'arrears') {
        // Paid in part, or not at all; the rest is owed.
        if (random.chance(0.45)) {
          pay(Math.floor((amount! * random.int(20, 80)) / 100), minDate(addDays(dueDate, random.int(0, 30)), asOf));
          milestone.status = 'PARTIALLY_MET';
        } else {
          milestone.status = daysBetween(dueDate, asOf) > 90 ? 'NOT_MET' : 'SCHEDULED';
        }
        return;
      }
      const lateDays = p === struck ? random.int(90, 240) : random.int(-10, 20);
      const paidOn = minDate(addDays(dueDate, lateDays), asOf);
      if (p === struck && paidOn === asOf) {
        milestone.status = 'NOT_MET';
        return;
      }
      // Some are paid in two instalments, to the fen.
      if (random.chance(0.15) && amount! >= 2) {
        const first = random.int(1, amount! - 1);
        pay(first, paidOn);
        pay(amount! - first, minDate(addDays(paidOn, random.int(1, 20)), asOf));
      } else {
        pay(amount!, paidOn);
      }
      milestone.status = 'MET';
      milestone.dateMet = out.payments[out.payments.length - 1]!.date;
    });

    addBreaches(random, out, contract, trouble, struck ? mine.get(struck)! : null, delayed ? mine.get(delayed)! : null);
    if (inForce && random.chance(0.08)) addAmendments(random, out, contract);
    if (kind === 'PPP') addResponsibilities(random, out, contract, staff.get(org.uscc) ?? [], drafted);
  }

  addComplaints(random, out, options.complaints ?? 360, troubleOf);
  return out;
}

function addBreaches(random: Random, out: DemoContracts, contract: DemoContract, trouble: Trouble, struck: DemoMilestone | null, delayed: DemoMilestone | null): void {
  const asOf = CONTRACTS_AS_OF;
  let seq = 0;
  const add = (breach: Omit<DemoBreach, 'id' | 'contractId' | 'localId'>) => {
    seq++;
    out.breaches.push({ id: `${contract.id}/b${seq}`, contractId: contract.id, localId: `b${seq}`, ...breach });
  };
  // Some arrears, and every late payment, were recorded as breaches by the government.
  if (struck && (trouble === 'latePaid' || random.chance(0.25))) {
    const date = addDays(struck.dueDate, 30);
    if (date < asOf) {
      const remedied = trouble === 'latePaid' && struck.status === 'MET';
      add({
        date,
        party: 'GOVERNMENT',
        description: contract.kind === 'INVESTMENT_ATTRACTION' ? `未按协议约定兑现"${struck.title}"` : `未按合同约定期限支付"${struck.title}"`,
        remedied,
        remediedAt: remedied ? struck.dateMet : null,
        remedyNote: remedied ? '已足额支付并向企业说明情况' : null,
      });
    }
  }
  if (delayed) {
    const governmentSide = delayed.title.startsWith('政府方');
    if (governmentSide || random.chance(0.5)) {
      add({
        date: addDays(delayed.dueDate, 15),
        party: governmentSide ? 'GOVERNMENT' : 'COUNTERPARTY',
        description: governmentSide ? `未按协议约定期限完成"${delayed.title.replace('政府方', '')}"` : `未按合同约定期限完成"${delayed.title}"`,
        remedied: false,
        remediedAt: null,
        remedyNote: null,
      });
    }
  }
  // Counterparties breach too, mostly remedied.
  if (contract.status !== 'PENDING' && contract.status !== 'CANCELLED' && random.chance(0.025) && contract.dateSigned) {
    const date = dateIn(random, addDays(contract.dateSigned, 30), minDate(contract.periodEnd!, addDays(asOf, -1)));
    if (date < asOf) {
      const remedied = random.chance(0.7);
      const remediedAt = remedied ? minDate(addDays(date, random.int(10, 60)), asOf) : null;
      add({
        date,
        party: 'COUNTERPARTY',
        description: random.pick(['交付货物规格与合同约定不符', '工程质量不符合合同约定', '服务人员配置未达到合同要求', '未按期提交阶段成果']),
        remedied,
        remediedAt,
        remedyNote: remedied ? '已整改并经验收合格' : null,
      });
    }
  }
}

const AMENDMENT_REASONS = [
  ['工程量增加，依法签订补充协议', '合同金额相应调整'],
  ['受冬季施工期限制，工期顺延', '履行期限顺延'],
  ['机构改革，政府方职能划转', '合同权利义务由承接单位继受'],
  ['采购需求调整', '部分采购内容变更'],
] as const;

function addAmendments(random: Random, out: DemoContracts, contract: DemoContract): void {
  const times = random.int(1, 2);
  for (let i = 1; i <= times; i++) {
    const [rationale, description] = random.pick(AMENDMENT_REASONS);
    out.amendments.push({
      id: `${contract.id}/a${i}`,
      contractId: contract.id,
      localId: `a${i}`,
      date: dateIn(random, contract.dateSigned!, minDate(contract.periodEnd!, addDays(CONTRACTS_AS_OF, -1))),
      rationale,
      description,
      amendedBy: contract.governmentPartyName,
      recordedBy: 'finance-demo',
    });
  }
}

/**
 * 项目责任回溯: the stages of a PPP project with the government-side official in charge of
 * each. In about half the projects the official changed during implementation.
 */
function addResponsibilities(random: Random, out: DemoContracts, contract: DemoContract, staff: DemoOfficial[], drafted: string): void {
  const leaders = staff.slice(0, 3);
  if (leaders.length === 0) return;
  const first = leaders[0]!;
  const successor = leaders.length > 1 && random.chance(0.5) ? random.pick(leaders.slice(1)) : null;
  const steps: Array<{ stage: DemoPppStage; since: string; official: DemoOfficial }> = [
    { stage: 'PREPARATION', since: addDays(drafted, -300), official: first },
    { stage: 'PROCUREMENT', since: addDays(drafted, -120), official: first },
  ];
  if (contract.status === 'ACTIVE' || contract.status === 'TERMINATED') {
    steps.push({ stage: 'FINANCING', since: contract.dateSigned!, official: first });
    steps.push({ stage: 'IMPLEMENTATION', since: addDays(contract.periodStart!, 90), official: first });
    if (successor) {
      const changed = addDays(contract.periodStart!, random.int(200, 700));
      if (changed < CONTRACTS_AS_OF) steps.push({ stage: 'IMPLEMENTATION', since: changed, official: successor });
    }
  }
  const current = steps.filter((s) => s.since <= CONTRACTS_AS_OF);
  current.forEach((step, i) => {
    out.responsibilities.push({
      id: random.uuid(),
      contractId: contract.id,
      idNumber: step.official.idNumber,
      stage: step.stage,
      since: step.since,
      until: current[i + 1]?.since ?? null,
      recordedBy: 'finance-demo',
    });
  });
  contract.pppStage = current.at(-1)?.stage ?? null;
}

const COMPLAINT_TEXTS: Record<DemoComplaintCategory, readonly string[]> = {
  NON_PERFORMANCE: ['政府方未按合同约定提供场地和配套条件，导致项目无法推进。', '合同约定的验收迟迟不组织，款项无法结算。'],
  ARREARS: ['工程已竣工验收，结算款至今未支付。', '采购货物已交付验收，验收款逾期未付。', '进度款拖欠超过半年，企业资金周转困难。'],
  OLD_DEBTS_IGNORED: ['原领导签订的协议，新任负责人以"前任所签"为由不予履行。', '换届后新班子不认可原协议约定的奖补资金。', '机构改革后承接单位拒绝支付原单位拖欠的工程款。'],
  POLICY_NOT_HONOURED: ['招商时承诺的税收返还和奖补政策未兑现。', '承诺的用地指标和基础设施配套未落实。'],
  OTHER: ['合同变更未与企业协商一致。', '政府方单方面提出降低合同价款。'],
};
const RESOLUTIONS = {
  substantiated: ['经核实情况属实，已督促政府方限期支付并纳入政务失信记录。', '经核实属实，政府方已与企业签订还款计划并按期履行。'],
  unfounded: ['经核实，款项尚未达到合同约定的支付条件，已向企业说明。', '经核实，争议已由双方协商解决。'],
  rejected: ['投诉事项属于民事合同纠纷，已告知企业依法通过诉讼或仲裁解决。', '投诉事项已在办理中，属重复投诉。'],
} as const;

function addComplaints(random: Random, out: DemoContracts, count: number, troubleOf: Map<string, Trouble>): void {
  if (count === 0) return;
  const asOf = CONTRACTS_AS_OF;
  const inForce = out.contracts.filter((c) => c.status === 'ACTIVE' || c.status === 'TERMINATED');
  const inArrears = inForce.filter((c) => troubleOf.get(c.id) === 'arrears');
  const oldDebts = inArrears.filter((c) => c.dateSigned! <= '2023-06-30');
  const delayed = inForce.filter((c) => troubleOf.get(c.id) === 'delayedDelivery');
  const attraction = inForce.filter((c) => c.kind === 'INVESTMENT_ATTRACTION');
  const pools: Record<DemoComplaintCategory, DemoContract[]> = {
    ARREARS: inArrears.length ? inArrears : inForce,
    OLD_DEBTS_IGNORED: oldDebts.length ? oldDebts : inForce,
    NON_PERFORMANCE: delayed.length ? delayed : inForce,
    POLICY_NOT_HONOURED: attraction.length ? attraction : inForce,
    OTHER: inForce,
  };
  const allEnterprises = out.enterprises;

  for (let n = 0; n < count; n++) {
    const category = random.weighted<DemoComplaintCategory>([['ARREARS', 0.35], ['OLD_DEBTS_IGNORED', 0.18], ['NON_PERFORMANCE', 0.17], ['POLICY_NOT_HONOURED', 0.15], ['OTHER', 0.15]]);
    const contract = category === 'OTHER' && random.chance(0.4) ? null : random.pick(pools[category]);
    const complainant = contract ? contract.counterparties[0]! : random.pick(allEnterprises);
    const organizationUscc = contract?.governmentUscc ?? random.pick(out.contracts).governmentUscc;
    const earliest = contract?.dateSigned && contract.dateSigned > '2023-01-01' ? contract.dateSigned : '2023-01-01';
    const receivedAt = dateIn(random, earliest, addDays(asOf, -1));
    const dueDate = addDays(receivedAt, HANDLING_DAYS);
    const age = daysBetween(receivedAt, asOf);
    const status: DemoComplaintStatus = age > 90
      ? random.weighted([['RESOLVED', 0.7], ['REJECTED', 0.15], ['INVESTIGATING', 0.1], ['ACCEPTED', 0.05]])
      : random.weighted([['RECEIVED', 0.18], ['ACCEPTED', 0.2], ['INVESTIGATING', 0.25], ['RESOLVED', 0.27], ['REJECTED', 0.1]]);
    const closed = status === 'RESOLVED' || status === 'REJECTED';
    const closedAt = closed ? minDate(addDays(receivedAt, random.int(4, 36)), asOf) : null;
    const substantiated = status === 'RESOLVED' ? random.chance(0.65) : null;
    const resolution = status === 'RESOLVED'
      ? random.pick(substantiated ? RESOLUTIONS.substantiated : RESOLUTIONS.unfounded)
      : status === 'REJECTED' ? random.pick(RESOLUTIONS.rejected) : null;
    const complaint: DemoComplaint = {
      id: random.uuid(),
      category,
      complainantName: complainant.name,
      complainantUscc: complainant.uscc,
      contactName: random.chance(0.85) ? `${random.pick(SURNAMES)}${random.pick(GIVEN)}` : null,
      contactPhone: random.chance(0.8) ? `1${random.pick(['3', '5', '8'])}${random.digits(9)}` : null,
      organizationUscc,
      regionCode: organizationUscc.slice(2, 8),
      contractId: contract?.id ?? null,
      channel: random.weighted([['HOTLINE_12345', 0.45], ['WEBSITE', 0.2], ['EMAIL', 0.1], ['PETITION', 0.1], ['IN_PERSON', 0.1], ['OTHER', 0.05]]),
      receivedAt,
      dueDate,
      content: random.pick(COMPLAINT_TEXTS[category]),
      status,
      substantiated,
      resolution,
      closedAt,
    };
    out.complaints.push(complaint);
    addTrail(random, out, complaint);
  }
}

/** The handling trail a complaint's state implies, in order, each step on or before the next. */
function addTrail(random: Random, out: DemoContracts, complaint: DemoComplaint): void {
  const last = complaint.closedAt ?? CONTRACTS_AS_OF;
  const steps: Array<Omit<DemoComplaintAction, 'id' | 'complaintId' | 'seq'>> = [
    { kind: 'RECEIVE', date: complaint.receivedAt, by: complaint.channel === 'HOTLINE_12345' ? 'hotline-12345' : 'portal', note: null, authority: null },
  ];
  const on = (days: number) => minDate(addDays(complaint.receivedAt, days), last);
  const rejectedAtOnce = complaint.status === 'REJECTED' && random.chance(0.5);
  if (complaint.status !== 'RECEIVED' && !rejectedAtOnce) {
    steps.push({ kind: 'ACCEPT', date: on(1), by: 'auditor-demo', note: '已登记入台账', authority: null });
    const investigated = complaint.status === 'INVESTIGATING' || complaint.status === 'RESOLVED' || (complaint.status === 'REJECTED' && random.chance(0.5));
    if (investigated) {
      steps.push({ kind: 'INVESTIGATE', date: on(3), by: 'auditor-demo', note: '调取合同及付款凭证，听取双方意见', authority: null });
      if (random.chance(0.5)) steps.push({ kind: 'SUPERVISE', date: on(7), by: 'auditor-demo', note: '向被投诉单位发出督办单，限期说明情况', authority: null });
      if (complaint.category === 'OLD_DEBTS_IGNORED' && random.chance(0.4)) steps.push({ kind: 'INTERVIEW', date: on(12), by: 'auditor-demo', note: '约谈被投诉单位主要负责人', authority: null });
    }
  }
  if (complaint.status === 'RESOLVED') {
    steps.push({ kind: 'RESOLVE', date: complaint.closedAt!, by: 'auditor-demo', note: complaint.resolution, authority: null });
    if (complaint.substantiated && random.chance(0.3)) steps.push({ kind: 'NOTIFY', date: complaint.closedAt!, by: 'auditor-demo', note: '在全市范围内通报', authority: null });
    if (complaint.substantiated && complaint.category === 'OLD_DEBTS_IGNORED' && random.chance(0.3)) {
      steps.push({ kind: 'REFER', date: complaint.closedAt!, by: 'auditor-demo', note: '问题严重，移送有权机关处理', authority: '黑河市纪委监委' });
    }
  } else if (complaint.status === 'REJECTED') {
    steps.push({ kind: 'REJECT', date: complaint.closedAt!, by: 'auditor-demo', note: complaint.resolution, authority: null });
  }
  steps.forEach((step, i) => out.actions.push({ id: random.uuid(), complaintId: complaint.id, seq: i + 1, ...step }));
}

// ---------------------------------------------------------------------------
// OCDS
// ---------------------------------------------------------------------------

const OCDS_KIND: Record<DemoContractKind, string> = {
  GOVERNMENT_PROCUREMENT: 'governmentProcurement', TENDERING: 'tendering', PPP: 'ppp',
  INVESTMENT_ATTRACTION: 'investmentAttraction', GOVERNMENT_INVESTMENT: 'governmentInvestment', OTHER: 'other',
};
const OCDS_MILESTONE_STATUS: Record<DemoMilestoneStatus, string> = { SCHEDULED: 'scheduled', MET: 'met', NOT_MET: 'notMet', PARTIALLY_MET: 'partiallyMet' };
const OCDS_PPP_STAGE: Record<DemoPppStage, string> = { PREPARATION: 'preparation', PROCUREMENT: 'procurement', FINANCING: 'financing', IMPLEMENTATION: 'implementation' };

/** Yuan as a JSON number, as OCDS writes amounts: exact for every amount the ledger accepts. */
function yuan(fen: number): number {
  return Number(`${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
}

/**
 * The contracts as an OCDS 1.1 release package, one release per contract. Fields OCDS does
 * not have travel as extensions on the contract: kind, contractNumber, breaches, the PPP
 * stage and the responsible official's ID number, and transactions' milestoneId.
 */
export function toOcdsReleasePackage(demo: DemoContracts, publishedDate = `${CONTRACTS_AS_OF}T00:00:00+08:00`): Record<string, unknown> {
  const milestonesOf = groupByContract(demo.milestones);
  const paymentsOf = groupByContract(demo.payments);
  const breachesOf = groupByContract(demo.breaches);
  const amendmentsOf = groupByContract(demo.amendments);
  const responsibilitiesOf = groupByContract(demo.responsibilities);
  return {
    uri: 'https://credit.heihe.gov.cn/ocds/sample.json',
    version: '1.1',
    publishedDate,
    publisher: { name: '黑河市财政局', scheme: 'CN-USCI' },
    releases: demo.contracts.map((c) => {
      const buyerId = `CN-USCI-${c.governmentUscc}`;
      const responsible = (responsibilitiesOf.get(c.id) ?? []).find((r) => r.until === null);
      return {
        ocid: c.ocid,
        id: `${c.ocid}-contract-1`,
        date: `${c.dateSigned ?? c.periodStart}T00:00:00+08:00`,
        tag: ['contract'],
        initiationType: 'tender',
        parties: [
          { id: buyerId, name: c.governmentPartyName, identifier: { scheme: 'CN-USCI', id: c.governmentUscc }, roles: ['buyer'] },
          ...c.counterparties.map((p) => ({ id: `CN-USCI-${p.uscc}`, name: p.name, identifier: { scheme: 'CN-USCI', id: p.uscc }, roles: [p.role === 'PRIVATE_PARTY' ? 'privateParty' : 'supplier'] })),
        ],
        buyer: { id: buyerId, name: c.governmentPartyName },
        awards: [{ id: `${c.id}-award`, suppliers: c.counterparties.map((p) => ({ id: `CN-USCI-${p.uscc}`, name: p.name })) }],
        contracts: [{
          id: c.id,
          awardID: `${c.id}-award`,
          contractNumber: c.contractNumber,
          kind: OCDS_KIND[c.kind],
          title: c.title,
          status: c.status.toLowerCase(),
          ...(c.statusDetails ? { statusDetails: c.statusDetails } : {}),
          period: { startDate: `${c.periodStart}T00:00:00+08:00`, endDate: `${c.periodEnd}T00:00:00+08:00` },
          value: { amount: yuan(c.valueFen), currency: 'CNY' },
          ...(c.dateSigned ? { dateSigned: `${c.dateSigned}T00:00:00+08:00` } : {}),
          ...(amendmentsOf.get(c.id)?.length ? {
            amendments: amendmentsOf.get(c.id)!.map((a) => ({ id: a.localId, date: `${a.date}T00:00:00+08:00`, rationale: a.rationale, description: a.description, amendedBy: a.amendedBy })),
          } : {}),
          ...(c.kind === 'PPP' ? { ppp: { stage: c.pppStage ? OCDS_PPP_STAGE[c.pppStage] : undefined, responsibleOfficialIdNumber: responsible?.idNumber } } : {}),
          implementation: {
            milestones: (milestonesOf.get(c.id) ?? []).map((m) => ({
              id: m.localId, title: m.title, type: m.type.toLowerCase(), dueDate: `${m.dueDate}T00:00:00+08:00`, status: OCDS_MILESTONE_STATUS[m.status],
              ...(m.dateMet ? { dateMet: `${m.dateMet}T00:00:00+08:00` } : {}),
              ...(m.amountFen !== null ? { value: { amount: yuan(m.amountFen), currency: 'CNY' } } : {}),
            })),
            transactions: (paymentsOf.get(c.id) ?? []).map((p) => ({
              id: p.localId, date: `${p.date}T00:00:00+08:00`, value: { amount: yuan(p.amountFen), currency: 'CNY' },
              payer: { id: `CN-USCI-${p.payerUscc}`, name: p.payerName }, payee: { id: `CN-USCI-${p.payeeUscc}`, name: p.payeeName },
              ...(p.milestoneId ? { milestoneId: p.milestoneId.slice(c.id.length + 1) } : {}),
            })),
            ...(breachesOf.get(c.id)?.length ? {
              breaches: breachesOf.get(c.id)!.map((b) => ({
                id: b.localId, date: `${b.date}T00:00:00+08:00`, party: b.party.toLowerCase(), description: b.description, remedied: b.remedied,
                ...(b.remediedAt ? { remediedDate: `${b.remediedAt}T00:00:00+08:00` } : {}),
                ...(b.remedyNote ? { remedyNote: b.remedyNote } : {}),
              })),
            } : {}),
          },
        }],
      };
    }),
  };
}

function groupByContract<T extends { contractId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.contractId);
    if (group) group.push(row);
    else groups.set(row.contractId, [row]);
  }
  return groups;
}
