/**
 * The `province` seed preset: 黑龙江省 with its 13 prefecture-level divisions and their 121
 * county-level divisions (real GB/T 2260 codes and names), at least 100,000 organizations
 * and 1,000,000 officials, and every domain's rows derived from them.
 *
 * The province is built one city at a time (a *slice*), each from its own seed: every
 * subgraph's seeder builds the same slice again and derives its rows from it, so memory
 * stays bounded to one city and the subgraphs agree on USCCs and officials' ID numbers
 * (hence pseudonyms) without passing anything between them. Names of townships and streets
 * outside 黑河市 are invented; the grassroots are denser than in life, to reach the preset's
 * sizes.
 */
import { buildDemoCommitments, type DemoCommitments } from './commitments.js';
import { buildDemoContracts, type DemoContracts } from './contracts.js';
import { buildDemoCourtDebtors, type DemoCourtDebtors } from './court-debtors.js';
import { buildDemoDishonesty, DEMO_DISHONESTY_SEED, type DemoDishonesty } from './dishonesty-records.js';
import { buildCityRegistry, cityRegions, DEFAULT_SEED, HEIHE, mulberry32, PROVINCE_REGION, type CityDivision, type CountyDivision, type DemoRegion, type DemoRegistry, type GrassrootsDensity } from './heihe.js';
import { buildDemoTraining, type DemoTraining } from './training.js';

/** What the whole province must reach (counted in the stores after seeding). */
export const PROVINCE_MINIMUMS = {
  organizations: 100_000,
  officials: 1_000_000,
  commitmentItems: 2_000_000,
  debtorRecords: 100_000,
  contracts: 500_000,
  /** Attendance, assessments, integrity records, plans and sessions together. */
  trainingRows: 5_000_000,
};

/** The knobs of the preset; the generators' defaults are the demo's. */
export const PROVINCE_PRESET = {
  density: { communitiesPerStreet: [10, 20], villagesPerTownship: [38, 56], numberedSchoolsPerCounty: 75 } satisfies GrassrootsDensity,
  officialsPerOrganization: 13,
  /** Townships and street offices per county-level division, by its kind. */
  divisions: {
    district: { streets: [8, 14], towns: [2, 6] },
    county: { streets: [0, 0], towns: [18, 28] },
    countyCity: { streets: [3, 6], towns: [14, 22] },
  },
  /** Years whose letters are closed and judged (the demo has 2025 only). */
  commitmentClosedYears: [2022, 2023, 2024, 2025],
  commitmentItemsPerLetter: [3, 6] as const,
  commitmentComplaintsPerOrganization: 0.2,
  contractsPerOrganization: 5.2,
  contractComplaintsPerOrganization: 0.1,
  debtorRecordsPerOrganization: 1.05,
  /** Years of training before the current one (the demo has 2025 only). */
  trainingClosedYears: [2024, 2025],
  /** Integrity records per official (the demo has 300 for ~29,000). */
  integrityRecordsPerOfficial: 0.01,
};

// ---------------------------------------------------------------------------
// The province's divisions (GB/T 2260)
// ---------------------------------------------------------------------------

type Division = readonly [code: string, name: string];

