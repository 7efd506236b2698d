/**
 * The province preset, checked on two of its slices (the two smallest cities) rather than
 * seeded whole: valid and unique codes across slices, every domain row pointing at the
 * slice's registry, determinism, and per-organization rates that reach the preset's sizes
 * over the whole province.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildSliceCommitments, buildSliceContracts, buildSliceCourtDebtors, buildSliceDishonesty, buildSliceRegistry, buildSliceTraining, PROVINCE_MINIMUMS, provinceRegions,
  provinceSlices, type ProvinceSlice,
} from '../../scripts/demo-data/province.js';
import { courtOf, DEMO_AS_OF } from '../../scripts/demo-data/court-debtors.js';
import type { DemoRegistry } from '../../scripts/demo-data/heihe.js';
import { parseCaseNumber } from '../../subgraphs/kit/index.js';
import { readCourtRow, readPendingCaseRow } from '../../subgraphs/court-debtors/record.rows.js';
import { readRecordRow } from '../../subgraphs/dishonesty-records/record.rows.js';
import { AUTHORITY_KINDS, kindsImportableBy } from '../../subgraphs/dishonesty-records/record.rules.js';
import { Caller, isValidIdNumber, isValidUscc, parentRegionCode, regionCodeProblem, usccRegionCode } from '../../subgraphs/kit/index.js';

interface SliceRows {
  slice: ProvinceSlice;
  registry: DemoRegistry;
  commitments: ReturnType<typeof buildSliceCommitments>;
  court: ReturnType<typeof buildSliceCourtDebtors>;
  contracts: ReturnType<typeof buildSliceContracts>;
  training: ReturnType<typeof buildSliceTraining>;
  dishonesty: ReturnType<typeof buildSliceDishonesty>;
}

const slices = provinceSlices();
/** 七台河市 and 大兴安岭地区: the smallest cities keep the test fast. */
const tested = [slices.find((s) => s.city.name === '七台河市')!, slices.find((s) => s.city.name === '大兴安岭地区')!];
let rows: SliceRows[];

function build(slice: ProvinceSlice): SliceRows {
  const registry = buildSliceRegistry(slice);
  return {
    slice,
    registry,
    commitments: buildSliceCommitments(slice, registry),
    court: buildSliceCourtDebtors(slice, registry),
    contracts: buildSliceContracts(slice, registry),
    training: buildSliceTraining(slice, registry),
    dishonesty: buildSliceDishonesty(slice, registry),
  };
}

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function expectUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  const repeated = values.filter((v) => seen.size === seen.add(v).size);
  expect(repeated.slice(0, 3), `${what} repeated`).toEqual([]);
}

beforeAll(() => {
  rows = tested.map(build);
});

describe('province regions', () => {
  it('are 黑龙江省, its 13 prefecture-level divisions and 121 county-level ones, each valid and under its parent', () => {
    const regions = provinceRegions();
    const codes = new Set(regions.map((r) => r.code));
    expect(regions.filter((r) => r.level === 'PROVINCE').map((r) => r.name)).toEqual(['黑龙江省']);
    expect(regions.filter((r) => r.level === 'CITY')).toHaveLength(13);
    expect(regions.filter((r) => r.level === 'COUNTY')).toHaveLength(121);
    expectUnique(regions.map((r) => r.code), 'region code');
    for (const region of regions) {
      expect(regionCodeProblem(region.code), region.code).toBeNull();
      expect(region.parentCode).toBe(parentRegionCode(region.code));
      if (region.parentCode) expect(codes.has(region.parentCode), region.code).toBe(true);
    }
  });
});

