/**
 * Deterministic demo registry for 黑河市 (Heihe, Heilongjiang) and its six county-level
 * divisions: regions, ~1,900 organizations from the municipal Party committee down to
 * villagers' committees, and ~29,000 officials.
 *
 * Everything is drawn from one seeded PRNG in a fixed order, so the same seed always
 * gives the same registry. The data are invented: names of places are real or
 * plausible, USCCs and ID numbers are well-formed but belong to nobody.
 */
import {
  USCC_ALPHABET,
  orgCodeCheckCharacter,
  usccCheckCharacter,
} from '../../platform/validation/uscc.js';
import { idNumberCheckCharacter } from '../../platform/validation/id-number.js';

/**
 * 单位类别 and 行政层级 as the demo world writes them: the registry's OrganizationKind and
 * AdministrativeLevel values, as strings (the demo world imports no subgraph).
 */
export type DemoOrganizationKind =
  | 'PARTY_ORGAN' | 'PEOPLES_CONGRESS' | 'GOVERNMENT' | 'GOVERNMENT_DEPARTMENT' | 'CPPCC' | 'JUDICIAL_ORGAN' | 'MASS_ORGANIZATION'
  | 'PUBLIC_INSTITUTION' | 'TOWNSHIP' | 'STREET_OFFICE' | 'RESIDENTS_COMMITTEE' | 'VILLAGERS_COMMITTEE' | 'STATE_OWNED_ENTERPRISE';
export type DemoAdministrativeLevel = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';

export interface DemoRegion {
  code: string;
  name: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY';
  parentCode: string | null;
}

export interface DemoOrganization {
  uscc: string;
  name: string;
  kind: DemoOrganizationKind;
  level: DemoAdministrativeLevel;
  /** GB/T 2260 county (or city / province) code where it sits. */
  regionCode: string;
  /** Superior body (a department's government, a villagers' committee's township …). */
  parentUscc: string | null;
  /** 涉密单位: excluded from commitment coverage. */
  classified: boolean;
}

export interface DemoOfficial {
  /** GB 11643-1999 valid, 18 characters. */
  idNumber: string;
  /** Chinese full name, 2–4 characters. */
  name: string;
  /** Mainland mobile number, 11 digits. */
  phone: string;
  organizationUscc: string;
  position: string;
}

export interface DemoRegistry {
  regions: DemoRegion[];
  organizations: DemoOrganization[];
  officials: DemoOfficial[];
  /** USCCs in `organizations` that deliberately fail the check digit (early pilot codes). */
  pilotCodes: string[];
}

export interface DemoRegistryOptions {
  seed?: number;
  /** How dense the grassroots are (the province preset draws more villages per township). */
  density?: GrassrootsDensity;
  /**
   * Roughly the mean number of officials per organization. Staff sizes are drawn per
   * kind (a department 20–60, a village 3–8) and scaled by this value over the
   * default, so the default gives the natural sizes (≥ 20,000 officials in total).
   */
  officialsPerOrganization?: number;
}

export const DEFAULT_SEED = 20261122;
export const DEFAULT_OFFICIALS_PER_ORGANIZATION = 15;
const PILOT_CODE_COUNT = 5;

// ---------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One of the entries, drawn with its weight's share of the total (weights need not add up to
 * 1): one draw of `rand`.
 */
