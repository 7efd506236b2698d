/**
 * Deterministic demo government dishonesty records (政务失信记录, seed 002 §四(二)2, seed 004
 * §四(三)) for a registry: in every county, administrative penalties on two county bureaus by
 * the county's market regulator and emergency management bureau, a disciplinary sanction by the
 * discipline commission and an accountability decision by the Party committee on officials of
 * the roster, and in every other county a court judgment against the county government; in the
 * city, an unpublished penalty, an expired one and another breach of trust found by the
 * business-environment bureau (the credit office); and in the first county one villagers'
 * committee whose every member was held accountable (a small unit all of whose officials have
 * a record). Rows are written as the deciding systems send them (import input), so the seeder
 * derives each record exactly as an import would.
 */
import { courtOf } from './court-debtors.js';
import { addDays, buildDemoRegistry, dateIn, mulberry32, pick, uuidFrom, weighted, type DemoOfficial, type DemoOrganization, type DemoRegistry } from './heihe.js';

/** One decision as its authority sends it: the import's input fields, all strings. */
export interface DemoDishonestyRow {
  kind: string;
  organizationUscc: string;
  organizationName: string;
  idNumber: string | null;
  officialName: string | null;
  authorityUscc: string;
  authorityName: string;
  documentNumber: string;
  decisionDate: string;
  facts: string;
  legalBasis: string;
  severity: string;
  sanctionTermMonths: string | null;
  publication: string | null;
  publishedAt: string | null;
}

export interface DemoDishonestyRecord {
  id: string;
  row: DemoDishonestyRow;
  /**
   * The body's report that it rectified (seed 004 §四(八) "书面说明原因并限期加以整改"), made through
   * reportDishonestyRectification after the import; absent where the body has not reported.
   */
  rectification?: { reportedOn: string; explanation: string };
}

export interface DemoDishonesty {
  records: DemoDishonestyRecord[];
}

