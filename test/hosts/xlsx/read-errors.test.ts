// Bad input: every case must be a WorkbookReadError with one Chinese sentence, decided by content.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { loadXlsx, loadXlsxBuffer, READ_MESSAGES, WorkbookReadError } from '../../../src/hosts/xlsx/read';
import { tempDir, writeSample } from './helpers';
import { oleFile } from '../../hostile/helpers';

const t = tempDir();
afterAll(() => t.cleanup());
const p = (name: string) => join(t.dir, name);

async function readError(path: string): Promise<WorkbookReadError> {
  try {
    await loadXlsx(path);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    const err = e as WorkbookReadError;
    // One sentence for the user: no line breaks, no stack frames, no English library text.
    expect(err.message).not.toMatch(/\n|\bat \w|Error:/);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(err.name).toBe('WorkbookReadError');
    return err;
  }
  throw new Error(`expected ${path} to fail`);
}

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}


let validXlsx: Buffer;
beforeAll(async () => {
  await writeSample(p('valid.xlsx'));
  validXlsx = readFileSync(p('valid.xlsx'));
});

test('missing file', async () => {
  const e = await readError(p('nope.xlsx'));
  expect(e.reason).toBe('not-found');
  expect(e.message).toBe(`找不到文件：${p('nope.xlsx')}`);
  expect(e.path).toBe(p('nope.xlsx'));
});

test('a directory', async () => {
  mkdirSync(p('folder.xlsx'));
  const e = await readError(p('folder.xlsx'));
  expect(e.reason).toBe('directory');
  expect(e.message).toBe(`这是文件夹，不是 .xlsx 文件：${p('folder.xlsx')}`);
});

test('zero bytes', async () => {
  writeFileSync(p('empty.xlsx'), '');
  const e = await readError(p('empty.xlsx'));
  expect(e.reason).toBe('empty');
  expect(e.message).toBe(READ_MESSAGES.empty);
  expect(e.message).toContain('文件为空');
});

test('an old .xls (OLE compound file)', async () => {
  writeFileSync(p('old.xls'), oleFile(['Workbook', '\u0005SummaryInformation']));
  const e = await readError(p('old.xls'));
  expect(e.reason).toBe('xls');
  expect(e.message).toBe('这是旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再试');
});

test('an OLE file named .xlsx is judged by content', async () => {
  writeFileSync(p('renamed.xlsx'), oleFile(['Workbook']));
  expect((await readError(p('renamed.xlsx'))).reason).toBe('xls');
});

