// The Markdown is valid CommonMark (tables as GitHub tables): what it shows is what the text says.
// No CommonMark parser is among the project's packages (neither markdown-it nor commonmark), so this
// test reads the Markdown by the CommonMark rules it relies on (spec 0.31: backslash escapes §2.4,
// block starts §4–5, emphasis flanking §6.2, hard breaks §6.7) and checks that the text a renderer
// shows is the report's text, block by block, with no stray markup and no stray backslash.
import { analyze } from '../../../src/core/engine';
import { buildReports, blockText, type Block, type Report } from '../../../src/core/report';
import { toMarkdown } from '../../../src/core/report/markdown';
import { DEFAULT_SETTINGS } from '../../../src/core/settings';
import { GOOD_INDICATORS, projectSheet, workbook } from '../template';

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

/** A line that would open a block other than a paragraph (or continue a setext heading). */
const BLOCK_START = /^(?: {4}|\t| {0,3}(?:#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|`{3}|~{3}|<[A-Za-z/!?]))/;

/**
 * What CommonMark shows for a line of inline text, or the problems that make it show something else:
 * a backslash before a character that is not ASCII punctuation (shown as is), markup that is not ours
 * (an unescaped `*`, `_`, `` ` ``, `[`, `]`, `~`, a tag, an entity), and `**` that cannot open or close.
 */
function inline(s: string, problems: string[], where: string): string {
  let out = '';
  let open = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') {
      const next = s[i + 1];
      if (next !== undefined && ASCII_PUNCT.test(next)) {
        out += next;
        i++;
      } else {
        problems.push(`${where}: backslash before ${JSON.stringify(next ?? 'end')} is shown as is: ${s}`);
        out += c;
      }
      continue;
    }
    if (c === '*' && s[i + 1] === '*' && s[i + 2] !== '*') {
      const before = s[i - 1] ?? ' ';
      const after = s[i + 2] ?? ' ';
      const left = !SPACE.test(after) && (!PUNCT.test(after) || SPACE.test(before) || PUNCT.test(before));
      const right = !SPACE.test(before) && (!PUNCT.test(before) || SPACE.test(after) || PUNCT.test(after));
      if (!open && left) open = true;
      else if (open && right) open = false;
      else problems.push(`${where}: ** at ${i} neither opens nor closes: ${s}`);
      i++;
      continue;
    }
    if (/[*_`[\]~]/.test(c)) problems.push(`${where}: unescaped ${c} would be markup: ${s}`);
    if (c === '<' && /[A-Za-z/!?]/.test(s[i + 1] ?? '')) problems.push(`${where}: unescaped tag: ${s}`);
    if (c === '&' && /^&#?[A-Za-z0-9]+;/.test(s.slice(i))) problems.push(`${where}: unescaped entity: ${s}`);
    out += c;
  }
  if (open) problems.push(`${where}: ** left open: ${s}`);
  return out;
}

/** Cells of a GitHub table row, split at unescaped `|`. */
function cells(line: string): string[] {
  return line.replace(/^\|\s?|\s?\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

/** What a renderer shows for each block of the Markdown, and the problems found on the way. */
function render(md: string): { shown: string[]; problems: string[] } {
  const shown: string[] = [];
  const problems: string[] = [];
  for (const chunk of md.split(/\n{2,}/).map((c) => c.replace(/\n$/, '')).filter(Boolean)) {
    const lines = chunk.split('\n');
    if (chunk === '---') continue; // the break between reports
    const h = /^(#{1,6}) (.*)$/.exec(chunk);
    if (h && lines.length === 1) {
      if (/(^|\s)#+\s*$/.test(h[2].replace(/\\#/g, ''))) problems.push(`heading closes early: ${chunk}`);
      shown.push(inline(h[2], problems, 'heading'));
      continue;
    }
    if (lines[0].startsWith('|')) {
      if (!/^\|(?: :?-{3,}:? \|)+$/.test(lines[1] ?? '')) problems.push(`no delimiter row: ${chunk}`);
      shown.push([lines[0], ...lines.slice(2)].map((l) => cells(l).map((c) => inline(c, problems, 'cell')).join('\t')).join('\n'));
      continue;
    }
    // A paragraph: every line starts as text; a backslash at the end of a line is a hard break.
    lines.forEach((l, i) => {
      if (BLOCK_START.test(l)) problems.push(`line ${JSON.stringify(l)} opens a block`);
      if (i < lines.length - 1 && !l.endsWith('\\')) problems.push(`soft break (shown as a space) after ${JSON.stringify(l)}`);
      if (/ {2,}$/.test(l)) problems.push(`trailing spaces: ${JSON.stringify(l)}`);
    });
    shown.push(lines.map((l, i) => inline(i < lines.length - 1 ? l.slice(0, -1) : l, problems, 'paragraph')).join('\n'));
  }
  return { shown, problems };
}

/** The text each block says, as a renderer lays it out: lines trimmed, empty ones dropped, table cells on one line. */
function said(b: Block): string {
  if (b.kind === 'table') return [b.header, ...b.rows].map((r) => r.map((c) => c.replace(/\s+/g, ' ').trim()).join('\t')).join('\n');
  if (b.kind === 'paragraph') return blockText(b).split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
  return blockText(b).replace(/\s+/g, ' ').trim();
}

function expectShows(reports: Report[]) {
  const md = toMarkdown(reports);
  const { shown, problems } = render(md);
  expect(problems).toEqual([]);
  expect(shown).toEqual(reports.flatMap((r) => r.blocks.map(said)));
}

const NASTY = [
  '2.00',
  '100.00%',
  '1. 第一项',
  '1) 第二项',
  '# 不是标题',
  '> 不是引用',
  '- 不是列表',
  '+ 不是列表',
  '* 不是列表',
  '===',
  '---',
  '    不是代码',
  '\t不是代码',
  '```',
  '~~~',
  '<div>不是 HTML</div>',
  'a|b',
  '*强调* _强调_ **粗体** `代码` ~~删除~~',
  '[链接](http://x) ![图](y) <http://z>',
  '&amp; &#35; &copy',
  'C:\\目录\\',
  '末尾两个空格  ',
  '5 < 6 > 4',
];

test('text that looks like markup stays text: every block shows what it says', () => {
  const r: Report = {
    kind: 'project',
    title: '1. #标题 *项目*',
    source: '',
    blocks: [
      { kind: 'title', text: '2023年度#1 项目 #' },
      { kind: 'heading', level: 1, text: '一、基本情况' },
      { kind: 'heading', level: 2, text: '（一）项目 #' },
      ...NASTY.map((t): Block => ({ kind: 'paragraph', runs: [{ text: t }] })),
      { kind: 'paragraph', runs: [{ text: NASTY.join('\n') }] },
      { kind: 'paragraph', runs: [{ text: '人代会议项目' }, { text: '【待填写：项目立项依据、主要内容和实施情况】', placeholder: true }, { text: '对纳入' }] },
      { kind: 'paragraph', runs: [{ text: '【待填写：单位名称】', placeholder: true }, { text: '对纳入预算的项目' }] },
      { kind: 'paragraph', runs: [{ text: '原因：' }, { text: '【待填写：经费（工作簿中没有基础数据表）】', placeholder: true }] },
      { kind: 'paragraph', runs: [{ text: '文字' }, { text: '待填写', placeholder: true }, { text: '文字' }] },
      { kind: 'table', header: ['序号', '项目|名称', '全年预算数'], rows: NASTY.map((t, i) => [String(i + 1), t, '2.00']) },
    ],
  };
  expectShows([r]);
});

test('a generated report: no backslash before a digit (\\2.00, \\100.00%), figures right-aligned', () => {
  const reports = buildReports(
    analyze(workbook(projectSheet({ sheetName: 'A' }), projectSheet({ sheetName: 'B', name: '1.代表培训', indicators: GOOD_INDICATORS.map((x, i) => (i === 0 ? { ...x, l3: '1.1、召开会议' } : x)) }))),
    DEFAULT_SETTINGS,
  );
  const md = toMarkdown(reports);
  expect(md).not.toMatch(/\\[^!-/:-@[-`{-~\n]/);
  expect(md).toContain('| 1 | 人代会议 | 48.00 | 36.00 | 75.00% | 95.5 | 优 |');
  expect(md).toContain('| ---: | --- | ---: | ---: | ---: | ---: | :---: |');
  expectShows(reports);
});

test('placeholders in bold open and close where CommonMark lets them: inside their brackets', () => {
  const md = toMarkdown([{ kind: 'project', title: '', source: '', blocks: [{ kind: 'paragraph', runs: [{ text: '人代会议项目' }, { text: '【待填写：原因】', placeholder: true }, { text: '。' }] }] }]);
  expect(md).toBe('人代会议项目【**待填写：原因**】。\n');
});
