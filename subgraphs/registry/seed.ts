import { buildDemoRegistry, type DemoRegistry } from '../../scripts/demo-data/heihe.js';
import { buildSliceRegistry, demoOrProvinceSeeder } from '../../scripts/demo-data/province.js';
import { isValidUscc, officialPseudonym, seal, tableRows, type Seeder, type TableRows } from '../kit/index.js';
import { Official } from './entities/official.js';
import { Organization } from './entities/organization.js';
import { Region, RegionLevel } from './entities/region.js';

/**
 * Seeds regions, organizations and officials: the Heihe demo, or the province city by city
 * (deterministic either way). ID numbers and phones are sealed here.
 */
export const seed: Seeder = demoOrProvinceSeeder('registry', { demo: () => buildDemoRegistry(), slice: (slice) => buildSliceRegistry(slice) }, registryTables);

function registryTables(registry: DemoRegistry): TableRows[] {
  const regions = registry.regions.map((r) => ({ code: r.code, name: r.name, level: r.level as RegionLevel, parentCode: r.parentCode }));
  const organizations = registry.organizations.map((o) => ({
    uscc: o.uscc,
    name: o.name,
    kind: o.kind,
    level: o.level,
    regionCode: o.regionCode,
    parentUscc: o.parentUscc,
    classified: o.classified,
    usccCheckPassed: isValidUscc(o.uscc),
    updatedAt: new Date(0),
  }));
  const officials = registry.officials.map((o) => ({
    id: officialPseudonym(o.idNumber),
    name: o.name,
    idNumberSealed: seal(o.idNumber),
    phoneSealed: seal(o.phone),
    organizationUscc: o.organizationUscc,
    position: o.position,
    updatedAt: new Date(0),
  }));
  return [
    tableRows(Region, 'registry: regions', regions),
    tableRows(Organization, 'registry: organizations', organizations),
    tableRows(Official, 'registry: officials', officials),
  ];
}
