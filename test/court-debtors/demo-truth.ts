// Brute-force answers computed straight from the demo generator, independent of the subgraph's code.
import type { DemoCourtDebtors, DemoDebtorRecord } from '../../scripts/demo-data/court-debtors.js';
import { regionPrefix, today } from '../../subgraphs/kit/index.js';

export const GOVERNMENT_TYPES = ['11', '12', '13', '19', '54'];
export const REGIONS = ['230000', '231100', '231102', '231123', '231124', '231181', '231182', '231183'];

/** 20190612 or 2019年06月12日 → 2019-06-12 */
export const isoOf = (courtDate: string) => courtDate.replace(/^(\d{4})年(\d{2})月(\d{2})日$/, '$1-$2-$3').replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3');
export const publishOf = (r: DemoDebtorRecord) => isoOf(r.row.publishDate);

/** The demo writes only these termed behaviours: two years from the listing. */
export function termEndOf(r: DemoDebtorRecord): string | null {
  if (!/违反财产报告制度|违反限制消费令/.test(r.row.disruptTypeName)) return null;
  return `${Number(publishOf(r).slice(0, 4)) + 2}${publishOf(r).slice(4)}`;
}

export function statusOf(r: DemoDebtorRecord, on = today()): string {
  const end = termEndOf(r);
  return r.status === 'ACTIVE' && end !== null && end < on ? 'EXITED' : r.status;
}

/** On the court list on a given day: ACTIVE with its term not ended, or UNDER_OBJECTION. */
export const onListOn = (on: string) => (r: DemoDebtorRecord) => statusOf(r, on) === 'ACTIVE' || statusOf(r, on) === 'UNDER_OBJECTION';
/** On the court list today (a filter callback: one argument). */
export const onList = (r: DemoDebtorRecord) => onListOn(today())(r);
export const inRegion = (uscc: string, regionCode: string) => uscc.slice(2, 8).startsWith(regionPrefix(regionCode));
export const isGovernment = (uscc: string) => GOVERNMENT_TYPES.includes(uscc.slice(0, 2));

/**
 * Listed government bodies of a region (an ACTIVE record), and those with a measure on a case on
 * the list; with `soes` (the registry's STATE_OWNED_ENTERPRISE codes), the listed SOEs too, as push
 * coverage counts them (seed 001 table row 2 "政府部门、事业单位和国有企业").
 */
export function pushCoverageOf(demo: DemoCourtDebtors, regionCode: string, soes: ReadonlySet<string> = new Set()): { listed: string[]; pushed: string[] } {
  const pushedCases = new Set(demo.pushActions.map((a) => a.caseNumber));
  const inScope = (uscc: string) => isGovernment(uscc) || soes.has(uscc);
  const listed = [...new Set(demo.records.filter((r) => statusOf(r) === 'ACTIVE' && inRegion(r.row.cardNum, regionCode) && inScope(r.row.cardNum)).map((r) => r.row.cardNum))];
  const pushed = listed.filter((uscc) => demo.records.some((r) => r.row.cardNum === uscc && onList(r) && pushedCases.has(r.row.caseCode)));
  return { listed, pushed };
}

/** Debtors on the list in a region that are not among the registry's organizations there. */
export function unmatchedOf(demo: DemoCourtDebtors, regionCode: string, organizationUsccs: readonly string[]): { debtors: string[]; unmatched: string[] } {
  const debtors = [...new Set(demo.records.filter((r) => onList(r) && inRegion(r.row.cardNum, regionCode)).map((r) => r.row.cardNum))];
  return { debtors, unmatched: debtors.filter((u) => !organizationUsccs.includes(u)).sort() };
}