export const DEMO_DISHONESTY_SEED = 16_2026;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The demo's records, in a fixed order; ids from `seed`. */
export function buildDemoDishonesty(registry: DemoRegistry = buildDemoRegistry(), seed = DEMO_DISHONESTY_SEED): DemoDishonesty {
  const rand = mulberry32(seed);
  const records: DemoDishonestyRecord[] = [];
  const byName = new Map(registry.organizations.map((o) => [o.name, o]));
  const officialsOf = new Map<string, DemoRegistry['officials']>();
  for (const official of registry.officials) {
    const list = officialsOf.get(official.organizationUscc) ?? [];
    list.push(official);
    officialsOf.set(official.organizationUscc, list);
  }
  const add = (row: Omit<DemoDishonestyRow, 'idNumber' | 'officialName' | 'publication' | 'publishedAt'> & Partial<DemoDishonestyRow>, rectification?: DemoDishonestyRecord['rectification']) => {
    records.push({ id: uuidFrom(rand), row: { idNumber: null, officialName: null, publication: 'PUBLISHED', publishedAt: null, ...row }, ...(rectification ? { rectification } : {}) });
  };
  const government = (regionCode: string) => registry.organizations.find((o) => o.regionCode === regionCode && o.kind === 'GOVERNMENT')!;
  const subject = (o: DemoOrganization) => ({ organizationUscc: o.uscc, organizationName: o.name });
  const authority = (o: DemoOrganization) => ({ authorityUscc: o.uscc, authorityName: o.name });
  /** An official of the unit (the n-th of its roster), as the decision names them. */
  const officialOf = (unit: DemoOrganization, n: number) => {
    const staff = officialsOf.get(unit.uscc) ?? [];
    const official = staff[n % Math.max(staff.length, 1)];
    return official ? { ...subject(unit), idNumber: official.idNumber, officialName: official.name } : null;
  };

  const counties = registry.regions.filter((r) => r.level === 'COUNTY');
  counties.forEach((county, index) => {
    const seat = government(county.code);
    const prefix = seat.name.replace(/人民政府$/, '');
    const abbr = county.name.slice(0, 1);
    const dept = (suffix: string) => byName.get(`${prefix}${suffix}`);
    const market = dept('市场监督管理局');
    const emergency = dept('应急管理局');
    const housing = dept('住房和城乡建设局');
    const transport = dept('交通运输局');
    const month = pad(3 + (index % 8));
    if (market && housing) {
      add({
        kind: 'ADMINISTRATIVE_PENALTY', ...subject(housing), ...authority(market),
        documentNumber: `${abbr}市监处〔2026〕${index + 11}号`, decisionDate: `2026-${month}-12`,
        facts: '在办理建筑工程施工许可过程中，违规向申请单位收取技术服务费共计32,000元。',
        legalBasis: '《中华人民共和国价格法》第三十九条；《价格违法行为行政处罚规定》第九条',
        severity: 'GENERAL', sanctionTermMonths: '12', publishedAt: `2026-${month}-19`,
      });
    }
    if (emergency && transport) {
      add({
        kind: 'ADMINISTRATIVE_PENALTY', ...subject(transport), ...authority(emergency),
        documentNumber: `${abbr}应急罚〔2026〕${index + 3}号`, decisionDate: `2026-${month}-20`,
        facts: '所属公路养护施工现场未按规定设置安全警示标志，经责令限期改正逾期未改正。',
        legalBasis: '《中华人民共和国安全生产法》第九十九条',
        severity: 'MINOR', sanctionTermMonths: '6',
      }, {
        // The transport bureaus put the signs up and reported within the 30 days the catalogue gives; the
        // housing bureaus, the county governments and 逊克县 have not reported (their rectification is overdue).
        reportedOn: `2026-${month}-28`,
        explanation: '已按规定在全部养护施工现场设置安全警示标志，并对现场负责人进行了安全生产教育。',
      });
    }
    if (index % 2 === 0) {
      const court = courtOf(registry, county.code);
      const courtBody = byName.get(court.name)!;
      add({
        kind: 'JUDGMENT', ...subject(seat), ...authority(courtBody),
        documentNumber: `(2025)${court.code}民初${300 + index}号`, decisionDate: `2026-${pad(2 + (index % 9))}-08`,
        facts: '招商引资协议约定的基础设施配套费用逾期未付，经催告仍未支付，判决支付拖欠款项及逾期利息。',
        legalBasis: '《中华人民共和国民法典》第五百零九条、第五百七十七条',
        severity: 'SERIOUS', sanctionTermMonths: '36',
      });
    }
    const discipline = byName.get(`中共${prefix}纪律检查委员会`);
    const resources = dept('自然资源局');
    const disciplined = resources && officialOf(resources, index + 1);
    if (discipline && disciplined) {
      add({
        kind: 'DISCIPLINARY_SANCTION', ...disciplined, ...authority(discipline),
        documentNumber: `${abbr}纪处〔2026〕${index + 2}号`, decisionDate: `2026-${pad(4 + (index % 7))}-15`,
        facts: '在履行招商引资协议中以机构调整为由拒不兑现前任作出的用地配套承诺（"新官不理旧账"），给予党内警告处分。',
        legalBasis: '《中国共产党纪律处分条例》第一百二十一条',
        severity: 'GENERAL', sanctionTermMonths: '12',
      });
    }
    const committee = byName.get(`中共${prefix}委员会`);
    const business = dept('营商环境建设监督局');
    const accountable = business && officialOf(business, index + 2);
    if (committee && accountable) {
      add({
        kind: 'ACCOUNTABILITY', ...accountable, ...authority(committee),
        documentNumber: `${abbr}委问〔2026〕${index + 1}号`, decisionDate: `2026-${pad(5 + (index % 6))}-21`,
        facts: '对企业关于政策兑现的投诉超过办理期限未予答复，造成不良影响，予以诫勉。',
        legalBasis: '《中国共产党问责条例》第七条、第八条',
        severity: 'MINOR', sanctionTermMonths: '6',
      });
    }
  });

  // The first county: one villagers' committee every member of which was held accountable by the township.
  const village = registry.organizations.find((o) => o.kind === 'VILLAGERS_COMMITTEE' && o.regionCode === counties[0]?.code && (officialsOf.get(o.uscc)?.length ?? 0) > 0);
  const township = village && registry.organizations.find((o) => o.uscc === village.parentUscc && o.kind === 'TOWNSHIP');
  if (village && township) {
    const code = township.name.replace(/人民政府$/, '').replace(government(township.regionCode).name.replace(/人民政府$/, ''), '');
    (officialsOf.get(village.uscc) ?? []).forEach((official, i) => {
      add({
        kind: 'ACCOUNTABILITY', ...subject(village), idNumber: official.idNumber, officialName: official.name, ...authority(township),
        documentNumber: `${code}问〔2026〕${i + 1}号`, decisionDate: '2026-09-18',
        facts: '村两委班子未按约定向承包经营企业返还土地流转保证金，经乡镇督办仍未履行，予以通报批评。',
        legalBasis: '《中国共产党问责条例》第七条',
        severity: 'MINOR', sanctionTermMonths: '6',
      });
    });
  }

  // The city: an unpublished penalty, an expired one, and a breach of trust the credit office found.
  const city = registry.regions.find((r) => r.level === 'CITY');
  if (city) {
    const prefix = government(city.code).name.replace(/人民政府$/, '');
    const dept = (suffix: string) => byName.get(`${prefix}${suffix}`);
    const ecology = dept('生态环境局');
    const enforcement = dept('城市管理综合执法局');
    if (ecology && enforcement) {
      add({
        kind: 'ADMINISTRATIVE_PENALTY', ...subject(enforcement), ...authority(ecology),
        documentNumber: `${prefix.slice(0, 2)}环罚〔2026〕7号`, decisionDate: '2026-10-09',
        facts: '所属垃圾转运站渗滤液未经处理直接排放。',
        legalBasis: '《中华人民共和国水污染防治法》第八十三条',
        severity: 'GENERAL', sanctionTermMonths: '12', publication: 'UNPUBLISHED',
      });
    }
    const market = dept('市场监督管理局');
    const health = dept('卫生健康委员会');
    if (market && health) {
      add({
        kind: 'ADMINISTRATIVE_PENALTY', ...subject(health), ...authority(market),
        documentNumber: `${prefix.slice(0, 2)}市监处〔2024〕5号`, decisionDate: '2024-05-10',
        facts: '在政府采购中指定品牌，排斥潜在供应商。',
        legalBasis: '《中华人民共和国政府采购法》第七十一条',
        severity: 'GENERAL', sanctionTermMonths: '12', publishedAt: '2024-05-17',
      });
    }
    const office = dept('营商环境建设监督局');
    const county = counties[1] ?? counties[0];
    if (office && county) {
      add({
        kind: 'OTHER_BREACH', ...subject(government(county.code)), ...authority(office),
        documentNumber: `${prefix.slice(0, 2)}营商督〔2026〕9号`, decisionDate: '2026-08-26',
        facts: '未兑现招商引资承诺的税费返还政策，经督办逾期仍未兑现。',
        legalBasis: '《黑龙江省优化营商环境条例》第六十九条；《黑龙江省营商环境监督办法》',
        severity: 'GENERAL', sanctionTermMonths: '24',
      });
    }
  }
  return { records };
}

