/**
 * Deterministic demo commitments for the Heihe demo registry: letters for 2025 and 2026
 * with coverage above target in some counties and below in others, items in every
 * fulfilment state, officials' commitments, and complaints in every state.
 */
import { buildDemoRegistry, mulberry32, type DemoOrganization, type DemoRegistry, uuidFrom } from './heihe.js';

export type DemoLetterStatus = 'DRAFT' | 'SIGNED' | 'PUBLISHED' | 'WITHDRAWN';
export type DemoCategory = 'KEY_TARGET' | 'POLICY_DELIVERY' | 'CONTRACT_PERFORMANCE' | 'GOVERNMENT_SERVICE' | 'DUTY_PERFORMANCE';
export type DemoFulfilment = 'NOT_DUE' | 'IN_PROGRESS' | 'FULFILLED' | 'PARTLY_FULFILLED' | 'UNFULFILLED' | 'CHANGED';
export type DemoChannel = 'HOTLINE_12345' | 'WEBSITE' | 'EMAIL' | 'PETITION' | 'OTHER';
export type DemoComplaintStatus = 'RECEIVED' | 'TRANSFERRED' | 'HANDLING' | 'RESOLVED' | 'REJECTED';

export interface DemoLetter {
  id: string;
  organizationUscc: string;
  regionCode: string;
  year: number;
  letterNumber: string;
  liability: string;
  issuer: string | null;
  signedAt: string | null;
  complaintPhone: string;
  complaintEmail: string;
  publicationChannels: string[];
  status: DemoLetterStatus;
  publishedAt: string | null;
  withdrawnReason: string | null;
  withdrawnLegalReason: string | null;
  withdrawnAt: string | null;
}

export interface DemoItem {
  id: string;
  letterId: string;
  number: number;
  category: DemoCategory;
  content: string;
  dueDate: string;
  fulfilment: DemoFulfilment;
  evidence: string | null;
  lastReviewedAt: string | null;
  changeReason: string | null;
  changeCompensation: string | null;
  changedAt: string | null;
}

export interface DemoOfficialCommitment {
  id: string;
  idNumber: string;
  type: string;
  date: string;
  acceptingUnitName: string;
  acceptingUnitUscc: string;
  reason: string;
  content: string;
  liability: string;
  fulfilmentStatus: string;
  commitmentStatus: string;
  remarks: string | null;
  letterNumber: string;
}

export interface DemoComplaint {
  id: string;
  organizationUscc: string;
  regionCode: string;
  letterId: string | null;
  channel: DemoChannel;
  receivedAt: string;
  content: string;
  complainantName: string | null;
  contact: string | null;
  transferredTo: string | null;
  status: DemoComplaintStatus;
  resolution: string | null;
  resolvedAt: string | null;
  dueDate: string;
  history: Array<{ status: DemoComplaintStatus; at: string; by: string; note: string | null }>;
}

export interface DemoCommitments {
  letters: DemoLetter[];
  items: DemoItem[];
  officialCommitments: DemoOfficialCommitment[];
  complaints: DemoComplaint[];
}

/** 2026 coverage per region (the share of eligible units with a signed or published letter). */
export const DEMO_COVERAGE_2026: Record<string, number> = {
  '231100': 0.93, // 黑河市本级
  '231102': 0.95, // 爱辉区
  '231123': 0.88, // 逊克县
  '231124': 0.7, // 孙吴县: below the 85 % target
  '231181': 0.9, // 北安市
  '231182': 0.78, // 五大连池市: below
  '231183': 0.86, // 嫩江市
};

