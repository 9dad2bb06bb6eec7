// Opening .xlsx files in the browser: ExcelJS's browser build, then the same conversion the CLI uses.
import ExcelJS from 'exceljs';
import type { Workbook } from '../core/grid/types';
import { excelToGrid } from '../hosts/xlsx/convert';
import { ExcelGuardError, guardExcelLoad } from '../hosts/xlsx/excel-guard';

export const SAMPLES = ['示例-项目支出自评.xlsx', 'lusong-2023.xlsx', 'xiangdong-2023.xlsx'];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export async function readXlsx(buf: ArrayBuffer): Promise<Workbook> {
  const head = new Uint8Array(buf.slice(0, 4));
  if (buf.byteLength === 0) throw new Error('文件为空');
  if (OLE.every((b, i) => head[i] === b)) throw new Error('这是旧版 .xls 或受密码保护的文件，请在 Excel 中另存为 .xlsx 后再试');
  if (!ZIP.every((b, i) => head[i] === b)) throw new Error('这不是有效的 .xlsx 文件');
  // The browser keeps what it reads in memory: refuse what the CLI would refuse as too large.
  if (buf.byteLength > 100 * 1024 * 1024) throw new Error('文件超过 100 MB，请先拆分后再试');
  const excel = new ExcelJS.Workbook();
  try {
    // Overlapping merges, odd sheet names and oversized merges handled as the CLI handles them.
    const finish = guardExcelLoad(excel);
    await excel.xlsx.load(buf);
    finish();
  } catch (e) {
    throw new Error(e instanceof ExcelGuardError ? e.message : '文件已损坏或不是 Excel 工作簿');
  }
  const wb = excelToGrid(excel);
  if (wb.sheets.length === 0) throw new Error('工作簿中没有工作表');
  return wb;
}
