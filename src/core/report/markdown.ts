// Markdown and plain text of a report, to copy. Cell text is escaped so it stays text, and characters
// XML 1.0 does not allow are removed (xmlSafe), as from every report output.
import { xmlSafe } from './lines';
import { blockText, type Block, type Report } from './model';

/**
 * Markdown-significant characters become literal; block markers only matter at the start of a line.
 * Characters XML 1.0 does not allow go first, so that none can hide a marker (`1\u0001.`) from the escape.
 */
function esc(s: string): string {
  return xmlSafe(s).replace(/([\\`*_{}[\]()!|<>~])/g, '\\$1').replace(/^(\s*)([#+\-]|\d+\.)/gm, (_, sp, m) => `${sp}\\${m}`);
}

function mdBlock(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `# ${esc(b.text)}`;
    case 'heading':
      return `${b.level === 1 ? '##' : '###'} ${esc(b.text)}`;
    case 'paragraph':
      return b.runs.map((r) => (r.placeholder ? `**${esc(r.text)}**` : esc(r.text))).join('');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map((c) => esc(c)).join(' | ')} |`;
      return [row(b.header), `| ${b.header.map(() => '---').join(' | ')} |`, ...b.rows.map(row)].join('\n');
    }
  }
}

export function toMarkdown(reports: Report[]): string {
  return reports.map((r) => r.blocks.map(mdBlock).join('\n\n')).join('\n\n---\n\n') + '\n';
}

export function toPlainText(reports: Report[]): string {
  return xmlSafe(reports.map((r) => r.blocks.map(blockText).join('\n')).join('\n\n') + '\n');
}
