// npm start (until the workbench takes over): check the shipped sample, then recalculate it to a copy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sample = process.argv[2] ?? 'samples/示例-项目支出自评.xlsx';
const out = join(mkdtempSync(join(tmpdir(), 'jixiao-')), '重算结果.xlsx');
const cli = (args) => {
  try {
    process.stdout.write(execFileSync(process.execPath, ['dist/cli/main.js', ...args], { encoding: 'utf8' }));
  } catch (e) {
    process.stdout.write(e.stdout ?? '');
    process.stderr.write(e.stderr ?? '');
    if (e.status === 2) process.exit(2);
  }
};
console.log(`== 检查：${sample}\n`);
cli(['check', sample]);
console.log(`\n== 重算：${sample} → ${out}\n`);
cli(['recalc', sample, '-o', out]);