export function weighted<T>(rand: () => number, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = rand() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

/** One of the list's items, with one draw of `rand`. */
export function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** A day from `from` to `to` (YYYY-MM-DD, both included), with one draw of `rand`. */
export function dateIn(rand: () => number, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(rand() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

/** The day `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const HEX_DIGITS = '0123456789abcdef';

/**
 * A version-4-shaped UUID from 32 draws (two of them overwritten by the version and variant
 * digits), as the demo generators have always made them; a loop rather than Array.from,
 * since the province draws millions.
 */
export function uuidFrom(rand: () => number): string {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += HEX_DIGITS[Math.floor(rand() * 16)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Biased towards the front of the list: common surnames come first. */
  pickFrequent<T>(items: readonly T[]): T {
    return items[Math.floor(items.length * this.next() ** 1.8)]!;
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
}

// ---------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------

const PROVINCE_CODE = '230000';
const PROVINCE_NAME = '黑龙江省';

export interface CountyDivision {
  code: string;
  name: string;
  /** What its organizations' names start with: 爱辉区 is named with its city. */
  orgPrefix: string;
  /** Title of the head of government: 区长, 县长 or 市长. */
  headTitle: string;
  streets: readonly string[];
  towns: readonly string[];
}

/** A prefecture-level city (or 地区) and its county-level divisions: what one registry build covers. */
export interface CityDivision {
  code: string;
  /** 黑河市, 大兴安岭地区: also how the city's own bodies' names start. */
  name: string;
  counties: readonly CountyDivision[];
  /**
   * ID-number region prefixes of staff registered outside their own county. The province
   * keeps these inside the city, so no two cities can draw the same ID number.
   */
  birthplaces: readonly string[];
}

/** How many committees hang under each street office and township, and numbered schools per county. */
export interface GrassrootsDensity {
  communitiesPerStreet: readonly [number, number];
  villagesPerTownship: readonly [number, number];
  /** 第N小学, 第N中学, 第N幼儿园 under each county's education bureau (none in the demo). */
  numberedSchoolsPerCounty: number;
}

export const DEMO_DENSITY: GrassrootsDensity = {
  communitiesPerStreet: [6, 12],
  villagesPerTownship: [12, 22],
  numberedSchoolsPerCounty: 0,
};

const HEIHE_COUNTIES: readonly CountyDivision[] = [
  {
    code: '231102',
    name: '爱辉区',
    orgPrefix: '黑河市爱辉区',
    headTitle: '区长',
    streets: ['海兰街道', '兴安街道', '花园街道', '西兴街道'],
    towns: [
      '西岗子镇', '瑷珲镇', '罕达汽镇', '二站镇', '幸福乡', '上马厂乡', '张地营子乡',
      '四嘉子满族乡', '坤河达斡尔族满族乡', '西峰山乡', '新生鄂伦春族乡',
    ],
  },
  {
    code: '231123',
    name: '逊克县',
    orgPrefix: '逊克县',
    headTitle: '县长',
    streets: [],
    towns: [
      '奇克镇', '逊河镇', '干岔子乡', '松树沟乡', '车陆乡', '宝山乡', '克林乡',
      '新兴鄂伦春族乡', '新鄂鄂伦春族乡',
    ],
  },
  {
    code: '231124',
    name: '孙吴县',
    orgPrefix: '孙吴县',
    headTitle: '县长',
    streets: [],
    towns: [
      '孙吴镇', '辰清镇', '西兴乡', '沿江满族达斡尔族乡', '腰屯乡', '卧牛河乡', '群山乡',
      '奋斗乡', '红旗乡', '正阳山乡', '清溪乡',
    ],
  },
  {
    code: '231181',
    name: '北安市',
    orgPrefix: '北安市',
    headTitle: '市长',
    streets: ['兆麟街道', '和平街道', '北岗街道', '庆华街道', '铁西街道', '铁南街道'],
    towns: ['通北镇', '赵光镇', '海星镇', '石泉镇', '二井镇', '城郊乡', '东胜乡', '杨家乡', '主星朝鲜族乡'],
  },
  {
    code: '231182',
    name: '五大连池市',
    orgPrefix: '五大连池市',
    headTitle: '市长',
    streets: ['青山街道', '城南街道'],
    towns: [
      '龙镇', '和平镇', '五大连池镇', '双泉镇', '新发镇', '团结镇', '兴隆镇', '朝阳乡',
      '兴安乡', '建设乡', '太平乡',
    ],
  },
  {
    code: '231183',
    name: '嫩江市',
    orgPrefix: '嫩江市',
    headTitle: '市长',
    streets: ['墨尔根街道', '城北街道'],
    towns: [
      '伊拉哈镇', '双山镇', '多宝山镇', '海江镇', '前进镇', '长福镇', '科洛镇', '霍龙门镇',
      '临江乡', '联兴乡', '白云乡', '塔溪乡',
    ],
  },
];

/** Where people working in Heihe were born and registered, besides their own county. */
const HEILONGJIANG_ID_PREFIXES = [
  '231102', '231123', '231124', '231181', '231182', '231183', '230102', '230103', '230104',
  '230202', '230203', '230602', '230804', '231202',
];

/** The demo city: 黑河市 with its six real county-level divisions and their real towns. */
export const HEIHE: CityDivision = {
  code: '231100',
  name: '黑河市',
  counties: HEIHE_COUNTIES,
  birthplaces: HEILONGJIANG_ID_PREFIXES,
};

export const PROVINCE_REGION: DemoRegion = { code: PROVINCE_CODE, name: PROVINCE_NAME, level: 'PROVINCE', parentCode: null };

/** The city and its counties (without the province). */
export function cityRegions(city: CityDivision): DemoRegion[] {
  return [
    { code: city.code, name: city.name, level: 'CITY', parentCode: PROVINCE_CODE },
    ...city.counties.map((county): DemoRegion => ({
      code: county.code,
      name: county.name,
      level: 'COUNTY',
      parentCode: city.code,
    })),
  ];
}

// ---------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------

/** 登记管理部门码 + 机构类别码 by kind (GB 32100-2015). */
const REGISTRANT_BY_KIND: Record<DemoOrganizationKind, string> = {
  PARTY_ORGAN: '11',
  PEOPLES_CONGRESS: '11',
  GOVERNMENT: '11',
  GOVERNMENT_DEPARTMENT: '11',
  CPPCC: '11',
  JUDICIAL_ORGAN: '11',
  TOWNSHIP: '11',
  STREET_OFFICE: '11',
  PUBLIC_INSTITUTION: '12',
  MASS_ORGANIZATION: '13',
  RESIDENTS_COMMITTEE: '54',
  VILLAGERS_COMMITTEE: '54',
  STATE_OWNED_ENTERPRISE: '91',
};

type OrganizationDraft = Omit<DemoOrganization, 'uscc' | 'classified'> & { classified?: boolean };

/** Collects organizations and hands out unique, valid USCCs. */
class OrganizationLedger {
  readonly organizations: DemoOrganization[] = [];
  private readonly usedOrgCodeBodies = new Set<string>();

  constructor(private readonly random: Random) {}

  /** Adds the organization and returns its USCC. */
  add(draft: OrganizationDraft): string {
    const registrant = REGISTRANT_BY_KIND[draft.kind];
    const orgCode = this.newOrgCode(registrant);
    const first17 = registrant + draft.regionCode + orgCode;
    const uscc = first17 + usccCheckCharacter(first17);
    this.organizations.push({ ...draft, uscc, classified: draft.classified ?? false });
    return uscc;
  }

  /**
   * A 9-character GB 11714 organization code. Committees got theirs when USCCs were
   * introduced, so theirs start with "M" like newly assigned codes; the others carry
   * an old all-digit code.
   */
  private newOrgCode(registrant: string): string {
    for (;;) {
      const body = registrant === '54' ? 'M' + this.alphabetChars(7) : this.random.digits(8);
      if (this.usedOrgCodeBodies.has(body)) continue;
      this.usedOrgCodeBodies.add(body);
      return body + orgCodeCheckCharacter(body);
    }
  }

  private alphabetChars(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += this.random.pick(USCC_ALPHABET.split(''));
    return out;
  }
}

/** Where an organization sits: its tier, its region, how its names begin. */
interface Jurisdiction {
  level: DemoAdministrativeLevel;
  regionCode: string;
  /** 黑河市, 逊克县, 黑河市爱辉区 … */
  orgPrefix: string;
}

/** The bodies of one city or county that lower bodies hang from. */
interface JurisdictionBodies {
  partyCommittee: string;
  government: string;
  /** Government departments by their name suffix (财政局 → USCC). */
  departments: Map<string, string>;
}

const CITY_PARTY_DEPARTMENTS = [
  '委办公室', '纪律检查委员会', '委组织部', '委宣传部', '委统一战线工作部', '委政法委员会',
  '委政策研究室', '委机构编制委员会办公室', '委网络安全和信息化委员会办公室', '委老干部局',
  '委巡察工作领导小组办公室', '委直属机关工作委员会', '委社会工作部',
];
const COUNTY_PARTY_DEPARTMENTS = [
  '委办公室', '纪律检查委员会', '委组织部', '委宣传部', '委统一战线工作部', '委政法委员会',
  '委机构编制委员会办公室', '委巡察工作领导小组办公室',
];

const CITY_GOVERNMENT_DEPARTMENTS = [
  '人民政府办公室', '发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局',
  '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局', '生态环境局',
  '住房和城乡建设局', '交通运输局', '水务局', '农业农村局', '商务局', '文化广电和旅游局',
  '卫生健康委员会', '退役军人事务局', '应急管理局', '审计局', '国有资产监督管理委员会',
  '市场监督管理局', '体育局', '统计局', '林业和草原局', '医疗保障局', '营商环境建设监督局',
  '信访局', '机关事务管理局', '城市管理综合执法局', '外事办公室', '人民防空办公室',
];
const COUNTY_GOVERNMENT_DEPARTMENTS = [
  '人民政府办公室', '发展和改革局', '教育局', '工业信息科技局', '公安局', '民政局', '司法局',
  '财政局', '人力资源和社会保障局', '自然资源局', '住房和城乡建设局', '交通运输局', '水务局',
  '农业农村局', '商务局', '文化广电和旅游局', '卫生健康局', '退役军人事务局', '应急管理局',
  '审计局', '市场监督管理局', '统计局', '林业和草原局', '医疗保障局', '营商环境建设监督局',
  '信访局',
];

const CITY_MASS_ORGANIZATIONS = [
  '总工会', '妇女联合会', '科学技术协会', '残疾人联合会', '工商业联合会',
  '文学艺术界联合会', '红十字会',
];
const COUNTY_MASS_ORGANIZATIONS = ['总工会', '妇女联合会', '科学技术协会', '残疾人联合会'];

/** A public institution and the department (name suffix) it reports to. */
interface InstitutionTemplate {
  name: string;
  department: string;
}

const CITY_INSTITUTIONS: readonly InstitutionTemplate[] = [
  { name: '第一中学', department: '教育局' },
  { name: '第二中学', department: '教育局' },
  { name: '第三中学', department: '教育局' },
  { name: '实验小学', department: '教育局' },
  { name: '职业技术学校', department: '教育局' },
  { name: '第一人民医院', department: '卫生健康委员会' },
  { name: '第二人民医院', department: '卫生健康委员会' },
  { name: '中医医院', department: '卫生健康委员会' },
  { name: '妇幼保健院', department: '卫生健康委员会' },
  { name: '疾病预防控制中心', department: '卫生健康委员会' },
  { name: '政务服务中心', department: '营商环境建设监督局' },
  { name: '公共资源交易中心', department: '营商环境建设监督局' },
  { name: '不动产登记中心', department: '自然资源局' },
  { name: '社会保险事业中心', department: '人力资源和社会保障局' },
  { name: '住房公积金管理中心', department: '住房和城乡建设局' },
  { name: '档案馆', department: '人民政府办公室' },
  { name: '图书馆', department: '文化广电和旅游局' },
  { name: '博物馆', department: '文化广电和旅游局' },
  { name: '广播电视台', department: '文化广电和旅游局' },
  { name: '农业技术推广中心', department: '农业农村局' },
  { name: '水文水资源中心', department: '水务局' },
];
const COUNTY_INSTITUTIONS: readonly InstitutionTemplate[] = [
  { name: '第一中学', department: '教育局' },
  { name: '实验小学', department: '教育局' },
  { name: '人民医院', department: '卫生健康局' },
  { name: '中医医院', department: '卫生健康局' },
  { name: '疾病预防控制中心', department: '卫生健康局' },
  { name: '政务服务中心', department: '营商环境建设监督局' },
  { name: '融媒体中心', department: '人民政府办公室' },
  { name: '档案馆', department: '人民政府办公室' },
  { name: '图书馆', department: '文化广电和旅游局' },
  { name: '社会保险事业中心', department: '人力资源和社会保障局' },
  { name: '农业技术推广中心', department: '农业农村局' },
];

const CITY_ENTERPRISES = [
  '城市建设投资集团有限公司', '国有资本投资运营有限公司', '水务集团有限公司',
  '公共交通有限公司', '热力有限公司', '农业发展投资有限公司', '口岸建设投资有限公司',
];
const COUNTY_ENTERPRISES = ['城市建设投资有限公司', '国有资产经营有限公司', '供热有限公司'];

/** The Party committee, its departments and the classified bodies it runs. */
function addPartyOrgans(
  ledger: OrganizationLedger,
  where: Jurisdiction,
  departments: readonly string[],
  classifiedBodies: readonly string[],
): string {
  const base = { kind: 'PARTY_ORGAN' as const, level: where.level, regionCode: where.regionCode };
  const committee = ledger.add({ ...base, name: `中共${where.orgPrefix}委员会`, parentUscc: null });
  for (const department of departments) {
    ledger.add({ ...base, name: `中共${where.orgPrefix}${department}`, parentUscc: committee });
  }
  for (const body of classifiedBodies) {
    ledger.add({ ...base, name: body, parentUscc: committee, classified: true });
  }
  return committee;
}

function addGovernment(
  ledger: OrganizationLedger,
  where: Jurisdiction,
  superiorGovernment: string | null,
  departmentNames: readonly string[],
): { government: string; departments: Map<string, string> } {
  const government = ledger.add({
    name: `${where.orgPrefix}人民政府`,
    kind: 'GOVERNMENT',
    level: where.level,
    regionCode: where.regionCode,
    parentUscc: superiorGovernment,
  });
  const departments = new Map<string, string>();
  for (const suffix of departmentNames) {
    const uscc = ledger.add({
      name: `${where.orgPrefix}${suffix}`,
      kind: 'GOVERNMENT_DEPARTMENT',
      level: where.level,
      regionCode: where.regionCode,
      parentUscc: government,
    });
    departments.set(suffix, uscc);
  }
  return { government, departments };
}

/** 人大常委会, 政协, 法院, 检察院: one of each per tier, none answering to the government. */
function addCongressCppccAndJudiciary(
  ledger: OrganizationLedger,
  where: Jurisdiction,
  courtName: string,
): void {
  const base = { level: where.level, regionCode: where.regionCode, parentUscc: null };
  ledger.add({ ...base, name: `${where.orgPrefix}人民代表大会常务委员会`, kind: 'PEOPLES_CONGRESS' });
  ledger.add({ ...base, name: `政协${where.orgPrefix}委员会`, kind: 'CPPCC' });
  ledger.add({ ...base, name: courtName, kind: 'JUDICIAL_ORGAN' });
  ledger.add({ ...base, name: `${where.orgPrefix}人民检察院`, kind: 'JUDICIAL_ORGAN' });
}

function addMassOrganizations(
  ledger: OrganizationLedger,
  where: Jurisdiction,
  names: readonly string[],
  partyCommittee: string,
): void {
  const base = {
    kind: 'MASS_ORGANIZATION' as const,
    level: where.level,
    regionCode: where.regionCode,
    parentUscc: partyCommittee,
  };
  ledger.add({ ...base, name: `共青团${where.orgPrefix}委员会` });
  for (const name of names) ledger.add({ ...base, name: `${where.orgPrefix}${name}` });
}

function addInstitutions(
  ledger: OrganizationLedger,
  where: Jurisdiction,
  bodies: JurisdictionBodies,
  templates: readonly InstitutionTemplate[],
): void {
  ledger.add({
    name: `中共${where.orgPrefix}委党校`,
    kind: 'PUBLIC_INSTITUTION',
    level: where.level,
    regionCode: where.regionCode,
    parentUscc: bodies.partyCommittee,
  });
  for (const template of templates) {
    ledger.add({
      name: `${where.orgPrefix}${template.name}`,
      kind: 'PUBLIC_INSTITUTION',
      level: where.level,
      regionCode: where.regionCode,
      parentUscc: bodies.departments.get(template.department) ?? bodies.government,
    });
  }
}

/** SOEs answer to the 国资委 where there is one, otherwise to the 财政局 that holds the shares. */
function addEnterprises(
  ledger: OrganizationLedger,
  where: Jurisdiction,
  bodies: JurisdictionBodies,
  names: readonly string[],
): void {
  const owner =
    bodies.departments.get('国有资产监督管理委员会') ?? bodies.departments.get('财政局') ?? bodies.government;
  for (const name of names) {
    ledger.add({
      name: `${where.orgPrefix}${name}`,
      kind: 'STATE_OWNED_ENTERPRISE',
      level: where.level,
      regionCode: where.regionCode,
      parentUscc: owner,
    });
  }
}

function addCityOrganizations(ledger: OrganizationLedger, division: CityDivision): JurisdictionBodies {
  const city: Jurisdiction = { level: 'CITY', regionCode: division.code, orgPrefix: division.name };
  const partyCommittee = addPartyOrgans(ledger, city, CITY_PARTY_DEPARTMENTS, [
    `${division.name}国家保密局`,
    `中共${division.name}委机要局`,
  ]);
  addCongressCppccAndJudiciary(ledger, city, `${division.name}中级人民法院`);
  const { government, departments } = addGovernment(ledger, city, null, CITY_GOVERNMENT_DEPARTMENTS);
  // 国家安全局 is a government department, but 涉密.
  ledger.add({
    name: `${division.name}国家安全局`,
    kind: 'GOVERNMENT_DEPARTMENT',
    level: 'CITY',
    regionCode: division.code,
    parentUscc: government,
    classified: true,
  });
  const bodies = { partyCommittee, government, departments };
  addMassOrganizations(ledger, city, CITY_MASS_ORGANIZATIONS, partyCommittee);
  addInstitutions(ledger, city, bodies, CITY_INSTITUTIONS);
  addEnterprises(ledger, city, bodies, CITY_ENTERPRISES);
  return bodies;
}

function addCountyOrganizations(
  ledger: OrganizationLedger,
  random: Random,
  county: CountyDivision,
  cityGovernment: string,
  density: GrassrootsDensity,
): void {
  const where: Jurisdiction = {
    level: 'COUNTY',
    regionCode: county.code,
    orgPrefix: county.orgPrefix,
  };
  const partyCommittee = addPartyOrgans(ledger, where, COUNTY_PARTY_DEPARTMENTS, [
    `${county.orgPrefix}国家保密局`,
  ]);
  addCongressCppccAndJudiciary(ledger, where, `${county.orgPrefix}人民法院`);
  const { government, departments } = addGovernment(ledger, where, cityGovernment, COUNTY_GOVERNMENT_DEPARTMENTS);
  const bodies = { partyCommittee, government, departments };
  addMassOrganizations(ledger, where, COUNTY_MASS_ORGANIZATIONS, partyCommittee);
  addInstitutions(ledger, where, bodies, COUNTY_INSTITUTIONS);
  addEnterprises(ledger, where, bodies, COUNTY_ENTERPRISES);
  addNumberedSchools(ledger, where, bodies, density.numberedSchoolsPerCounty);
  addGrassroots(ledger, random, county, bodies, density);
}

const NUMBERED_SCHOOL_KINDS = ['小学', '中学', '幼儿园'] as const;
const CHINESE_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 23 → 二十三 (up to 99). */
function chineseNumber(n: number): string {
  const tens = Math.floor(n / 10);
  const ones = CHINESE_DIGITS[n % 10]!;
  if (tens === 0) return ones;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones}`;
}

/** A county's schools beyond the named ones: 第二十三小学 …; no randomness, so the demo is unchanged. */
function addNumberedSchools(ledger: OrganizationLedger, where: Jurisdiction, bodies: JurisdictionBodies, count: number): void {
  const education = bodies.departments.get('教育局') ?? bodies.government;
  for (let n = 0; n < count; n++) {
    const kind = NUMBERED_SCHOOL_KINDS[n % NUMBERED_SCHOOL_KINDS.length]!;
    // The named schools took 第一中学 and 实验小学; numbering starts at 第二.
    const number = chineseNumber(Math.floor(n / NUMBERED_SCHOOL_KINDS.length) + 2);
    ledger.add({
      name: `${where.orgPrefix}第${number}${kind}`,
      kind: 'PUBLIC_INSTITUTION',
      level: where.level,
      regionCode: where.regionCode,
      parentUscc: education,
    });
  }
}

// --- Townships, street offices and the committees under them ---------------

const VILLAGE_PREFIXES = ['东', '西', '南', '北', '前', '后', '新', '大', '小', '上', '下', '中', '老', '永', '长', '红'];
const VILLAGE_ROOTS = [
  '兴', '发', '胜', '安', '丰', '合', '河', '岗', '屯', '沟', '山', '泉', '林', '富', '华',
  '升', '光', '旗', '星', '民', '利', '强', '昌', '荣', '平', '和', '阳', '江', '乐', '德',
];
const COMMUNITY_NAMES = [
  '东方', '朝阳', '中央', '幸福', '和谐', '新华', '文化', '长青', '园丁', '滨江', '江畔', '站前',
  '北苑', '南苑', '康乐', '繁荣', '振兴', '花园', '中兴', '友谊', '建华', '红旗', '明珠', '春晓',
  '桥西', '育才', '胜利', '民主', '光明', '学府', '龙江', '金桥',
];

/** A village name unique within its township, e.g. 东兴村, 前进村-like pairs. */
function newVillageName(random: Random, taken: Set<string>): string {
  for (;;) {
    const name = `${random.pick(VILLAGE_PREFIXES)}${random.pick(VILLAGE_ROOTS)}村`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function newCommunityName(random: Random, taken: Set<string>): string {
  for (;;) {
    const name = `${random.pick(COMMUNITY_NAMES)}社区`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function addGrassroots(
  ledger: OrganizationLedger,
  random: Random,
  county: CountyDivision,
  bodies: JurisdictionBodies,
  density: GrassrootsDensity,
): void {
  const atTownship = { level: 'TOWNSHIP' as const, regionCode: county.code };
  const atVillage = { level: 'VILLAGE' as const, regionCode: county.code };

  for (const street of county.streets) {
    const office = ledger.add({
      ...atTownship,
      name: `${county.orgPrefix}${street}办事处`,
      kind: 'STREET_OFFICE',
      parentUscc: bodies.government,
    });
    const taken = new Set<string>();
    const communityCount = random.int(...density.communitiesPerStreet);
    for (let i = 0; i < communityCount; i++) {
      ledger.add({
        ...atVillage,
        name: `${county.orgPrefix}${street}${newCommunityName(random, taken)}居民委员会`,
        kind: 'RESIDENTS_COMMITTEE',
        parentUscc: office,
      });
    }
  }

  for (const town of county.towns) {
    const township = ledger.add({
      ...atTownship,
      name: `${county.orgPrefix}${town}人民政府`,
      kind: 'TOWNSHIP',
      parentUscc: bodies.government,
    });
    // Every township has a central school and a health centre run by the county.
    for (const [suffix, department] of [
      ['中心学校', '教育局'],
      ['卫生院', '卫生健康局'],
    ] as const) {
      ledger.add({
        ...atTownship,
        name: `${county.orgPrefix}${town}${suffix}`,
        kind: 'PUBLIC_INSTITUTION',
        parentUscc: bodies.departments.get(department) ?? bodies.government,
      });
    }
    // A 镇 seat has a residents' committee or two; the rest is villages.
    const taken = new Set<string>();
    const communityCount = town.endsWith('镇') ? random.int(1, 2) : 0;
    for (let i = 0; i < communityCount; i++) {
      ledger.add({
        ...atVillage,
        name: `${county.orgPrefix}${town}${newCommunityName(random, taken)}居民委员会`,
        kind: 'RESIDENTS_COMMITTEE',
        parentUscc: township,
      });
    }
    const villageCount = random.int(...density.villagesPerTownship);
    for (let i = 0; i < villageCount; i++) {
      ledger.add({
        ...atVillage,
        name: `${county.orgPrefix}${town}${newVillageName(random, taken)}村民委员会`,
        kind: 'VILLAGERS_COMMITTEE',
        parentUscc: township,
      });
    }
  }
}

// --- Pilot codes -----------------------------------------------------------

/** Kinds that got early pilot USCCs, one each; their check digit predates the standard. */
const PILOT_KINDS = [
  'VILLAGERS_COMMITTEE',
  'RESIDENTS_COMMITTEE',
  'PUBLIC_INSTITUTION',
  'STATE_OWNED_ENTERPRISE',
  'MASS_ORGANIZATION',
] as const;

/** A different symbol in position 18, so the code fails only CHECK_DIGIT. */
function withWrongCheckCharacter(uscc: string): string {
  const index = USCC_ALPHABET.indexOf(uscc[17]!);
  return uscc.slice(0, 17) + USCC_ALPHABET[(index + 1) % USCC_ALPHABET.length]!;
}

/** Corrupts the check digit of one organization of each pilot kind; returns the new codes. */
function applyPilotCodes(organizations: DemoOrganization[], random: Random): string[] {
  const replaced = new Map<string, string>();
  for (const kind of PILOT_KINDS.slice(0, PILOT_CODE_COUNT)) {
    const candidates = organizations.filter((o) => o.kind === kind && !o.classified);
    const chosen = random.pick(candidates);
    const pilot = withWrongCheckCharacter(chosen.uscc);
    replaced.set(chosen.uscc, pilot);
    chosen.uscc = pilot;
  }
  // Keep children pointing at their parent whatever kinds were chosen.
  for (const organization of organizations) {
    const parent = organization.parentUscc;
    if (parent !== null && replaced.has(parent)) organization.parentUscc = replaced.get(parent)!;
  }
  return [...replaced.values()];
}

// ---------------------------------------------------------------------------
// Officials
// ---------------------------------------------------------------------------

const STAFF_RANGE: Record<DemoOrganizationKind, readonly [number, number]> = {
  PARTY_ORGAN: [15, 45],
  PEOPLES_CONGRESS: [20, 40],
  GOVERNMENT: [40, 60],
  GOVERNMENT_DEPARTMENT: [20, 60],
  CPPCC: [15, 30],
  JUDICIAL_ORGAN: [30, 60],
  MASS_ORGANIZATION: [8, 20],
  PUBLIC_INSTITUTION: [15, 50],
  TOWNSHIP: [20, 40],
  STREET_OFFICE: [15, 30],
  RESIDENTS_COMMITTEE: [4, 8],
  VILLAGERS_COMMITTEE: [3, 8],
  STATE_OWNED_ENTERPRISE: [20, 50],
};

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭',
  '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾',
  '于', '董', '袁', '潘', '蒋', '蔡', '田', '杜', '姜', '范', '付', '崔', '程', '魏', '吕', '丁',
  '沈', '任', '姚', '卢', '傅', '钟', '汪', '戴', '谭', '廖', '邹', '石', '金', '白', '尹',
];
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方'];
const GIVEN_NAME_CHARACTERS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明',
  '超', '秀', '霞', '平', '刚', '桂', '英', '华', '玉', '兰', '红', '建', '国', '文', '辉', '鑫',
  '宇', '浩', '凯', '婷', '雪', '琳', '晶', '丹', '鹏', '飞', '波', '斌', '宁', '海', '东', '亮',
  '林', '峰', '春', '梅', '颖', '欣', '佳', '思', '嘉', '俊', '志', '永', '晓', '云', '雷', '龙',
  '新', '立', '成', '金', '庆', '德', '福', '双', '旭', '博', '瑞', '昊', '晨', '悦', '慧', '淑',
];

function newName(random: Random): string {
  const surname = random.chance(0.02) ? random.pick(COMPOUND_SURNAMES) : random.pickFrequent(SURNAMES);
  const givenLength = random.chance(0.7) ? 2 : 1;
  let given = '';
  for (let i = 0; i < givenLength; i++) given += random.pick(GIVEN_NAME_CHARACTERS);
  return surname + given;
}

const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153',
  '155', '156', '157', '158', '159', '170', '176', '177', '178', '180', '181', '182', '183', '184',
  '185', '186', '187', '188', '189', '191', '193', '195', '198', '199',
];

function newPhone(random: Random): string {
  return random.pick(MOBILE_PREFIXES) + random.digits(8);
}

const BIRTH_DAY_FIRST = Date.UTC(1965, 0, 1) / 86_400_000;
const BIRTH_DAY_LAST = Date.UTC(2000, 11, 31) / 86_400_000;

function newBirthDate(random: Random): string {
  const day = new Date(random.int(BIRTH_DAY_FIRST, BIRTH_DAY_LAST) * 86_400_000);
  const month = String(day.getUTCMonth() + 1).padStart(2, '0');
  const date = String(day.getUTCDate()).padStart(2, '0');
  return `${day.getUTCFullYear()}${month}${date}`;
}

/** Mostly registered where they work; city staff come from the city's birthplaces. */
function idRegionPrefix(random: Random, organization: DemoOrganization, city: CityDivision): string {
  if (organization.regionCode !== city.code && random.chance(0.85)) return organization.regionCode;
  return random.pick(city.birthplaces);
}

function newIdNumber(random: Random, organization: DemoOrganization, city: CityDivision, taken: Set<string>): string {
  const prefix = idRegionPrefix(random, organization, city) + newBirthDate(random);
  for (;;) {
    const first17 = prefix + String(random.int(1, 999)).padStart(3, '0');
    const idNumber = first17 + idNumberCheckCharacter(first17);
    if (!taken.has(idNumber)) {
      taken.add(idNumber);
      return idNumber;
    }
  }
}

/** Leaders in order (the first official heads the body), then the staff titles. */
interface PositionLadder {
  leaders: readonly string[];
  staff: readonly string[];
}

const CIVIL_SERVANT_STAFF = ['科长', '副科长', '一级主任科员', '二级主任科员', '四级主任科员', '一级科员', '科员'];

/** The head's title follows the body's name: a 局 has a 局长, a 部 a 部长, a Party 委员会 a 书记 … */
function headTitleByName(name: string, kind: DemoOrganizationKind): string {
  if (name.endsWith('部')) return '部长';
  if (name.endsWith('局')) return '局长';
  if (name.endsWith('委员会') && kind === 'PARTY_ORGAN') return '书记';
  return '主任';
}

function leadersWithDeputies(head: string, deputies: number, extra: readonly string[] = []): string[] {
  return [head, ...Array.from({ length: deputies }, () => `副${head}`), ...extra];
}

function townshipHeadTitle(name: string): string {
  return name.includes('镇') ? '镇长' : '乡长';
}

function governmentHeadTitle(organization: DemoOrganization, city: CityDivision): string {
  if (organization.regionCode === city.code) return city.name.endsWith('地区') ? '专员' : '市长';
  return city.counties.find((c) => c.code === organization.regionCode)?.headTitle ?? '县长';
}

function institutionLadder(name: string): PositionLadder {
  if (/(中学|小学|学校|党校)$/.test(name)) {
    return { leaders: leadersWithDeputies('校长', 2, ['教务主任']), staff: ['高级教师', '一级教师', '二级教师', '教师', '会计'] };
  }
  if (/(医院|卫生院|保健院)$/.test(name)) {
    return {
      leaders: leadersWithDeputies('院长', 2, ['医务科科长']),
      staff: ['主任医师', '副主任医师', '主治医师', '医师', '护士长', '护士', '药剂师'],
    };
  }
  const head = /(馆)$/.test(name) ? '馆长' : /(台)$/.test(name) ? '台长' : '主任';
  return { leaders: leadersWithDeputies(head, 2), staff: ['科长', '专业技术人员', '管理岗位人员', '工作人员'] };
}

function massOrganizationLadder(name: string): PositionLadder {
  const head = name.startsWith('共青团')
    ? '书记'
    : name.endsWith('残疾人联合会')
      ? '理事长'
      : name.endsWith('红十字会')
        ? '会长'
        : '主席';
  return { leaders: leadersWithDeputies(head, 2), staff: ['部长', '副部长', '干事', '工作人员'] };
}

function positionLadder(organization: DemoOrganization, city: CityDivision): PositionLadder {
  const { kind, name } = organization;
  switch (kind) {
    case 'PARTY_ORGAN':
      // The committee itself is the one Party organ without a superior here.
      if (organization.parentUscc === null) {
        return { leaders: ['书记', '副书记', '副书记', '常委', '常委', '常委'], staff: CIVIL_SERVANT_STAFF };
      }
      return { leaders: leadersWithDeputies(headTitleByName(name, kind), 2), staff: CIVIL_SERVANT_STAFF };
    case 'PEOPLES_CONGRESS':
      return { leaders: leadersWithDeputies('主任', 3, ['秘书长']), staff: ['委员', ...CIVIL_SERVANT_STAFF] };
    case 'CPPCC':
      return { leaders: leadersWithDeputies('主席', 3, ['秘书长']), staff: ['委员', ...CIVIL_SERVANT_STAFF] };
    case 'GOVERNMENT': {
      const head = governmentHeadTitle(organization, city);
      return {
        leaders: [head, `常务副${head}`, `副${head}`, `副${head}`, `副${head}`, '秘书长', '副秘书长'],
        staff: ['办公室主任', ...CIVIL_SERVANT_STAFF],
      };
    }
    case 'GOVERNMENT_DEPARTMENT':
      return { leaders: leadersWithDeputies(headTitleByName(name, kind), 3), staff: CIVIL_SERVANT_STAFF };
    case 'JUDICIAL_ORGAN':
      return name.endsWith('法院')
        ? { leaders: leadersWithDeputies('院长', 2), staff: ['庭长', '副庭长', '审判员', '法官助理', '书记员'] }
        : { leaders: leadersWithDeputies('检察长', 2), staff: ['检察官', '检察官助理', '书记员'] };
    case 'MASS_ORGANIZATION':
      return massOrganizationLadder(name);
    case 'PUBLIC_INSTITUTION':
      return institutionLadder(name);
    case 'STATE_OWNED_ENTERPRISE':
      return {
        leaders: ['董事长', '总经理', '副总经理', '副总经理', '财务总监'],
        staff: ['部门经理', '工程师', '会计', '出纳', '职员'],
      };
    case 'TOWNSHIP': {
      const head = townshipHeadTitle(name);
      return {
        leaders: ['党委书记', head, '党委副书记', '人大主席', `副${head}`, `副${head}`, '纪委书记'],
        staff: ['党政办主任', '站长', '一级科员', '科员', '事业编工作人员'],
      };
    }
    case 'STREET_OFFICE':
      return {
        leaders: ['党工委书记', '主任', '副主任', '副主任', '纪工委书记'],
        staff: ['科长', '一级科员', '科员', '社区工作者'],
      };
    case 'RESIDENTS_COMMITTEE':
      return { leaders: ['社区党委书记', '居委会主任', '居委会副主任'], staff: ['居委会委员', '网格员'] };
    case 'VILLAGERS_COMMITTEE':
      return { leaders: ['村党支部书记', '村委会主任', '村委会副主任'], staff: ['村委会委员', '村会计', '村文书'] };
  }
}

function staffSize(random: Random, kind: DemoOrganizationKind, scale: number): number {
  const [min, max] = STAFF_RANGE[kind];
  const drawn = random.int(min, max);
  return scale <= 0 ? 0 : Math.max(1, Math.round(drawn * scale));
}

function buildOfficials(
  random: Random,
  city: CityDivision,
  organizations: readonly DemoOrganization[],
  scale: number,
): DemoOfficial[] {
  const officials: DemoOfficial[] = [];
  const takenIdNumbers = new Set<string>();
  for (const organization of organizations) {
    const ladder = positionLadder(organization, city);
    const size = staffSize(random, organization.kind, scale);
    for (let i = 0; i < size; i++) {
      officials.push({
        idNumber: newIdNumber(random, organization, city, takenIdNumbers),
        name: newName(random),
        phone: newPhone(random),
        organizationUscc: organization.uscc,
        position: i < ladder.leaders.length ? ladder.leaders[i]! : random.pick(ladder.staff),
      });
    }
  }
  return officials;
}

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/**
 * The registry of one city: its own bodies, its counties' down to the villages, five pilot
 * codes and the officials; pure and deterministic for a given city and seed. Every USCC
 * carries its region code, so two cities never share one.
 */
export function buildCityRegistry(city: CityDivision, options: DemoRegistryOptions = {}): DemoRegistry {
  const seed = options.seed ?? DEFAULT_SEED;
  const officialsPerOrganization = options.officialsPerOrganization ?? DEFAULT_OFFICIALS_PER_ORGANIZATION;
  const density = options.density ?? DEMO_DENSITY;
  const random = new Random(seed);

  const ledger = new OrganizationLedger(random);
  const bodies = addCityOrganizations(ledger, city);
  for (const county of city.counties) addCountyOrganizations(ledger, random, county, bodies.government, density);

  const organizations = ledger.organizations;
  const pilotCodes = applyPilotCodes(organizations, random);
  const officials = buildOfficials(
    random,
    city,
    organizations,
    officialsPerOrganization / DEFAULT_OFFICIALS_PER_ORGANIZATION,
  );
  return { regions: [PROVINCE_REGION, ...cityRegions(city)], organizations, officials, pilotCodes };
}

/** The whole demo registry: 黑河市. */
export function buildDemoRegistry(options: DemoRegistryOptions = {}): DemoRegistry {
  return buildCityRegistry(HEIHE, options);
}
