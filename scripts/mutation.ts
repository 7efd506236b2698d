/**
 * Mutation testing of the rule modules (issue 21, docs/mutation-testing.md): runs Stryker once per
 * set of stryker.config.mjs (`rules`, then `reports`) and prints each file's score, the total and
 * the surviving mutants. Not part of `npm test`: a full run takes about an hour on two cores.
 *
 *   npm run mutation                        both sets
 *   npm run mutation -- rules               one set (rules | reports)
 *   npm run mutation -- rules --mutate platform/validation/uscc.ts   further arguments go to Stryker
 *   npm run mutation -- --summary           the summary of the last reports, without running
 *
 * Reports: reports/mutation/<set>.html and .json (gitignored), and summary.txt (what is printed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SETS = ['rules', 'reports'] as const;
type MutationSet = (typeof SETS)[number];
const REPORTS = 'reports/mutation';
const TARGET = 80;

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  location: { start: { line: number; column: number } };
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

interface Tally {
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  errors: number;
  ignored: number;
}

const emptyTally = (): Tally => ({ mutants: 0, killed: 0, timeout: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0 });

function add(tally: Tally, status: Mutant['status']): void {
  tally.mutants++;
  if (status === 'Killed') tally.killed++;
  else if (status === 'Timeout') tally.timeout++;
  else if (status === 'Survived') tally.survived++;
  else if (status === 'NoCoverage') tally.noCoverage++;
  else if (status === 'CompileError' || status === 'RuntimeError') tally.errors++;
  else tally.ignored++;
}

/** Stryker's mutation score: detected (killed, timed out) over the mutants that ran or were not reached. */
function score(t: Tally): string {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * (t.killed + t.timeout)) / valid).toFixed(2)} %`;
}

function row(name: string, t: Tally): string {
  const cells = [t.mutants, t.killed, t.timeout, t.survived, t.noCoverage, t.errors].map((n) => String(n).padStart(9));
  return `${name.padEnd(52)}${cells.join('')}  ${score(t).padStart(9)}`;
}

function summary(sets: readonly MutationSet[]): string {
  const lines: string[] = [];
  const total = emptyTally();
  const survivors: string[] = [];
  lines.push(`${'file'.padEnd(52)}${['mutants', 'killed', 'timeout', 'survived', 'no cov.', 'errors'].map((h) => h.padStart(9)).join('')}  ${'score'.padStart(9)}`);
  for (const set of sets) {
    const file = join(REPORTS, `${set}.json`);
    if (!existsSync(file)) {
      lines.push(`(${set}: no report at ${file})`);
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const ofSet = emptyTally();
    for (const [path, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
      const t = emptyTally();
      for (const m of mutants) {
        add(t, m.status);
        add(ofSet, m.status);
        add(total, m.status);
        if (m.status === 'Survived' || m.status === 'NoCoverage') {
          const replacement = (m.replacement ?? '').replace(/\s+/g, ' ');
          survivors.push(`${path}:${m.location.start.line}:${m.location.start.column}  ${m.status === 'NoCoverage' ? 'NoCoverage ' : ''}${m.mutatorName}  ${replacement.length > 90 ? `${replacement.slice(0, 87)}...` : replacement}`);
        }
      }
      lines.push(row(path, t));
    }
    lines.push(row(`(set ${set})`, ofSet));
  }
  lines.push(row('TOTAL', total));
  const valid = total.killed + total.timeout + total.survived + total.noCoverage;
  const value = valid === 0 ? 0 : (100 * (total.killed + total.timeout)) / valid;
  lines.push(`score ${value.toFixed(2)} % (target ${TARGET} %): ${value >= TARGET ? 'met' : 'NOT met'}`);
  lines.push('', `surviving mutants (${survivors.length}; docs/mutation-testing.md explains those that remain):`, ...survivors);
  return lines.join('\n');
}

const args = process.argv.slice(2);
const onlySummary = args.includes('--summary');
const named = args.filter((a): a is MutationSet => (SETS as readonly string[]).includes(a));
const strykerArgs = args.filter((a) => a !== '--summary' && !(SETS as readonly string[]).includes(a));
const sets = named.length ? named : SETS;

let failed = false;
if (!onlySummary) {
  for (const set of sets) {
    const started = Date.now();
    console.log(`\n== mutation set "${set}" (stryker.config.mjs, tests in stryker.vitest.config.ts)`);
    const run = spawnSync(join('node_modules', '.bin', 'stryker'), ['run', 'stryker.config.mjs', ...strykerArgs], {
      stdio: 'inherit',
      env: { ...process.env, CREDIT_MUTATION_SET: set },
    });
    console.log(`== set "${set}": ${((Date.now() - started) / 60_000).toFixed(1)} min, exit ${run.status ?? run.signal}`);
    if (run.status !== 0) failed = true;
  }
}
const text = summary(sets);
mkdirSync(REPORTS, { recursive: true });
writeFileSync(join(REPORTS, 'summary.txt'), `${text}\n`);
console.log(`\n${text}\n\n(reports: ${REPORTS}/<set>.html, ${REPORTS}/summary.txt)`);
process.exit(failed ? 1 : 0);
