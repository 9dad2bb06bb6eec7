// Shared fixtures for the .xlsx host tests: temp dirs, small workbooks built with ExcelJS, an XML check.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import * as ExcelJS from 'exceljs';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const BOLD: Partial<ExcelJS.Font> = { bold: true, name: 'Arial', size: 11 };
export const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };

/** Three sheets (main visible, 隐藏 hidden, 深藏 very hidden) with every kind of value the reader maps. */
export function buildSample(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主表');
  ws.getColumn(1).width = 30;
  ws.getColumn(4).width = 12.5;

  // Merged title with bold font and fill.
  ws.getCell('A1').value = '2023年度项目支出绩效自评表';
  ws.getCell('A1').font = BOLD;
  ws.getCell('A1').fill = YELLOW;
  ws.mergeCells('A1:E1');

  ws.getRow(2).values = ['项目', '预算数', '执行数', '执行率', '得分'];
  ws.getCell('A2').font = BOLD;

  // Rows 3-5: numbers, a percentage formula, a shared bold style.
  const data: [string, number, number][] = [
    ['会议费', 100, 80],
    ['培训费', 50, 50],
    ['差旅费', 0, 10],
  ];
  data.forEach(([name, a, b], i) => {
    const r = 3 + i;
    ws.getCell(`A${r}`).value = name;
    ws.getCell(`B${r}`).value = a;
    ws.getCell(`C${r}`).value = b;
    ws.getCell(`B${r}`).font = BOLD;
    ws.getCell(`C${r}`).font = BOLD;
    ws.getCell(`C${r}`).fill = YELLOW;
    ws.getCell(`D${r}`).value =
      a === 0 ? { formula: `C${r}/B${r}`, result: { error: '#DIV/0!' } } : { formula: `C${r}/B${r}`, result: b / a };
    ws.getCell(`D${r}`).numFmt = '0.00%';
  });
  ws.getCell('E3').value = { formula: 'D3*10', result: 8, shareType: 'shared', ref: 'E3:E4' } as ExcelJS.CellValue;
  ws.getCell('E4').value = { sharedFormula: 'E3', result: 10 } as ExcelJS.CellValue;
  ws.getCell('E5').value = { error: '#N/A' } as ExcelJS.CellValue;

  // Row 6: rich text, hyperlink, boolean, date, formula whose result is 0.
  ws.getCell('A6').value = { richText: [{ text: '产出', font: { bold: true } }, { text: '指标' }] };
  ws.getCell('B6').value = { text: '财政局网站', hyperlink: 'https://example.com/' };
  ws.getCell('C6').value = true;
  ws.getCell('D6').value = new Date(Date.UTC(2023, 11, 31));
  ws.getCell('D6').numFmt = 'yyyy-mm-dd';
  ws.getCell('E6').value = { formula: 'B4-B4', result: 0 };

  // Vertical merge A7:A9 with a value; formula without a cached result; empty string; style-only cells.
  ws.getCell('A7').value = '产出指标\n\n(40分)';
  ws.mergeCells('A7:A9');
  ws.getCell('B7').value = { formula: 'SUM(B3:B5)' } as ExcelJS.CellValue;
  ws.getCell('C7').value = '';
  ws.getCell('D7').numFmt = '0.00';
  ws.getCell('H20').fill = YELLOW;

  const hidden = wb.addWorksheet('隐藏');
  hidden.state = 'hidden';
  hidden.getCell('B2').value = 42;
  const veryHidden = wb.addWorksheet('深藏');
  veryHidden.state = 'veryHidden';
  veryHidden.getCell('A1').value = 'x';
  return wb;
}

export async function writeSample(path: string, wb: ExcelJS.Workbook = buildSample()): Promise<void> {
  await wb.xlsx.writeFile(path);
}

/** Fails the test unless `xml` is well-formed XML (with `namespaces`, every prefix declared too). */
export function expectWellFormed(xml: string, namespaces = false): void {
  const p = new SaxesParser({ xmlns: namespaces });
  p.on('error', (e) => {
    throw e;
  });
  p.write(xml).close();
}
