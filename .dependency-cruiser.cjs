// Layers point one way. A folder of src/ may import only the folders below it in LAYERS
// (and itself); nothing imports upwards, so no two folders import each other. Test files
// are leaves (nothing imports them) and may reach up: an integration test of a rule drives
// it through the application, as a user would. Run: npm run check:deps
// The text picture of the graph: node scripts/dependency-graph.js

/** Bottom first. Folders on one line sit side by side and do not import each other. */
const LAYERS = [
  ['log.ts', 'types'],
  ['db'], //            the database: connection, migrations, schema
  ['shared'], //        who is asking (actor), errors, problem details, the need-to-know predicate
  ['records'], //       agency records: contract, validation, dates
  ['synth'], //         synthetic records for tests and benchmarks
  ['identity'], //      linking mentions into people
  ['household'], //     who lives with the child, derived from records
  ['statutory'], //     the statutory process and its working-day timetable, derived from records
  ['risk'], //          alert rules and their engine
  ['chronology'], //    the child's chronology, with its alerts
  ['access'], //        accounts, sessions, audit, sharing policy, retention
  ['workflow'], //      casework: meetings, sign-offs, notifications, census
  ['app'], //           use cases: what an actor may do, one transaction each
  ['replay'], //        replaying cases through the application and scoring them
  ['web'], //           HTTP: pages and the JSON API
  ['cli'], //           the command line
];

const pathOf = (name) => (name.endsWith('.ts') ? `^src/${name.replace('.', '\\.')}$` : `^src/${name}/`);
const anyOf = (names) => `(${names.map(pathOf).join('|')})`;
const TEST = '\\.test\\.ts$';

const layerRules = LAYERS.flatMap((layer, i) => {
  const above = LAYERS.slice(i + 1).flat();
  const beside = (name) => layer.filter((n) => n !== name);
  return layer.flatMap((name) => {
    const forbidden = [...above, ...beside(name)];
    if (!forbidden.length) return [];
    return [{
      name: `layer-${name}`,
      comment: `src/${name} may import only the layers below it: ${LAYERS.slice(0, i).flat().join(', ') || 'none'}`,
      severity: 'error',
      from: { path: pathOf(name), pathNot: TEST },
      to: { path: anyOf(forbidden) },
    }];
  });
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'No import cycle between files, of any kind (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'migrations-frozen',
      comment: 'A migration runs SQL and its own frozen code only, so its result never changes when live code does.',
      severity: 'error',
      from: { path: '^src/db/migrations/', pathNot: TEST },
      to: { path: '^src/', pathNot: '^src/db/migrations/' },
    },
    {
      name: 'every-folder-placed',
      comment: 'A new folder of src/ takes its place in LAYERS, so the layer rules cover it.',
      severity: 'error',
      from: { path: '^src/', pathNot: `${anyOf(LAYERS.flat())}` },
      to: { path: '^src/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a mistake (the browser scripts under static/ resolve by URL).',
      severity: 'error',
      from: { pathNot: '^src/web/static/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    // Type-only imports are dependencies too: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
