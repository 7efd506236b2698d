/**
 * Deterministic demo court-debtor data for the Heihe demo registry: ~65 records of the
 * courts of 黑河市 and its counties in every state (on the list, under objection, exited for
 * each reason, repaired), debtors the registry does not know (bodies abolished in
 * reorganizations, still on the court list), an early pilot code, push measures that reach
 * every listed government body in some counties and not in others, and cases about to be
 * listed. Each record keeps the row as the court exports it (`row`), in the court's own
 * field names and notations (regDate 20190612, publishDate 2019年06月12日).
 */
import { orgCodeCheckCharacter, usccCheckCharacter } from '../../platform/validation/uscc.js';
import { addDays, buildDemoRegistry, dateIn, mulberry32, pick, type DemoOrganization, type DemoRegistry, uuidFrom } from './heihe.js';

/** The demo's "today": states below were written against it. */
export const DEMO_AS_OF = '2026-11-22';

export type DemoDebtorStatus = 'ACTIVE' | 'UNDER_OBJECTION' | 'EXITED' | 'REPAIRED';
export type DemoExitReason = 'PERFORMED' | 'SETTLED' | 'CREDITOR_APPLIED' | 'EXECUTION_TERMINATED' | 'TERM_EXPIRED' | 'REVOKED';
export type DemoPushKind = 'INTERVIEW' | 'LETTER' | 'NOTICE' | 'SUPERVISION' | 'ON_SITE';

/** A row of the court list in its own field names (the import's input). */
export interface DemoCourtRow {
  iname: string;
  cardNum: string;
  caseCode: string;
  courtName: string;
  areaName: string;
  gistId: string;
  gistUnit: string;
  duty: string;
  performance: string;
  performedPart: string;
  unperformPart: string;
  disruptTypeName: string;
  regDate: string;
  publishDate: string;
  businessEntity: string;
}

export interface DemoStatusEvent {
  status: DemoDebtorStatus;
  reason: DemoExitReason | null;
  at: string;
  by: string;
  note: string | null;
}

export interface DemoDebtorRecord {
  row: DemoCourtRow;
  /** The stored status (a TERM_EXPIRED record is stored ACTIVE and reads EXITED once its term ends). */
  status: DemoDebtorStatus;
  exitReason: DemoExitReason | null;
  exitedAt: string | null;
  repairedAt: string | null;
  history: DemoStatusEvent[];
  /** Corrections an upheld objection made to the stored record (the court row keeps the original). */
  corrected: { unperformPart: string } | null;
  /** Whether the registry knows the debtor. */
  registered: boolean;
}

export interface DemoPushAction {
  id: string;
  caseNumber: string;
  kind: DemoPushKind;
  unit: string;
  actedAt: string;
  note: string | null;
  feedback: string | null;
  feedbackAt: string | null;
}

