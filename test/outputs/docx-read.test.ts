// docx-read.ts as the task pane runs it (no options: DecompressionStream, the limits of limits.ts),
// and as the CLI runs it (docx-read-node.ts): the same text, the same refusals, never past a declared size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { DocxReadError, documentXmlText, docxText } from '../../src/outputs/docx-read';
import { docxFileText } from '../../src/outputs/docx-read-node';
import { reportsToDocx } from '../../src/outputs/docx';
import type { Report } from '../../src/core/report/model';
import { rawZip } from '../hostile/helpers';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const doc = (body: string) => Buffer.from(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);

const report: Report = {
  kind: 'project',
  title: '人代会议项目支出绩效自评报告',
  source: '附件3!A1:I28',
  blocks: [
    { kind: 'title', text: '人代会议项目支出绩效自评报告' },
    { kind: 'paragraph', runs: [{ text: '预算执行率为85.31%，' }, { text: '【待填写：原因】', placeholder: true }] },
    { kind: 'table', header: ['指标', '得分'], rows: [['参会代表人数', '9.78']] },
  ],
};

const readers: [string, (b: Uint8Array) => Promise<string>][] = [
  ['browser (DecompressionStream)', (b) => docxText(b)],
  ['CLI (zlib)', (b) => docxFileText(b)],
];

describe.each(readers)('%s', (_name, read) => {
  test('reads a generated report: the text JSZip gave before, paragraph by paragraph', async () => {
    const bytes = await reportsToDocx([report]);
    const text = await read(bytes);
    const before = documentXmlText(await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string'));
    expect(text).toBe(before);
    expect(text.split('\n').slice(0, 2)).toEqual(['人代会议项目支出绩效自评报告', '预算执行率为85.31%，【待填写：原因】']);
  });

  test('an ArrayBuffer as the task pane passes it', async () => {
    const bytes = await reportsToDocx([report]);
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(await docxText(ab)).toMatch(/^人代会议/);
  });

  test('an entry inflating past its declared size is refused there', async () => {
    const lying = rawZip([{ name: 'word/document.xml', compressed: deflateRawSync(Buffer.alloc(20 << 20, 0x20)), declaredSize: 1000, crc: 0 }]);
    await expect(read(lying)).rejects.toThrow(new DocxReadError('文件中的「word/document.xml」解压后超过其声明的大小，文件已损坏或被篡改，已拒绝读取'));
  });

  test('entries declaring more than the total limit are refused before anything is inflated', async () => {
    const big = rawZip([{ name: 'word/document.xml', compressed: deflateRawSync(doc('')), declaredSize: 0xfffffffe, crc: 0 }]);
    await expect(read(big)).rejects.toThrow(/文件解压后过大（声明为 4096 MB，上限为 150 MB）/);
  });

  test('character references past Unicode are dropped, not a crash', async () => {
    const odd = rawZip([{ name: 'word/document.xml', data: doc('<w:p><w:r><w:t>a&#99999999;b&#x110000;c</w:t></w:r></w:p>') }]);
    expect(await read(odd)).toBe('abc');
  });

  test('an .xlsx, an old .doc and bytes that are no zip get their messages', async () => {
    const xlsx = readFileSync(join(__dirname, '../../samples/示例-项目支出自评.xlsx'));
    await expect(read(xlsx)).rejects.toThrow('这不是 Word 文档（缺少 word/document.xml）');
    await expect(read(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow(/旧版 \.doc/);
    await expect(read(Buffer.from('hello'))).rejects.toThrow('这不是有效的 .docx 文件');
    await expect(read(Buffer.from('PK\x03\x04 garbage'))).rejects.toThrow('文件已损坏，无法读取');
  });
});

test('the browser reader imports nothing of Node (the task pane bundles it)', () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/^import\s(?!type\b)[^;]*?from\s+'([^']+)'/gm)) {
      expect([file, m[1]]).not.toEqual([file, expect.stringMatching(/^node:|^(fs|zlib|path|crypto)$/)]);
      if (m[1].startsWith('.')) visit(join(file, '..', `${m[1]}.ts`));
    }
  };
  visit(join(__dirname, '../../src/outputs/docx-read.ts'));
  expect([...seen].map((f) => f.replace(/.*\/src\//, ''))).toEqual(
    expect.arrayContaining(['outputs/docx-read.ts', 'hosts/xlsx/package/zip.ts', 'hosts/xlsx/limits.ts']),
  );
});
