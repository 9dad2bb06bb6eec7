// The zip container's directory, read from bytes with no Node API (the workbench reads it in a
// browser). Only plain archives as Excel, WPS and LibreOffice write them (no ZIP64, no encryption,
// nothing before the first entry); anything else is left to ExcelJS. Inflating and writing: zip-node.ts.
import { PatchUnsupportedError } from './xml';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_DESCRIPTOR = 0x08074b50;
export const SIGNATURES = { SIG_LOCAL, SIG_CENTRAL, SIG_EOCD };
export const METHOD_STORE = 0;
export const METHOD_DEFLATE = 8;
const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DESCRIPTOR = 0x0008;
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
  central: Uint8Array;
}

export interface ZipArchive {
  buf: Uint8Array;
  items: ZipItem[];
  /** The archive comment (end record). */
  comment: Uint8Array;
}

export function readZip(bytes: Uint8Array): ZipArchive {
  const buf = new Bytes(bytes);
  let eocd = -1;
  for (let i = buf.length - 22, stop = Math.max(0, buf.length - 22 - 0xffff); i >= stop; i--) {
    if (buf.at(i) === 0x50 && buf.readUInt32LE(i) === SIG_EOCD) {
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
    const name = buf.text(flags & FLAG_UTF8 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    items.push({ name, flags, method, compressedSize, uncompressedSize, local, dataStart, span: end - local, central: buf.subarray(p, p + length) });
    p += length;
  }
  if (items.length !== records) throw new PatchUnsupportedError('entry count differs from the directory');
  return { buf: bytes, items, comment };
}

/** An entry's data as stored (compressed, for a deflated entry). */
export function storedData(zip: ZipArchive, item: ZipItem): Uint8Array {
  return zip.buf.subarray(item.dataStart, item.dataStart + item.compressedSize);
}

/** Little-endian reads over a Uint8Array (what Buffer offers, without Node). */
class Bytes {
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get length(): number {
    return this.bytes.length;
  }
  at(i: number): number {
    return this.bytes[i];
  }
  readUInt16LE(i: number): number {
    return this.view.getUint16(i, true);
  }
  readUInt32LE(i: number): number {
    return this.view.getUint32(i, true);
  }
  subarray(a: number, b: number): Uint8Array {
    return this.bytes.subarray(a, b);
  }
  text(encoding: 'utf8' | 'latin1', a: number, b: number): string {
    const part = this.bytes.subarray(a, b);
    if (encoding === 'utf8') return new TextDecoder('utf-8').decode(part);
    let s = '';
    for (const c of part) s += String.fromCharCode(c);
    return s;
  }
}

