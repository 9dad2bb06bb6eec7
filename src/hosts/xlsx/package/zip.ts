// The zip container, rewritten with as little change as possible: entries not replaced are copied
// byte for byte (local header, data, descriptor), replaced ones deflated by Node's zlib. Only plain
// archives as Excel and WPS write them (no ZIP64, no encryption, nothing before the first entry);
// anything else is left to the whole-file writer.
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { PatchUnsupportedError } from './xml';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_DESCRIPTOR = 0x08074b50;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;

export interface ZipItem {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local header. */
  local: number;
  /** Offset of the data. */
  dataStart: number;
  /** Local header, data and data descriptor, as they are in the file. */
  span: number;
  /** The central directory record, as it is in the file. */
  central: Buffer;
}

export interface ZipArchive {
  buf: Buffer;
  items: ZipItem[];
  /** The archive comment (end record). */
  comment: Buffer;
}

export function readZip(buf: Buffer): ZipArchive {
  let eocd = -1;
  for (let i = buf.length - 22, stop = Math.max(0, buf.length - 22 - 0xffff); i >= stop; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new PatchUnsupportedError('no end of central directory');
  const records = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (records === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new PatchUnsupportedError('ZIP64');
  if (cdOffset + cdSize !== eocd) throw new PatchUnsupportedError('data before the archive or between its parts');
  const comment = buf.subarray(eocd + 22, eocd + 22 + buf.readUInt16LE(eocd + 20));
  const items: ZipItem[] = [];
  for (let p = cdOffset; p < eocd; ) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== SIG_CENTRAL) throw new PatchUnsupportedError('bad central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const length = 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || local === 0xffffffff) throw new PatchUnsupportedError('ZIP64');
    if (flags & FLAG_ENCRYPTED) throw new PatchUnsupportedError('encrypted entry');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== SIG_LOCAL) throw new PatchUnsupportedError('bad local header');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    let end = dataStart + compressedSize;
    if (flags & FLAG_DESCRIPTOR) end += end + 4 <= buf.length && buf.readUInt32LE(end) === SIG_DESCRIPTOR ? 16 : 12;
    if (end > cdOffset) throw new PatchUnsupportedError('entry overlaps the directory');
    const name = buf.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    items.push({ name, flags, method, compressedSize, uncompressedSize, local, dataStart, span: end - local, central: buf.subarray(p, p + length) });
    p += length;
  }
  if (items.length !== records) throw new PatchUnsupportedError('entry count differs from the directory');
  return { buf, items, comment };
}

/** An entry's uncompressed bytes (the reader's guard has already bounded every entry). */
export function entryData(zip: ZipArchive, item: ZipItem): Buffer {
  const raw = zip.buf.subarray(item.dataStart, item.dataStart + item.compressedSize);
  if (item.method === METHOD_STORE) return raw;
  if (item.method !== METHOD_DEFLATE) throw new PatchUnsupportedError(`compression method ${item.method}`);
  return zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, item.uncompressedSize) });
}

const deflateRaw = promisify(zlib.deflateRaw);

/**
 * The archive with `replaced` entries' contents swapped (null: the entry removed), every other entry
 * copied as it was, in the same order. The replaced entries are deflated side by side on zlib's threads.
 */
export async function writeZip(zip: ZipArchive, replaced: ReadonlyMap<string, Buffer | null>): Promise<Buffer> {
  const deflated = new Map<string, Buffer>();
  await Promise.all(
    [...replaced].map(async ([name, content]) => {
      if (content) deflated.set(name, await deflateRaw(content, { level: 6 }));
    }),
  );
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const item of zip.items) {
    const content = replaced.get(item.name);
    if (content === null) continue;
    if (content === undefined) {
      parts.push(zip.buf.subarray(item.local, item.local + item.span));
      const record = Buffer.from(item.central);
      record.writeUInt32LE(offset, 42);
      central.push(record);
      offset += item.span;
      continue;
    }
    const data = deflated.get(item.name)!;
    const crc = crc32(content);
    const name = item.central.subarray(46, 46 + item.central.readUInt16LE(28));
    const flags = (item.flags & ~FLAG_DESCRIPTOR) & 0xffff;
    const time = item.central.readUInt16LE(12);
    const date = item.central.readUInt16LE(14);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(SIG_LOCAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(METHOD_DEFLATE, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(content.length, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    parts.push(header, name, data);
    // The central record keeps its version, attributes and comment; its extra field (old sizes) goes.
    const commentLen = item.central.readUInt16LE(32);
    const comment = item.central.subarray(item.central.length - commentLen);
    const record = Buffer.alloc(46);
    item.central.copy(record, 0, 0, 46);
    record.writeUInt16LE(Math.max(20, record.readUInt16LE(6)), 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(METHOD_DEFLATE, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(content.length, 24);
    record.writeUInt16LE(0, 30);
    record.writeUInt32LE(offset, 42);
    central.push(Buffer.concat([record, name, comment]));
    offset += header.length + name.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(zip.comment.length, 20);
  return Buffer.concat([...parts, cd, end, zip.comment]);
}

/** zlib.crc32 from Node 20.15; a table before that. */
const crc32: (b: Buffer) => number = typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (b) => (zlib as unknown as { crc32(b: Buffer): number }).crc32(b) : tableCrc32;

let TABLE: Uint32Array | undefined;
function tableCrc32(b: Buffer): number {
  if (!TABLE) {
    TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export { tableCrc32 as crc32ForTest };
