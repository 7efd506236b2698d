import { createHash } from 'node:crypto';
import { Caller, tableRows, tableSeeder, type Seeder, type TableRows } from '../kit/index.js';
import { DishonestyRecord } from './entities/dishonesty-record.js';
import { AppliedSanction } from './entities/applied-sanction.js';
import { DishonestyKind } from './entities/enums.js';
import type { DishonestyRecordInput } from './inputs.js';
import { newRecordColumns, readRecordRow } from './record.rows.js';
import { sanctionsOfNewRecord } from './sanction.rules.js';

const EPOCH = new Date('2026-01-01T00:00:00Z');
/** The seeder reads rows as the credit office would send them: any kind. */
const SEEDER = new Caller('dishonesty-demo', new Set(['AUDITOR']), null);

/** The dishonesty records' part of the demo world, as the seeder's caller hands it over. */
export interface DishonestySeedRows {
  /** The day the rows were read on (decision dates are not after it). */
  asOf: string;
  records: Array<{ id: string; row: DishonestyRecordInput; rectification?: { reportedOn: string; explanation: string } }>;
}

/**
 * Seeds the dishonesty records from the rows it is handed: the demo, or the province city by
 * city. Each record's columns come from its row exactly as an import derives them.
 */
export const seed: Seeder<DishonestySeedRows> = tableSeeder(dishonestyTables);

function dishonestyTables(demo: DishonestySeedRows): TableRows[] {
  const allowed = new Set(Object.values(DishonestyKind));
  const reported = new Map(demo.records.filter((r) => r.rectification).map((r) => [r.id, r.rectification!]));
  const records = demo.records.map(({ id, row }) => newRecordColumns(id, readRecordRow(row, { caller: SEEDER, allowed, on: demo.asOf }).data, 'dishonesty-demo', EPOCH));
  // Each record's sanctions as the import applies them (sanction.rules.ts sanctionsOfNewRecord), as
  // if it had arrived on its decision day: the catalogue version then in force, due dates from it.
  const sanctions = records.flatMap((record) => {
    const rectification = reported.get(record.id);
    return sanctionsOfNewRecord(record, record.decisionDate, 'dishonesty-demo', (measureId) => seededId(`${record.id}:${measureId}`)).map((sanction) => {
      // The body's report, as reportDishonestyRectification records it, on a measure that asks for one.
      // Every row carries the three columns (insertRows takes its columns from the first row).
      const done = rectification !== undefined && sanction.rectificationDueDate !== null;
      return {
        ...sanction,
        rectificationExplanation: done ? rectification.explanation : null,
        rectificationReportedAt: done ? rectification.reportedOn : null,
        rectificationReportedBy: done ? 'dishonesty-demo' : null,
        createdAt: EPOCH,
        updatedAt: EPOCH,
      };
    });
  });
  return [tableRows(DishonestyRecord, 'dishonesty-records: records', records), tableRows(AppliedSanction, 'dishonesty-records: sanctions', sanctions)];
}

/** A UUID-shaped id that is the same on every seeding (the demo is reproducible). */
function seededId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
