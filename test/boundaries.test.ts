import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The import boundaries (.dependency-cruiser.cjs, `npm run lint:boundaries`): the tree keeps
 * them, and each rule catches the violation it is for, in a small tree written to a temporary
 * folder with the same configuration.
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Cruise {
  exitCode: number;
  /** "rule: from → to", sorted. */
  violations: string[];
  output: string;
}

/**
 * Runs the check exactly as `npm run lint:boundaries` does, in `dir`: its exit code is the
 * number of errors, and each error is a line "error <rule>: <from> → <to>".
 */
function cruise(dir: string): Promise<Cruise> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DEPCRUISE, 'platform', 'gateway', 'subgraphs', 'scripts', '--config', '.dependency-cruiser.cjs'],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        resolve({
          exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0,
          violations: [...output.matchAll(/^\s*error (\S+): (\S+) → (\S+)\s*$/gm)].map((m) => `${m[1]}: ${m[2]} → ${m[3]}`).sort(),
          output,
        });
      },
    );
  });
}

const FIXTURE: Record<string, string> = {
  // Two packages, as leaves: type-graphql and reflect-metadata, which the gateway must not reach.
  'node_modules/type-graphql/package.json': JSON.stringify({ name: 'type-graphql', main: 'index.js' }),
  'node_modules/type-graphql/index.js': 'module.exports = {};\n',
  'node_modules/reflect-metadata/package.json': JSON.stringify({ name: 'reflect-metadata', main: 'index.js' }),
  'node_modules/reflect-metadata/index.js': 'module.exports = {};\n',
  'platform/index.ts': 'export const platform = 1;\n',
  'platform/validation/uscc.ts': 'export const checkDigit = 1;\n',
  'platform/reaches-up.ts': "import { kit } from '../subgraphs/kit/index.js';\nexport const up = kit;\n",
  'platform/decorated.ts': "import 'reflect-metadata';\nexport const decorated = 1;\n",
  'subgraphs/kit/index.ts': "import { platform } from '../../platform/index.js';\nexport const kit = platform;\n",
  // The kit may use type-graphql: the subgraphs' schemas are built with it.
  'subgraphs/kit/types.ts': "import 'type-graphql';\nexport const types = 1;\n",
  'subgraphs/kit/reaches-up.ts': "import { schema } from '../registry/schema.js';\nexport const up = schema;\n",
  'subgraphs/registry/own.ts': "import { platform } from '../../platform/index.js';\nexport const own = platform;\n",
  'subgraphs/registry/schema.ts': "import { kit } from '../kit/index.js';\nimport { own } from './own.js';\nexport const schema = kit + own;\n",
  // The deliberate violation of issue 14: a subgraph importing another subgraph.
  'subgraphs/registry/__violation__.ts': "import { commitments } from '../commitments/schema.js';\nexport const stolen = commitments;\n",
  'subgraphs/registry/unresolvable.ts': "import { nothing } from './nowhere.js';\nexport const lost = nothing;\n",
  'subgraphs/commitments/schema.ts': 'export const commitments = 1;\n',
  // A seeder is handed its demo rows; importing the demo world is crossing the line.
  'subgraphs/commitments/seed.ts': "import { demo } from '../../scripts/demo-data/world.js';\nexport const seed = demo;\n",
  'subgraphs/commitments/uses-gateway.ts': "import type { Gateway } from '../../gateway/build.js';\nexport const g: Gateway = 1;\n",
  'subgraphs/commitments/uses-script.ts': "import { token } from '../../scripts/token.js';\nexport const t = token;\n",
  'gateway/build.ts': "import { platform } from '../platform/index.js';\nexport type Gateway = number;\nexport const gateway = platform;\n",
  'gateway/uses-kit.ts': "import { kit } from '../subgraphs/kit/index.js';\nexport const k = kit;\n",
  // Allowed import, forbidden reach: platform/decorated.ts loads reflect-metadata.
  'gateway/decorated.ts': "import { decorated } from '../platform/decorated.js';\nexport const d = decorated;\n",
  'gateway/reaches-in.ts': "import { schema } from '../subgraphs/registry/schema.js';\nexport const inside = schema;\n",
  'gateway/uses-script.ts': "import { token } from '../scripts/token.js';\nexport const t = token;\n",
  'scripts/demo-data/world.ts': "import { checkDigit } from '../../platform/validation/uscc.js';\nimport { more } from './more.js';\nexport const demo = checkDigit + more;\n",
  'scripts/demo-data/more.ts': 'export const more = 1;\n',
  'scripts/demo-data/reaches-up.ts':
    "import { kit } from '../../subgraphs/kit/index.js';\nimport { schema } from '../../subgraphs/registry/schema.js';\nimport { token } from '../token.js';\nimport { platform } from '../../platform/index.js';\nexport const up = kit + schema + token + platform;\n",
  'scripts/token.ts': "import { schema } from '../subgraphs/registry/schema.js';\nimport { gateway } from '../gateway/build.js';\nexport const token = schema + gateway;\n",
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  'package.json': JSON.stringify({ type: 'module' }),
};