export interface DemoObjection {
  id: string;
  caseNumber: string;
  filedByRole: 'ORGANIZATION' | 'AUDITOR';
  filerUscc: string | null;
  reason: string;
  filedAt: string;
  status: 'PENDING' | 'CORRECTED' | 'REMOVED' | 'REJECTED';
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface DemoRepair {
  id: string;
  caseNumber: string;
  measures: string;
  evidence: string | null;
  appliedAt: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface DemoPendingCase {
  caseCode: string;
  courtName: string;
  iname: string;
  cardNum: string;
  duty: string;
  execMoney: string;
  regDate: string;
  reportedAt: string;
  status: 'PENDING' | 'LISTED' | 'PERFORMED';
  closedAt: string | null;
}

export interface DemoCourtDebtors {
  records: DemoDebtorRecord[];
  pushActions: DemoPushAction[];
  objections: DemoObjection[];
  repairs: DemoRepair[];
  pendingCases: DemoPendingCase[];
}

export interface Court {
  name: string;
  /** 法院代字 since 2016. */
  code: string;
  /** The abbreviation of pre-2016 case numbers. */
  oldAbbreviation: string;
  /** Who pushes listed bodies there. */
  supervisor: string;
}

const COURTS: Record<string, Court> = {
  '231100': { name: '黑河市中级人民法院', code: '黑11', oldAbbreviation: '黑河中法', supervisor: '黑河市营商环境建设监督局' },
  '231102': { name: '黑河市爱辉区人民法院', code: '黑1102', oldAbbreviation: '爱', supervisor: '黑河市爱辉区营商环境建设监督局' },
  '231123': { name: '逊克县人民法院', code: '黑1123', oldAbbreviation: '逊', supervisor: '逊克县营商环境建设监督局' },
  '231124': { name: '孙吴县人民法院', code: '黑1124', oldAbbreviation: '孙', supervisor: '孙吴县营商环境建设监督局' },
  '231181': { name: '北安市人民法院', code: '黑1181', oldAbbreviation: '北', supervisor: '北安市营商环境建设监督局' },
  '231182': { name: '五大连池市人民法院', code: '黑1182', oldAbbreviation: '五', supervisor: '五大连池市营商环境建设监督局' },
  '231183': { name: '嫩江市人民法院', code: '黑1183', oldAbbreviation: '嫩', supervisor: '嫩江市营商环境建设监督局' },
};

type Scenario =
  | 'ACTIVE'
  | 'ACTIVE_PRE_2016'
  | 'ACTIVE_REJECTED_OBJECTION'
  | 'ACTIVE_CORRECTED'
  | 'ACTIVE_REPAIR_PENDING'
  | 'UNDER_OBJECTION'
  | 'PERFORMED'
  | 'SETTLED'
  | 'CREDITOR_APPLIED'
  | 'EXECUTION_TERMINATED'
  | 'TERM_EXPIRED'
  | 'REVOKED'
  | 'EXITED_REPAIR_REJECTED'
  | 'REPAIRED';

type Pool = 'organ' | 'institution' | 'mass' | 'committee' | 'soe' | 'pilot' | 'unmatched' | 'again';

/** Bodies the registry no longer knows: abolished or merged in the reorganizations, still on the court lists. */
const UNMATCHED: Record<string, { registrant: string; name: string }> = {
  '231100': { registrant: '12', name: '黑河市园林绿化服务中心' },
  '231123': { registrant: '54', name: '逊克县奇克镇新立村村民委员会' },
  '231124': { registrant: '11', name: '孙吴县粮食局' },
  '231182': { registrant: '12', name: '五大连池市农业机械化技术推广站' },
  '231183': { registrant: '11', name: '嫩江市畜牧兽医局' },
};

/**
 * What each court's list holds. 'again' is a second case against the body of the previous
 * entry; 'pilot' the registry's early pilot code in that county.
 */
const PLAN: Record<string, Array<[Scenario, Pool]>> = {
  '231100': [
    ['ACTIVE', 'organ'], ['ACTIVE', 'institution'], ['ACTIVE', 'mass'], ['ACTIVE', 'soe'], ['ACTIVE', 'unmatched'],
    ['SETTLED', 'organ'], ['TERM_EXPIRED', 'institution'], ['REPAIRED', 'organ'],
  ],
  '231102': [
    ['ACTIVE', 'organ'], ['ACTIVE', 'again'], ['ACTIVE', 'institution'], ['ACTIVE', 'committee'], ['ACTIVE', 'committee'],
    ['ACTIVE_REJECTED_OBJECTION', 'institution'], ['ACTIVE', 'soe'], ['PERFORMED', 'organ'], ['CREDITOR_APPLIED', 'committee'], ['REPAIRED', 'institution'],
  ],
  '231123': [
    ['ACTIVE', 'organ'], ['ACTIVE', 'institution'], ['ACTIVE', 'committee'], ['ACTIVE', 'unmatched'], ['UNDER_OBJECTION', 'organ'],
    ['EXECUTION_TERMINATED', 'institution'], ['REVOKED', 'committee'], ['EXITED_REPAIR_REJECTED', 'organ'],
  ],
  '231124': [
    ['ACTIVE', 'organ'], ['ACTIVE', 'again'], ['ACTIVE', 'institution'], ['ACTIVE', 'mass'], ['ACTIVE', 'committee'], ['ACTIVE', 'committee'],
    ['ACTIVE', 'unmatched'], ['ACTIVE_REPAIR_PENDING', 'institution'], ['PERFORMED', 'committee'], ['TERM_EXPIRED', 'organ'],
  ],
  '231181': [
    ['ACTIVE', 'organ'], ['ACTIVE', 'institution'], ['ACTIVE', 'committee'], ['ACTIVE_CORRECTED', 'organ'], ['ACTIVE', 'soe'],
    ['SETTLED', 'institution'], ['REPAIRED', 'committee'], ['PERFORMED', 'organ'],
  ],
  '231182': [
    ['ACTIVE', 'organ'], ['ACTIVE', 'institution'], ['ACTIVE', 'committee'], ['ACTIVE', 'pilot'], ['ACTIVE', 'mass'], ['ACTIVE', 'unmatched'],
    ['CREDITOR_APPLIED', 'organ'], ['EXECUTION_TERMINATED', 'committee'], ['TERM_EXPIRED', 'institution'],
  ],
  '231183': [
    ['ACTIVE', 'organ'], ['ACTIVE_PRE_2016', 'institution'], ['ACTIVE', 'committee'], ['ACTIVE', 'committee'], ['PERFORMED', 'unmatched'],
    ['SETTLED', 'committee'], ['REVOKED', 'organ'], ['REPAIRED', 'institution'], ['TERM_EXPIRED', 'soe'],
  ],
};

/** What the province's courts list: scenarios and pools drawn with these weights. */
const SCENARIO_WEIGHTS: ReadonlyArray<readonly [Scenario, number]> = [
  ['ACTIVE', 0.54], ['ACTIVE_PRE_2016', 0.01], ['ACTIVE_REJECTED_OBJECTION', 0.02], ['ACTIVE_CORRECTED', 0.02], ['ACTIVE_REPAIR_PENDING', 0.02],
  ['UNDER_OBJECTION', 0.02], ['PERFORMED', 0.08], ['SETTLED', 0.06], ['CREDITOR_APPLIED', 0.04], ['EXECUTION_TERMINATED', 0.04],
  ['TERM_EXPIRED', 0.06], ['REVOKED', 0.02], ['EXITED_REPAIR_REJECTED', 0.02], ['REPAIRED', 0.05],
];
const POOL_WEIGHTS: ReadonlyArray<readonly [Pool, number]> = [
  ['organ', 0.3], ['institution', 0.3], ['committee', 0.25], ['mass', 0.04], ['soe', 0.06], ['unmatched', 0.03], ['again', 0.02],
];

function weighted<T>(rand: () => number, entries: ReadonlyArray<readonly [T, number]>): T {
  let roll = rand();
  for (const [value, weight] of entries) {
    if (roll < weight) return value;
    roll -= weight;
  }
  return entries[entries.length - 1]![0];
}

/** A drawn plan for every court of the registry: `perOrganization` records per organization of its region. */
function drawnPlan(rand: () => number, registry: DemoRegistry, perOrganization: number): Record<string, Array<[Scenario, Pool]>> {
  const organizationsByRegion = new Map<string, number>();
  for (const o of registry.organizations) organizationsByRegion.set(o.regionCode, (organizationsByRegion.get(o.regionCode) ?? 0) + 1);
  const plan: Record<string, Array<[Scenario, Pool]>> = {};
  for (const [regionCode, organizations] of organizationsByRegion) {
    plan[regionCode] = Array.from({ length: Math.round(organizations * perOrganization) }, (_, i): [Scenario, Pool] => {
      const pool = weighted(rand, POOL_WEIGHTS);
      return [weighted(rand, SCENARIO_WEIGHTS), i === 0 && pool === 'again' ? 'organ' : pool];
    });
  }
  return plan;
}

/**
 * The court of a region outside the demo's table, named as the registry names it: a city's
 * 中级人民法院 (法院代字 黑 + the city's two digits) or a county's 人民法院 (黑 + four digits).
 */
export function courtOf(registry: DemoRegistry, regionCode: string): Court {
  const court = registry.organizations.find((o) => o.regionCode === regionCode && o.kind === 'JUDICIAL_ORGAN' && o.name.endsWith('法院'))!;
  const city = regionCode.endsWith('00');
  // 齐齐哈尔中法, 鸡西鸡冠: the city's name and the county's without their 市/区/县 keep the
  // pre-2016 abbreviations distinct across the province (two cities have a 向阳区).
  const short = (code: string) => registry.regions.find((r) => r.code === code)!.name.replace(/(市|地区|区|县)$/, '');
  const cityShort = short(`${regionCode.slice(0, 4)}00`);
  return {
    name: court.name,
    code: `黑${city ? regionCode.slice(2, 4) : regionCode.slice(2)}`,
    oldAbbreviation: city ? `${cityShort}中法` : `${cityShort}${short(regionCode)}`,
    supervisor: `${placeOf(court.name)}营商环境建设监督局`,
  };
}

/** 鸡西市鸡冠区人民法院 → 鸡西市鸡冠区 */
function placeOf(courtName: string): string {
  return courtName.replace(/(中级)?人民法院$/, '');
}

/**
 * Which listed government bodies, and separately which listed SOEs (in plan order), were pushed: every one in 爱辉区 and the
 * city, every other one in 孙吴县 and 五大连池市, all but the last elsewhere.
 */
function pushedByPolicy(regionCode: string, index: number, count: number): boolean {
  if (regionCode === '231100' || regionCode === '231102') return true;
  if (regionCode === '231124' || regionCode === '231182') return index % 2 === 0;
  return index < count - 1;
}

const POOL_KINDS: Record<Exclude<Pool, 'pilot' | 'unmatched' | 'again'>, readonly string[]> = {
  organ: ['GOVERNMENT_DEPARTMENT', 'TOWNSHIP', 'STREET_OFFICE'],
  institution: ['PUBLIC_INSTITUTION'],
  mass: ['MASS_ORGANIZATION'],
  committee: ['VILLAGERS_COMMITTEE', 'RESIDENTS_COMMITTEE'],
  soe: ['STATE_OWNED_ENTERPRISE'],
};

const OBLIGATIONS = [
  (amount: string) => `支付工程款${amount}元及逾期付款利息`,
  (amount: string) => `支付货款${amount}元`,
  (amount: string) => `返还借款${amount}元及利息`,
  (amount: string) => `支付拖欠的劳务报酬${amount}元`,
  (amount: string) => `支付土地租金${amount}元`,
  (amount: string) => `兑现招商引资奖励资金${amount}元`,
  (amount: string) => `支付政府采购合同价款${amount}元`,
];

const REFUSES = '有履行能力而拒不履行生效法律文书确定义务';
const PROPERTY_REPORTING = '违反财产报告制度';
const CONSUMPTION = '违反限制消费令';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '郑', '于', '马', '高', '林'];
const GIVEN = ['国庆', '立新', '振华', '海涛', '建军', '淑芬', '志强', '春雷', '玉梅', '晓东', '长林', '德福'];

/** 1234567.89 → "1,234,567.89" */
function yuan(fen: number): string {
  const whole = Math.floor(fen / 100).toLocaleString('en-US');
  return `${whole}.${String(fen % 100).padStart(2, '0')}`;
}

/** The court's notations: regDate 20190612, publishDate 2019年06月12日. */
function regDateOf(date: string): string {
  return date.replace(/-/g, '');
}
function publishDateOf(date: string): string {
  return `${date.slice(0, 4)}年${date.slice(5, 7)}月${date.slice(8, 10)}日`;
}

/** A valid USCC the registry does not hold. */
function unregisteredUscc(rand: () => number, registrant: string, regionCode: string, taken: ReadonlySet<string>): string {
  for (;;) {
    const body = Array.from({ length: 8 }, () => Math.floor(rand() * 10)).join('');
    const first17 = registrant + regionCode + body + orgCodeCheckCharacter(body);
    const uscc = first17 + usccCheckCharacter(first17);
    if (!taken.has(uscc)) return uscc;
  }
}

interface Debtor {
  uscc: string;
  name: string;
  representative: string;
  registered: boolean;
  governmentBody: boolean;
}

/** When each scenario's case was filed and listed, and which behaviours it has. */
function timing(rand: () => number, scenario: Scenario): { filed: string; published: string; behaviours: string } {
  const termed = pick(rand, [PROPERTY_REPORTING, CONSUMPTION, `${PROPERTY_REPORTING},${REFUSES}`]);
  switch (scenario) {
    case 'TERM_EXPIRED': {
      // Listed in 2021–2022 for a termed behaviour: the two years ran out in 2023–2024.
      const filed = dateIn(rand, '2021-01-10', '2022-06-30');
      return { filed, published: addDays(filed, 40 + Math.floor(rand() * 120)), behaviours: termed };
    }
    case 'ACTIVE_PRE_2016': {
      const filed = dateIn(rand, '2014-03-01', '2015-10-31');
      return { filed, published: addDays(filed, 60 + Math.floor(rand() * 60)), behaviours: REFUSES };
    }
    default: {
      // Listed since 2025 (and by the end of August 2026): a termed behaviour's two years are still running.
      const filed = dateIn(rand, '2025-01-05', '2026-04-30');
      return { filed, published: addDays(filed, 30 + Math.floor(rand() * 90)), behaviours: rand() < 0.5 ? REFUSES : termed };
    }
  }
}

export interface DemoCourtDebtorOptions {
  /**
   * Draw every court's list, this many records per organization of its region, instead of
   * the demo's hand-written plan for 黑河 (the province preset).
   */
  recordsPerOrganization?: number;
}

export function buildDemoCourtDebtors(registry: DemoRegistry = buildDemoRegistry(), seed = 4_2026, options: DemoCourtDebtorOptions = {}): DemoCourtDebtors {
  const rand = mulberry32(seed);
  const enterpriseRand = mulberry32(seed + 1);
  const stateOwned = new Set(registry.organizations.filter((o) => o.kind === 'STATE_OWNED_ENTERPRISE').map((o) => o.uscc));
  const drawn = options.recordsPerOrganization !== undefined;
  const plans = drawn ? drawnPlan(rand, registry, options.recordsPerOrganization!) : PLAN;
  const courts = new Map<string, Court>();
  const courtFor = (regionCode: string) => COURTS[regionCode] ?? courts.get(regionCode) ?? courts.set(regionCode, courtOf(registry, regionCode)).get(regionCode)!;
  const heads = new Map<string, string>();
  for (const official of registry.officials) if (!heads.has(official.organizationUscc)) heads.set(official.organizationUscc, official.name);
  const registered = new Set(registry.organizations.map((o) => o.uscc));
  const used = new Set<string>();
  const records: DemoDebtorRecord[] = [];
  const pushActions: DemoPushAction[] = [];
  const objections: DemoObjection[] = [];
  const repairs: DemoRepair[] = [];
  const sequences = new Map<string, number>();

  const caseNumberFor = (court: Court, year: number, preReform: boolean): string => {
    const key = `${court.code}|${year}`;
    const next = (sequences.get(key) ?? 100 + Math.floor(rand() * 400)) + 1 + Math.floor(rand() * 40);
    sequences.set(key, next);
    return preReform ? `(${year})${court.oldAbbreviation}执字第${String(next).padStart(5, '0')}号` : `(${year})${court.code}执${next}号`;
  };

  const debtorFrom = (org: DemoOrganization): Debtor => {
    used.add(org.uscc);
    return { uscc: org.uscc, name: org.name, representative: heads.get(org.uscc) ?? '王立新', registered: true, governmentBody: !org.uscc.startsWith('91') };
  };

  const pickDebtor = (regionCode: string, pool: Pool, previous: Debtor | null): Debtor => {
    if (pool === 'again') return previous!;
    if (pool === 'pilot') {
      const org = registry.organizations.find((o) => registry.pilotCodes.includes(o.uscc) && o.regionCode === regionCode)!;
      return debtorFrom(org);
    }
    if (pool === 'unmatched') {
      const { registrant, name } = UNMATCHED[regionCode] ?? { registrant: '11', name: `${placeOf(courtFor(regionCode).name)}粮食局` };
      const uscc = unregisteredUscc(rand, registrant, regionCode, registered);
      used.add(uscc);
      return { uscc, name, representative: `${pick(rand, SURNAMES)}${pick(rand, GIVEN)}`, registered: false, governmentBody: true };
    }
    // A drawn list may name a kind its region lacks (a city has no villages): then a department.
    const all = drawn && poolOf(regionCode, pool).length === 0 ? poolOf(regionCode, 'organ') : poolOf(regionCode, pool);
    const candidates = all.filter((o) => !used.has(o.uscc));
    // A drawn list may hold more cases than its region has bodies of a kind: then bodies have several.
    return debtorFrom(pick(rand, candidates.length > 0 || !drawn ? candidates : all));
  };
  const pools = new Map<string, DemoOrganization[]>();
  const poolOf = (regionCode: string, pool: keyof typeof POOL_KINDS): DemoOrganization[] => {
    const key = `${regionCode}|${pool}`;
    let list = pools.get(key);
    if (!list) {
      list = registry.organizations.filter(
        (o) => o.regionCode === regionCode && !o.classified && POOL_KINDS[pool].includes(o.kind) && !registry.pilotCodes.includes(o.uscc),
      );
      pools.set(key, list);
    }
    return list;
  };

  for (const [regionCode, plan] of Object.entries(plans)) {
    const court = courtFor(regionCode);
    let previous: Debtor | null = null;
    const listedGovernmentCases: Array<{ caseNumber: string; debtor: Debtor; published: string }> = [];
    const listedEnterpriseCases: typeof listedGovernmentCases = [];
    for (const [scenario, pool] of plan) {
      const debtor = pickDebtor(regionCode, pool, previous);
      previous = debtor;
      const { filed, published, behaviours } = timing(rand, scenario);
      const year = Number(filed.slice(0, 4));
      const caseNumber = caseNumberFor(court, year, scenario === 'ACTIVE_PRE_2016');
      const totalFen = 5_000_000 + Math.floor(rand() * 495_000_000);
      const obligation = pick(rand, OBLIGATIONS);
      const performance = scenario === 'PERFORMED' ? '全部履行' : scenario === 'SETTLED' || rand() < 0.4 ? '部分未履行' : '全部未履行';
      const paidFen = performance === '全部履行' ? totalFen : performance === '部分未履行' ? Math.floor(totalFen * (0.1 + rand() * 0.6)) : 0;
      const row: DemoCourtRow = {
        iname: debtor.name,
        cardNum: debtor.uscc,
        caseCode: caseNumber,
        courtName: court.name,
        areaName: '黑龙江',
        gistId: `(${year - 1})${court.code}民初${100 + Math.floor(rand() * 3000)}号`,
        gistUnit: court.name,
        duty: obligation(yuan(totalFen)),
        performance,
        performedPart: paidFen === 0 ? '0' : `已履行${yuan(paidFen)}元`,
        unperformPart: totalFen - paidFen === 0 ? '0' : `${yuan(totalFen - paidFen)}元`,
        disruptTypeName: behaviours,
        regDate: regDateOf(filed),
        publishDate: publishDateOf(published),
        businessEntity: debtor.representative,
      };
      const listed: DemoStatusEvent = { status: 'ACTIVE', reason: null, at: published, by: 'court-demo', note: '法院名单导入 (imported from the court list)' };
      const record: DemoDebtorRecord = { row, status: 'ACTIVE', exitReason: null, exitedAt: null, repairedAt: null, history: [listed], corrected: null, registered: debtor.registered };
      // A date after the listing, early enough that the decisions following it precede the demo's today.
      const later = (days: number) => {
        const date = addDays(published, days + Math.floor(rand() * 60));
        const latest = addDays(DEMO_AS_OF, -45);
        return date < latest ? date : latest;
      };
      const exit = (reason: DemoExitReason, at: string, note: string | null = null) => {
        record.status = 'EXITED';
        record.exitReason = reason;
        record.exitedAt = at;
        record.history.push({ status: 'EXITED', reason, at, by: 'court-demo', note });
      };
      const objection = (status: DemoObjection['status'], filedAt: string, decidedAt: string | null, note: string | null): void => {
        objections.push({
          id: uuidFrom(rand), caseNumber, filedByRole: 'ORGANIZATION', filerUscc: debtor.uscc, filedAt, status, decidedAt, decisionNote: note,
          reason: '该笔款项已于列入前部分支付，名单所载未履行金额有误。',
        });
        record.history.push({ status: 'UNDER_OBJECTION', reason: null, at: filedAt, by: 'org-demo', note: '异议审查期间暂停惩戒 (punishment suspended while the objection is examined)' });
      };
      const repair = (status: DemoRepair['status'], appliedAt: string, decidedAt: string | null, note: string | null): void => {
        repairs.push({
          id: uuidFrom(rand), caseNumber, appliedAt, status, decidedAt, decisionNote: note,
          measures: '已全额履行生效法律文书确定的义务，向申请执行人致歉并消除不良影响。', evidence: '履行凭证及申请执行人出具的情况说明。',
        });
      };

      switch (scenario) {
        case 'ACTIVE':
        case 'ACTIVE_PRE_2016':
        case 'TERM_EXPIRED':
          break;
        case 'UNDER_OBJECTION': {
          objection('PENDING', addDays(DEMO_AS_OF, -12), null, null);
          record.status = 'UNDER_OBJECTION';
          break;
        }
        case 'ACTIVE_REJECTED_OBJECTION': {
          const filedAt = later(20);
          objection('REJECTED', filedAt, addDays(filedAt, 15), '经核查，名单所载信息准确，异议不成立。');
          record.history.push({ status: 'ACTIVE', reason: null, at: addDays(filedAt, 15), by: 'court-demo', note: '经核查，名单所载信息准确，异议不成立。' });
          break;
        }
        case 'ACTIVE_CORRECTED': {
          const filedAt = later(20);
          const correctedFen = Math.floor((totalFen - paidFen) / 2);
          record.corrected = { unperformPart: `${yuan(correctedFen)}元` };
          objection('CORRECTED', filedAt, addDays(filedAt, 10), `经核查，已支付部分未计入，未履行金额更正为${yuan(correctedFen)}元。`);
          record.history.push({ status: 'ACTIVE', reason: null, at: addDays(filedAt, 10), by: 'court-demo', note: '异议成立，记录已更正。' });
          break;
        }
        case 'ACTIVE_REPAIR_PENDING':
          repair('PENDING', addDays(DEMO_AS_OF, -5), null, null);
          break;
        case 'PERFORMED':
          exit('PERFORMED', later(30), '法院名单显示全部履行 (the court list shows full performance)');
          break;
        case 'SETTLED':
        case 'CREDITOR_APPLIED':
        case 'EXECUTION_TERMINATED':
          exit(scenario, later(30));
          break;
        case 'REVOKED': {
          const filedAt = later(10);
          objection('REMOVED', filedAt, addDays(filedAt, 12), '经核查，被执行人已在立案前履行，纳入错误，予以删除。');
          exit('REVOKED', addDays(filedAt, 12), '经核查，被执行人已在立案前履行，纳入错误，予以删除。');
          break;
        }
        case 'EXITED_REPAIR_REJECTED': {
          const exitedAt = later(30);
          exit('SETTLED', exitedAt);
          repair('REJECTED', addDays(exitedAt, 20), addDays(exitedAt, 35), '和解协议尚未履行完毕，不符合修复条件。');
          break;
        }
        case 'REPAIRED': {
          const exitedAt = later(30);
          exit('PERFORMED', exitedAt);
          const appliedAt = addDays(exitedAt, 10);
          repair('APPROVED', appliedAt, addDays(appliedAt, 15), '已履行全部义务并消除不良影响，准予修复。');
          record.status = 'REPAIRED';
          record.repairedAt = addDays(appliedAt, 15);
          record.history.push({ status: 'REPAIRED', reason: null, at: record.repairedAt, by: 'court-demo', note: '已履行全部义务并消除不良影响，准予修复。' });
          break;
        }
      }
      records.push(record);
      const onList = record.status === 'ACTIVE' || record.status === 'UNDER_OBJECTION';
      if (onList && scenario !== 'TERM_EXPIRED' && debtor.governmentBody) listedGovernmentCases.push({ caseNumber, debtor, published });
      if (onList && scenario !== 'TERM_EXPIRED' && stateOwned.has(debtor.uscc)) listedEnterpriseCases.push({ caseNumber, debtor, published });
      // Exited bodies had been pushed before they performed; that no longer counts.
      if (record.status === 'EXITED' && rand() < 0.5) {
        pushActions.push(action(rand, caseNumber, 'INTERVIEW', court.supervisor, addDays(published, 15), '约谈单位主要负责人，督促履行。', record.exitedAt));
      }
    }
    // Push the listed government bodies according to the county's record, then its listed SOEs
    // the same way (seed 001 table row 2 names them too). The SOEs draw from a generator of their
    // own, so that every other row of the demo stays as it was before they were pushed.
    const pushBodies = (cases: typeof listedGovernmentCases, random: () => number) => {
      const bodies = [...new Set(cases.map((c) => c.debtor.uscc))];
      bodies.forEach((uscc, index) => {
        if (!pushedByPolicy(regionCode, index, bodies.length)) return;
        const first = cases.find((c) => c.debtor.uscc === uscc)!;
        const kinds: DemoPushKind[] = ['LETTER', 'INTERVIEW', 'NOTICE', 'SUPERVISION', 'ON_SITE'];
        const count = 1 + Math.floor(random() * 2);
        const sent = pushActions.length;
        for (let n = 0; n < count; n++) {
          const actedAt = addDays(first.published, 10 + n * 30 + Math.floor(random() * 10));
          if (actedAt >= DEMO_AS_OF) continue;
          const answered = random() < 0.6 ? addDays(actedAt, 7) : null;
          pushActions.push(action(random, first.caseNumber, kinds[(index + n) % kinds.length]!, court.supervisor, actedAt, null, answered && answered < DEMO_AS_OF ? answered : null));
        }
        // A case whose every measure fell after today still counts as pushed: one letter is always sent.
        if (!pushActions.slice(sent).some((a) => a.caseNumber === first.caseNumber)) {
          pushActions.push(action(random, first.caseNumber, 'LETTER', court.supervisor, addDays(DEMO_AS_OF, -2), null, null));
        }
      });
    };
    pushBodies(listedGovernmentCases, rand);
    pushBodies(listedEnterpriseCases, enterpriseRand);
  }

  const pendingCases = drawn ? drawnPendingCases(rand, registry, used, courtFor) : buildPendingCases(rand, registry, used, records, pushActions);
  return { records, pushActions, objections, repairs, pendingCases };
}

const PENDING_KINDS: ReadonlySet<string> = new Set(['GOVERNMENT_DEPARTMENT', 'PUBLIC_INSTITUTION', 'TOWNSHIP', 'STREET_OFFICE']);

/** One case about to be listed per court, against a body not on its list (the province preset). */
function drawnPendingCases(rand: () => number, registry: DemoRegistry, used: Set<string>, courtFor: (regionCode: string) => Court): DemoPendingCase[] {
  const regions = [...new Set(registry.organizations.map((o) => o.regionCode))];
  return regions.flatMap((regionCode, index) => {
    const org = registry.organizations.find((o) => o.regionCode === regionCode && !o.classified && PENDING_KINDS.has(o.kind) && !used.has(o.uscc));
    if (!org) return [];
    const court = courtFor(regionCode);
    const filed = dateIn(rand, '2026-07-01', '2026-10-15');
    const fen = 2_000_000 + Math.floor(rand() * 98_000_000);
    return [{
      // Above any number the drawn lists reach, so it never names a listed case.
      caseCode: `(2026)${court.code}执${90000 + index}号`, courtName: court.name, iname: org.name, cardNum: org.uscc, duty: pick(rand, OBLIGATIONS)(yuan(fen)),
      execMoney: yuan(fen), regDate: regDateOf(filed), reportedAt: addDays(filed, 20), status: 'PENDING' as const, closedAt: null,
    }];
  });
}

function action(rand: () => number, caseNumber: string, kind: DemoPushKind, unit: string, actedAt: string, note: string | null, feedbackAt: string | null): DemoPushAction {
  return {
    id: uuidFrom(rand),
    caseNumber,
    kind,
    unit,
    actedAt,
    note: note ?? { LETTER: '函告限期履行。', INTERVIEW: '约谈主要负责人。', NOTICE: '在全市范围内通报。', SUPERVISION: '列入专项督办。', ON_SITE: '现场督导履行方案落实。' }[kind],
    feedback: feedbackAt ? '已制定履行计划，正在筹措资金，计划分期履行。' : null,
    feedbackAt,
  };
}

/**
 * Execution cases against government bodies that are not listed (yet): six still pending
 * (two already warned by letter), one that was listed meanwhile, one performed in time.
 */
function buildPendingCases(rand: () => number, registry: DemoRegistry, used: Set<string>, records: DemoDebtorRecord[], pushActions: DemoPushAction[]): DemoPendingCase[] {
  const pending: DemoPendingCase[] = [];
  const regions = ['231100', '231102', '231123', '231124', '231181', '231183'];
  regions.forEach((regionCode, index) => {
    const court = COURTS[regionCode]!;
    const candidates = registry.organizations.filter((o) => o.regionCode === regionCode && !o.classified && (o.kind === 'GOVERNMENT_DEPARTMENT' || o.kind === 'PUBLIC_INSTITUTION') && !used.has(o.uscc));
    const org = pick(rand, candidates);
    used.add(org.uscc);
    const filed = dateIn(rand, '2026-07-01', '2026-10-15');
    const fen = 2_000_000 + Math.floor(rand() * 98_000_000);
    const caseCode = `(2026)${court.code}执${2000 + index * 37 + Math.floor(rand() * 30)}号`;
    pending.push({
      caseCode, courtName: court.name, iname: org.name, cardNum: org.uscc, duty: pick(rand, OBLIGATIONS)(yuan(fen)), execMoney: yuan(fen),
      regDate: regDateOf(filed), reportedAt: addDays(filed, 20), status: 'PENDING', closedAt: null,
    });
    if (index < 2) pushActions.push(action(rand, caseCode, 'LETTER', court.supervisor, addDays(filed, 25), '预警提示：即将纳入失信被执行人名单，请限期履行。', null));
  });
  // Listed meanwhile: the court's warning for a record now on the list.
  const listed = records.find((r) => r.status === 'ACTIVE' && r.row.caseCode.includes('黑1181'))!;
  pending.push({
    caseCode: listed.row.caseCode, courtName: listed.row.courtName, iname: listed.row.iname, cardNum: listed.row.cardNum, duty: listed.row.duty,
    execMoney: listed.row.unperformPart.replace(/元$/, ''), regDate: listed.row.regDate, reportedAt: addDays(`${listed.row.regDate.slice(0, 4)}-${listed.row.regDate.slice(4, 6)}-${listed.row.regDate.slice(6)}`, 10),
    status: 'LISTED', closedAt: `${listed.row.publishDate.slice(0, 4)}-${listed.row.publishDate.slice(5, 7)}-${listed.row.publishDate.slice(8, 10)}`,
  });
  // Performed before it could be listed.
  const org = registry.organizations.find((o) => o.regionCode === '231182' && o.kind === 'GOVERNMENT_DEPARTMENT' && !used.has(o.uscc))!;
  used.add(org.uscc);
  pending.push({
    caseCode: '(2026)黑1182执1577号', courtName: COURTS['231182']!.name, iname: org.name, cardNum: org.uscc, duty: '支付工程款386,500.00元', execMoney: '386,500.00',
    regDate: '20260605', reportedAt: '2026-06-25', status: 'PERFORMED', closedAt: '2026-08-02',
  });
  return pending;
}

const BULK_NAMES: Record<string, readonly string[]> = {
  '11': ['人民政府', '财政局', '农业农村局', '住房和城乡建设局', '交通运输局', '水务局'],
  '12': ['第一中学', '人民医院', '农业技术推广中心', '水利工程管理站', '林业工作站'],
  '13': ['总工会', '妇女联合会', '科学技术协会'],
  '54': ['新民村村民委员会', '东兴村村民委员会', '幸福社区居民委员会'],
  '91': ['城市建设投资有限公司', '供热有限公司', '水务集团有限公司'],
};

/**
 * `count` distinct, valid court rows in the court's notations (for the import benchmark and
 * crash tests): case numbers unique across the seven Heihe courts and the years 2016–2026,
 * debtors of every government type and SOEs, amounts in sentences. Deterministic per seed.
 */
export function generateCourtRows(count: number, seed = 100_000): DemoCourtRow[] {
  const rand = mulberry32(seed);
  const regions = Object.keys(COURTS);
  const registrants = Object.keys(BULK_NAMES);
  const rows: DemoCourtRow[] = [];
  for (let i = 0; i < count; i++) {
    const regionCode = regions[i % regions.length]!;
    const court = COURTS[regionCode]!;
    const year = 2016 + (Math.floor(i / regions.length) % 11);
    const sequence = Math.floor(i / (regions.length * 11)) + 1;
    const registrant = pick(rand, registrants);
    const body = Array.from({ length: 8 }, () => Math.floor(rand() * 10)).join('');
    const first17 = registrant + regionCode + body + orgCodeCheckCharacter(body);
    const filed = dateIn(rand, `${year}-01-01`, `${Math.min(year, 2026)}-${year === 2026 ? '06-30' : '12-31'}`);
    const published = addDays(filed, 20 + Math.floor(rand() * 100));
    const totalFen = 1_000_000 + Math.floor(rand() * 999_000_000);
    const paidFen = rand() < 0.3 ? Math.floor(totalFen * rand() * 0.8) : 0;
    rows.push({
      iname: `${court.name.replace(/人民法院$/, '').replace(/中级$/, '')}${pick(rand, BULK_NAMES[registrant]!)}`,
      cardNum: first17 + usccCheckCharacter(first17),
      caseCode: `(${year})${court.code}执${sequence}号`,
      courtName: court.name,
      areaName: '黑龙江',
      gistId: `(${year})${court.code}民初${1 + Math.floor(rand() * 9000)}号`,
      gistUnit: court.name,
      duty: pick(rand, OBLIGATIONS)(yuan(totalFen)),
      performance: paidFen > 0 ? '部分未履行' : '全部未履行',
      performedPart: paidFen > 0 ? `已履行${yuan(paidFen)}元` : '0',
      unperformPart: `${yuan(totalFen - paidFen)}元`,
      disruptTypeName: rand() < 0.6 ? REFUSES : `${PROPERTY_REPORTING},${REFUSES}`,
      regDate: regDateOf(filed),
      publishDate: publishDateOf(published),
      businessEntity: `${pick(rand, SURNAMES)}${pick(rand, GIVEN)}`,
    });
  }
  return rows;
}
