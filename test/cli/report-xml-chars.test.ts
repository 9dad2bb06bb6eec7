// A cell holding characters XML 1.0 does not allow (Excel stores them as _xHHHH_ in sharedStrings.xml)
// reaches the report: `report --docx` must still write a document.xml Word opens (U+FFFF made Word
// refuse it), and the Markdown carries none of them either.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { cli, editDemo, tempDir } from '../hostile/helpers';

const t = tempDir('xml-chars');
afterAll(() => t.cleanup());
const ILLEGAL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

test('report --docx --md of a workbook whose project name holds U+FFFF, U+FFFE and U+0001', async () => {
  const input = join(t.dir, 'in.xlsx');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    input,
    await editDemo(async (zip) => {
      const ss = await zip.file('xl/sharedStrings.xml')!.async('string');
      expect(ss).toContain('人代会议');
      zip.file('xl/sharedStrings.xml', ss.replace(/人代会议/g, '人代_xFFFF_会议_xFFFE__x0001_'));
    }),
  );
  const docx = join(t.dir, 'out.docx');
  const md = join(t.dir, 'out.md');
  const r = await cli('report', input, '--docx', docx, '--md', md);
  // stderr holds only the pre-report warning (the demo workbook has errors 重算 would fix).
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/^注意：工作簿中还有 \d+ 个错误[^\n]*\n可先重算：[^\n]*\n$/);
  const doc = await (await JSZip.loadAsync(readFileSync(docx))).file('word/document.xml')!.async('string');
  expect(ILLEGAL_RE.exec(doc)?.[0]).toBeUndefined();
  const errors: string[] = [];
  const parser = new SaxesParser();
  parser.on('error', (e) => errors.push(e.message));
  parser.write(doc).close();
  expect(errors).toEqual([]);
  expect(doc).toContain('人代会议');
  const text = readFileSync(md, 'utf8');
  expect(ILLEGAL_RE.exec(text)?.[0]).toBeUndefined();
  expect(text).toContain('人代会议');
  // Markdown to standard output too.
  const out = (await cli('report', input)).out;
  expect(ILLEGAL_RE.exec(out)?.[0]).toBeUndefined();
  expect(out).toContain('人代会议');
});
