// A report as rows of a worksheet: a paragraph per row, headings marked for bold.
import { blockText, type Report } from './model';

export interface ReportLine {
  text: string;
  style: 'title' | 'h1' | 'h2' | 'body' | 'table';
}

export function reportLines(reports: Report[]): ReportLine[] {
  const out: ReportLine[] = [];
  reports.forEach((r, i) => {
    if (i > 0) out.push({ text: '', style: 'body' });
    for (const b of r.blocks) {
      if (b.kind === 'title') out.push({ text: b.text, style: 'title' });
      else if (b.kind === 'heading') out.push({ text: b.text, style: b.level === 1 ? 'h1' : 'h2' });
      else if (b.kind === 'paragraph') out.push({ text: blockText(b), style: 'body' });
      else for (const row of [b.header, ...b.rows]) out.push({ text: row.join('　'), style: 'table' });
    }
  });
  return out;
}
