// Characters XML 1.0 does not allow (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF,
// lone surrogates) can reach a report from a cell (Excel stores them as _xHHHH_). They are removed from
// every output: the .docx (Word refuses a document.xml holding U+FFFF), the report sheet's lines, the
// Markdown and the plain text. Every other character, tab and line breaks included, is kept.
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import type { Report } from '../../../src/core/report/model';
import { reportLines, xmlSafe } from '../../../src/core/report/lines';
import { toMarkdown } from '../../../src/core/report/markdown';
import { toPlainText } from '../../../src/core/report/plain';
import { reportsToDocx } from '../../../src/outputs/docx';

const ILLEGAL = [
  ...Array.from({ length: 9 }, (_, i) => String.fromCharCode(i)),
  '\u000b',
  '\u000c',
  ...Array.from({ length: 0x20 - 0x0e }, (_, i) => String.fromCharCode(0x0e + i)),
  '\ufffe',
  '\uffff',
  '\udc00', // a low surrogate alone
  '\ud800', // a high surrogate alone (never right before a low one here, which would make a pair)
];
const ILLEGAL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const KEPT = '\t\u007f\u0085\ue000\ufffd😀\u{10fffd}';

const dirty = (s: string) => s.split('').map((c, i) => c + ILLEGAL[i % ILLEGAL.length]).join('') + ILLEGAL.join('') + KEPT;
const clean = (s: string) => s + KEPT;

const NAME = '人代会议';
const report = (t: (s: string) => string): Report => ({
  kind: 'project',
  title: t(`${NAME}项目支出绩效自评报告`),
  source: '附件3!A1:I28',
  blocks: [
    { kind: 'title', text: t(`${NAME}项目支出绩效自评报告`) },
    { kind: 'heading', level: 1, text: t('一、基本情况') },
    { kind: 'paragraph', runs: [{ text: t(`${NAME}的年度总体目标`) }, { text: t('【待填写：原因】'), placeholder: true }] },
    { kind: 'table', header: [t('指标'), t('得分')], rows: [[t('参会代表人数'), t('9.78')]] },
  ],
});

test('xmlSafe removes exactly the characters XML 1.0 does not allow', () => {
  for (const c of ILLEGAL) expect([c.charCodeAt(0).toString(16), xmlSafe(`a${c}b`)]).toEqual([c.charCodeAt(0).toString(16), 'ab']);
  expect(xmlSafe(KEPT)).toBe(KEPT);
  expect(xmlSafe('\ud83d\ude00\ud83d')).toBe('😀');
  expect(xmlSafe('\n\r\t')).toBe('\n\r\t');
  const plain = '人代会议 a_x0001_b';
  expect(xmlSafe(plain)).toBe(plain);
});

test('Markdown, plain text and the report sheet lines carry none of them', () => {
  const [a, b] = [report(dirty), report(clean)];
  expect(toMarkdown([a])).toBe(toMarkdown([b]));
  expect(toPlainText([a])).toBe(toPlainText([b]));
  expect(reportLines([a])).toEqual(reportLines([b]));
  expect(toMarkdown([a])).not.toMatch(ILLEGAL_RE);
  expect(toMarkdown([a])).toContain(KEPT);
});

test('Markdown escapes the text as it is once they are removed: no list marker or heading slips through', () => {
  const r: Report = { kind: 'project', title: 't', source: '', blocks: [{ kind: 'paragraph', runs: [{ text: '1\u0001. 第一项\n#\uffff 标题' }] }] };
  // CommonMark: `1\.` is no list item and `\#` no heading; the backslash before the line break is a hard break.
  expect(toMarkdown([r])).toBe('1\\. 第一项\\\n\\# 标题\n');
});

test('the .docx: document.xml and the document properties are well-formed XML 1.0, the rest of the text kept', async () => {
  const zip = await JSZip.loadAsync(await reportsToDocx([report(dirty)]));
  for (const name of ['word/document.xml', 'docProps/core.xml']) {
    const xml = await zip.file(name)!.async('string');
    expect([name, ILLEGAL_RE.exec(xml)?.[0]]).toEqual([name, undefined]);
    const parser = new SaxesParser();
    const errors: string[] = [];
    parser.on('error', (e) => errors.push(e.message));
    parser.write(xml).close();
    expect([name, errors]).toEqual([name, []]);
  }
  const doc = await zip.file('word/document.xml')!.async('string');
  expect(doc).toContain(`${NAME}的年度总体目标`);
  expect(doc).toContain('😀');
  expect(await zip.file('docProps/core.xml')!.async('string')).toContain(`${NAME}项目支出绩效自评报告`);
});
