// Markdown of a report, valid CommonMark (tables as GitHub tables): what it shows is what the text says.
// Text is escaped only where CommonMark would read it as markup, in its context: a backslash is never
// put before a character that is not ASCII punctuation (CommonMark shows such a backslash as it is:
// `\2.00`). Characters XML 1.0 does not allow are removed first (xmlSafe), as from every report output,
// so that none can hide a marker (`1\u0001.`) from the escape.
import { xmlSafe } from './lines';
import type { Block, Report, Run } from './model';
import { columnAligns } from './table-layout';

/**
 * Inline markup anywhere in a line: backslash, code span, emphasis (`*`, `_`, GFM `~`), links (`[`, `]`),
 * raw HTML and autolinks (`<` before a tag or a scheme), entity references (`&amp;`).
 */
function inline(s: string): string {
  return s
    .replace(/[\\`*_~[\]]/g, '\\$&')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/**
 * Block markers at the start of a line: ATX headings (`#`), block quotes (`>`), bullet lists and
 * thematic breaks (`-`, `+`; `*` is escaped inline), setext underlines (`=`, `-`), ordered lists
 * (`1.`, `1)`: the punctuation is escaped, `1\.`). Leading spaces would make an indented code block
 * and trailing ones a hard break: both are dropped (CommonMark shows neither).
 */
function lineStart(line: string): string {
  return line
    .replace(/^[ \t]+|[ \t]+$/g, '')
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A paragraph's text: each line of the cell text is a line of the paragraph (a hard break between). */
function lines(text: string): string[] {
  return text.split(/\r\n|[\r\n]/).map(lineStart).filter((l) => l !== '');
}

/**
 * A placeholder in bold. CommonMark opens `**` only before a character that is not punctuation or
 * after whitespace or punctuation, and closes it likewise: `文字**【待填写】**文字` stays literal. The
 * markers go inside the outer brackets, `【**待填写：…**】`, where punctuation stands on their outer side
 * and they always open and close; text without brackets is bolded where it has no punctuation at its ends.
 */
function strong(text: string): string {
  const m = /^([\p{Ps}\p{Pi}]?)(.*?)([\p{Pe}\p{Pf}]?)$/su.exec(text) as RegExpExecArray;
  let [, open, inner, close] = m;
  if (!open) [, open, inner] = /^([\p{P}\p{S}\s]*)(.*)$/su.exec(inner) as RegExpExecArray;
  if (!close) [, inner, close] = /^(.*?)([\p{P}\p{S}\s]*)$/su.exec(inner) as RegExpExecArray;
  return inner.trim() === inner && inner ? `${inline(open)}**${inline(inner)}**${inline(close)}` : inline(text);
}

function paragraph(runs: Run[]): string {
  const text = runs.map((r) => (r.placeholder ? strong(xmlSafe(r.text)) : inline(xmlSafe(r.text)))).join('');
  return lines(text).join('\\\n');
}

/** An ATX heading: one line, its content read as inline text only; every `#` escaped, so none closes it. */
function heading(marker: string, text: string): string {
  return `${marker} ${inline(xmlSafe(text)).replace(/#/g, '\\#').replace(/\s+/g, ' ').trim()}`;
}

/** A GitHub table cell: one line, `|` escaped; figures right-aligned and short codes centred by the delimiter row. */
function tableCell(s: string): string {
  return inline(xmlSafe(s)).replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
}

function mdBlock(b: Block): string {
  switch (b.kind) {
    case 'title':
      return heading('#', b.text);
    case 'heading':
      return heading(b.level === 1 ? '##' : '###', b.text);
    case 'paragraph':
      return paragraph(b.runs);
    case 'table': {
      const align = columnAligns(b.rows, b.header.length);
      const row = (cells: string[]) => `| ${b.header.map((_, c) => tableCell(cells[c] ?? '')).join(' | ')} |`;
      return [row(b.header), `| ${align.map((a) => (a === 'right' ? '---:' : a === 'center' ? ':---:' : '---')).join(' | ')} |`, ...b.rows.map(row)].join('\n');
    }
  }
}

export function toMarkdown(reports: Report[]): string {
  return reports.map((r) => r.blocks.map(mdBlock).filter((s) => s !== '').join('\n\n')).join('\n\n---\n\n') + '\n';
}
