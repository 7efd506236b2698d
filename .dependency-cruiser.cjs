// The import boundaries (issue 14): layers only point down.
//
//   scripts/                    (CLIs, benchmarks: may import anything below)
//     ├─ scripts/demo-data/     the demo world: imports no subgraph, gateway/ or the rest of scripts/;
//     │                         scripts/lib/seeding.ts hands each seeder its part
//     ├─ gateway/               imports the kit, never a subgraph's own folder or scripts/
//     └─ subgraphs/<name>/      imports the kit and its own folder, never another subgraph, gateway/ or scripts/
//          └─ subgraphs/kit/    imports nothing of the above
//
// `npm run lint:boundaries` checks the tree; test/boundaries.test.ts checks the tree and that
// each rule catches its violation. Tests (test/) stand outside the layers and are not checked.

const DEMO_WORLD = '^scripts/demo-data/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'kit-imports-no-layer-above',
      severity: 'error',
      comment: 'The kit is the bottom layer: it never imports a subgraph, the gateway or scripts/.',
      from: { path: '^subgraphs/kit/' },
      to: { path: '^(subgraphs/(?!kit/)[^/]+/|gateway/|scripts/)' },
    },
    {
      name: 'no-subgraph-imports-another',
      severity: 'error',
      comment:
        'A subgraph imports only its own folder and the kit. Another domain\'s entities are stubs with their key, resolved by the gateway; a rule two subgraphs share belongs in the kit.',
      from: { path: '^subgraphs/((?!kit/)[^/]+)/' },
      to: { path: '^subgraphs/', pathNot: ['^subgraphs/$1/', '^subgraphs/kit/'] },
    },
    {
      name: 'subgraph-imports-no-gateway-or-scripts',
      severity: 'error',
      comment:
        'Subgraphs point down only: never to gateway/ or scripts/. A seeder is handed its part of the demo world by its caller (scripts/lib/seeding.ts, a test); it declares the rows it reads and never imports scripts/demo-data/.',
      from: { path: '^subgraphs/' },
      to: { path: '^(gateway|scripts)/' },
    },
    {
      name: 'demo-world-imports-no-subgraph',
      severity: 'error',
      comment:
        'The demo world (scripts/demo-data/) is data and its generators: it imports no subgraph, not the kit\'s barrel, not gateway/ and none of the rest of scripts/. Of subgraphs/ it may use the pure check-digit rules of kit/validation/ alone.',
      from: { path: DEMO_WORLD },
      to: { path: '^(subgraphs/|gateway/|scripts/(?!demo-data/))', pathNot: '^subgraphs/kit/validation/' },
    },
    {
      name: 'gateway-imports-only-the-kit',
      severity: 'error',
      comment: 'The gateway knows the subgraphs through the supergraph only: of subgraphs/ it imports the kit alone, and never scripts/.',
      from: { path: '^gateway/' },
      to: { path: '^(subgraphs/(?!kit/)[^/]+/|scripts/)' },
    },
    {
      name: 'no-unresolvable-import',
      severity: 'error',
      comment: 'An import the check cannot follow is one it cannot judge.',
      from: { path: '^(gateway|subgraphs|scripts)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Packages are read as leaves, not cruised (their own imports are not ours to judge).
    doNotFollow: { path: '(^|/)node_modules/' },
    // `import type` counts: a type from another layer is a dependency on it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
    // Packages' "exports" maps, as Node resolves them (csv-parse/sync, @apollo/server/…).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
