import { describe, it, expect } from 'vitest';
import { buildDemoRegistry, type DemoRegistry } from '../scripts/demo-data/heihe.js';
import { isValidUscc, usccProblem } from '../platform/validation/uscc.js';
import { isValidIdNumber } from '../platform/validation/id-number.js';
import { OrganizationKind } from '../subgraphs/kit/organization-kind.js';

/** A cheap fingerprint: the head of each list plus the sizes. */
function fingerprint(registry: DemoRegistry): string {
  return JSON.stringify({
    organizations: registry.organizations.slice(0, 50),
    officials: registry.officials.slice(0, 50),
    pilotCodes: registry.pilotCodes,
    counts: [registry.regions.length, registry.organizations.length, registry.officials.length],
  });
}

describe('Heihe demo registry', () => {
  const registry = buildDemoRegistry();
  const { regions, organizations, officials, pilotCodes } = registry;
  const usccs = new Set(organizations.map((o) => o.uscc));

  it('has at least 1,500 organizations of every kind, some of them classified', () => {
    expect(organizations.length).toBeGreaterThanOrEqual(1500);
    const kinds = new Set(organizations.map((o) => o.kind));
    for (const kind of Object.values(OrganizationKind)) expect(kinds, kind).toContain(kind);
    expect(organizations.some((o) => o.classified)).toBe(true);
  });

  it('has at least 20,000 officials', () => {
    expect(officials.length).toBeGreaterThanOrEqual(20000);
  });

  it('gives unique USCCs, valid except exactly five pilot codes that fail the check digit', () => {
    expect(usccs.size).toBe(organizations.length);
    expect(pilotCodes).toHaveLength(5);
    expect(new Set(pilotCodes).size).toBe(5);
    const pilots = new Set(pilotCodes);
    for (const code of pilotCodes) {
      expect(usccs.has(code), code).toBe(true);
      expect(usccProblem(code)?.rule, code).toBe('CHECK_DIGIT');
    }
    const invalid = organizations.filter((o) => !pilots.has(o.uscc) && !isValidUscc(o.uscc));
    expect(invalid).toEqual([]);
  });

  it('links every parent to an existing organization and places everything in a known region', () => {
    const regionCodes = new Set(regions.map((r) => r.code));
    const danglingParents = organizations.filter((o) => o.parentUscc !== null && !usccs.has(o.parentUscc));
    expect(danglingParents).toEqual([]);
    const unplaced = organizations.filter((o) => !regionCodes.has(o.regionCode));
    expect(unplaced).toEqual([]);
  });

  it('gives officials valid, unique ID numbers, plausible names and phones, and existing organizations', () => {
    const idNumbers = new Set<string>();
    let invalid = 0;
    let orphans = 0;
    let malformed = 0;
    for (const official of officials) {
      if (!isValidIdNumber(official.idNumber)) invalid++;
      if (!/^[\u4e00-\u9fff]{2,4}$/.test(official.name) || !/^1[35789]\d{9}$/.test(official.phone)) malformed++;
      if (!usccs.has(official.organizationUscc)) orphans++;
      idNumbers.add(official.idNumber);
    }
    expect(invalid).toBe(0);
    expect(orphans).toBe(0);
    expect(malformed).toBe(0);
    expect(idNumbers.size).toBe(officials.length);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(fingerprint(buildDemoRegistry())).toBe(fingerprint(registry));
    expect(fingerprint(buildDemoRegistry({ seed: 7 }))).not.toBe(fingerprint(registry));
  });
});