/** Prefecture-level divisions and their county-level ones, 黑河市 from the demo. */
const CITIES: ReadonlyArray<{ code: string; name: string; counties: readonly Division[] }> = [
  {
    code: '230100', name: '哈尔滨市', counties: [
      ['230102', '道里区'], ['230103', '南岗区'], ['230104', '道外区'], ['230108', '平房区'], ['230109', '松北区'], ['230110', '香坊区'],
      ['230111', '呼兰区'], ['230112', '阿城区'], ['230113', '双城区'], ['230123', '依兰县'], ['230124', '方正县'], ['230125', '宾县'],
      ['230126', '巴彦县'], ['230127', '木兰县'], ['230128', '通河县'], ['230129', '延寿县'], ['230183', '尚志市'], ['230184', '五常市'],
    ],
  },
  {
    code: '230200', name: '齐齐哈尔市', counties: [
      ['230202', '龙沙区'], ['230203', '建华区'], ['230204', '铁锋区'], ['230205', '昂昂溪区'], ['230206', '富拉尔基区'], ['230207', '碾子山区'],
      ['230208', '梅里斯达斡尔族区'], ['230221', '龙江县'], ['230223', '依安县'], ['230224', '泰来县'], ['230225', '甘南县'], ['230227', '富裕县'],
      ['230229', '克山县'], ['230230', '克东县'], ['230231', '拜泉县'], ['230281', '讷河市'],
    ],
  },
  {
    code: '230300', name: '鸡西市', counties: [
      ['230302', '鸡冠区'], ['230303', '恒山区'], ['230304', '滴道区'], ['230305', '梨树区'], ['230306', '城子河区'], ['230307', '麻山区'],
      ['230321', '鸡东县'], ['230381', '虎林市'], ['230382', '密山市'],
    ],
  },
  {
    code: '230400', name: '鹤岗市', counties: [
      ['230402', '向阳区'], ['230403', '工农区'], ['230404', '南山区'], ['230405', '兴安区'], ['230406', '东山区'], ['230407', '兴山区'],
      ['230421', '萝北县'], ['230422', '绥滨县'],
    ],
  },
  {
    code: '230500', name: '双鸭山市', counties: [
      ['230502', '尖山区'], ['230503', '岭东区'], ['230505', '四方台区'], ['230506', '宝山区'], ['230521', '集贤县'], ['230522', '友谊县'],
      ['230523', '宝清县'], ['230524', '饶河县'],
    ],
  },
  {
    code: '230600', name: '大庆市', counties: [
      ['230602', '萨尔图区'], ['230603', '龙凤区'], ['230604', '让胡路区'], ['230605', '红岗区'], ['230606', '大同区'], ['230621', '肇州县'],
      ['230622', '肇源县'], ['230623', '林甸县'], ['230624', '杜尔伯特蒙古族自治县'],
    ],
  },
  {
    code: '230700', name: '伊春市', counties: [
      ['230717', '伊美区'], ['230718', '乌翠区'], ['230719', '友好区'], ['230722', '嘉荫县'], ['230723', '汤旺县'], ['230724', '丰林县'],
      ['230725', '大箐山县'], ['230726', '南岔县'], ['230751', '金林区'], ['230781', '铁力市'],
    ],
  },
  {
    code: '230800', name: '佳木斯市', counties: [
      ['230803', '向阳区'], ['230804', '前进区'], ['230805', '东风区'], ['230811', '郊区'], ['230822', '桦南县'], ['230826', '桦川县'],
      ['230828', '汤原县'], ['230881', '同江市'], ['230882', '富锦市'], ['230883', '抚远市'],
    ],
  },
  { code: '230900', name: '七台河市', counties: [['230902', '新兴区'], ['230903', '桃山区'], ['230904', '茄子河区'], ['230921', '勃利县']] },
  {
    code: '231000', name: '牡丹江市', counties: [
      ['231002', '东安区'], ['231003', '阳明区'], ['231004', '爱民区'], ['231005', '西安区'], ['231025', '林口县'], ['231081', '绥芬河市'],
      ['231083', '海林市'], ['231084', '宁安市'], ['231085', '穆棱市'], ['231086', '东宁市'],
    ],
  },
  { code: HEIHE.code, name: HEIHE.name, counties: [] },
  {
    code: '231200', name: '绥化市', counties: [
      ['231202', '北林区'], ['231221', '望奎县'], ['231222', '兰西县'], ['231223', '青冈县'], ['231224', '庆安县'], ['231225', '明水县'],
      ['231226', '绥棱县'], ['231281', '安达市'], ['231282', '肇东市'], ['231283', '海伦市'],
    ],
  },
  { code: '232700', name: '大兴安岭地区', counties: [['232701', '漠河市'], ['232721', '呼玛县'], ['232722', '塔河县']] },
];

