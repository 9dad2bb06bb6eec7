// The CLI on bad input: one Chinese sentence on stderr naming the reason, exit 2, no output file.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ExcelJS from 'exceljs';
import { run } from '../../src/cli/main';

const LUSONG = join(__dirname, '../../../shared/samples/lusong-2023.xlsx');
const haveSamples = existsSync(LUSONG);
const DEMO = join(__dirname, '../../samples/示例-项目支出自评.xlsx');

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
  writeFileSync(join(dir, 'empty.xlsx'), '');
  writeFileSync(join(dir, 'text.xlsx'), '序号,名称\n1,人代会议\n');
  writeFileSync(join(dir, 'corrupt.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
  const ole = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
  writeFileSync(join(dir, 'old.xls'), ole);
  const enc = Buffer.from(ole);
  Buffer.from('EncryptedPackage', 'utf16le').copy(enc, 600);
  writeFileSync(join(dir, 'locked.xlsx'), enc);
  // A workbook with tables (the output-path cases must get past SPEC §5's nothing-recognised refusal).
  copyFileSync(DEMO, join(dir, 'ok.xlsx'));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').getCell('A1').value = '项目名称';
  await wb.xlsx.writeFile(join(dir, 'no-table.xlsx'));
  writeFileSync(join(dir, 'bad-settings.json'), JSON.stringify({ precision: 7 }));
  writeFileSync(join(dir, 'unknown-settings.json'), JSON.stringify({ precisoin: 2 }));
  writeFileSync(join(dir, 'not-json.json'), '{ precision: 2');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args.map((a) => a.replace('$D', dir)), (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

test.each([
  ['missing file', ['check', '$D/none.xlsx'], /找不到文件/],
  ['zero bytes', ['check', '$D/empty.xlsx'], /文件为空/],
  ['a CSV named .xlsx', ['check', '$D/text.xlsx'], /不是有效的 \.xlsx 文件/],
  ['corrupt zip', ['check', '$D/corrupt.xlsx'], /损坏|不是有效/],
  ['old .xls', ['check', '$D/old.xls'], /旧版 \.xls/],
  ['password-protected', ['check', '$D/locked.xlsx'], /密码/],
  // check/recalc of a folder run the batch (test/cli/batch.test.ts); report takes one workbook.
  ['a directory', ['report', '$D'], /文件夹/],
  ['invalid settings', ['check', '$D/ok.xlsx', '--config', '$D/bad-settings.json'], /precision（得分小数位数）/],
  ['unknown setting', ['check', '$D/ok.xlsx', '--config', '$D/unknown-settings.json'], /无法识别的字段：precisoin/],
  ['settings not JSON', ['check', '$D/ok.xlsx', '--config', '$D/not-json.json'], /不是有效的 JSON/],
  ['missing settings file', ['check', '$D/ok.xlsx', '--config', '$D/none.json'], /无法读取设置文件/],
  ['recalc without -o', ['recalc', '$D/ok.xlsx'], /-o/],
  ['unknown option', ['check', '$D/ok.xlsx', '--fast'], /未知选项/],
  ['unknown command', ['fix', '$D/ok.xlsx'], /未知命令/],
  ['no file', ['check'], /请指定/],
  ['output over the input', ['recalc', '$D/ok.xlsx', '-o', '$D/ok.xlsx'], /不能与输入文件相同/],
  ['output folder missing', ['recalc', '$D/ok.xlsx', '-o', '$D/no/such/out.xlsx'], /输出文件夹不存在/],
])('%s: exit 2 with a clear message', async (_name, args, message) => {
  const before = readdirSync(dir).sort();
  const r = await cli(...args);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(/\n\s+at |Error:/); // no stack trace
  expect(r.err.trim().split('\n')[0]).toMatch(/[\u4e00-\u9fa5]/);
  expect(readdirSync(dir).sort()).toEqual(before); // no output or temp file left
});

test('help exits 0', async () => {
  const r = await cli('--help');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/用法/);
});

test('a workbook without tables is not clean: exit 2, what its sheet holds on stderr (test/cli/nothing-recognised.test.ts)', async () => {
  const r = await cli('check', '$D/no-table.xlsx', '--json');
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/^未识别到自评表：.*\n  · 工作表「Sheet1」：1 行 × 1 列，首行为「项目名称」\n/);
});

(haveSamples ? test : test.skip)('check exit 1 on errors, recalc writes a new file and never the input', async () => {
  const input = join(dir, 'lusong.xlsx');
  copyFileSync(LUSONG, input);
  const c = await cli('check', input, '--json');
  expect(c.code).toBe(1);
  const out = join(dir, 'out.xlsx');
  const r = await cli('recalc', input, '-o', out, '--json');
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  expect(j.changes.map((x: { cell: string }) => x.cell)).toEqual(['D3', 'H4', 'H25', 'H28']);
  expect(j.changes[0]).toEqual({
    sheet: '附件2', cell: 'D3', field: '控制率', before: 0.6, after: 1.6667, numFmt: '0.00%', reason: 'fix',
    explain: { rule: '全国通用：控制率 = 实际在职人数 ÷ 编制数', arithmetic: '35 ÷ 21', result: '166.67%', text: '控制率 = 35 ÷ 21 = 166.67%（全国通用：控制率 = 实际在职人数 ÷ 编制数）' },
  });
  expect(existsSync(out)).toBe(true);
  rmSync(out);
});
