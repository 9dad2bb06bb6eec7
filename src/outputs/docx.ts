// Reports as a .docx following Chinese official-document conventions (GB/T 9704): A4, title in
// 方正小标宋简体 二号 (falling back to 黑体), body 仿宋_GB2312 三号 at a fixed 28-point line, 一、 headings
// 黑体, （一） headings 楷体_GB2312, page numbers "— 1 —". Runs in Node and in the browser. Every text
// goes through xmlSafe: the docx library writes characters XML 1.0 forbids as they are, and Word then
// refuses the document.
import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import { xmlSafe } from '../core/report/lines';
import type { Block, Report } from '../core/report/model';
import { columnAligns, columnUnits, type Align } from '../core/report/table-layout';

export const FONTS = {
  title: '方正小标宋简体',
  titleFallback: '黑体',
  body: '仿宋_GB2312',
  h1: '黑体',
  h2: '楷体_GB2312',
  page: '宋体',
} as const;

const PT = 2; // docx sizes are half-points
const SIZE = { title: 22 * PT, body: 16 * PT, table: 12 * PT, page: 14 * PT }; // 二号 22pt, 三号 16pt, 小四 12pt, 四号 14pt
const LINE = 28 * 20; // fixed 28 pt, in twips
const MM = 56.7; // twips per millimetre
const PAGE = { width: 210, height: 297, top: 37, bottom: 35, left: 28, right: 26 }; // GB/T 9704 A4, mm
/** The text width of the page: 156 mm, in twips. */
export const TEXT_WIDTH = Math.round((PAGE.width - PAGE.left - PAGE.right) * MM);
/** A cell's left and right margins (Word's default, 0.19 cm), in twips. */
const CELL_PAD = 108;
/** Half the width of a CJK character of the table font (小四, 12 pt): an ASCII digit's, in twips. */
const HALF_EM = (SIZE.table * 10) / 2;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

/**
 * Column widths in twips that fill the text width: each column sized to its content (columnUnits: the
 * widest number whole, the rest shared by how much text each column holds), plus the cell margins.
 */
export function tableColumnWidths(header: readonly string[], rows: readonly (readonly string[])[]): number[] {
  const pads = header.length * 2 * CELL_PAD;
  const units = columnUnits(header, rows, (TEXT_WIDTH - pads) / HALF_EM);
  const widths = units.map((u) => Math.floor(u * HALF_EM + 2 * CELL_PAD));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function font(name: string): IRunOptions['font'] {
  return { ascii: name, eastAsia: name, hAnsi: name, cs: name };
}

function run(text: string, face: string, size: number, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text: xmlSafe(text), font: font(face), size, ...extra });
}

function block(b: Block): (Paragraph | Table)[] {
  const spacing = { line: LINE, lineRule: LineRuleType.EXACT };
  switch (b.kind) {
    case 'title':
      return [
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...spacing, line: 36 * 20, after: LINE }, children: [run(b.text, FONTS.title, SIZE.title)] }),
      ];
    case 'heading':
      return [
        new Paragraph({
          spacing,
          indent: { firstLine: 2 * SIZE.body * 10 },
          children: [run(b.text, b.level === 1 ? FONTS.h1 : FONTS.h2, SIZE.body)],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          spacing,
          alignment: AlignmentType.JUSTIFIED,
          indent: { firstLine: 2 * SIZE.body * 10 },
          children: b.runs.map((r) => run(r.text, FONTS.body, SIZE.body, r.placeholder ? { highlight: 'yellow' } : {})),
        }),
      ];
    case 'table': {
      // Widths sized to the content, figures right-aligned, the header row repeated on each page.
      const widths = tableColumnWidths(b.header, b.rows);
      const align = columnAligns(b.rows, b.header.length);
      const cell = (text: string, c: number, header: boolean) =>
        new TableCell({
          width: { size: widths[c], type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          children: [
            new Paragraph({
              alignment: header ? AlignmentType.CENTER : ALIGN[align[c]],
              children: [run(text, FONTS.body, SIZE.table, header ? { bold: true } : {})],
            }),
          ],
        });
      const row = (cells: readonly string[], header: boolean) =>
        new TableRow({ ...(header ? { tableHeader: true } : {}), cantSplit: true, children: b.header.map((_, c) => cell(cells[c] ?? '', c, header)) });
      return [
        new Table({
          width: { size: TEXT_WIDTH, type: WidthType.DXA },
          columnWidths: widths,
          layout: TableLayoutType.FIXED,
          margins: { left: CELL_PAD, right: CELL_PAD },
          rows: [row(b.header, true), ...b.rows.map((r) => row(r, false))],
        }),
      ];
    }
  }
}

/** The font table entries that tell Word which font to use when the official ones are missing. */
function fontTable(): string {
  const entry = (name: string, alt: string) =>
    `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entry(FONTS.title, FONTS.titleFallback) +
    entry(FONTS.body, '仿宋') +
    entry(FONTS.h2, '楷体') +
    entry(FONTS.h1, 'SimHei') +
    entry(FONTS.page, 'SimSun') +
    '</w:fonts>'
  );
}

/**
 * How far the .docx has got, in reports done of total: `build` as each report's paragraphs are made,
 * `format` as docx turns each into its XML tree, `serialize` as it writes that tree out as text. After
 * the last `serialize` only the compression is left.
 */
export type DocxProgress = (phase: 'build' | 'format' | 'serialize', done: number, total: number) => void;

/**
 * A child that writes nothing and says when docx reaches it. Its XML tree is an element with no name
 * (docx writes it as ""), whose keys docx asks for when it visits it: first while it looks for tables
 * of contents, then while it writes the XML text, report by report. A later docx that visits it once
 * only gives no `serialize` progress, and one that wrote it differently would change the document,
 * which the tests compare.
 */
function mark(formatted: () => void, serialized: () => void): Paragraph {
  let visits = 0;
  const tree = new Proxy(
    {},
    {
      ownKeys: () => {
        if (++visits === 2) serialized();
        return [];
      },
    },
  );
  return {
    prepForXml: () => {
      formatted();
      return tree;
    },
  } as unknown as Paragraph;
}

export async function reportsToDocx(reports: Report[], onProgress?: DocxProgress): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  const n = reports.length;
  const reached = (i: number) => mark(() => onProgress?.('format', i, n), () => onProgress?.('serialize', i, n));
  reports.forEach((r, i) => {
    if (onProgress) children.push(reached(i));
    if (i > 0) children.push(new Paragraph({ children: [new PageBreak()] }));
    for (const b of r.blocks) children.push(...block(b));
    onProgress?.('build', i + 1, n);
  });
  if (onProgress) children.push(reached(n));
  const doc = new Document({
    creator: '绩效自评助手',
    title: xmlSafe(reports[0]?.title ?? '绩效自评报告'),
    styles: { default: { document: { run: { font: font(FONTS.body), size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width * MM, height: PAGE.height * MM },
            margin: { top: PAGE.top * MM, bottom: PAGE.bottom * MM, left: PAGE.left * MM, right: PAGE.right * MM },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONTS.page), size: SIZE.page })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.pack(doc, 'uint8array', false, [{ path: 'word/fontTable.xml', data: fontTable() }]);
}
