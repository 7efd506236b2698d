// The processes' TypeScript, transpiled ahead of time.
//
// `tsx` transpiles each file as it is loaded, through module hooks that run beside the process:
// every import, node_modules included, passes through them. A stack of eight processes pays that on
// every start (measured: a subgraph answers /healthz after 1.5 s from JavaScript, 2.3–2.9 s under
// tsx, on this 2-core machine), and the end-to-end tests start about thirty stacks. So the tests
// transpile gateway/, platform/ and subgraphs/ once per run, with the same esbuild and tsconfig
// tsx uses (legacy decorators, no metadata), into tmp/compiled/ inside the repository (so that
// node_modules resolve; not a dot-folder, which express will not send files from), and start the
// processes from there. Everything else those folders hold (rule sets, the explorer's assets) is
// copied beside it, so paths relative to a module still hold.
// No imports from the kit here: this runs in vitest's own process (test/e2e/global-setup.ts).
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** What the stack's processes load (the subgraphs and the gateway, and what they stand on), and the command-line tools. */
const PROCESS_FOLDERS = ['platform', 'subgraphs', 'gateway', 'scripts'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Transpiles into `outDir` (inside the repository) and returns it. */
export async function compileProcesses(outDir: string): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  const files = PROCESS_FOLDERS.flatMap((folder) => filesUnder(join(ROOT, folder)));
  const sources = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await build({ entryPoints: sources, outdir: outDir, outbase: ROOT, format: 'esm', platform: 'node', target: 'node20', tsconfig: join(ROOT, 'tsconfig.json'), logLevel: 'warning' });
  for (const file of files.filter((f) => !f.endsWith('.ts'))) cpSync(file, join(outDir, relative(ROOT, file)));
  return outDir;
}

/** The compiled form of a script path such as `subgraphs/registry/main.ts`. */
export function compiledScript(outDir: string, script: string): string {
  return join(outDir, script.replace(/\.ts$/, '.js'));
}
