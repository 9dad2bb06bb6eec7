// Every XML part the tool reads is well-formed, or the file is refused as damaged with a Chinese
// message naming the part (exit 2, nothing written): checkWellFormed itself, then each part of a real
// package damaged in turn, through the reader and the CLI.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../../src/cli/main';
import { readPackage } from '../../../src/hosts/xlsx/package/read';
import { checkWellFormed, DamagedPartError } from '../../../src/hosts/xlsx/package/xml';
import { nodeParts } from '../../../src/hosts/xlsx/package/zip-node';
import { loadXlsxBuffer } from '../../../src/hosts/xlsx/read';
import { tempDir } from './helpers';
import { entriesOf, withParts } from './package-builder';
import { writeFileSync } from 'node:fs';

const SAMPLES = join(__dirname, '../../../../shared/samples');
const PRODUCERS = join(__dirname, '../../fixtures/producers');
const SAMPLE = readFileSync(join(SAMPLES, 'lusong-2023.xlsx'));
const t = tempDir();
afterAll(() => t.cleanup());

describe('checkWellFormed', () => {
  const real = [
    ...['lusong-2023.xlsx', 'xiangdong-2023.xlsx'].map((f) => join(SAMPLES, f)),
    ...(existsSync(PRODUCERS) ? readdirSync(PRODUCERS).filter((f) => f.endsWith('.xlsx')).map((f) => join(PRODUCERS, f)) : []),
  ];
  test.each(real)('accepts every XML part of %s', (file) => {
    for (const [name, bytes] of entriesOf(readFileSync(file))) {
      if (/\.(xml|rels)$/.test(name)) expect(() => checkWellFormed(bytes.toString('utf8'), name)).not.toThrow();
    }
  });

  test.each([
    ['a declaration, a BOM, comments and processing instructions around the root', '\ufeff<?xml version="1.0"?>\n<!-- a --><?pi x?><a/>\n<!-- b -->'],
    ['CDATA, comments and references in content', '<a><![CDATA[<b>&]]><!-- <c> --><b>&amp;&lt;&#20013;&#x4E2D;</b></a>'],
    ['single quotes, > in a value, spaces around =, in end tags and before />', `<x:a b = 'v>"' c="'&quot;"><x:b  /></x:a >`],
    ['names past ASCII', '<表 列="1"><行/></表>'],
  ])('accepts %s', (_, xml) => {
    expect(() => checkWellFormed(xml)).not.toThrow();
  });

  test.each([
    ['an unclosed element', '<sst><si><t>a</t></sst>', '结束标记「</sst>」与前面的「<si>」不匹配'],
    ['an element open at the end', '<worksheet><sheetData></sheetData>', '「<worksheet>」没有结束标记'],
    ['a stray end tag', '<a></b></a>', '「</b>」与前面的「<a>」不匹配'],
    ['an end tag after the root', '<a></a></a>', '多出的结束标记「</a>」'],
    ['a second root', '<a/><b/>', '根元素结束后还有元素「<b>」'],
    ['text before the root', 'x<a/>', '根元素之前有多余的内容'],
    ['text after the root', '<a/>x', '根元素结束后还有内容'],
    ['nothing', '  ', '没有内容'],
    ['a tag cut short', '<a><b x="1"', '标记「<b>」不完整'],
    ['an end tag cut short', '<a></a', '结束标记「</a」不完整'],
    ['a value cut short', '<a x="1', '标记「<a>」不完整'],
    ['an unquoted value', '<a x=1/>', '属性值缺少引号'],
    ['attributes run together', '<a x="1"y="2"/>', '属性写法有误'],
    ['an attribute without a value', '<a x/>', '属性写法有误'],
    ['< in a value', '<a x="<"/>', '属性值中有「<」'],
    ['< in a tag', '<a <b/>', '属性写法有误'],
    ['a bad name', '<1a/>', '标记写法有误'],
    ['an unknown entity', '<a>&nbsp;</a>', '无法识别的引用「&nbsp;」'],
    ['an unknown entity in a value', '<a x="&foo;"/>', '无法识别的引用'],
    ['a bare &', '<a>R&D</a>', '无法识别的引用'],
    ['a reference to a character XML forbids', '<a>&#0;</a>', '无法识别的引用'],
    ['a reference past Unicode', '<a>&#x110000;</a>', '无法识别的引用'],
    ['an unclosed comment', '<a><!-- x</a>', '注释没有结束'],
    ['an unclosed CDATA section', '<a><![CDATA[x</a>', 'CDATA 段没有结束'],
    ['an unclosed processing instruction', '<a><?x </a>', '处理指令没有结束'],
    ['a declaration not at the start', '<a/><?xml version="1.0"?>', 'XML 声明不在开头'],
    ['a DTD', '<!DOCTYPE a><a/>', '无法识别的标记'],
  ])('refuses %s', (_, xml, detail) => {
    let error: unknown;
    try {
      checkWellFormed(xml, 'xl/part.xml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DamagedPartError);
    expect((error as DamagedPartError).message).toContain('文件已损坏：部件「xl/part.xml」不是完整的 XML（');
    expect((error as DamagedPartError).message).toContain(detail);
  });
});

/** The sample with one part edited. */
const damaged = (part: string, f: (xml: string) => string) => withParts(SAMPLE, { [part]: f });
const dropLast = (s: string, what: string) => {
  const i = s.lastIndexOf(what);
  return s.slice(0, i) + s.slice(i + what.length);
};

async function expectRefused(buf: Buffer, part: string, detail: RegExp): Promise<void> {
  expect(() => readPackage(nodeParts(buf))).toThrow(DamagedPartError);
  const e = await loadXlsxBuffer(buf).then(
    () => undefined,
    (err: unknown) => err as { reason: string; message: string },
  );
  expect(e?.reason).toBe('corrupt');
  expect(e?.message).toContain(`部件「${part}」`);
  expect(e?.message).toMatch(detail);
  expect(e?.message).toMatch(/可在 Excel 中打开修复后另存为 \.xlsx 再试$/);
  // The CLI: exit 2, one Chinese line, no output file.
  const file = join(t.dir, `in-${part.replace(/\W/g, '_')}.xlsx`);
  const outFile = join(t.dir, `out-${part.replace(/\W/g, '_')}.xlsx`);
  writeFileSync(file, buf);
  let out = '';
  let err = '';
  const code = await run(['recalc', file, '-o', outFile], (s) => (out += s), (s) => (err += s));
  expect({ code, out }).toEqual({ code: 2, out: '' });
  expect(err.trim().split('\n')).toHaveLength(1);
  expect(err).toContain(`部件「${part}」`);
  expect(existsSync(outFile)).toBe(false);
}

describe('a damaged part is refused, named', () => {
  test('a missing </si> in the middle of the shared strings (they were shifted silently, exit 0)', async () => {
    const buf = await damaged('xl/sharedStrings.xml', (x) => x.replace('</si>', ''));
    await expectRefused(buf, 'xl/sharedStrings.xml', /「<\/sst>」与前面的「<si>」不匹配/);
  });

  test('a worksheet cut short after </sheetData> (it was edited and written still broken, exit 0)', async () => {
    const buf = await damaged('xl/worksheets/sheet2.xml', (x) => x.slice(0, x.indexOf('</sheetData>') + '</sheetData>'.length));
    await expectRefused(buf, 'xl/worksheets/sheet2.xml', /「<worksheet>」没有结束标记/);
  });

  test('a worksheet with a cell closed twice', async () => {
    const buf = await damaged('xl/worksheets/sheet1.xml', (x) => x.replace('</c>', '</c></c>'));
    await expectRefused(buf, 'xl/worksheets/sheet1.xml', /不匹配/);
  });

  test('a worksheet whose row is not closed', async () => {
    const buf = await damaged('xl/worksheets/sheet1.xml', (x) => dropLast(x, '</row>'));
    await expectRefused(buf, 'xl/worksheets/sheet1.xml', /「<\/sheetData>」与前面的「<row>」不匹配/);
  });

  test('workbook.xml with an unclosed <sheets>', async () => {
    const buf = await damaged('xl/workbook.xml', (x) => x.replace('</sheets>', ''));
    await expectRefused(buf, 'xl/workbook.xml', /「<\/workbook>」与前面的「<sheets>」不匹配/);
  });

  test('styles.xml cut short', async () => {
    const buf = await damaged('xl/styles.xml', (x) => x.slice(0, Math.floor(x.length / 2)));
    await expectRefused(buf, 'xl/styles.xml', /不完整|没有结束标记/);
  });

  test('the workbook’s relationships with a bare &', async () => {
    const buf = await damaged('xl/_rels/workbook.xml.rels', (x) => x.replace('Target="styles.xml"', 'Target="styles&.xml"'));
    await expectRefused(buf, 'xl/_rels/workbook.xml.rels', /无法识别的引用/);
  });

  test('the package’s relationships cut short', async () => {
    const buf = await damaged('_rels/.rels', (x) => x.slice(0, x.length - 20));
    await expectRefused(buf, '_rels/.rels', /没有结束标记|不完整/);
  });

  test('[Content_Types].xml with an unclosed element (it is edited when saving)', async () => {
    const buf = await damaged('[Content_Types].xml', (x) => x.replace('/></Types>', '></Types>'));
    await expectRefused(buf, '[Content_Types].xml', /不匹配/);
  });

  test('a worksheet part that is missing (the sheet was left out of the check, exit 0)', async () => {
    const buf = await withParts(SAMPLE, { 'xl/worksheets/sheet2.xml': () => null });
    await expectRefused(buf, 'xl/worksheets/sheet2.xml', /「xl\/worksheets\/sheet2\.xml」不存在，工作表「附件3」的内容缺失/);
  });

  test('a cell naming a shared string that is not there', async () => {
    const buf = await damaged('xl/worksheets/sheet1.xml', (x) => x.replace('<c r="A1" t="s"><v>0</v></c>', '<c r="A1" t="s"><v>9999</v></c>'));
    await expectRefused(buf, 'xl/worksheets/sheet1.xml', /单元格 A1 引用的共享字符串（第 9999 项）不存在/);
  });

  test('a number cell whose value is no number (it was read as NaN)', async () => {
    const buf = await damaged('xl/worksheets/sheet1.xml', (x) => x.replace('<c r="B3"><v>21</v></c>', '<c r="B3"><v>二十一</v></c>'));
    await expectRefused(buf, 'xl/worksheets/sheet1.xml', /单元格 B3 的数值「二十一」无效/);
  });
});
