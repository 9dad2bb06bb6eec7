// The clipboard's text/plain and text/html (SPEC §6 outputs: never Markdown syntax there). The HTML is
// pasted into Word and WPS: LibreOffice stands in for them here, converting it to a .docx, which is
// read back to check that the headings became heading paragraphs and the table a table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/core/engine';
import { buildReports, toHtml, toPlainText, type Report } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { projectSheet, workbook } from '../core/template';
import { documentXml, readWordXml } from './word-xml';

jest.setTimeout(180_000);

const reports = buildReports(
  analyze(workbook(projectSheet({ sheetName: 'A' }), projectSheet({ sheetName: 'B', name: '代表培训', executed: 48, rate: { v: 1, fmt: '0.00%' }, score: 10, total: { score: 98 } }))),
  DEFAULT_SETTINGS,
);

/** A report whose text holds what HTML and Markdown would read as markup. */
const hostile: Report = {
  kind: 'project',
  title: '<b>项目</b> & "报告"',
  source: '',
  blocks: [
    { kind: 'title', text: '<script>alert(1)</script>项目 & 报告' },
    { kind: 'heading', level: 1, text: '一、# 基本情况' },
    { kind: 'paragraph', runs: [{ text: '1. *强调* | a<b>c 第一行\n第二行 &amp;' }, { text: '【待填写：原因】', placeholder: true }] },
    { kind: 'table', header: ['项目名称', '得分'], rows: [['a\tb\nc | d', '9.78']] },
  ],
};

describe('toPlainText', () => {
  const text = toPlainText(reports);

  test('no Markdown syntax: no #, **, |---|, backslashes', () => {
    expect(text).not.toMatch(/^#|\*\*|\|\s*-{3}|\\/m);
    expect(text).not.toContain('|');
  });

  test('headings and paragraphs a line each; placeholders as their text; a table as tab-separated rows', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('2023年度项目支出绩效自评总报告');
    expect(lines).toContain('一、基本情况');
    expect(lines).toContain('序号\t项目名称\t全年预算数（万元）\t全年执行数（万元）\t预算执行率\t自评得分\t自评等级');
    expect(lines).toContain('1\t人代会议\t48.00\t36.00\t75.00%\t95.5\t优');
    expect(text).toContain('人代会议项目【待填写：项目立项依据、主要内容和实施情况】');
  });

  test('a tab or line break inside a table cell does not start another cell or row', () => {
    expect(toPlainText([hostile]).split('\n')).toEqual(expect.arrayContaining(['项目名称\t得分', 'a b c | d\t9.78']));
  });
});

describe('toHtml', () => {
  const html = toHtml(reports);

  test('a UTF-8 document with inline styles only, headings, paragraphs, placeholders in <strong>', () => {
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).not.toMatch(/<style|<link|<script/i);
    expect(html).toMatch(/<h1 style="[^"]*">2023年度项目支出绩效自评总报告<\/h1>/);
    expect(html).toMatch(/<h2 style="[^"]*">一、基本情况<\/h2>/);
    expect(html).toMatch(/<h3 style="[^"]*">（一）项目概况<\/h3>/);
    expect(html).toMatch(/<strong style="[^"]*">【待填写：项目立项依据、主要内容和实施情况】<\/strong>/);
    expect(html).not.toMatch(/\*\*|\\/);
  });

  test('a table with a <th> header row, figures right-aligned, a grade centred', () => {
    const table = /<table[^>]*>([^]*?)<\/table>/.exec(html)?.[1] ?? '';
    expect(table).toMatch(/<thead><tr>(<th style="[^"]*">[^<]*<\/th>){7}<\/tr><\/thead>/);
    const row = /<tr>(<td[^]*?)<\/tr>/.exec(table)?.[1] ?? '';
    const cells = [...row.matchAll(/<td style="([^"]*)">([^<]*)<\/td>/g)].map((m) => [m[2], /text-align:(\w+)/.exec(m[1])?.[1]]);
    expect(cells).toEqual([['1', 'right'], ['人代会议', 'left'], ['48.00', 'right'], ['36.00', 'right'], ['75.00%', 'right'], ['95.5', 'right'], ['优', 'center']]);
  });

  test('all text is HTML-escaped', () => {
    const h = toHtml([hostile]);
    expect(h).toContain('<title>&lt;b&gt;项目&lt;/b&gt; &amp; &quot;报告&quot;</title>');
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt;项目 &amp; 报告');
    expect(h).toContain('1. *强调* | a&lt;b&gt;c 第一行<br>第二行 &amp;amp;');
    expect(h).not.toMatch(/<script|<b>/);
  });
});

/** soffice, or a failure that says how to get it: this test never skips silently. */
function soffice(): string {
  for (const bin of ['soffice', 'libreoffice']) {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return bin;
  }
  throw new Error('LibreOffice (soffice) is not installed: this test converts the clipboard HTML to .docx with it. scripts/test.sh installs it (apt-get install libreoffice-writer-nogui).');
}

test('pasted into a word processor (LibreOffice converting the HTML to .docx): headings are heading paragraphs, the table a table', async () => {
  const bin = soffice();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-clipboard-'));
  try {
    writeFileSync(join(dir, 'report.html'), toHtml(reports));
    const r = spawnSync(
      bin,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', dir, join(dir, 'report.html')],
      { encoding: 'utf8', timeout: 170_000 },
    );
    expect([r.status, r.error?.message]).toEqual([0, undefined]);
    const doc = readWordXml(await documentXml(readFileSync(join(dir, 'report.docx'))));
    const styled = (style: string) => doc.paragraphs.filter((p) => p.style === style).map((p) => p.text);
    expect(styled('Heading1')).toEqual(reports.map((x) => x.title));
    expect(styled('Heading2')).toEqual(expect.arrayContaining(['一、基本情况', '二、各项目自评结果', '四、偏离绩效目标的原因和改进措施']));
    expect(styled('Heading3')).toEqual(expect.arrayContaining(['（一）项目概况', '（二）产出指标完成情况']));
    expect(doc.paragraphs.map((p) => p.text)).toContain('人代会议项目【待填写：项目立项依据、主要内容和实施情况】');
    expect(doc.tables).toHaveLength(1);
    const [t] = doc.tables;
    expect(t.rows.map((x) => x.cells.map((c) => c.text))).toEqual([
      ['序号', '项目名称', '全年预算数（万元）', '全年执行数（万元）', '预算执行率', '自评得分', '自评等级'],
      ['1', '人代会议', '48.00', '36.00', '75.00%', '95.5', '优'],
      ['2', '代表培训', '48.00', '48.00', '100.00%', '98', '优'],
    ]);
    expect(t.rows.map((x) => x.header)).toEqual([true, false, false]);
    expect(t.rows[1].cells.map((c) => c.jc)).toEqual(['right', 'left', 'right', 'right', 'right', 'right', 'center']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
