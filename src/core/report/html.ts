// HTML of reports, for the clipboard's text/html: Word and WPS paste it as headings, paragraphs and
// tables. Inline styles only (a pasted <style> is sometimes dropped), in the fonts of the .docx
// (GB/T 9704: title 方正小标宋, 一、 headings 黑体, （一） headings 楷体, body 仿宋 三号 at 28 pt). Every text
// is HTML-escaped and cleaned of characters XML 1.0 does not allow (xmlSafe), as in every report output.
import { xmlSafe } from './lines';
import type { Block, Report, Run } from './model';
import { columnAligns } from './table-layout';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return xmlSafe(s).replace(/[&<>"']/g, (c) => ESC[c]);
}

/** Text with its line breaks kept. */
function text(s: string): string {
  return escapeHtml(s).replace(/\r\n|[\r\n]/g, '<br>');
}

const FONT = {
  title: "font-family:'方正小标宋简体','方正小标宋_GBK','黑体',SimHei,sans-serif",
  h1: "font-family:'黑体',SimHei,sans-serif",
  h2: "font-family:'楷体_GB2312','楷体',KaiTi,serif",
  body: "font-family:'仿宋_GB2312','仿宋',FangSong,serif",
};
const BODY = `${FONT.body};font-size:16pt;line-height:28pt;margin:0`;
const STYLE = {
  title: `${FONT.title};font-size:22pt;font-weight:normal;text-align:center;line-height:36pt;margin:0 0 28pt 0`,
  h1: `${FONT.h1};font-size:16pt;font-weight:normal;text-indent:2em;line-height:28pt;margin:0`,
  h2: `${FONT.h2};font-size:16pt;font-weight:normal;text-indent:2em;line-height:28pt;margin:0`,
  p: `${BODY};text-indent:2em;text-align:justify`,
  placeholder: 'background-color:#ffff00',
  table: 'border-collapse:collapse;width:100%;margin:6pt 0',
  cell: `${FONT.body};font-size:12pt;border:1px solid #000000;padding:2pt 4pt;vertical-align:middle`,
};

function run(r: Run): string {
  return r.placeholder ? `<strong style="${STYLE.placeholder}">${text(r.text)}</strong>` : text(r.text);
}

function htmlBlock(b: Block, pageBreak: boolean): string {
  const br = pageBreak ? ';page-break-before:always' : '';
  switch (b.kind) {
    case 'title':
      return `<h1 style="${STYLE.title}${br}">${escapeHtml(b.text)}</h1>`;
    case 'heading':
      return b.level === 1 ? `<h2 style="${STYLE.h1}${br}">${escapeHtml(b.text)}</h2>` : `<h3 style="${STYLE.h2}${br}">${escapeHtml(b.text)}</h3>`;
    case 'paragraph':
      return `<p style="${STYLE.p}${br}">${b.runs.map(run).join('')}</p>`;
    case 'table': {
      const align = columnAligns(b.rows, b.header.length);
      const th = b.header.map((h) => `<th style="${STYLE.cell};font-weight:bold;text-align:center">${text(h)}</th>`).join('');
      const tr = (r: string[]) =>
        `<tr>${b.header.map((_, c) => `<td style="${STYLE.cell};text-align:${align[c]}">${text(r[c] ?? '')}</td>`).join('')}</tr>`;
      return `<table border="1" cellspacing="0" cellpadding="4" style="${STYLE.table}${br}"><thead><tr>${th}</tr></thead><tbody>${b.rows.map(tr).join('')}</tbody></table>`;
    }
  }
}

/** A self-contained HTML document (UTF-8), each report after the first on a new page. */
export function toHtml(reports: Report[]): string {
  const body = reports.flatMap((r, i) => r.blocks.map((b, k) => htmlBlock(b, i > 0 && k === 0))).join('\n');
  const title = escapeHtml(reports[0]?.title ?? '绩效自评报告');
  return (
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n' +
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n' +
    `<title>${title}</title>\n</head>\n<body style="${BODY}">\n${body}\n</body>\n</html>\n`
  );
}