const ITEM_TEXTS: Record<DemoCategory, string[]> = {
  KEY_TARGET: [
    '全面完成本级政府工作报告确定的年度重点目标任务，按季度向社会公开进展情况。',
    '按期完成年度重点项目建设任务，确保项目按计划开工、竣工。',
    '落实优化营商环境年度任务清单，逐项销号管理。',
  ],
  POLICY_DELIVERY: [
    '惠企政策应兑尽兑、及时兑现，兑现资金在申请受理后30个工作日内拨付到位。',
    '落实减税降费和援企稳岗政策，主动向市场主体推送政策信息。',
    '招商引资承诺的优惠政策依法依规兑现，不以任何理由拖延。',
  ],
  CONTRACT_PERFORMANCE: [
    '严格履行与市场主体依法签订的各类合同协议，不因换届、人员更替违约毁约，杜绝"新官不理旧账"。',
    '政府采购合同按约定时限支付款项，不拖欠企业账款。',
  ],
  GOVERNMENT_SERVICE: [
    '严格执行首问负责制、一次性告知制和限时办结制，杜绝"门难进、脸难看、事难办"。',
    '政务服务事项网上可办率达到100%，承诺时限压缩50%以上。',
    '认真办理群众来信来访，建立投诉举报台账，做到事事有回音、件件有着落。',
  ],
  DUTY_PERFORMANCE: [
    '公职人员依法履职、廉洁从政，严格落实中央八项规定精神。',
    '严格按照法定权限和程序行使权力，规范行政执法行为，执法人员持证上岗。',
  ],
};