const PLACE_ROOTS = [
  '永安', '太平', '新民', '长发', '富强', '红星', '向阳', '东升', '前进', '兴隆', '和平', '胜利', '建设', '民主', '团结', '双河',
  '三合', '四方', '五星', '六合', '七星', '八里', '九井', '十里', '长岭', '青山', '石头', '柳河', '杏山', '松林', '榆树', '白杨',
  '北河', '南山', '西岗', '东岗', '大兴', '小兴', '新华', '联合', '曙光', '先锋', '宏伟', '红旗', '友谊', '光明', '保安', '金山',
  '银河', '玉泉', '龙泉', '凤山', '鹤立', '双山', '宝泉', '吉祥', '丰收', '安邦', '平安', '靠山', '河口', '江湾', '德胜', '万宝',
];

/** Distinct place names for a division's townships and streets, each drawn once. */
function placeNames(random: () => number, count: number, taken: Set<string>): string[] {
  const names: string[] = [];
  while (names.length < count) {
    const root = PLACE_ROOTS[Math.floor(random() * PLACE_ROOTS.length)]!;
    if (taken.has(root)) continue;
    taken.add(root);
    names.push(root);
  }
  return names;
}

function between(random: () => number, [min, max]: readonly number[]): number {
  return min! + Math.floor(random() * (max! - min! + 1));
}

/**
 * A county-level division with invented townships and streets. A 区 is named with its
 * city (哈尔滨市道里区…), as 黑河市爱辉区 is; its own PRNG keeps the layout independent of
 * everything else drawn for the city.
 */
function countyDivision(cityName: string, [code, name]: Division): CountyDivision {
  const random = mulberry32(Number(code));
  const kind = name.endsWith('区') ? 'district' : name.endsWith('县') ? 'county' : 'countyCity';
  const layout = PROVINCE_PRESET.divisions[kind];
  const taken = new Set<string>();
  const streets = placeNames(random, between(random, layout.streets), taken).map((root) => `${root}街道`);
  const towns = placeNames(random, between(random, layout.towns), taken).map((root) => `${root}${random() < 0.6 ? '镇' : '乡'}`);
  return {
    code,
    name,
    orgPrefix: kind === 'district' ? `${cityName}${name}` : name,
    headTitle: { district: '区长', county: '县长', countyCity: '市长' }[kind],
    streets,
    towns,
  };
}

function cityDivision(city: (typeof CITIES)[number]): CityDivision {
  const counties = city.code === HEIHE.code ? HEIHE.counties : city.counties.map((county) => countyDivision(city.name, county));
  // Staff registered outside their county come from the city's own counties: ID numbers of
  // two cities never share a region prefix, so they cannot collide.
  return { code: city.code, name: city.name, counties, birthplaces: counties.map((c) => c.code) };
}

// ---------------------------------------------------------------------------
// Slices
// ---------------------------------------------------------------------------

export interface ProvinceSlice {
  index: number;
  city: CityDivision;
}

/** The province's slices, one per prefecture-level division, in code order. */
export function provinceSlices(): ProvinceSlice[] {
  return CITIES.map((city, index) => ({ index, city: cityDivision(city) }));
}

/** A slice's progress stage: `training: 哈尔滨市 (1/13)`. */
export function sliceStage(subgraph: string, slice: ProvinceSlice): string {
  return `${subgraph}: ${slice.city.name} (${slice.index + 1}/${CITIES.length})`;
}

/** The province, every city and every county: the registry's regions. */
export function provinceRegions(): DemoRegion[] {
  return [PROVINCE_REGION, ...provinceSlices().flatMap((slice) => cityRegions(slice.city))];
}

/** 2^28 draws of mulberry32, times its increment, modulo 2^32. */
const SLICE_STREAM_OFFSET = Math.imul(0x6d2b79f5, 1 << 28);

