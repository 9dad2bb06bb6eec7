// Markdown and plain text of a report, to copy. Cell text is escaped so it stays text.
import { blockText, type Block, type Report } from './model';

/** Markdown-significant characters become literal; block markers only matter at the start of a line. */
function esc(s: string): string {
  return s.replace(/([\\`*_{}[\]()!|<>~])/g, '\\$1').replace(/^(\s*)([#+\-]|\d+\.)/gm, (_, sp, m) => `${sp}\\${m}`);
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
  return reports.map((r) => r.blocks.map(blockText).join('\n')).join('\n\n') + '\n';
}