const LIABILITY = '如违反上述承诺，自愿接受有关部门依法依规作出的处理，承担相应责任，并记入政务诚信档案。';
const CHANNELS = ['黑河市人民政府网站', '信用中国（黑龙江黑河）政务承诺专栏', '本单位微信公众号'];
const COMPLAINT_TEXTS = [
  '承诺的惠企补贴申请已受理三个月仍未兑现。',
  '办事窗口未执行一次性告知，多次往返仍未办结。',
  '承诺书公示的投诉电话无人接听。',
  '招商引资时承诺的配套设施至今未建设。',
  '政府采购合同款项逾期未支付。',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function dateIn(rand: () => number, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(rand() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function categoriesFor(org: DemoOrganization): DemoCategory[] {
  switch (org.kind) {
    case 'GOVERNMENT':
    case 'TOWNSHIP':
    case 'STREET_OFFICE':
      return ['KEY_TARGET', 'POLICY_DELIVERY', 'CONTRACT_PERFORMANCE', 'GOVERNMENT_SERVICE', 'DUTY_PERFORMANCE'];
    case 'GOVERNMENT_DEPARTMENT':
      return ['POLICY_DELIVERY', 'GOVERNMENT_SERVICE', 'CONTRACT_PERFORMANCE', 'DUTY_PERFORMANCE'];
    default:
      return ['GOVERNMENT_SERVICE', 'DUTY_PERFORMANCE', 'KEY_TARGET'];
  }
}

/** Demo "today" the fulfilment states were written against (data stays realistic near it). */
export const DEMO_AS_OF = '2026-11-22';

export interface DemoCommitmentOptions {
  /** Years before 2026 whose letters are all published and judged (default 2025 alone). */
  closedYears?: readonly number[];
  /** Items a letter holds, both inclusive (default 3–5). */
  itemsPerLetter?: readonly [number, number];
  /** How many complaints (default 400). */
  complaints?: number;
}

export function buildDemoCommitments(registry: DemoRegistry = buildDemoRegistry(), seed = 7_2026, options: DemoCommitmentOptions = {}): DemoCommitments {
  const rand = mulberry32(seed);
  const closedYears = options.closedYears ?? [2025];
  const [minItems, maxItems] = options.itemsPerLetter ?? [3, 5];
  const letters: DemoLetter[] = [];
  const items: DemoItem[] = [];
  const officialCommitments: DemoOfficialCommitment[] = [];
  const complaints: DemoComplaint[] = [];
  const staff = new Map<string, typeof registry.officials>();
  for (const official of registry.officials) {
    const list = staff.get(official.organizationUscc);
    if (list) list.push(official);
    else staff.set(official.organizationUscc, [official]);
  }
  const eligible = registry.organizations.filter((o) => !o.classified);
  let sequence = 0;

  const addLetter = (org: DemoOrganization, year: number, status: DemoLetterStatus): DemoLetter => {
    sequence++;
    const head = staff.get(org.uscc)?.[0];
    const signed = status !== 'DRAFT';
    const signedAt = signed ? dateIn(rand, `${year}-03-25`, `${year}-04-20`) : null;
    const letter: DemoLetter = {
      id: uuidFrom(rand),
      organizationUscc: org.uscc,
      regionCode: org.uscc.slice(2, 8),
      year,
      letterNumber: `HHZW-${year}-${org.regionCode}-${String(sequence).padStart(5, '0')}`,
      liability: LIABILITY,
      issuer: signed ? head?.name ?? null : null,
      signedAt,
      complaintPhone: `0456-${8200000 + Math.floor(rand() * 99999)}`,
      complaintEmail: `xyb${sequence}@heihe.gov.cn`,
      publicationChannels: status === 'PUBLISHED' || status === 'WITHDRAWN' ? CHANNELS.slice(0, 1 + Math.floor(rand() * 3)) : [],
      status,
      publishedAt: status === 'PUBLISHED' || status === 'WITHDRAWN' ? addDays(signedAt!, 1 + Math.floor(rand() * 20)) : null,
      withdrawnReason: status === 'WITHDRAWN' ? '机构改革职能划转，承诺由承接单位重新作出。' : null,
      // A published letter is withdrawn only on a lawful ground (seed 002 §二(三)); its items are
      // then lawfully changed (fulfilmentFor), so they no longer count against the unit.
      withdrawnLegalReason: status === 'WITHDRAWN' ? '机构改革（法定事由），职能划转至承接单位。' : null,
      withdrawnAt: status === 'WITHDRAWN' ? `${year}-06-30` : null,
    };
    letters.push(letter);
    const categories = categoriesFor(org);
    const count = minItems + Math.floor(rand() * (maxItems - minItems + 1));
    for (let number = 1; number <= count; number++) {
      const category = categories[(number - 1) % categories.length]!;
      const dueDate = year < 2026 ? dateIn(rand, `${year}-06-30`, `${year}-12-31`) : dateIn(rand, '2026-03-31', '2026-12-31');
      items.push({ id: uuidFrom(rand), letterId: letter.id, number, category, content: pick(rand, ITEM_TEXTS[category]), dueDate, ...fulfilmentFor(rand, letter, dueDate) });
    }
    return letter;
  };

  for (const org of eligible) {
    // Closed years: almost everyone committed and published.
    for (const year of closedYears) if (rand() < 0.9) addLetter(org, year, 'PUBLISHED');

    const rate = DEMO_COVERAGE_2026[org.regionCode] ?? 0.85;
    const roll = rand();
    if (roll < rate) {
      const letter = addLetter(org, 2026, rand() < 0.9 ? 'PUBLISHED' : 'SIGNED');
      if (letter.status === 'PUBLISHED') {
        for (const official of staff.get(org.uscc) ?? []) {
          if (rand() >= 0.4) continue;
          officialCommitments.push({
            id: uuidFrom(rand),
            idNumber: official.idNumber,
            type: '政务承诺型',
            date: dateIn(rand, '2026-04-21', '2026-04-30'),
            acceptingUnitName: org.name,
            acceptingUnitUscc: org.uscc,
            reason: '自愿做出承诺',
            content: '作为一名公职人员，我将严格遵守《党章》《公务员法》《监察法》，加强个人诚信建设，依法履职、廉洁从政，接受社会监督。',
            liability: '如违反承诺，自愿接受组织处理并记入个人诚信档案。',
            fulfilmentStatus: rand() < 0.8 ? '履行中' : '全部履行',
            commitmentStatus: '有效',
            remarks: null,
            letterNumber: letter.letterNumber,
          });
        }
      }
    } else if (roll < rate + (1 - rate) * 0.3) {
      addLetter(org, 2026, 'DRAFT');
    } else if (roll < rate + (1 - rate) * 0.4) {
      addLetter(org, 2026, 'WITHDRAWN');
    }
  }

  // Complaints: spread over 2025–2026, in every state.
  const published2026 = letters.filter((l) => l.year === 2026 && l.status === 'PUBLISHED');
  for (let n = 0; n < (options.complaints ?? 400); n++) {
    const letter = pick(rand, published2026);
    const receivedAt = dateIn(rand, '2025-01-05', '2026-11-20');
    const dueDate = addDays(receivedAt, 15);
    const age = (Date.parse(`${DEMO_AS_OF}T00:00:00Z`) - Date.parse(`${receivedAt}T00:00:00Z`)) / 86_400_000;
    const roll = rand();
    const status: DemoComplaintStatus =
      age > 60 ? (roll < 0.75 ? 'RESOLVED' : roll < 0.9 ? 'REJECTED' : 'HANDLING')
        : roll < 0.25 ? 'RECEIVED' : roll < 0.45 ? 'TRANSFERRED' : roll < 0.7 ? 'HANDLING' : roll < 0.9 ? 'RESOLVED' : 'REJECTED';
    const history: DemoComplaint['history'] = [{ status: 'RECEIVED', at: receivedAt, by: 'hotline-12345', note: null }];
    const transferredTo = status === 'RECEIVED' ? null : '被投诉单位主管部门';
    if (status !== 'RECEIVED') history.push({ status: 'TRANSFERRED', at: addDays(receivedAt, 1), by: 'auditor-demo', note: transferredTo });
    if (status === 'HANDLING' || status === 'RESOLVED' || status === 'REJECTED') history.push({ status: 'HANDLING', at: addDays(receivedAt, 2), by: 'auditor-demo', note: null });
    const settledAt = status === 'RESOLVED' || status === 'REJECTED' ? addDays(receivedAt, 3 + Math.floor(rand() * 20)) : null;
    const resolution = status === 'RESOLVED' ? '经核实，已督促责任单位兑现承诺并向投诉人反馈。' : status === 'REJECTED' ? '经核实，投诉事项不属于承诺范围，已告知投诉人。' : null;
    if (settledAt) history.push({ status, at: settledAt, by: 'auditor-demo', note: resolution });
    const person = pick(rand, registry.officials);
    complaints.push({
      id: uuidFrom(rand),
      organizationUscc: letter.organizationUscc,
      regionCode: letter.regionCode,
      letterId: letter.id,
      channel: pick(rand, ['HOTLINE_12345', 'HOTLINE_12345', 'WEBSITE', 'EMAIL', 'PETITION', 'OTHER'] as const),
      receivedAt,
      content: pick(rand, COMPLAINT_TEXTS),
      complainantName: rand() < 0.7 ? `${person.name.slice(0, 1)}${pick(rand, ['先生', '女士'])}` : null,
      contact: rand() < 0.8 ? `1${pick(rand, ['3', '5', '8'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}` : null,
      transferredTo,
      status,
      resolution,
      resolvedAt: settledAt,
      dueDate,
      history,
    });
  }
  return { letters, items, officialCommitments, complaints };
}

function fulfilmentFor(rand: () => number, letter: DemoLetter, dueDate: string): Pick<DemoItem, 'fulfilment' | 'evidence' | 'lastReviewedAt' | 'changeReason' | 'changeCompensation' | 'changedAt'> {
  const none = { evidence: null, lastReviewedAt: null, changeReason: null, changeCompensation: null, changedAt: null };
  if (letter.status === 'WITHDRAWN') {
    // Withdrawn after publication on a lawful ground: each item lawfully changed, taken over by the successor.
    return { fulfilment: 'CHANGED', ...none, changeReason: letter.withdrawnLegalReason, changeCompensation: '承诺事项由承接单位重新作出并继续履行。', changedAt: letter.withdrawnAt };
  }
  if (letter.status !== 'PUBLISHED') return { fulfilment: 'NOT_DUE', ...none };
  const reviewed = letter.year < 2026 ? `${letter.year}-12-31` : '2026-09-30';
  if (dueDate >= DEMO_AS_OF) return { fulfilment: rand() < 0.5 ? 'NOT_DUE' : 'IN_PROGRESS', ...none, lastReviewedAt: reviewed };
  const roll = rand();
  if (roll < 0.7) return { fulfilment: 'FULFILLED', ...none, evidence: '已按期完成，佐证材料已存档。', lastReviewedAt: reviewed };
  if (roll < 0.8) return { fulfilment: 'PARTLY_FULFILLED', ...none, evidence: '部分完成，剩余部分正在推进。', lastReviewedAt: reviewed };
  if (roll < 0.88) return { fulfilment: 'UNFULFILLED', ...none, lastReviewedAt: reviewed };
  if (roll < 0.95) return { fulfilment: 'IN_PROGRESS', ...none, lastReviewedAt: reviewed };
  return {
    fulfilment: 'CHANGED',
    evidence: null,
    lastReviewedAt: reviewed,
    changeReason: '因国家政策调整，依法变更承诺内容。',
    changeCompensation: '对受影响企业按原承诺标准给予补偿。',
    changedAt: addDays(dueDate, -10),
  };
}
