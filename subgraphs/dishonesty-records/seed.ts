import { Caller, tableRows, tableSeeder, type Seeder, type TableRows } from '../kit/index.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { DishonestyKind } from './entities/enums.js';
import type { DishonestyRecordInput } from './inputs.js';
import { readRecordRow } from './record.rows.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');
/** The seeder reads rows as the credit office would send them: any kind. */
const SEEDER = new Caller('dishonesty-demo', new Set(['AUDITOR']), null);

/** The dishonesty records' part of the demo world, as the seeder's caller hands it over. */
export interface DishonestySeedRows {
  /** The day the rows were read on (decision dates are not after it). */
  asOf: string;
  records: Array<{ id: string; row: DishonestyRecordInput }>;
}

/**
 * Seeds the dishonesty records from the rows it is handed: the demo, or the province city by
 * city. Each record's columns come from its row exactly as an import derives them.
 */
export const seed: Seeder<DishonestySeedRows> = tableSeeder(dishonestyTables);

function dishonestyTables(demo: DishonestySeedRows): TableRows[] {
  const allowed = new Set(Object.values(DishonestyKind));
  const records = demo.records.map(({ id, row }) => ({
    id,
    ...readRecordRow(row, { caller: SEEDER, allowed, on: demo.asOf }).data,
    importedBy: 'dishonesty-demo',
    createdAt: EPOCH,
    updatedAt: EPOCH,
  }));
  return [tableRows(DishonestyRecord, 'dishonesty-records: records', records)];
}