/**
 * A slice's seed for a generator whose demo seed is `base`. mulberry32 walks one cycle of
 * 2^32 states, a seed choosing where to start; slice i starts 2^28·i draws further on, so
 * the slices' draws (and the UUIDs made from them) never overlap while each takes fewer
 * than 268 million draws. Sixteen slices fit; the province has thirteen.
 */
export function sliceSeed(base: number, slice: ProvinceSlice): number {
  return (base + Math.imul(slice.index, SLICE_STREAM_OFFSET)) >>> 0;
}

/** The slice's registry: the same for every subgraph that builds it. */
export function buildSliceRegistry(slice: ProvinceSlice, options: { withOfficials?: boolean } = {}): DemoRegistry {
  const registry = buildCityRegistry(slice.city, {
    seed: sliceSeed(DEFAULT_SEED, slice),
    density: PROVINCE_PRESET.density,
    officialsPerOrganization: options.withOfficials === false ? 0 : PROVINCE_PRESET.officialsPerOrganization,
  });
  // The province's own region comes with the first slice; each city brings its own.
  return { ...registry, regions: slice.index === 0 ? [PROVINCE_REGION, ...cityRegions(slice.city)] : cityRegions(slice.city) };
}

// ---------------------------------------------------------------------------
// Each domain's rows of a slice, derived from the slice's registry
// ---------------------------------------------------------------------------

/** Base seeds of the domains' generators (their demo seeds), moved per slice by sliceSeed. */
const DOMAIN_SEEDS = { commitments: 7_2026, courtDebtors: 4_2026, contracts: 2026_0005, training: 5_2026 };

export function buildSliceCommitments(slice: ProvinceSlice, registry = buildSliceRegistry(slice)): DemoCommitments {
  return buildDemoCommitments(registry, sliceSeed(DOMAIN_SEEDS.commitments, slice), {
    closedYears: PROVINCE_PRESET.commitmentClosedYears,
    itemsPerLetter: PROVINCE_PRESET.commitmentItemsPerLetter,
    complaints: Math.round(registry.organizations.length * PROVINCE_PRESET.commitmentComplaintsPerOrganization),
  });
}

export function buildSliceCourtDebtors(slice: ProvinceSlice, registry = buildSliceRegistry(slice)): DemoCourtDebtors {
  return buildDemoCourtDebtors(registry, sliceSeed(DOMAIN_SEEDS.courtDebtors, slice), {
    recordsPerOrganization: PROVINCE_PRESET.debtorRecordsPerOrganization,
  });
}

export function buildSliceContracts(slice: ProvinceSlice, registry = buildSliceRegistry(slice)): DemoContracts {
  const { city } = slice;
  return buildDemoContracts(registry, {
    seed: sliceSeed(DOMAIN_SEEDS.contracts, slice),
    count: Math.round(registry.organizations.length * PROVINCE_PRESET.contractsPerOrganization),
    complaints: Math.round(registry.organizations.length * PROVINCE_PRESET.contractComplaintsPerOrganization),
    // Contract ids start with the city's code, so no two slices share one.
    idPrefix: `HL${city.code.slice(2, 4)}`,
    // Counterparties are registered in the city: their USCCs carry its region codes.
    enterprisePlaces: [[city.name, city.code], ...city.counties.map((c) => [c.orgPrefix, c.code] as const)],
  });
}

export function buildSliceTraining(slice: ProvinceSlice, registry = buildSliceRegistry(slice)): DemoTraining {
  return buildDemoTraining(registry, sliceSeed(DOMAIN_SEEDS.training, slice), {
    closedYears: PROVINCE_PRESET.trainingClosedYears,
    recordScale: (registry.officials.length * PROVINCE_PRESET.integrityRecordsPerOfficial) / 300,
  });
}

/** The city's records as in the demo: a few per county and a few in the city. */
export function buildSliceDishonesty(slice: ProvinceSlice, registry = buildSliceRegistry(slice)): DemoDishonesty {
  return buildDemoDishonesty(registry, sliceSeed(DEMO_DISHONESTY_SEED, slice));
}
