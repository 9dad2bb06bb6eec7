// A report as rows of a worksheet: a paragraph per row, headings marked for bold. Also xmlSafe, which
// every report output (these lines, Markdown, plain text, the .docx) applies to its text.
import { blockText, type Report } from './model';

/**
 * Characters XML 1.0 does not allow: C0 controls but tab, line feed and carriage return; U+FFFE and
 * U+FFFF; a surrogate without its pair. A cell can hold them (Excel stores them as _xHHHH_), and Word
 * refuses a document.xml that contains one.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `s` without the characters XML 1.0 does not allow; every other character is kept. */
export function xmlSafe(s: string): string {
  return s.replace(XML_ILLEGAL, '');
}

export interface ReportLine {
  text: string;
  style: 'title' | 'h1' | 'h2' | 'body' | 'table';
}

export function reportLines(reports: Report[]): ReportLine[] {
  const out: ReportLine[] = [];
  reports.forEach((r, i) => {
    if (i > 0) out.push({ text: '', style: 'body' });
    for (const b of r.blocks) {
      if (b.kind === 'title') out.push({ text: xmlSafe(b.text), style: 'title' });
      else if (b.kind === 'heading') out.push({ text: xmlSafe(b.text), style: b.level === 1 ? 'h1' : 'h2' });
      else if (b.kind === 'paragraph') out.push({ text: xmlSafe(blockText(b)), style: 'body' });
      else for (const row of [b.header, ...b.rows]) out.push({ text: xmlSafe(row.join('　')), style: 'table' });
    }
  });
  return out;
}
