import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { today } from '../kit/index.js';

export type Domain = 'COMMITMENTS' | 'COURT_DEBTORS' | 'CONTRACTS' | 'TRAINING' | 'DISHONESTY';
/** 失信程度 of a dishonesty record (dishonesty-records' Severity), which a dishonesty rule counts. */
export type Severity = 'SERIOUS' | 'GENERAL' | 'MINOR';
const SEVERITIES: readonly Severity[] = ['SERIOUS', 'GENERAL', 'MINOR'];
export type Level = 'RED' | 'ORANGE' | 'YELLOW';

/** The conditions the code knows how to detect; which of them cost what is data. */
export const DETECTORS = [
  'activeDebtorRecords', 'aboutToBeListedCases', 'noPublishedLetter', 'unfulfilledItems', 'overdueItems',
  'unremediedGovernmentBreaches', 'arrears', 'substantiatedOldDebtComplaints', 'overdueComplaints', 'trainingCoverageBelow',
  'dishonestyRecordsInForce', 'overdueRectifications',
] as const;
export type Detector = (typeof DETECTORS)[number];

export interface RuleDefinition {
  id: string;
  detector: Detector;
  domain: Domain;
  /** Points for each source record (capped by `cap`), or … */
  pointsPerSource?: number;
  cap?: number;
  /** … points once, when the condition holds. */
  points?: number;
  /** For threshold detectors (training coverage). */
  threshold?: number;
  /** For dishonestyRecordsInForce: the severity of the records it counts. */
  severity?: Severity;
  /**
   * "MM-DD": the rule holds from this day of each year, not before (a grace the rule set states,
   * e.g. a new year's letter is not missing while seed 000 §五 still gives time to publish it).
   */
  from?: string;
  /** Why `from` is that day (seed and paragraph). */
  fromBasis?: string;
  warning?: Level;
  zh: string;
  en: string;
  /** Why the rule and its points (seed and paragraph), where the rule set states it. */
  basis?: string;
}

export interface RuleSetDefinition {
  id: string;
  year: number;
  version: number;
  title: string;
  basis: string;
  baseScore: number;
  grades: { A: number; B: number; C: number };
  domainCaps: Record<Domain, number>;
  rules: RuleDefinition[];
}

const RULES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'rules');

function check(set: RuleSetDefinition, file: string): RuleSetDefinition {
  const problems: string[] = [];
  for (const rule of set.rules) {
    if (!(DETECTORS as readonly string[]).includes(rule.detector)) problems.push(`${rule.id}: unknown detector ${rule.detector}`);
    if ((rule.points === undefined) === (rule.pointsPerSource === undefined)) problems.push(`${rule.id}: give exactly one of points, pointsPerSource`);
    if (rule.detector === 'trainingCoverageBelow' && rule.threshold === undefined) problems.push(`${rule.id}: needs a threshold`);
    if (rule.detector === 'dishonestyRecordsInForce' && !SEVERITIES.includes(rule.severity!)) problems.push(`${rule.id}: needs a severity of ${SEVERITIES.join(' / ')}`);
    if (rule.from !== undefined && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(rule.from)) problems.push(`${rule.id}: from must be MM-DD`);
  }
  if (new Set(set.rules.map((r) => r.id)).size !== set.rules.length) problems.push('rule ids repeat');
  if (problems.length) throw new Error(`invalid rule set ${file}: ${problems.join('; ')}`);
  return set;
}

/** Every rule set in rules/*.json, by year. Invalid files stop the subgraph at start. */
export function loadRuleSets(dir = RULES_DIR): Map<number, RuleSetDefinition> {
  const sets = new Map<number, RuleSetDefinition>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const set = check(JSON.parse(readFileSync(join(dir, file), 'utf8')) as RuleSetDefinition, file);
    sets.set(set.year, set);
  }
  return sets;
}

/** The rule set in force for a year: that year's, or else the latest before it. */
export function ruleSetFor(sets: Map<number, RuleSetDefinition>, year: number): RuleSetDefinition {
  const years = [...sets.keys()].filter((y) => y <= year).sort((a, b) => b - a);
  const found = sets.get(years[0] ?? Math.min(...sets.keys()));
  if (!found) throw new Error('no rule set');
  return found;
}

/** Rule sets are read once at start; a changed file takes effect at the next start. */
export const ruleSets = loadRuleSets();

export function currentRuleSet(): RuleSetDefinition {
  return ruleSetFor(ruleSets, Number(today().slice(0, 4)));
}