describe('import boundaries (.dependency-cruiser.cjs)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('the tree keeps them: scripts → gateway/subgraphs → kit → platform, the gateway → platform, no subgraph imports another', async () => {
    const result = await cruise(ROOT);
    expect(result.violations, result.output).toEqual([]);
    expect(result.exitCode, result.output).toBe(0);
    const cruised = /(\d+) modules, (\d+) dependencies cruised/.exec(result.output);
    expect(Number(cruised?.[1]), result.output).toBeGreaterThan(100);
  });

  it('fails on each kind of violation, naming the rule, and lets the allowed imports pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
    dirs.push(dir);
    copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    for (const [path, content] of Object.entries(FIXTURE)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }

    const result = await cruise(dir);
    expect(result.exitCode, result.output).toBe(16);
    // Exactly these: a subgraph → the kit, platform/ or its own folder, the kit → platform/ or
    // type-graphql, the gateway → platform/, the demo world → itself or platform/validation/, and
    // scripts/ → anything below are not among them.
    expect(result.violations).toEqual([
      'demo-world-imports-no-subgraph: scripts/demo-data/reaches-up.ts → platform/index.ts',
      'demo-world-imports-no-subgraph: scripts/demo-data/reaches-up.ts → scripts/token.ts',
      'demo-world-imports-no-subgraph: scripts/demo-data/reaches-up.ts → subgraphs/kit/index.ts',
      'demo-world-imports-no-subgraph: scripts/demo-data/reaches-up.ts → subgraphs/registry/schema.ts',
      'gateway-imports-only-the-platform: gateway/reaches-in.ts → subgraphs/registry/schema.ts',
      'gateway-imports-only-the-platform: gateway/uses-kit.ts → subgraphs/kit/index.ts',
      'gateway-imports-only-the-platform: gateway/uses-script.ts → scripts/token.ts',
      'gateway-loads-no-type-graphql: gateway/decorated.ts → node_modules/reflect-metadata/index.js',
      'kit-imports-no-layer-above: subgraphs/kit/reaches-up.ts → subgraphs/registry/schema.ts',
      'no-subgraph-imports-another: subgraphs/registry/__violation__.ts → subgraphs/commitments/schema.ts',
      'no-unresolvable-import: subgraphs/registry/unresolvable.ts → ./nowhere.js',
      'platform-imports-no-layer-above: platform/reaches-up.ts → subgraphs/kit/index.ts',
      'platform-imports-no-type-graphql: platform/decorated.ts → node_modules/reflect-metadata/index.js',
      'subgraph-imports-no-gateway-or-scripts: subgraphs/commitments/seed.ts → scripts/demo-data/world.ts',
      'subgraph-imports-no-gateway-or-scripts: subgraphs/commitments/uses-gateway.ts → gateway/build.ts',
      'subgraph-imports-no-gateway-or-scripts: subgraphs/commitments/uses-script.ts → scripts/token.ts',
    ]);
  });

  it('the gateway process loads no type-graphql: gateway/build.ts imported through tsx, as the supervisor starts it, loads no module of the package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'boundaries-load-'));
    dirs.push(dir);
    // ES modules are seen by a resolve hook; CommonJS ones are in require's cache afterwards.
    writeFileSync(join(dir, 'hooks.mjs'), [
      'export async function resolve(specifier, context, next) {',
      '  const resolved = await next(specifier, context);',
      "  if (resolved.url.includes('/node_modules/type-graphql/')) process.stdout.write(`LOADED ${resolved.url}\\n`);",
      '  return resolved;',
      '}',
    ].join('\n'));
    writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`);
    const script = [
      "const { createRequire } = await import('node:module');",
      "await import('./gateway/build.ts');",
      "const loaded = Object.keys(createRequire(process.cwd() + '/x.js').cache).filter((path) => path.includes('/node_modules/type-graphql/'));",
      "for (const path of loaded) console.log(`LOADED ${path}`);",
      "console.log('IMPORTED gateway/build.ts');",
    ].join('\n');
    const output = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', join(dir, 'register.mjs'), '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
    expect(output).toContain('IMPORTED gateway/build.ts');
    expect(output.split('\n').filter((line) => line.startsWith('LOADED'))).toEqual([]);
  });
});