test('a password-protected .xlsx (OLE with EncryptedPackage)', async () => {
  writeFileSync(p('secret.xlsx'), oleFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']));
  const e = await readError(p('secret.xlsx'));
  expect(e.reason).toBe('encrypted');
  expect(e.message).toBe('工作簿受密码保护，请先在 Excel 中取消密码后再试');
});

test('a .csv file, a text file named .xlsx, an HTML "xls" export', async () => {
  writeFileSync(p('data.csv'), '项目,预算数\n会议费,100\n');
  writeFileSync(p('text.xlsx'), 'hello');
  writeFileSync(p('export.xls'), '<html><body><table><tr><td>1</td></tr></table></body></html>');
  for (const name of ['text.xlsx', 'export.xls']) {
    const e = await readError(p(name));
    expect(e.reason).toBe('not-xlsx');
    expect(e.message).toBe('这不是有效的 .xlsx 文件，请在 Excel 中另存为 .xlsx 后再试');
  }
  // Named .csv: the message says what it is and how to convert it.
  const csv = await readError(p('data.csv'));
  expect(csv.reason).toBe('not-xlsx');
  expect(csv.message).toBe(READ_MESSAGES.csv);
});

test('a .docx, a .pptx, a plain zip: not a workbook', async () => {
  writeFileSync(p('doc.docx'), await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }));
  writeFileSync(p('doc-renamed.xlsx'), readFileSync(p('doc.docx')));
  writeFileSync(p('deck.pptx'), await zipOf({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' }));
  writeFileSync(p('plain.zip'), await zipOf({ 'readme.txt': 'hi' }));
  expect((await readError(p('doc.docx'))).message).toBe('这是 Word 文档，不是 Excel 工作簿');
  expect((await readError(p('doc-renamed.xlsx'))).reason).toBe('not-workbook');
  expect((await readError(p('deck.pptx'))).message).toBe('这是 PowerPoint 演示文稿，不是 Excel 工作簿');
  const e = await readError(p('plain.zip'));
  expect(e.reason).toBe('not-workbook');
  expect(e.message).toBe('这不是 Excel 工作簿：文件中没有 xl/workbook.xml');
});

test('an .xlsb and an .ods', async () => {
  writeFileSync(p('bin.xlsb'), await zipOf({ '[Content_Types].xml': '<Types/>', 'xl/workbook.bin': 'x' }));
  const b = await readError(p('bin.xlsb'));
  expect(b.reason).toBe('xlsb');
  expect(b.message).toBe('这是 .xlsb 二进制工作簿，请在 Excel 中另存为 .xlsx 后再试');
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE' });
  zip.file('content.xml', '<office:document-content/>');
  writeFileSync(p('sheet.ods'), await zip.generateAsync({ type: 'nodebuffer' }));
  const o = await readError(p('sheet.ods'));
  expect(o.reason).toBe('not-workbook');
  expect(o.message).toBe(READ_MESSAGES.ods);
});

test('a truncated .xlsx is corrupt', async () => {
  writeFileSync(p('truncated.xlsx'), validXlsx.subarray(0, Math.floor(validXlsx.length / 2)));
  const e = await readError(p('truncated.xlsx'));
  expect(e.reason).toBe('corrupt');
  expect(e.message).toBe('文件已损坏，无法读取，可在 Excel 中打开修复后另存为 .xlsx 再试');
});

test('damaged compressed data is corrupt', async () => {
  const buf = Buffer.from(validXlsx);
  // Overwrite the middle of the archive (compressed part data), leaving the directory intact.
  const zip = await JSZip.loadAsync(validXlsx);
  expect(zip.file('xl/workbook.xml')).not.toBeNull();
  buf.fill(0x41, 200, Math.min(buf.length - 2000, 2200));
  writeFileSync(p('damaged.xlsx'), buf);
  expect((await readError(p('damaged.xlsx'))).reason).toBe('corrupt');
});

test('malformed workbook XML is corrupt', async () => {
  const zip = await JSZip.loadAsync(validXlsx);
  zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="a" sheetId="1"</sheets>');
  writeFileSync(p('badxml.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
  expect((await readError(p('badxml.xlsx'))).reason).toBe('corrupt');
});

test('a workbook with no sheets', async () => {
  const zip = await JSZip.loadAsync(validXlsx);
  const xml = (await zip.file('xl/workbook.xml')!.async('string')).replace(/<sheets>.*<\/sheets>/s, '<sheets/>');
  zip.file('xl/workbook.xml', xml);
  for (const name of Object.keys(zip.files)) if (name.startsWith('xl/worksheets/')) zip.remove(name);
  writeFileSync(p('nosheets.xlsx'), await zip.generateAsync({ type: 'nodebuffer' }));
  const e = await readError(p('nosheets.xlsx'));
  expect(e.reason).toBe('no-sheets');
  expect(e.message).toBe('工作簿中没有工作表');
});

test('a real .xlsx named .xls or .csv still loads (content wins over extension)', async () => {
  copyFileSync(p('valid.xlsx'), p('really-xlsx.xls'));
  copyFileSync(p('valid.xlsx'), p('really-xlsx.csv'));
  expect((await loadXlsx(p('really-xlsx.xls'))).workbook.sheets).toHaveLength(3);
  expect((await loadXlsx(p('really-xlsx.csv'))).workbook.sheets).toHaveLength(3);
});

test('loadXlsxBuffer reports the same reasons, without a path', async () => {
  await expect(loadXlsxBuffer(Buffer.alloc(0))).rejects.toMatchObject({ reason: 'empty', path: undefined });
  await expect(loadXlsxBuffer(oleFile(['EncryptedPackage']))).rejects.toMatchObject({ reason: 'encrypted' });
  await expect(loadXlsxBuffer(Buffer.from('a,b\n1,2\n'))).rejects.toMatchObject({ reason: 'not-xlsx' });
});
