// The zip container on Node: entries inflated with zlib, and the archive rewritten with as little
// change as possible: entries not replaced are copied byte for byte (local header, data, descriptor),
// replaced ones deflated side by side on zlib's threads.
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { PatchUnsupportedError } from './xml';
import { FLAG_DESCRIPTOR, METHOD_DEFLATE, METHOD_STORE, readZip, SIGNATURES, storedData, type ZipArchive, type ZipItem } from './zip';
import { PackageParts } from './parts';

const { SIG_LOCAL, SIG_CENTRAL, SIG_EOCD } = SIGNATURES;

/** The parts of each package read, found well-formed: saving reads again what reading checked. */
const CHECKED = new WeakMap<Buffer, Set<string>>();

/**
 * The parts of the package in `buf`, inflated on demand; the names of the entries inflated are added
 * to `inflated` (so the zip guard need not inflate them a second time). A part of the same Buffer
 * found well-formed before (reading, then saving) is not checked again.
 */
export function nodeParts(buf: Buffer, inflated?: Set<string>): PackageParts {
  const zip = readZip(buf);
  let checked = CHECKED.get(buf);
  if (!checked) CHECKED.set(buf, (checked = new Set()));
  return new PackageParts(
    zip,
    (item) => {
      const data = entryData(zip, item);
      inflated?.add(item.name);
      return data;
    },
    checked,
  );
}

/** An entry that inflates past the size it declares: a zip bomb, refused as zip-guard.ts refuses one. */
export class EntryTooLargeError extends Error {
  constructor(
    readonly entry: string,
    readonly declared: number,
  ) {
    super(`${entry} inflates past its declared ${declared} bytes`);
    this.name = 'EntryTooLargeError';
  }
}

/** An entry's uncompressed bytes, never more than it declares. */
export function entryData(zip: ZipArchive, item: ZipItem): Buffer {
  const stored = storedData(zip, item);
  const raw = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (item.method === METHOD_STORE) return raw;
  if (item.method !== METHOD_DEFLATE) throw new PatchUnsupportedError(`compression method ${item.method}`);
  let out: Buffer;
  try {
    out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, item.uncompressedSize) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new EntryTooLargeError(item.name, item.uncompressedSize);
    throw e;
  }
  if (out.length > item.uncompressedSize) throw new EntryTooLargeError(item.name, item.uncompressedSize);
  return out;
}

const deflateRaw = promisify(zlib.deflateRaw);

/**
 * The archive with `replaced` entries' contents swapped (null: the entry removed; a name not in the
 * archive: a new entry, added at the end), every other entry copied as it was, in the same order. The replaced entries are deflated side by side on zlib's threads.
 */
export async function writeZip(zip: ZipArchive, replaced: ReadonlyMap<string, Uint8Array | null>): Promise<Buffer> {
  const deflated = new Map<string, Buffer>();
  await Promise.all(
    [...replaced].map(async ([name, content]) => {
      if (content) deflated.set(name, await deflateRaw(content, { level: 6 }));
    }),
  );
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const item of zip.items) {
    const content = replaced.get(item.name);
    if (content === null) continue;
    if (content === undefined) {
      parts.push(Buffer.from(zip.buf.buffer, zip.buf.byteOffset + item.local, item.span));
      const record = Buffer.from(item.central);
      record.writeUInt32LE(offset, 42);
      directory.push(record);
      offset += item.span;
      continue;
    }
    const data = deflated.get(item.name)!;
    const crc = crc32(content);
    const central = Buffer.from(item.central.buffer, item.central.byteOffset, item.central.byteLength);
    const name = central.subarray(46, 46 + central.readUInt16LE(28));
    const flags = (item.flags & ~FLAG_DESCRIPTOR) & 0xffff;
    const time = central.readUInt16LE(12);
    const date = central.readUInt16LE(14);
    const header = localHeader(flags, time, date, crc, data.length, content.length, name.length);
    parts.push(header, name, data);
    // The central record keeps its version, attributes and comment; its extra field (old sizes) goes.
    const commentLen = central.readUInt16LE(32);
    const comment = central.subarray(central.length - commentLen);
    const record = Buffer.alloc(46);
    central.copy(record, 0, 0, 46);
    record.writeUInt16LE(Math.max(20, record.readUInt16LE(6)), 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(METHOD_DEFLATE, 10);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(content.length, 24);
    record.writeUInt16LE(0, 30);
    record.writeUInt32LE(offset, 42);
    directory.push(Buffer.concat([record, name, comment]));
    offset += header.length + name.length + data.length;
  }
  // New parts (a styles part a package lacked), after the others, dated as the first entry is.
  const known = new Set(zip.items.map((i) => i.name));
  const first = zip.items[0]?.central;
  const time = first ? Buffer.from(first.buffer, first.byteOffset, first.byteLength).readUInt16LE(12) : 0;
  const date = first ? Buffer.from(first.buffer, first.byteOffset, first.byteLength).readUInt16LE(14) : 0x21;
  for (const [nameText, content] of replaced) {
    if (known.has(nameText) || !content) continue;
    const data = deflated.get(nameText)!;
    const crc = crc32(content);
    const name = Buffer.from(nameText, 'utf8');
    const flags = /[^\x00-\x7f]/.test(nameText) ? 0x0800 : 0;
    const header = localHeader(flags, time, date, crc, data.length, content.length, name.length);
    parts.push(header, name, data);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(SIG_CENTRAL, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(METHOD_DEFLATE, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(content.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    directory.push(Buffer.concat([record, name]));
    offset += header.length + name.length + data.length;
  }
  const cd = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(directory.length, 8);
  end.writeUInt16LE(directory.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(zip.comment.length, 20);
  return Buffer.concat([...parts, cd, end, Buffer.from(zip.comment)]);
}

/** zlib.crc32 from Node 20.15; a table before that. */
const crc32: (b: Uint8Array) => number = typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (b) => (zlib as unknown as { crc32(b: Uint8Array): number }).crc32(b) : tableCrc32;

let TABLE: Uint32Array | undefined;
function tableCrc32(b: Uint8Array): number {
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

/** A deflated entry's local file header (no extra field). */
function localHeader(flags: number, time: number, date: number, crc: number, compressed: number, size: number, nameLength: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(SIG_LOCAL, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(flags, 6);
  header.writeUInt16LE(METHOD_DEFLATE, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(compressed, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(nameLength, 26);
  return header;
}
