// Opening .xlsx files in the browser: the package reader the CLI uses (entries inflated with the
// browser's DecompressionStream), and ExcelJS's browser build, loaded on demand, for unusual packages.
import type { Workbook } from '../core/grid/types';
import { excelToGrid } from '../hosts/xlsx/convert';
import { ExcelGuardError, guardExcelLoad } from '../hosts/xlsx/excel-guard';
import { MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES } from '../hosts/xlsx/limits';
import { PackageParts } from '../hosts/xlsx/package/parts';
import { readPackage } from '../hosts/xlsx/package/read';
import { DamagedPartError, PatchUnsupportedError } from '../hosts/xlsx/package/xml';
import { inflateWithin } from '../hosts/xlsx/package/inflate-stream';
import { readZip, type ZipArchive, type ZipItem } from '../hosts/xlsx/package/zip';

export const SAMPLES = ['示例-项目支出自评.xlsx', 'lusong-2023.xlsx', 'xiangdong-2023.xlsx'];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export async function readXlsx(buf: ArrayBuffer): Promise<Workbook> {
  const head = new Uint8Array(buf.slice(0, 4));
  if (buf.byteLength === 0) throw new Error('文件为空');
  if (OLE.every((b, i) => head[i] === b)) throw new Error('这是旧版 .xls 或受密码保护的文件，请在 Excel 中另存为 .xlsx 后再试');
  if (!ZIP.every((b, i) => head[i] === b)) throw new Error('这不是有效的 .xlsx 文件');
  // The browser keeps what it reads in memory: refuse what the CLI would refuse as too large.
  if (buf.byteLength > MAX_FILE_BYTES) throw new Error(`文件超过 ${MAX_FILE_BYTES / 2 ** 20} MB，请先拆分后再试`);
  let wb: Workbook | undefined;
  try {
    wb = await readDirectly(new Uint8Array(buf));
  } catch (e) {
    if (e instanceof ExcelGuardError || e instanceof Refused) throw new Error(e.message);
    // A damaged part is damaged whoever reads it (as in the CLI): named, not handed to ExcelJS.
    if (e instanceof DamagedPartError) throw new Error(`${e.message}，可在 Excel 中打开修复后另存为 .xlsx 再试`);
    // Anything else (a package the reader does not follow, a damaged entry): ExcelJS reads it, or says why not.
  }
  wb ??= await readWithExcelJs(buf);
  if (wb.sheets.length === 0) throw new Error('工作簿中没有工作表');
  return wb;
}

/** A file refused outright: not to be handed to ExcelJS either, which would inflate it without bound. */
class Refused extends Error {}

async function readDirectly(bytes: Uint8Array): Promise<Workbook> {
  const zip = readZip(bytes);
  const declared = zip.items.reduce((n, i) => n + i.uncompressedSize, 0);
  if (declared > MAX_UNCOMPRESSED_BYTES) throw new Refused(`文件解压后超过 ${MAX_UNCOMPRESSED_BYTES / 2 ** 20} MB，请先拆分后再试`);
  const data = new Map<ZipItem, Uint8Array>();
  await Promise.all(zip.items.map(async (item) => data.set(item, await inflate(zip, item))));
  return readPackage(new PackageParts(zip, (item) => data.get(item)!)).workbook;
}

/** An entry's bytes, never more than it declares (a zip bomb stops there). */
function inflate(zip: ZipArchive, item: ZipItem): Promise<Uint8Array> {
  return inflateWithin(zip, item, {
    unsupported: (method) => new PatchUnsupportedError(`compression method ${method}`),
    tooLarge: () => new Refused('文件已损坏：压缩包中的条目比它声明的大小更大（可能是“压缩炸弹”），已停止读取'),
  });
}

async function readWithExcelJs(buf: ArrayBuffer): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const excel = new ExcelJS.Workbook();
  try {
    // Overlapping merges, odd sheet names and oversized merges handled as the CLI handles them.
    const finish = guardExcelLoad(excel);
    await excel.xlsx.load(buf);
    finish();
  } catch (e) {
    throw new Error(e instanceof ExcelGuardError ? e.message : '文件已损坏或不是 Excel 工作簿');
  }
  return excelToGrid(excel);
}
