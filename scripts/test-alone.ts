// npm run test:alone -- [--project NAME ...] [--from FILE] [--shuffle N]
// Order independence (issue 21): runs every test file by itself, in its own vitest run, so a file
// that leans on another file's state or budget fails here; or, with --shuffle N, the whole suite N
// times in a random order (vitest --sequence.shuffle, a new seed each time, printed). Stops at the
// first failure and prints the command that reproduces it.
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';

const options = new Command()
  .name('test:alone')
  .description('Run each test file alone, or the suite in shuffled order (逐个单独运行测试文件，或随机顺序运行全部测试)')
  .option('--project <name...>', 'only these vitest projects')
  .option('--from <file>', 'start at this file (after a failure was fixed)')
  .option('--shuffle <runs>', 'instead: run the whole suite this many times in shuffled order', (v) => Number.parseInt(v, 10))
  .option('--quiet', 'no progress bar', false)
  .parse()
  .opts<{ project?: string[]; from?: string; shuffle?: number; quiet: boolean }>();

function vitest(args: string[], quiet: boolean): { ok: boolean; output: string; seconds: number } {
  const started = Date.now();
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', ...args], {
    encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}`, seconds: (Date.now() - started) / 1000 };
}

if (options.shuffle) {
  for (let round = 1; round <= options.shuffle; round++) {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const args = ['run', '--sequence.shuffle', `--sequence.seed=${seed}`, ...(options.project ?? []).flatMap((p) => ['--project', p])];
    console.log(`shuffled run ${round}/${options.shuffle}: npx vitest ${args.join(' ')}`);
    const run = vitest(args, false);
    console.log(`shuffled run ${round}: ${run.ok ? 'passed' : 'FAILED'} in ${run.seconds.toFixed(0)} s (seed ${seed})`);
    if (!run.ok) process.exit(1);
  }
  process.exit(0);
}

const listed = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'list', '--filesOnly', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (listed.status !== 0) {
  process.stderr.write(listed.stderr);
  process.exit(1);
}
let files = (JSON.parse(listed.stdout) as Array<{ file: string; projectName: string }>)
  .map(({ file, projectName }) => ({ file: relative(process.cwd(), file), project: projectName }))
  .filter((f) => !options.project || options.project.includes(f.project))
  .sort((a, b) => a.project.localeCompare(b.project) || a.file.localeCompare(b.file));
if (options.from) files = files.slice(Math.max(files.findIndex((f) => f.file === options.from), 0));

const bar = options.quiet ? null : new SingleBar({ format: '  alone {bar} {value}/{total} files | {file}' }, Presets.shades_classic);
bar?.start(files.length, 0, { file: '' });
const timings: string[] = [];
for (const [index, { file, project }] of files.entries()) {
  bar?.update(index, { file: `${project} ${file}` });
  const args = ['run', '--project', project, file];
  const run = vitest(args, true);
  timings.push(`${run.seconds.toFixed(1).padStart(6)} s  ${project.padEnd(14)} ${file}`);
  if (!run.ok) {
    bar?.stop();
    console.log(run.output);
    console.log(`\n${file} (${project}) FAILED alone: npx vitest ${args.join(' ')}`);
    process.exit(1);
  }
}
bar?.update(files.length, { file: 'done' });
bar?.stop();
console.log(timings.join('\n'));
console.log(`${files.length} files, each passed alone`);
