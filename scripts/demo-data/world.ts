/**
 * The demo world as the seeders receive it: each subgraph's part, keyed by the subgraph's
 * name, for the demo (黑河市, built once and shared) or for the province (city by city, each
 * city's part built only when its seeder reaches it). scripts/lib/seeding.ts hands each
 * seeder its part; the demo world itself imports no subgraph.
 */
import { buildDemoCommitments, type DemoCommitments } from './commitments.js';
import { buildDemoContracts, type DemoContracts } from './contracts.js';
import { buildDemoCourtDebtors, DEMO_AS_OF, type DemoCourtDebtors } from './court-debtors.js';
import { buildDemoDishonesty, type DemoDishonesty } from './dishonesty-records.js';
import { buildDemoRegistry, type DemoRegistry } from './heihe.js';
import {
  buildSliceCommitments, buildSliceContracts, buildSliceCourtDebtors, buildSliceDishonesty, buildSliceRegistry, buildSliceTraining, provinceSlices, sliceStage, type ProvinceSlice,
} from './province.js';
import { buildDemoTraining, type DemoTraining } from './training.js';

/** `demo`: 黑河市 (~1,900 organizations); `province`: 黑龙江省, at least 100,000 organizations. */
export type Scale = 'demo' | 'province';

/** Each seeding subgraph's part of the demo world, by the subgraph's name. */
export interface DemoWorld {
  registry: DemoRegistry;
  commitments: DemoCommitments;
  'court-debtors': DemoCourtDebtors & { asOf: string };
  contracts: DemoContracts;
  training: DemoTraining;
  'dishonesty-records': DemoDishonesty & { asOf: string };
}

export type DemoWorldPart = keyof DemoWorld;

/** The demo: every part derived from one registry. */
export function buildDemoWorld(): DemoWorld {
  const registry = buildDemoRegistry();
  return {
    registry,
    commitments: buildDemoCommitments(registry),
    'court-debtors': { ...buildDemoCourtDebtors(registry), asOf: DEMO_AS_OF },
    contracts: buildDemoContracts(registry),
    training: buildDemoTraining(registry),
    'dishonesty-records': { ...buildDemoDishonesty(registry), asOf: DEMO_AS_OF },
  };
}

/**
 * The province's parts, one city at a time: each builds the city's registry again, so memory
 * stays bounded to one city and every subgraph agrees on its USCCs and ID numbers.
 */
const PROVINCE_SLICE: { [P in DemoWorldPart]: (slice: ProvinceSlice) => DemoWorld[P] } = {
  registry: (slice) => buildSliceRegistry(slice),
  commitments: (slice) => buildSliceCommitments(slice),
  'court-debtors': (slice) => ({ ...buildSliceCourtDebtors(slice), asOf: DEMO_AS_OF }),
  contracts: (slice) => buildSliceContracts(slice),
  training: (slice) => buildSliceTraining(slice),
  'dishonesty-records': (slice) => ({ ...buildSliceDishonesty(slice), asOf: DEMO_AS_OF }),
};

export function isDemoWorldPart(name: string): name is DemoWorldPart {
  return Object.hasOwn(PROVINCE_SLICE, name);
}

/** One city of the province's part `name`: its rows, built when called, and its progress stage. */
export function provinceParts<P extends DemoWorldPart>(name: P): Array<{ stage: string; rows(): DemoWorld[P] }> {
  return provinceSlices().map((slice) => ({ stage: sliceStage(name, slice), rows: () => PROVINCE_SLICE[name](slice) }));
}
