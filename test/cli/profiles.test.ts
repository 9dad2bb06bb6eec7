// --profile in check, recalc, report and the batch commands (issue 12's "done when"), --explain, and
// a user's own profile file; bad profiles exit 2 with a Chinese message and write nothing.
import * as ExcelJS from 'exceljs';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pct, selfEval, type In } from '../fixtures/workbooks';
import { cellsOf, cli } from './helpers';

let dir: string;
const IND: In[][] = [
  ['产出指标', '数量指标', '召开会议', '≥20次', '26次', 20, 20, ''],
  ['', '质量指标', '完成率', '≥95%', '100%', 20, 20],
  ['效益指标', '社会效益指标', '履职能力', '明显提升', '明显提升', 30, 30],
  ['满意度指标', '服务对象满意度指标', '代表满意度', '≥90%', '95%', 20, 20],
];

async function book(file: string, executed: number, indicators = IND): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件3');
  // 执行率 85%: national 8.5, 江西 7.
  selfEval(ws, 'A1', { name: '人代会议', budget: [40, 40, executed, 10, pct(executed / 40), 10], indicators, sum: [100, 100], grade: '优' });
  const path = join(dir, file);
  await wb.xlsx.writeFile(path);
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-profiles-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recalc --profile', () => {
  test('江西 writes 执行率得分 7 with an explain naming the band; national writes 8.5', async () => {
    const file = await book('85.xlsx', 34);
    const jx = await cli('recalc', file, '-o', join(dir, 'jx.xlsx'), '--profile', 'jiangxi', '--json');
    expect(jx.code).toBe(0);
    const change = JSON.parse(jx.out).changes.find((c: { field: string }) => c.field === '执行率得分');
    expect(change.after).toBe(7);
    expect(change.explain.rule).toBe('江西：执行率 85.00% 在 [80%, 100%) 区间，得分 = 分值 × 0.7');
    expect(change.explain.arithmetic).toBe('10 × 0.7');
    expect((await cellsOf(join(dir, 'jx.xlsx'))).get('附件3!H4')?.value).toBe(7);
    const nat = await cli('recalc', file, '-o', join(dir, 'nat.xlsx'), '--json');
    const c2 = JSON.parse(nat.out).changes.find((c: { field: string }) => c.field === '执行率得分');
    expect(c2.after).toBe(8.5);
    expect(c2.explain.text).toBe('执行率得分 = 10 × 34 ÷ 40 = 8.5（全国通用：得分 = 分值 × 执行率（全年执行数 ÷ 全年预算数））');
  });

  test('--explain prints 计算依据 under each change and each computed-value finding', async () => {
    const file = await book('85b.xlsx', 34);
    const r = await cli('recalc', file, '-o', join(dir, 'x.xlsx'), '--profile=jiangxi', '--explain');
    expect(r.out).toContain('计算依据：执行率得分 = 10 × 0.7 = 7（江西：');
    const c = await cli('check', file, '--profile', 'jiangxi', '--explain');
    expect(c.out).toMatch(/\(SCORE_MISMATCH\)[^\n]*\n\s+计算依据：执行率得分 = 10 × 0\.7 = 7/);
    const plain = await cli('check', file, '--profile', 'jiangxi');
    expect(plain.out).not.toContain('计算依据');
  });
});

describe('check --profile', () => {
  test('广西: B = 1.3 × A with a blank 偏差原因 is an error; national: a warning', async () => {
    const file = await book('over.xlsx', 40);
    const gx = JSON.parse((await cli('check', file, '--profile', 'guangxi', '--json')).out).findings.filter((f: { code: string }) => f.code === 'OVERACHIEVED');
    expect(gx.map((f: { severity: string; cell: string }) => [f.severity, f.cell])).toEqual([['error', 'F8']]);
    expect(gx[0].message).toContain('超计划较大');
    const nat = JSON.parse((await cli('check', file, '--json')).out).findings.filter((f: { code: string }) => f.code === 'OVERACHIEVED');
    expect(nat.map((f: { severity: string }) => f.severity)).toEqual(['warning']);
    expect((await cli('check', file, '--profile', 'guangxi')).code).toBe(1);
  });

  test('a user profile file: its own caps; validated with the field named in Chinese', async () => {
    const file = await book('cap.xlsx', 30); // 执行率 75%
    const good = join(dir, '我的规则.json');
    writeFileSync(good, JSON.stringify({ id: 'mine', name: '我的规则', source: '本单位', totalCaps: [{ below: 0.8, cap: 89 }] }));
    const r = await cli('recalc', file, '-o', join(dir, 'cap-out.xlsx'), '--profile', good, '--json');
    expect(r.code).toBe(0);
    const total = JSON.parse(r.out).changes.find((c: { field: string }) => c.field.startsWith('总得分'));
    expect(total.after).toBe(89);
    expect(total.explain.rule).toContain('我的规则');

    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'mine', name: '我的规则', source: '本单位', rateWeight: 0 }));
    const out = join(dir, 'never.xlsx');
    const e = await cli('recalc', file, '-o', out, '--profile', bad);
    expect(e.code).toBe(2);
    expect(e.err).toContain('rateWeight（执行率分值）无效：必须是正数');
    expect(existsSync(out)).toBe(false);
  });

  test.each([
    [['--profile', 'mars'], '未知的评分规则「mars」'],
    [['--profile', join('no', 'such.json')], '无法读取评分规则文件'],
    [['--profile'], '--profile 需要内置评分规则的编号'],
  ])('%j exits 2: %s', async (args, message) => {
    const file = await book('any.xlsx', 34);
    const r = await cli('check', file, ...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test('--explain is refused by report (it explains check and recalc)', async () => {
    const file = await book('rep.xlsx', 34);
    const r = await cli('report', file, '--explain');
    expect(r.code).toBe(2);
    expect(r.err).toContain('report 命令不接受选项 --explain');
  });
});

describe('report and batch --profile', () => {
  test('the report names the profile in 自评结论', async () => {
    const file = await book('report.xlsx', 34);
    const r = await cli('report', file, '--profile', 'jiangxi');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/三、自评结论[\s\S]*评分依据：江西评分规则/);
  });

  test('a bureau checks a folder with one profile', async () => {
    const folder = join(dir, 'units');
    mkdirSync(folder);
    await book(join('units', 'a.xlsx'), 34);
    await book(join('units', 'b.xlsx'), 36);
    const jx = JSON.parse((await cli('recalc', folder, '-o', join(dir, 'units-out'), '--profile', 'jiangxi', '--json')).out);
    const nat = JSON.parse((await cli('recalc', folder, '-o', join(dir, 'units-nat'), '--json')).out);
    const h4 = async (d: string, f: string) => (await cellsOf(join(dir, d, f))).get('附件3!H4')?.value;
    expect([await h4('units-out', 'a.xlsx'), await h4('units-out', 'b.xlsx')]).toEqual([7, 7]);
    expect([await h4('units-nat', 'a.xlsx'), await h4('units-nat', 'b.xlsx')]).toEqual([8.5, 9]);
    expect(jx.files).toHaveLength(2);
    expect(nat.files).toHaveLength(2);
  });
});
