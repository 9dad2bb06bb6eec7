// Layering: the core knows nothing of hosts, Office, the DOM or files; hosts never reach into the faces.
import tsParser from '@typescript-eslint/parser';

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'stream', 'zlib', 'crypto', 'util', 'url', 'http', 'https', 'net'];
const nodeImports = NODE_BUILTINS.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/hosts/**', '**/taskpane/**', '**/workbench/**', '**/cli/**'], message: 'src/core is host-free: it must not import hosts or faces.' },
            { group: ['exceljs', 'react', 'react-dom', '@fluentui/*', 'office-js', '@microsoft/office-js', 'docx', ...nodeImports], message: 'src/core is host-free: no Office, DOM, file or Node imports.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'Office', message: 'src/core must not use Office.js.' }, { name: 'Excel', message: 'src/core must not use Office.js.' }, { name: 'document', message: 'src/core must not touch the DOM.' }, { name: 'window', message: 'src/core must not touch the DOM.' }, { name: 'process', message: 'src/core must not use Node globals.' }, { name: 'require', message: 'src/core must not load modules dynamically.' }],
    },
  },
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
