// Plain text of reports, for the clipboard's text/plain: no Markdown syntax (no `#`, `**`, `|---|`,
// backslashes), a line per title, heading and paragraph, placeholders as their text (【待填写：…】),
// and each table row as tab-separated cells, which Word, WPS and Excel paste as a table. Characters
// XML 1.0 does not allow are removed (xmlSafe), as from every report output.
import { xmlSafe } from './lines';
import type { Block, Report } from './model';

/** A table cell on one line: a tab or line break inside it would start another cell or row. */
function cell(s: string): string {
  return xmlSafe(s).replace(/\s+/g, ' ').trim();
}

function plainBlock(b: Block): string {
  switch (b.kind) {
    case 'title':
    case 'heading':
      return xmlSafe(b.text).replace(/\s+/g, ' ').trim();
    case 'paragraph':
      return b.runs.map((r) => r.text).join('');
    case 'table':
      return [b.header, ...b.rows].map((r) => b.header.map((_, c) => cell(r[c] ?? '')).join('\t')).join('\n');
  }
}

export function toPlainText(reports: Report[]): string {
  return xmlSafe(reports.map((r) => r.blocks.map(plainBlock).join('\n')).join('\n\n') + '\n');
}
