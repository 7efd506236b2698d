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
import { buildDemoRegistry, mulberry32, uuidFrom, type DemoOrganization, type DemoRegistry } from './heihe.js';

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
