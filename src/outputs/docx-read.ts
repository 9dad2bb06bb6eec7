// The text of a .docx (for checking a report already written): one line per paragraph, table cells
// separated by tabs. Runs in Node and in the browser. The zip is read with the package reader's own zip
// code (hosts/xlsx/package/zip.ts) under the limits workbooks have (hosts/xlsx/limits.ts): the file's
// size and the total its entries declare are checked before anything is inflated, and no entry is ever
// inflated past the size it declares. In the browser an entry is inflated with DecompressionStream; the
// CLI passes zlib and the zip guard's entry-count and ratio limits (docx-read-node.ts).
import { MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES } from '../hosts/xlsx/limits';
import { PatchUnsupportedError } from '../hosts/xlsx/package/xml';
import { inflateWithin } from '../hosts/xlsx/package/inflate-stream';
import { readZip, type ZipArchive, type ZipItem } from '../hosts/xlsx/package/zip';

export class DocxReadError extends Error {}

export interface DocxReadOptions {
  /** An entry's bytes, never more than it declares. Default: DecompressionStream, stopped at the declared size. */
  inflate?: (zip: ZipArchive, item: ZipItem) => Uint8Array | Promise<Uint8Array>;
  /** Further limits on the entries as declared (the CLI's: entry count, compression ratio): why the file is refused, or undefined. */
  declared?: (items: readonly ZipItem[]) => string | undefined;
}

const MB = 1024 * 1024;
const DOCUMENT = 'word/document.xml';

export const DOCX_MESSAGES = {
  oldDoc: '这是旧版 .doc 或受密码保护的文件，请在 Word 中另存为 .docx 后再试',
  notDocx: '这不是有效的 .docx 文件',
  corrupt: '文件已损坏，无法读取',
  zip64: '文件是 ZIP64 格式的压缩包，无法读取，请在 Word 中另存为 .docx 后再试',
  noDocument: `这不是 Word 文档（缺少 ${DOCUMENT}）`,
  tooLarge: (bytes: number) => `文件过大（${Math.ceil(bytes / MB)} MB，上限为 ${MAX_FILE_BYTES / MB} MB），不像是报告文件，请确认是否选错了文件`,
  unpackedTooLarge: (total: number) => `文件解压后过大（声明为 ${Math.ceil(total / MB)} MB，上限为 ${MAX_UNCOMPRESSED_BYTES / MB} MB），无法安全读取`,
  lyingSize: (name: string) => `文件中的「${name}」解压后超过其声明的大小，文件已损坏或被篡改，已拒绝读取`,
} as const;

function codePoint(n: number): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => codePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => codePoint(parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** Paragraph texts of word/document.xml, in order. */
export function documentXmlText(xml: string): string {
  const lines: string[] = [];
  for (const para of xml.split(/<\/w:p>/)) {
    let line = '';
    for (const m of para.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>|<\/w:tc>/g)) {
      if (m[1] !== undefined) line += decode(m[1]);
      else if (m[0] === '<w:br/>') line += '\n';
      else line += '\t';
    }
    if (line.trim()) lines.push(line.replace(/\t+$/, ''));
  }
  return lines.join('\n');
}

export async function docxText(bytes: Uint8Array | ArrayBuffer, opts: DocxReadOptions = {}): Promise<string> {
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (buf[0] === 0xd0 && buf[1] === 0xcf) throw new DocxReadError(DOCX_MESSAGES.oldDoc);
  if (!(buf[0] === 0x50 && buf[1] === 0x4b)) throw new DocxReadError(DOCX_MESSAGES.notDocx);
  if (buf.length > MAX_FILE_BYTES) throw new DocxReadError(DOCX_MESSAGES.tooLarge(buf.length));
  let zip: ZipArchive;
  try {
    zip = readZip(buf);
  } catch (e) {
    if (e instanceof PatchUnsupportedError && e.message === 'ZIP64') throw new DocxReadError(DOCX_MESSAGES.zip64);
    throw new DocxReadError(DOCX_MESSAGES.corrupt);
  }
  const total = zip.items.reduce((n, i) => n + i.uncompressedSize, 0);
  if (total > MAX_UNCOMPRESSED_BYTES) throw new DocxReadError(DOCX_MESSAGES.unpackedTooLarge(total));
  const refused = opts.declared?.(zip.items);
  if (refused) throw new DocxReadError(refused);
  // Part names are case-insensitive (OPC); Word writes this one.
  const doc = zip.items.find((i) => i.name === DOCUMENT) ?? zip.items.find((i) => i.name.toLowerCase() === DOCUMENT);
  if (!doc) throw new DocxReadError(DOCX_MESSAGES.noDocument);
  let data: Uint8Array;
  try {
    data = await (opts.inflate ?? inflate)(zip, doc);
  } catch (e) {
    if (e instanceof DocxReadError) throw e;
    throw new DocxReadError(DOCX_MESSAGES.corrupt);
  }
  return documentXmlText(new TextDecoder('utf-8').decode(data));
}

/** An entry's bytes, refused as soon as they pass the size it declares. */
function inflate(zip: ZipArchive, item: ZipItem): Promise<Uint8Array> {
  return inflateWithin(zip, item, {
    unsupported: () => new DocxReadError(DOCX_MESSAGES.corrupt),
    tooLarge: (it) => new DocxReadError(DOCX_MESSAGES.lyingSize(it.name)),
  });
}
