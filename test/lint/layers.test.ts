// The core's layering (eslint.config.mjs): grid → parse → compute → tables → rules → report → engine, with
// base utilities and shared types below and vocabulary/profiles importable from every layer. These
// tests lint synthetic files placed in each layer, so the rule cannot silently stop working (a glob or
// pattern that no longer matches would let every import through), and lint the real src/core.
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

// ESLint loads eslint.config.mjs with a dynamic import, which Jest's module sandbox refuses: the
// linting runs in a plain Node process, once for every case.
const LINT = `
import { ESLint } from 'eslint';
const { cases } = JSON.parse(process.argv[1]);
const eslint = new ESLint();
const out = { cases: [], real: [] };
for (const [file, from] of cases) {
  const code = "import { x } from '" + from + "';\\nexport const y = x;\\n";
  const [r] = await eslint.lintText(code, { filePath: file });
  out.cases.push(r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
}
const results = await eslint.lintFiles(['src/core']);
out.files = results.length;
out.real = results.flatMap((r) => r.messages.map((m) => r.filePath + ':' + m.line + ' ' + m.message));
console.log(JSON.stringify(out));
`;

interface Linted {
  cases: string[][];
  files: number;
  real: string[];
}

function lint(cases: [string, string][]): Linted {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', LINT, JSON.stringify({ cases })], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`eslint failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Linted;
}

// [file, import, forbidden]
const CASES: [string, string, boolean][] = [
  // parse and compute imported each other before the layering was enforced
  ['src/core/parse/x.ts', '../compute/evaluate', true],
  ['src/core/parse/x.ts', '../num/decimal', false],
  ['src/core/parse/x.ts', './text', false],
  ['src/core/parse/x.ts', '../tables/model', true],
  // the table model (types) sits under compute; the readers above it
  ['src/core/compute/x.ts', '../tables/model', false],
  ['src/core/compute/x.ts', '../tables/self-eval', true],
  ['src/core/compute/x.ts', '../parse/indicator', false],
  ['src/core/tables/model.ts', './fields', true],
  ['src/core/tables/model.ts', '../compute/grade', true],
  ['src/core/tables/x.ts', '../compute/grade', false],
  ['src/core/tables/x.ts', './model', false],
  ['src/core/tables/x.ts', '../rules/rule', true],
  ['src/core/rules/x.ts', '../tables/model', false],
  ['src/core/rules/x.ts', '../report', true],
  ['src/core/report/x.ts', '../rules/rule', false],
  ['src/core/report/x.ts', '../engine', true],
  ['src/core/report/x.ts', './model', false],
  ['src/core/engine.ts', './report', false],
  ['src/core/recognition.ts', './engine', false],
  // base, grid, sheet operations and shared types
  ['src/core/num/x.ts', '../grid/types', true],
  ['src/core/format.ts', './num/decimal', false],
  ['src/core/format.ts', './parse/text', true],
  ['src/core/grid/x.ts', '../format', false],
  ['src/core/grid/x.ts', '../findings', true],
  ['src/core/changes/x.ts', '../grid/sheet', false],
  ['src/core/formula/x.ts', '../settings', true],
  ['src/core/findings.ts', './changes/changeset', false],
  ['src/core/settings.ts', './tables/model', true],
  // vocabulary and profiles: imported by every layer, importing none of them
  ['src/core/grid/x.ts', '../vocabulary', false],
  ['src/core/parse/x.ts', '../profiles/national', false],
  ['src/core/vocabulary.ts', './num/decimal', false],
  ['src/core/vocabulary.ts', './tables/fields', true],
  ['src/core/profiles/x.ts', '../vocabulary', false],
  ['src/core/profiles/x.ts', '../compute/grade', true],
  // the core stays host-free in every layer
  ['src/core/parse/x.ts', '../../hosts/xlsx/read', true],
  ['src/core/tables/x.ts', 'fs', true],
];

const MESSAGE_CASE: [string, string] = ['src/core/parse/x.ts', '../compute/evaluate'];

describe('core layering', () => {
  let linted: Linted;
  beforeAll(() => {
    linted = lint([...CASES.map(([f, from]): [string, string] => [f, from]), MESSAGE_CASE]);
  });

  test.each(CASES.map((c, i) => [...c, i] as const))('%s importing %s: forbidden %s', (_file, _from, forbidden, i) => {
    expect(linted.cases[i].length > 0).toBe(forbidden);
  });

  test('the message names the layers', () => {
    expect(linted.cases[CASES.length]).toEqual([expect.stringMatching(/parse layer must not import the compute layer/)]);
  });

  test('the real src/core lints clean', () => {
    expect(linted.files).toBeGreaterThan(50);
    expect(linted.real).toEqual([]);
  });
});
