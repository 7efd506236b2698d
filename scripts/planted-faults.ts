// npm run faults -- [--only ID ...] [--list]
// Issue 21's planted faults, replayed: each is a small edit to the code, the kind of slip the
// issue found tests blind to. For each, the named test files are run as they are (they must pass,
// or a failure would prove nothing), then with the fault planted (they must fail); the file is
// restored whatever happens. Prints which tests caught each fault. Mutation testing (npm run
// mutation) does this for every operator of the rule modules; this list is the issue's own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';

interface PlantedFault {
  id: string;
  /** The fault as issue 21 names it. */
  fault: string;
  file: string;
  /** Text that must occur in `file`; every occurrence is replaced by `to`. */
  from: string;
  to: string;
  project: string;
  tests: string[];
}

const FAULTS: PlantedFault[] = [
  // Issue 17's exchange: the slips that would send a province a record twice, a version it already
  // has, or personal data.
  {
    id: 'exchange-no-resend',
    fault: 'the exchange forgets the batch it was sending when it stopped (a new batch instead of the same one)',
    file: 'subgraphs/exchange/exchange.worker.ts',
    from: '(await openBatch(this.em, this.channel.name)) ?? ',
    to: '',
    project: 'quick',
    tests: ['test/exchange/delivery.test.ts'],
  },
  {
    id: 'exchange-digest-ignored',
    fault: 'the exchange makes a new version of a record on every read, changed or not',
    file: 'subgraphs/exchange/exchange.repository.ts',
    from: 'if (before ? before.digest === row.digest : row.op === \'DELETE\')',
    to: 'if (before ? false : row.op === \'DELETE\')',
    project: 'quick',
    tests: ['test/exchange/delivery.test.ts'],
  },
  {
    id: 'exchange-guard-off',
    fault: 'the personal-data guard lets everything through',
    file: 'subgraphs/exchange/catalogue.rules.ts',
    from: '  if (!data) return null;\n  const skip',
    to: '  return null;\n  const skip',
    project: 'quick',
    tests: ['test/exchange/catalogue.test.ts', 'test/exchange/delivery.test.ts'],
  },
  {
    id: 'exchange-mask-off',
    fault: 'the catalogue\'s masking of personal fields skipped',
    file: 'subgraphs/exchange/catalogue.rules.ts',
    from: "data[field.code] = field.personal && typeof value === 'string' && value ? MASKS[field.personal](value) : value;",
    to: 'data[field.code] = value;',
    project: 'quick',
    tests: ['test/exchange/catalogue.test.ts'],
  },
  {
    id: 'target-2022',
    fault: 'the 2022 commitment coverage target changed from 0.8 to 0.5',
    file: 'subgraphs/commitments/reports/types.ts',
    from: 'year <= 2022 ? 0.8 : 0.85',
    to: 'year <= 2022 ? 0.5 : 0.85',
    project: 'quick',
    tests: ['test/commitments/commitments.test.ts'],
  },
  {
    id: 'publication-target-true',
    fault: '`meetsPublicationTarget` hard-wired to true',
    file: 'subgraphs/commitments/reports/coverage.ts',
    from: 'meetsPublicationTarget: headline.publicationRate >= PUBLICATION_TARGET,',
    to: 'meetsPublicationTarget: true,',
    project: 'quick',
    tests: ['test/commitments/commitments.test.ts'],
  },
  {
    id: 'missing-cursor-off-by-one',
    fault: 'an off-by-one in the `missingOrganizations` cursor (the page after a cursor starts at the cursor)',
    file: 'subgraphs/commitments/coverage.resolver.ts',
    from: '(uscc) => uscc > String(window.afterKey)',
    to: '(uscc) => uscc >= String(window.afterKey)',
    project: 'quick',
    tests: ['test/commitments/commitments.test.ts'],
  },
  {
    id: 'summary-unpublished-letters',
    fault: 'the commitment summary counting items of unpublished letters',
    file: 'subgraphs/commitments/reports/summary.ts',
    from: 'l.letter.year <= year && isBinding(l.letter)',
    to: 'l.letter.year <= year',
    project: 'quick',
    tests: ['test/commitments/commitments.test.ts'],
  },
  {
    id: 'training-cap',
    fault: 'the training coverage cap removed',
    file: 'subgraphs/training/reports/summary.ts',
    from: 'Math.min(1, ratio(trained, officials, 0))',
    to: 'ratio(trained, officials, 0)',
    project: 'quick',
    tests: ['test/training/training.test.ts'],
  },
  {
    id: 'depth-13',
    fault: 'the depth limit 13 instead of 12 (the issue: 45 passed)',
    file: 'platform/limits.ts',
    from: 'maxDepth: 12,',
    to: 'maxDepth: 13,',
    project: 'quick',
    tests: ['test/gateway/limits.test.ts'],
  },
  {
    id: 'aliases-31',
    fault: 'the alias limit 31 instead of 30 (the issue: 8 passed)',
    file: 'platform/limits.ts',
    from: 'maxAliases: 30,',
    to: 'maxAliases: 31,',
    project: 'quick',
    tests: ['test/gateway/limits.test.ts'],
  },
  {
    id: 'cost-boundary',
    fault: 'the cost limit for a token one above its README value',
    file: 'platform/limits.ts',
    from: 'maxCost: 20_000,',
    to: 'maxCost: 20_001,',
    project: 'quick',
    tests: ['test/gateway/limits.test.ts'],
  },
  {
    id: 'retry-after-removed',
    fault: 'the rate limit\'s `retry-after` header removed',
    file: 'gateway/plugins/rate-limit.ts',
    from: "headers: new Map([['retry-after', String(seconds)]])",
    to: 'headers: new Map()',
    project: 'quick',
    tests: ['test/gateway/http-hardening.test.ts', 'test/gateway/limits.test.ts'],
  },
  {
    id: 'audit-log-rewritable',
    fault: 'the audit log not append-only (no triggers refusing UPDATE and DELETE on SQLite)',
    file: 'platform/append-only.ts',
    from: 'for (const operation of refused) {',
    to: 'for (const operation of [] as RefusedOperation[]) {',
    project: 'quick',
    tests: ['test/gateway/audit-store.test.ts'],
  },
  {
    id: 'legal-representative-unmasked',
    fault: '`legalRepresentative` returned unmasked to everyone',
    file: 'subgraphs/court-debtors/record.resolver.ts',
    from: 'return caller.seesPersonalData || ownUnit ? record.legalRepresentative : maskPersonName(record.legalRepresentative);',
    to: 'return record.legalRepresentative;',
    project: 'e2e',
    tests: ['test/e2e/public-privacy.e2e.test.ts'],
  },
];