export interface GeneratedDishonestyOptions {
  /**
   * The share of officials' records (disciplinary sanctions and accountability decisions naming an
   * official of the registry's roster in their unit), default 0.1; 0: bodies' records only, for a
   * subgraph that has no roster to ask.
   */
  officialShare?: number;
  seed?: number;
}

/** What each kind of generated decision says, and on what grounds. */
const GENERATED_GROUNDS: Record<string, { facts: (amount: string) => string; legalBasis: string; agency: string }> = {
  ADMINISTRATIVE_PENALTY: {
    facts: (amount) => `在办理行政审批过程中违规向申请单位收取服务费共计${amount}元，经责令改正逾期未改正。`,
    legalBasis: '《中华人民共和国价格法》第三十九条；《价格违法行为行政处罚规定》第九条',
    agency: '罚',
  },
  JUDGMENT: {
    facts: (amount) => `政府采购合同约定的价款${amount}元逾期未付，经催告仍未支付，判决支付拖欠款项及逾期利息。`,
    legalBasis: '《中华人民共和国民法典》第五百零九条、第五百七十七条',
    agency: '',
  },
  OTHER_BREACH: {
    facts: (amount) => `未兑现招商引资承诺的税费返还${amount}元，经督办逾期仍未兑现。`,
    legalBasis: '《黑龙江省优化营商环境条例》第六十九条',
    agency: '督',
  },
  ACCOUNTABILITY: {
    facts: (amount) => `对企业关于${amount}元政策资金兑现的投诉超过办理期限未予答复，造成不良影响。`,
    legalBasis: '《中国共产党问责条例》第七条、第八条',
    agency: '问',
  },
  DISCIPLINARY_SANCTION: {
    facts: (amount) => `以机构调整为由拒不兑现前任作出的${amount}元配套资金承诺（"新官不理旧账"）。`,
    legalBasis: '《中国共产党纪律处分条例》第一百二十一条',
    agency: '纪处',
  },
};

/**
 * `count` distinct decisions as the deciding systems send them (the import's input), for the import
 * benchmark and the crash test; deterministic for (count, registry, options). Each is valid under
 * the import's rules against `registry` (record.rows.ts, record.repository.ts): the authority a
 * registered body of a kind that decides its kind, under its registered name (judgments by the
 * courts, administrative penalties by government departments, other breaches by the
 * business-environment bureaus, accountability decisions by the Party committees, disciplinary
 * sanctions by the discipline commissions); the subject a registered body, or for `officialShare`
 * of the rows an official registered in the unit named; a GB/T 9704 document number (a case number
 * for a judgment) of the decision's year, unique per authority; a decision from 2016 to 2026-06-30;
 * no early pilot codes (they would be accepted with a warning each). About nine in ten bodies'
 * records; one in twenty unpublished.
 */