describe('province slices', () => {
  it('hold valid USCCs of their own regions, except the declared pilot codes, unique across slices', () => {
    for (const { registry, slice } of rows) {
      const regionCodes = new Set(registry.regions.map((r) => r.code));
      const pilots = new Set(registry.pilotCodes);
      expect(pilots.size).toBe(5);
      for (const o of registry.organizations) {
        expect(isValidUscc(o.uscc), o.uscc).toBe(!pilots.has(o.uscc));
        expect(regionCodes.has(o.regionCode), `${o.name} in ${slice.city.name}`).toBe(true);
        expect(usccRegionCode(o.uscc)).toBe(o.regionCode);
      }
    }
    expectUnique(rows.flatMap((r) => r.registry.organizations.map((o) => o.uscc)), 'USCC');
  });

  it('hang every organization from one of its own slice and give every official a valid, province-unique ID number', () => {
    for (const { registry } of rows) {
      const usccs = new Set(registry.organizations.map((o) => o.uscc));
      for (const o of registry.organizations) if (o.parentUscc) expect(usccs.has(o.parentUscc), o.name).toBe(true);
      for (const official of registry.officials) {
        expect(isValidIdNumber(official.idNumber), official.idNumber).toBe(true);
        expect(usccs.has(official.organizationUscc)).toBe(true);
        expect(official.phone).toMatch(/^1\d{10}$/);
      }
    }
    expectUnique(rows.flatMap((r) => r.registry.officials.map((o) => o.idNumber)), 'ID number');
  });

  it('derive every domain row from the slice registry: its USCCs and its officials', () => {
    for (const { registry, commitments, court, contracts, training } of rows) {
      const usccs = new Set(registry.organizations.map((o) => o.uscc));
      const idNumbers = new Set(registry.officials.map((o) => o.idNumber));
      const known = (uscc: string) => usccs.has(uscc);
      const official = (idNumber: string) => idNumbers.has(idNumber);

      expect(commitments.letters.every((l) => known(l.organizationUscc))).toBe(true);
      expect(commitments.officialCommitments.every((c) => official(c.idNumber) && known(c.acceptingUnitUscc))).toBe(true);
      expect(commitments.complaints.every((c) => known(c.organizationUscc))).toBe(true);
      // Courts also list bodies abolished since (registered: false); the others are the registry's.
      expect(court.records.every((r) => known(r.row.cardNum) === r.registered)).toBe(true);
      expect(court.records.filter((r) => !r.registered).length).toBeLessThan(court.records.length * 0.1);
      expect(court.pendingCases.every((p) => known(p.cardNum))).toBe(true);
      expect(contracts.contracts.every((c) => known(c.governmentUscc))).toBe(true);
      expect(contracts.responsibilities.every((r) => official(r.idNumber))).toBe(true);
      expect(training.sessions.every((s) => known(s.organizingUnitUscc))).toBe(true);
      expect(training.plans.every((p) => known(p.organizationUscc))).toBe(true);
      expect(training.attendance.every((a) => official(a.idNumber) && known(a.organizationUscc))).toBe(true);
      expect(training.assessments.every((a) => official(a.idNumber))).toBe(true);
      expect(training.records.every((r) => official(r.idNumber))).toBe(true);
    }
  });

  it('give the courts rows their import accepts', () => {
    for (const { court } of rows) {
      for (const record of court.records) expect(() => readCourtRow(record.row, DEMO_AS_OF), record.row.caseCode).not.toThrow();
      for (const pending of court.pendingCases) expect(() => readPendingCaseRow(pending), pending.caseCode).not.toThrow();
    }
  });

  it('give the dishonesty records rows their import accepts, decided by bodies registered in the slice as such deciders', () => {
    const caller = new Caller('province-test', new Set(['PUBLIC', 'AUDITOR']), null);
    const allowed = kindsImportableBy(caller);
    for (const { dishonesty, registry } of rows) {
      const kinds = new Map(registry.organizations.map((o) => [o.uscc, o.kind]));
      const idNumbers = new Set(registry.officials.map((o) => o.idNumber));
      expect(dishonesty.records.length).toBeGreaterThan(0);
      for (const { row } of dishonesty.records) {
        const { data } = readRecordRow(row, { caller, allowed, on: DEMO_AS_OF });
        expect(AUTHORITY_KINDS[data.kind], row.documentNumber).toContain(kinds.get(row.authorityUscc));
        if (row.idNumber) expect(idNumbers.has(row.idNumber), row.documentNumber).toBe(true);
      }
    }
  });

  it('name every court of the province with case-number prefixes its import accepts, distinct across the province', () => {
    const prefixes = slices.flatMap((slice) => {
      const registry = buildSliceRegistry(slice, { withOfficials: false });
      return registry.regions.filter((r) => r.level !== 'PROVINCE').map((r) => courtOf(registry, r.code));
    });
    expect(prefixes).toHaveLength(134);
    for (const court of prefixes) {
      expect(parseCaseNumber(`(2015)${court.oldAbbreviation}执字第00123号`), court.name).not.toHaveProperty('problem');
      expect(parseCaseNumber(`(2026)${court.code}执12345号`), court.name).not.toHaveProperty('problem');
    }
    expectUnique(prefixes.map((c) => c.oldAbbreviation), 'pre-2016 court abbreviation');
    expectUnique(prefixes.map((c) => c.code), 'court code');
  });

  it('never share a primary key across slices', () => {
    const all = <T>(pick: (r: SliceRows) => T[]) => rows.flatMap(pick);
    expectUnique(all((r) => r.commitments.letters.map((l) => l.id)), 'letter id');
    expectUnique(all((r) => r.commitments.letters.map((l) => l.letterNumber)), 'letter number');
    expectUnique(all((r) => r.commitments.items.map((i) => i.id)), 'item id');
    expectUnique(all((r) => r.commitments.officialCommitments.map((c) => c.id)), 'official commitment id');
    expectUnique(all((r) => r.commitments.complaints.map((c) => c.id)), 'commitment complaint id');
    expectUnique(all((r) => r.court.records.map((c) => c.row.caseCode)), 'case number');
    expectUnique(all((r) => r.court.pendingCases.map((c) => c.caseCode)), 'pending case number');
    expectUnique(all((r) => [...r.court.pushActions, ...r.court.objections, ...r.court.repairs].map((a) => a.id)), 'court action id');
    expectUnique(all((r) => r.contracts.contracts.map((c) => c.id)), 'contract id');
    expectUnique(all((r) => r.contracts.milestones.map((m) => m.id)), 'milestone id');
    expectUnique(all((r) => r.contracts.payments.map((p) => p.id)), 'payment id');
    expectUnique(all((r) => [...r.contracts.complaints, ...r.contracts.responsibilities, ...r.contracts.actions].map((c) => c.id)), 'contract complaint id');
    expectUnique(all((r) => r.training.sessions.map((s) => s.id)), 'session id');
    expectUnique(all((r) => r.training.attendance.map((a) => a.id)), 'attendance id');
    expectUnique(all((r) => r.training.assessments.map((a) => a.id)), 'assessment id');
    expectUnique(all((r) => r.training.attendance.map((a) => `${a.sessionId}|${a.idNumber}`)), 'attendance of a session');
    expectUnique(all((r) => r.training.assessments.map((a) => `${a.idNumber}|${a.year}`)), 'assessment of a year');
    expectUnique(all((r) => r.dishonesty.records.map((d) => d.id)), 'dishonesty record id');
    expectUnique(all((r) => r.dishonesty.records.map((d) => `${d.row.authorityUscc}|${d.row.documentNumber}`)), 'dishonesty decision');
  });

  it('are the same every time they are built', () => {
    const again = build(tested[0]!);
    const first = rows[0]!;
    expect(hash(again.registry)).toBe(hash(first.registry));
    expect(hash(again.commitments)).toBe(hash(first.commitments));
    expect(hash(again.court)).toBe(hash(first.court));
    expect(hash(again.contracts)).toBe(hash(first.contracts));
    expect(hash(again.training)).toBe(hash(first.training));
    expect(hash(again.dishonesty)).toBe(hash(first.dishonesty));
  });

  it('reach the preset minimums over the whole province at the rates per organization of the two slices', () => {
    // Organizations of every slice are cheap to count; the rates come from the two built slices.
    const provinceOrganizations = slices.reduce((n, slice) => n + buildSliceRegistry(slice, { withOfficials: false }).organizations.length, 0);
    const sliceOrganizations = rows.reduce((n, r) => n + r.registry.organizations.length, 0);
    const projected = (count: (r: SliceRows) => number) => (rows.reduce((n, r) => n + count(r), 0) / sliceOrganizations) * provinceOrganizations;
    const trainingRows = (r: SliceRows) => Object.values(r.training).reduce((n, list) => n + list.length, 0);

    expect(provinceOrganizations).toBeGreaterThanOrEqual(PROVINCE_MINIMUMS.organizations);
    expect(projected((r) => r.registry.officials.length)).toBeGreaterThanOrEqual(PROVINCE_MINIMUMS.officials);
    expect(projected((r) => r.commitments.items.length)).toBeGreaterThanOrEqual(PROVINCE_MINIMUMS.commitmentItems);
    expect(projected((r) => r.court.records.length)).toBeGreaterThanOrEqual(PROVINCE_MINIMUMS.debtorRecords);
    expect(projected((r) => r.contracts.contracts.length)).toBeGreaterThanOrEqual(PROVINCE_MINIMUMS.contracts);
    expect(projected(trainingRows)).toBeGreaterThanOrEqual(PROVINCE_MINIMUMS.trainingRows);
  });
});