interface JsonReport {
  testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string }> }>;
}

/** Runs the files; the names of the tests that failed (empty when all passed). */
function failingTests(fault: PlantedFault): { ok: boolean; failed: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'planted-'));
  const report = join(dir, 'report.json');
  try {
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--project', fault.project, ...fault.tests, '--reporter=json', `--outputFile=${report}`],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' } },
    );
    let failed: string[] = [];
    try {
      const json = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
      failed = json.testResults.flatMap((file) => file.assertionResults.filter((t) => t.status === 'failed').map((t) => `${file.name.replace(`${process.cwd()}/`, '')} › ${t.fullName}`));
    } catch {
      failed = [`(no report: vitest exited ${run.status})`];
    }
    return { ok: run.status === 0, failed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const options = new Command()
  .name('faults')
  .description('Replay issue 21\'s planted faults against the tests that must catch them (重放问题21中植入的缺陷，检查测试能否发现)')
  .option('--only <id...>', 'only these faults')
  .option('--list', 'list the faults and exit', false)
  .parse()
  .opts<{ only?: string[]; list: boolean }>();

const chosen = FAULTS.filter((f) => !options.only || options.only.includes(f.id));
if (options.list) {
  for (const f of chosen) console.log(`${f.id.padEnd(30)} ${f.fault}  [${f.tests.join(', ')}]`);
  process.exit(0);
}

let missed = 0;
for (const fault of chosen) {
  const original = readFileSync(fault.file, 'utf8');
  if (!original.includes(fault.from)) {
    console.log(`✗ ${fault.id}: ${fault.file} no longer holds the text the fault changes; update the list`);
    missed++;
    continue;
  }
  const baseline = failingTests(fault);
  if (!baseline.ok) {
    console.log(`✗ ${fault.id}: the tests fail without the fault, so they prove nothing:\n    ${baseline.failed.join('\n    ')}`);
    missed++;
    continue;
  }
  const restore = () => writeFileSync(fault.file, original);
  process.once('SIGINT', () => { restore(); process.exit(130); });
  try {
    writeFileSync(fault.file, original.split(fault.from).join(fault.to));
    const planted = failingTests(fault);
    if (planted.ok) {
      console.log(`✗ ${fault.id}: NOT CAUGHT — ${fault.fault}`);
      missed++;
    } else {
      console.log(`✓ ${fault.id}: ${fault.fault}\n    caught by ${planted.failed.length} test(s):\n    ${planted.failed.slice(0, 6).join('\n    ')}${planted.failed.length > 6 ? '\n    …' : ''}`);
    }
  } finally {
    restore();
    process.removeAllListeners('SIGINT');
  }
}
console.log(`${chosen.length - missed}/${chosen.length} planted faults caught`);
process.exit(missed === 0 ? 0 : 1);