export function generateDishonestyRows(count: number, registry: DemoRegistry = buildDemoRegistry(), options: GeneratedDishonestyOptions = {}): DemoDishonestyRow[] {
  const rand = mulberry32(options.seed ?? 160_000);
  const officialShare = options.officialShare ?? 0.1;
  const pilot = new Set(registry.pilotCodes);
  const bodies = registry.organizations.filter((o) => !pilot.has(o.uscc));
  const byUscc = new Map(bodies.map((o) => [o.uscc, o]));
  const officials = registry.officials.filter((o) => byUscc.has(o.organizationUscc));
  const courts = bodies.filter((o) => o.kind === 'JUDICIAL_ORGAN' && o.name.endsWith('法院')).map((o) => ({ body: o, code: courtOf(registry, o.regionCode).code }));
  const authorities: Record<string, DemoOrganization[]> = {
    ADMINISTRATIVE_PENALTY: bodies.filter((o) => o.kind === 'GOVERNMENT_DEPARTMENT'),
    OTHER_BREACH: bodies.filter((o) => o.name.endsWith('营商环境建设监督局')),
    ACCOUNTABILITY: bodies.filter((o) => o.kind === 'PARTY_ORGAN' && /^中共.+[市县区]委员会$/.test(o.name)),
    DISCIPLINARY_SANCTION: bodies.filter((o) => o.kind === 'PARTY_ORGAN' && o.name.endsWith('纪律检查委员会')),
  };
  if (courts.length === 0 || Object.values(authorities).some((list) => list.length === 0) || (officialShare > 0 && officials.length === 0)) {
    throw new Error('the registry lacks the authorities (or officials) the generated decisions need');
  }
  // The next sequence number of each authority's documents of a year: document numbers never repeat.
  const sequences = new Map<string, number>();
  const next = (authority: string, year: string) => {
    const key = `${authority}|${year}`;
    const n = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, n);
    return n;
  };
  const rows: DemoDishonestyRow[] = [];
  for (let i = 0; i < count; i++) {
    const official: DemoOfficial | null = rand() < officialShare ? pick(rand, officials) : null;
    const kind = official
      ? pick(rand, ['DISCIPLINARY_SANCTION', 'ACCOUNTABILITY'])
      : weighted(rand, [['ADMINISTRATIVE_PENALTY', 60], ['JUDGMENT', 20], ['OTHER_BREACH', 12], ['ACCOUNTABILITY', 8]] as const);
    const decisionDate = dateIn(rand, '2016-01-01', '2026-06-30');
    const year = decisionDate.slice(0, 4);
    const court = kind === 'JUDGMENT' ? pick(rand, courts) : null;
    const authority = court?.body ?? pick(rand, authorities[kind]!);
    const sequence = next(authority.uscc, year);
    let subject = official ? byUscc.get(official.organizationUscc)! : pick(rand, bodies);
    // A body does not penalise itself; an official's own unit may sanction the official (a discipline
    // commission its own staff), and the official is registered in that unit alone.
    if (!official && subject.uscc === authority.uscc) subject = bodies[(bodies.indexOf(subject) + 1) % bodies.length]!;
    const grounds = GENERATED_GROUNDS[kind]!;
    const published = rand() < 0.95;
    rows.push({
      kind,
      organizationUscc: subject.uscc,
      organizationName: subject.name,
      idNumber: official?.idNumber ?? null,
      officialName: official?.name ?? null,
      authorityUscc: authority.uscc,
      authorityName: authority.name,
      documentNumber: court
        ? `(${year})${court.code}${pick(rand, ['民初', '行初', '民终'])}${sequence}号`
        : `${authority.name.replace(/[^\u4e00-\u9fff]/g, '').slice(0, 6)}${grounds.agency}〔${year}〕${sequence}号`,
      decisionDate,
      facts: grounds.facts((1_000 + Math.floor(rand() * 999_000)).toLocaleString('en-US')),
      legalBasis: grounds.legalBasis,
      severity: weighted(rand, [['MINOR', 3], ['GENERAL', 5], ['SERIOUS', 2]] as const),
      sanctionTermMonths: pick(rand, ['6', '12', '24', '36', null]),
      publication: published ? 'PUBLISHED' : 'UNPUBLISHED',
      publishedAt: published && rand() < 0.5 ? addDays(decisionDate, 7) : null,
    });
  }
  return rows;
}
