// The import boundaries (issue 14): layers only point down.
//
//   scripts/                    (CLIs, benchmarks: may import anything below)
//     ├─ scripts/demo-data/     the demo world: imports no subgraph, gateway/ or the rest of scripts/ (of
//     │                         platform/ the validation rules alone); scripts/lib/seeding.ts hands each seeder its part
//     ├─ gateway/               imports platform/ only: nothing of subgraphs/ (not even the kit) or scripts/,
//     │                         and reaches no type-graphql or reflect-metadata through our own modules
//     └─ subgraphs/<name>/      imports the kit, platform/ and its own folder, never another subgraph, gateway/ or scripts/
//          └─ subgraphs/kit/    type-graphql and the subgraphs' lifecycle; imports platform/, nothing of the above
//               └─ platform/    what the gateway and the subgraphs both stand on (auth, config, errors, HTTP,
//                               limits, ORM bootstrap, audit, feed client, validation); imports nothing above it,
//                               and neither type-graphql nor reflect-metadata
//
// `npm run lint:boundaries` checks the tree; test/boundaries.test.ts checks the tree and that
// each rule catches its violation. Tests (test/) stand outside the layers and are not checked.

const DEMO_WORLD = '^scripts/demo-data/';
/** type-graphql and the reflect-metadata polyfill it needs: the subgraphs' business, not the gateway's. */
const TYPE_GRAPHQL = '(^|/)node_modules/(type-graphql|reflect-metadata)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-layer-above',
      severity: 'error',
      comment: 'platform/ is the bottom layer, under the kit and the gateway: it never imports subgraphs/ (the kit included), gateway/ or scripts/.',
      from: { path: '^platform/' },
      to: { path: '^(subgraphs|gateway|scripts)/' },
    },
    {
      name: 'platform-imports-no-type-graphql',
      severity: 'error',
      comment: 'platform/ is what the gateway loads: no type-graphql, no reflect-metadata (the kit imports them for the subgraphs).',
      from: { path: '^platform/' },
      to: { path: TYPE_GRAPHQL },
    },
    {
      name: 'kit-imports-no-layer-above',
      severity: 'error',
      comment: 'The kit stands on platform/ alone: it never imports a subgraph, the gateway or scripts/.',
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
        'Subgraphs point down only (their own folder, the kit, platform/): never to gateway/ or scripts/. A seeder is handed its part of the demo world by its caller (scripts/lib/seeding.ts, a test); it declares the rows it reads and never imports scripts/demo-data/.',
      from: { path: '^subgraphs/' },
      to: { path: '^(gateway|scripts)/' },
    },
    {
      name: 'demo-world-imports-no-subgraph',
      severity: 'error',
      comment:
        'The demo world (scripts/demo-data/) is data and its generators: it imports nothing under subgraphs/ (no subgraph, not the kit), not gateway/ and none of the rest of scripts/. Of platform/ it uses the pure check-digit rules of platform/validation/ alone.',
      from: { path: DEMO_WORLD },
      to: { path: '^(subgraphs/|gateway/|scripts/(?!demo-data/)|platform/(?!validation/))' },
    },
    {
      name: 'gateway-imports-only-the-platform',
      severity: 'error',
      comment: 'The gateway knows the subgraphs through the supergraph only: it imports platform/ and nothing of subgraphs/ (not even the kit) or scripts/.',
      from: { path: '^gateway/' },
      to: { path: '^(subgraphs|scripts)/' },
    },
    {
      name: 'gateway-loads-no-type-graphql',
      severity: 'error',
      comment: 'No chain of our own imports takes the gateway to type-graphql or reflect-metadata (issue 14: the gateway loaded them for nothing through the kit). Packages are not followed: @mikro-orm/core, which the audit store needs, loads reflect-metadata on its own.',
      from: { path: '^gateway/' },
      to: { path: TYPE_GRAPHQL, reachable: true },
    },
    {
      name: 'no-unresolvable-import',
      severity: 'error',
      comment: 'An import the check cannot follow is one it cannot judge.',
      from: { path: '^(platform|gateway|subgraphs|scripts)/' },
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
