import { buildDemoRegistry } from '../../scripts/demo-data/heihe.js';
import { insertInChunks, isValidUscc, officialPseudonym, seal, type Seeder } from '../kit/index.js';
import { Official } from './entities/official.js';
import { Organization } from './entities/organization.js';
import { Region, RegionLevel } from './entities/region.js';

/** Seeds regions, organizations and officials of the Heihe demo (deterministic). */
export const seed: Seeder = async (em, { progress }) => {
  const demo = buildDemoRegistry();

  const regions = demo.regions.map((r) => ({ code: r.code, name: r.name, level: r.level as RegionLevel, parentCode: r.parentCode }));
  await insertInChunks(em, Region, regions, progress.stage('registry: regions', regions.length));

  const organizations = demo.organizations.map((o) => ({
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
  await insertInChunks(em, Organization, organizations, progress.stage('registry: organizations', organizations.length));

  const officials = demo.officials.map((o) => ({
    id: officialPseudonym(o.idNumber),
    name: o.name,
    idNumberSealed: seal(o.idNumber),
    phoneSealed: seal(o.phone),
    organizationUscc: o.organizationUscc,
    position: o.position,
    updatedAt: new Date(0),
  }));
  await insertInChunks(em, Official, officials, progress.stage('registry: officials', officials.length));
};
