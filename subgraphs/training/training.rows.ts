import { randomUUID } from 'node:crypto';
import { badInput, type EntityManager, type ImportResult } from '../kit/index.js';

/** A row that passed validation, with its number in the request (from 1). */
export interface ValidRow<D> {
  row: number;
  data: D;
}

/**
 * Validates each row, reporting a bad one with its number (from 1) and keeping the rest. A
 * later row with the key of an earlier one is rejected as a duplicate, naming the earlier row.
 */
export function validRows<I, D>(rows: I[], result: ImportResult, keyOf: (data: D) => string, check: (row: I, rowNumber: number) => D): Array<ValidRow<D>> {
  const valid: Array<ValidRow<D>> = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + 1;
    try {
      const data = check(row, rowNumber);
      const earlier = firstRowOf.get(keyOf(data));
      if (earlier !== undefined) throw badInput(`与第${earlier}行重复 (duplicate of row ${earlier})`, { field: 'idNumber', rule: 'DUPLICATE' });
      firstRowOf.set(keyOf(data), rowNumber);
      valid.push({ row: rowNumber, data });
    } catch (error) {
      result.reject(rowNumber, error);
      // A rejected row's warnings go with it.
      result.warnings = result.warnings.filter((w) => w.row !== rowNumber);
    }
  });
  return valid;
}

/**
 * Writes validated rows against the stored rows of the same keys: new keys are inserted,
 * changed rows updated, identical rows left alone; one flush, so the accepted rows land in
 * one transaction and the rejected ones nowhere.
 */
export async function upsertRows<T extends object, D extends Partial<T>>(
  em: EntityManager,
  entity: new () => T,
  result: ImportResult,
  valid: Array<ValidRow<D>>,
  existing: Map<string, T>,
  keyOf: (data: D) => string,
): Promise<ImportResult> {
  for (const { data } of valid) {
    const current = existing.get(keyOf(data));
    if (!current) {
      em.create(entity, { id: randomUUID(), ...data } as any);
      result.accepted++;
    } else if ((Object.keys(data) as Array<keyof D & keyof T>).every((k) => current[k] === (data[k] as unknown))) {
      result.unchanged++;
    } else {
      em.assign(current, data as any);
      result.updated++;
    }
  }
  await em.flush();
  return result;
}
