// Layering: the core knows nothing of hosts, Office, the DOM or files; hosts never reach into the faces.
//
// Inside src/core, layers in order, lowest first; a layer imports only from itself and the layers before it:
//   base      src/core/num/ (decimal arithmetic), src/core/format.ts (figures as text)
//   grid      src/core/grid/ (cells, sheets, addresses)
//   sheet-ops src/core/changes/ (edits to cells), src/core/formula/ (recalculating a sheet): work on the grid only
//   shared    src/core/findings.ts, src/core/settings.ts (finding and settings types every later layer uses)
//   parse     src/core/parse/ (cell texts: numbers, indicator values, project names)
//   model     src/core/tables/model.ts (what a recognised table is: types only; compute reads them)
//   compute   src/core/compute/ (grades, scores, a table's evaluation)
//   tables    src/core/tables/ (detection and the table readers)
//   rules     src/core/rules/
//   report    src/core/report/
//   engine    the other files at the top of src/core (engine.ts, report-basis.ts, recognition.ts): orchestration
// Importable from every layer: src/core/vocabulary (the domain words) and src/core/profiles/ (scoring
// profiles). They sit under the layers: they may import only base, settings/findings and each other.
// test/lint/layers.test.ts lints a file of each layer importing the one above it (and the real src/core).
import tsParser from '@typescript-eslint/parser';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'stream', 'zlib', 'crypto', 'util', 'url', 'http', 'https', 'net'];
const nodeImports = NODE_BUILTINS.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

const CORE_HOST_FREE = [
  { group: ['**/hosts/**', '**/taskpane/**', '**/workbench/**', '**/cli/**'], message: 'src/core is host-free: it must not import hosts or faces.' },
  { group: ['exceljs', 'react', 'react-dom', '@fluentui/*', 'office-js', '@microsoft/office-js', 'docx', ...nodeImports], message: 'src/core is host-free: no Office, DOM, file or Node imports.' },
];

// Each layer: the files it holds and the import patterns that name it (from anywhere in src/core).
const ENGINE_FILES = ['src/core/*.ts'];
const LAYERS = [
  { name: 'base', files: ['src/core/num/**/*.ts', 'src/core/format.ts'], imports: ['**/num/**', '**/format'] },
  { name: 'grid', files: ['src/core/grid/**/*.ts'], imports: ['**/grid/**'] },
  { name: 'sheet-ops', files: ['src/core/changes/**/*.ts', 'src/core/formula/**/*.ts'], imports: ['**/changes/**', '**/formula', '**/formula/**'] },
  { name: 'shared', files: ['src/core/findings.ts', 'src/core/settings.ts'], imports: ['**/findings', '**/settings'] },
  { name: 'parse', files: ['src/core/parse/**/*.ts'], imports: ['**/parse/**'] },
  { name: 'model', files: ['src/core/tables/model.ts'], imports: ['**/tables/model'] },
  { name: 'compute', files: ['src/core/compute/**/*.ts'], imports: ['**/compute/**'] },
  // The tables layer: every module of tables/ but the model (a sibling import is './x').
  { name: 'tables', files: ['src/core/tables/**/*.ts'], imports: ['**/tables/**', '!**/tables/model', './*', '!./model'] },
  { name: 'rules', files: ['src/core/rules/**/*.ts'], imports: ['**/rules', '**/rules/**'] },
  { name: 'report', files: ['src/core/report/**/*.ts'], imports: ['**/report', '**/report/**'] },
  { name: 'engine', files: ENGINE_FILES, imports: ['**/engine', '**/report-basis', '**/recognition'] },
];
/** Importable from every layer; they import only base, shared and each other. */
const EVERYWHERE_FILES = ['src/core/vocabulary.ts', 'src/core/vocabulary/**/*.ts', 'src/core/profiles/**/*.ts'];

/**
 * The import patterns of the layers after layer i, one group per layer (a group's negations then stay in
 * it). A './x' pattern names a sibling: it counts only where that layer shares the importer's directory.
 */
function above(i) {
  const me = LAYERS[i];
  return LAYERS.slice(i + 1).map((l) => ({
    group: l.imports.filter((p) => !p.replace(/^!/, '').startsWith('./') || (me.name === 'model' && l.name === 'tables')),
    message: `Core layering (see eslint.config.mjs): the ${me.name} layer must not import the ${l.name} layer.`,
  }));
}

const coreImports = (patterns) => ['error', { patterns: [...CORE_HOST_FREE, ...patterns] }];

const layerBlocks = LAYERS.map((l, i) => ({
  files: l.files,
  // A top-level file of another layer (format.ts, findings.ts, settings.ts, vocabulary.ts) is not engine.
  ...(l.name === 'engine' ? { ignores: [...LAYERS.flatMap((x) => (x.name === 'engine' ? [] : x.files)), ...EVERYWHERE_FILES] } : {}),
  rules: { 'no-restricted-imports': coreImports(above(i)) },
}));

// vocabulary and profiles import base, shared and each other: every other layer is above them.
const everywhereForbidden = LAYERS.filter((l) => !['base', 'shared'].includes(l.name)).map((l) => ({
  group: l.imports.filter((p) => !p.replace(/^!/, '').startsWith('./')),
  message: `Core layering (see eslint.config.mjs): vocabulary and profiles are imported by every layer and must not import the ${l.name} layer.`,
}));

export default [
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
    rules: {},
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports([]),
      'no-restricted-globals': ['error', { name: 'Office', message: 'src/core must not use Office.js.' }, { name: 'Excel', message: 'src/core must not use Office.js.' }, { name: 'document', message: 'src/core must not touch the DOM.' }, { name: 'window', message: 'src/core must not touch the DOM.' }, { name: 'process', message: 'src/core must not use Node globals.' }, { name: 'require', message: 'src/core must not load modules dynamically.' }],
    },
  },
  // Later blocks win: a file in two layers' globs (tables/model.ts) takes the last, so model comes after tables.
  ...layerBlocks.filter((_, i) => LAYERS[i].name !== 'model'),
  layerBlocks[LAYERS.findIndex((l) => l.name === 'model')],
  { files: EVERYWHERE_FILES, rules: { 'no-restricted-imports': coreImports(everywhereForbidden) } },
  {
    files: ['src/hosts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/taskpane/**', '**/workbench/**', '**/cli/**'], message: 'Hosts must not import the faces (task pane, workbench, CLI).' }] }],
    },
  },
  {
    files: ['src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/hosts/xlsx/**', 'exceljs', ...nodeImports], message: 'The task pane runs in a browser: no Node or ExcelJS imports.' }] }],
    },
  },
];
