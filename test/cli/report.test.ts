// jixiao report: the .docx (opened and read back), Markdown, and --check-narrative.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

const SAMPLES = join(__dirname, '../../../shared/samples');
const DEMO = join(__dirname, '../../samples/示例-项目支出自评.xlsx');import { cli } from './helpers';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'jixiao-report-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function docxParts(path: string) {
  const zip = await JSZip.loadAsync(readFileSync(path));
  return { doc: await zip.file('word/document.xml')!.async('string'), fonts: await zip.file('word/fontTable.xml')!.async('string') };
}

const PROJECT_HEADINGS = ['一、基本情况', '二、绩效目标完成情况', '三、自评结论', '四、偏离绩效目标的原因和改进措施', '五、绩效自评结果拟应用和公开情况'];

test('the demo workbook: a .docx with every section and the figures of its tables, in official fonts', async () => {
  const out = join(dir, 'demo.docx');
  const r = await cli('report', DEMO, '--docx', out, '--md', join(dir, 'demo.md'));
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/已生成 3 份报告/);
  const { doc, fonts } = await docxParts(out);
  for (const h of PROJECT_HEADINGS) expect(doc).toContain(h);
  for (const figure of ['项目支出绩效自评总报告', '人代会议项目支出绩效自评报告', '代表培训项目支出绩效自评报告', '全年预算数34.00万元', '预算执行率85.31%', '自评总分99.16分', '9.78分', '尚有5.20万元未支出', '【待填写：']) {
    expect(doc).toContain(figure);
  }
  // GB/T 9704: title 方正小标宋 (falling back to 黑体), body 仿宋_GB2312三号 (32 half-points), headings 黑体 / 楷体.
  expect(doc).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>/);
  expect(doc).toMatch(/w:eastAsia="仿宋_GB2312"/);
  expect(doc).toMatch(/w:eastAsia="黑体"[^]*?一、基本情况/);
  expect(doc).toMatch(/w:eastAsia="楷体_GB2312"[^]*?（一）项目概况/);
  expect(fonts).toMatch(/w:name="方正小标宋简体"><w:altName w:val="黑体"\/>/);
  expect(readFileSync(join(dir, 'demo.md'), 'utf8')).toMatch(/^# 2023年度项目支出绩效自评总报告/);
});

(existsSync(SAMPLES) ? test : test.skip)('the department sample: the ten sections and its figures', async () => {
  const out = join(dir, 'lusong.docx');
  expect((await cli('report', join(SAMPLES, 'lusong-2023.xlsx'), '--docx', out)).code).toBe(0);
  const { doc } = await docxParts(out);
  for (const h of ['一、部门（单位）基本情况', '二、一般公共预算支出情况', '三、政府性基金预算支出情况', '四、国有资本经营预算支出情况', '五、社会保险基金预算支出情况', '六、部门整体支出绩效情况', '七、存在的问题及原因分析', '八、下一步改进措施', '九、绩效自评结果拟应用和公开情况', '十、其他需要说明的情况']) {
    expect(doc).toContain(h);
  }
  for (const figure of ['编制数21人，实际在职人数35人，控制率166.67%', '全年预算数982.60万元', '全年执行数982.21万元', '预算执行率99.96%', '98.38分', '公用经费本年决算74.46万元']) expect(doc).toContain(figure);
});

test('Markdown to standard output without output files', async () => {
  const r = await cli('report', DEMO);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^# 2023年度项目支出绩效自评总报告/);
});

describe('--check-narrative', () => {
  test('a correct report (.docx written by report): no findings, exit 0', async () => {
    const docx = join(dir, 'ok.docx');
    await cli('report', DEMO, '--docx', docx);
    const r = await cli('report', DEMO, '--check-narrative', docx, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ findings: [] });
  });
  test('a report with deliberate errors (.txt): each is found, exit 1', async () => {
    const md = (await cli('report', DEMO)).out;
    const txt = join(dir, 'wrong.txt');
    writeFileSync(txt, md.replace('全年执行数30.20万元', '全年执行数32.20万元').replace('自评总分99.16分', '自评总分100分'));
    const r = await cli('report', DEMO, '--check-narrative', txt, '--json');
    expect(r.code).toBe(1);
    const f = JSON.parse(r.out).findings;
    expect(f.map((x: { code: string; sheet: string; cell: string }) => [x.code, x.sheet, x.cell])).toEqual([
      ['NARRATIVE_MISMATCH', '附件3-人代会议', 'H17'],
      ['NARRATIVE_MISMATCH', '附件3-代表培训', 'E4'],
    ]);
  });
  test.each([
    ['missing', 'none.txt', /找不到报告文件/],
    ['not UTF-8', 'gbk.txt', /不是 UTF-8/],
    ['a broken .docx', 'broken.docx', /无法读取报告/],
  ])('%s report file: exit 2', async (_n, name, message) => {
    writeFileSync(join(dir, 'gbk.txt'), Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xff]));
    writeFileSync(join(dir, 'broken.docx'), 'PK\x03\x04broken');
    const r = await cli('report', DEMO, '--check-narrative', join(dir, name));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

test('report never writes over its input', async () => {
  const r = await cli('report', DEMO, '--docx', DEMO);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/不能与输入文件相同/);
});
