// The CLI's reading of a .docx: docx-read.ts with zlib (zip-node.ts, never past an entry's declared
// size) and every limit a workbook has in the CLI (zip-guard.ts: entry count, total, compression ratio).
import { entryData, EntryTooLargeError } from '../hosts/xlsx/package/zip-node';
import type { ZipArchive, ZipItem } from '../hosts/xlsx/package/zip';
import { declaredProblem, MAX_COMPRESSION_RATIO, MAX_ZIP_ENTRIES } from '../hosts/xlsx/zip-guard';
import { DOCX_MESSAGES, DocxReadError, docxText } from './docx-read';

function inflate(zip: ZipArchive, item: ZipItem): Uint8Array {
  try {
    return entryData(zip, item);
  } catch (e) {
    if (e instanceof EntryTooLargeError) throw new DocxReadError(DOCX_MESSAGES.lyingSize(e.entry));
    throw e;
  }
}

function declared(items: readonly ZipItem[]): string | undefined {
  const p = declaredProblem([...items]);
  switch (p?.kind) {
    case 'too-many-entries':
      return `文件内部的部件过多（超过 ${MAX_ZIP_ENTRIES} 个），无法安全读取`;
    case 'too-large':
      return DOCX_MESSAGES.unpackedTooLarge(p.total);
    case 'ratio':
      return `文件中的「${p.name}」压缩比异常（约 ${Math.round(p.ratio)} 倍，上限为 ${MAX_COMPRESSION_RATIO} 倍），疑似压缩炸弹，已拒绝读取`;
    default:
      return undefined;
  }
}

/** The text of a .docx read from disk (see docxText), with the CLI's limits. */
export function docxFileText(bytes: Uint8Array): Promise<string> {
  return docxText(bytes, { inflate, declared });
}
