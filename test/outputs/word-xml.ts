// Reads a .docx's word/document.xml into what a test asserts on: paragraphs with their style and
// alignment, and tables with their grid, header rows and cells.
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';

export interface WordParagraph {
  style: string | null;
  /** w:jc of the paragraph. */
  jc: string | null;
  text: string;
}

export interface WordCell {
  text: string;
  jc: string | null;
}

export interface WordTable {
  /** w:gridCol widths, in twips. */
  grid: number[];
  /** Rows, each with whether it repeats as a header row (w:tblHeader). */
  rows: { header: boolean; cells: WordCell[] }[];
}

export interface WordDocument {
  paragraphs: WordParagraph[];
  tables: WordTable[];
}

export async function documentXml(docx: Uint8Array | Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const f = zip.file('word/document.xml');
  if (!f) throw new Error('no word/document.xml');
  return f.async('string');
}

export function readWordXml(xml: string): WordDocument {
  const out: WordDocument = { paragraphs: [], tables: [] };
  const tables: WordTable[] = [];
  let para: WordParagraph | null = null;
  let inText = false;
  let depth = 0; // tables nest
  let row: { header: boolean; cells: WordCell[] } | null = null;
  let cell: WordCell | null = null;
  let inTrPr = false;
  const p = new SaxesParser();
  p.on('opentag', (t) => {
    const a = t.attributes as Record<string, string>;
    switch (t.name) {
      case 'w:tbl':
        depth++;
        tables.push({ grid: [], rows: [] });
        break;
      case 'w:gridCol':
        tables[tables.length - 1]?.grid.push(Number(a['w:w']));
        break;
      case 'w:tr':
        row = { header: false, cells: [] };
        break;
      case 'w:trPr':
        inTrPr = true;
        break;
      case 'w:tblHeader':
        if (row && inTrPr && !['false', '0', 'off'].includes(a['w:val'])) row.header = true;
        break;
      case 'w:tc':
        cell = { text: '', jc: null };
        break;
      case 'w:p':
        para = { style: null, jc: null, text: '' };
        break;
      case 'w:pStyle':
        if (para) para.style = a['w:val'];
        break;
      case 'w:jc':
        if (para) para.jc = a['w:val'];
        break;
      case 'w:t':
        inText = true;
        break;
    }
  });
  p.on('text', (s) => {
    if (inText && para) para.text += s;
  });
  p.on('closetag', (t) => {
    switch (t.name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:p':
        if (para) {
          if (cell) {
            cell.text += (cell.text ? '\n' : '') + para.text;
            cell.jc ??= para.jc;
          } else if (depth === 0) out.paragraphs.push(para);
        }
        para = null;
        break;
      case 'w:trPr':
        inTrPr = false;
        break;
      case 'w:tc':
        if (row && cell) row.cells.push(cell);
        cell = null;
        break;
      case 'w:tr':
        if (row) tables[tables.length - 1]?.rows.push(row);
        row = null;
        break;
      case 'w:tbl':
        depth--;
        out.tables.push(tables.pop() as WordTable);
        break;
    }
  });
  p.write(xml).close();
  return out;
}
