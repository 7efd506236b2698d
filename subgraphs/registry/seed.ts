import { isValidUscc, officialPseudonym, seal, tableRows, tableSeeder, type AdministrativeLevel, type DemoRowOf, type OrganizationKind, type Seeder, type TableRows } from '../kit/index.js';
import { PublicOfficial } from './entities/public-official.js';
import { Organization } from './entities/organization.js';
import { Region, RegionLevel } from './entities/region.js';

/** The registry's part of the demo world, as the seeder's caller hands it over. */
export interface RegistrySeedRows {
  regions: Array<DemoRowOf<Region, 'code' | 'name' | 'level' | 'parentCode', 'level'>>;
  organizations: Array<DemoRowOf<Organization, 'uscc' | 'name' | 'kind' | 'level' | 'regionCode' | 'parentUscc' | 'classified', 'kind' | 'level'>>;
  officials: Array<DemoRowOf<PublicOfficial, 'name' | 'organizationUscc' | 'position'> & { idNumber: string; phone: string }>;
}

/**
 * Seeds regions, organizations and officials from the rows it is handed: the Heihe demo, or
 * the province city by city. ID numbers and phones are sealed here.
 */
export const seed: Seeder<RegistrySeedRows> = tableSeeder(registryTables);

function registryTables(registry: RegistrySeedRows): TableRows[] {
  const regions = registry.regions.map((r) => ({ code: r.code, name: r.name, level: r.level as RegionLevel, parentCode: r.parentCode }));
  const organizations = registry.organizations.map((o) => ({
    uscc: o.uscc,
    name: o.name,
    kind: o.kind as OrganizationKind,
    level: o.level as AdministrativeLevel,
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
    tableRows(PublicOfficial, 'registry: officials', officials),
  ];
}
