// The zip container of an .xlsx, read from its central directory before ExcelJS (JSZip) sees it:
// entry names for sniffing, and the checks that keep a zip bomb from being inflated.
//
// Why a pre-pass: JSZip inflates an entry completely and only then compares the length with the size
// the central directory declares ("uncompressed data size mismatch"), so a zip whose declared sizes
// lie would be inflated without bound. Here every deflated entry is inflated once as a stream whose
// output is counted and dropped, and refused as soon as it passes its declared size; the declared
// sizes themselves are bounded below. Memory: the file plus one zlib window, whatever the entry.
import { createInflateRaw } from 'node:zlib';
import { MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES } from './limits';

export { MAX_FILE_BYTES, MAX_UNCOMPRESSED_BYTES };

/**
 * The highest compression ratio (declared uncompressed ÷ compressed size) of an entry of at least
 * RATIO_CHECK_MIN_BYTES. Real parts compress far less: sheet XML 7×, sharedStrings 10×, the most
 * repetitive genuine sheets (styled empty cells, shared formulas, a million row tags) 9–25×; deflate's
 * ceiling, reached by runs of one byte (a zip bomb), is ~1,030×. Within the total limit it stops a
 * part that would unpack to tens of MB of filler before anything is inflated.
 */
export const MAX_COMPRESSION_RATIO = 200;
/**
 * Entries smaller than this (10 MB unpacked) are never refused for their ratio: small parts can be
 * very repetitive (a few 32,767-character cells of one repeated character make a 1.5 MB
 * sharedStrings.xml compress 400×) and cost little; the total limit still bounds them.
 */
export const RATIO_CHECK_MIN_BYTES = 10 * 1024 * 1024;
/** The most entries a zip may list: 20,000 (tables-1000 has 115; JSZip keeps an object per entry). */
export const MAX_ZIP_ENTRIES = 20_000;

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the compressed data starts in the buffer. */
  dataStart: number;
}

export type ZipProblem =
  | { kind: 'corrupt' }
  | { kind: 'too-many-entries'; count: number }
  | { kind: 'too-large'; total: number }
  | { kind: 'ratio'; name: string; ratio: number }
  | { kind: 'lying-size'; name: string; declared: number };

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

/**
 * The entries of a zip, read the way JSZip reads them (central directory, ZIP64 fields, data found
 * through each local header), so that every entry JSZip could inflate is seen here; 'corrupt' when
 * the directory cannot be followed.
 */
export function zipEntries(buf: Buffer): ZipEntry[] | 'corrupt' {
  try {
    return readEntries(buf);
  } catch {
    return 'corrupt'; // a read past the end of the buffer: a truncated or damaged directory
  }
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('zip64 value out of range');
  return Number(v);
}

function readEntries(buf: Buffer): ZipEntry[] | 'corrupt' {
  // End-of-central-directory record: 22 bytes plus a comment of up to 65,535 bytes; the last one wins.
  let eocd = -1;
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 4; i >= stop; i--) {
    if (buf[i] === 0x50 && buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0 || eocd + 22 > buf.length) return 'corrupt';
  let records = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let expectedEnd: number;
  const zip64 =
    buf.readUInt16LE(eocd + 4) === MAX16 || buf.readUInt16LE(eocd + 6) === MAX16 || buf.readUInt16LE(eocd + 8) === MAX16 ||
    records === MAX16 || cdSize === MAX32 || cdOffset === MAX32;
  if (zip64) {
    const locator = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07]));
    if (locator < 0 || locator + 20 > buf.length || buf.readUInt32LE(locator) !== SIG_EOCD64_LOCATOR) return 'corrupt';
    if (buf.readUInt32LE(locator + 16) > 1) return 'corrupt'; // multi-volume
    let rec = u64(buf, locator + 8);
    if (rec + 56 > buf.length || buf.readUInt32LE(rec) !== SIG_EOCD64) {
      rec = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]));
      if (rec < 0 || rec + 56 > buf.length) return 'corrupt';
    }
    const recSize = u64(buf, rec + 4);
    records = u64(buf, rec + 32);
    cdSize = u64(buf, rec + 40);
    cdOffset = u64(buf, rec + 48);
    expectedEnd = cdOffset + cdSize + 20 + 12 + recSize;
  } else {
    expectedEnd = cdOffset + cdSize;
  }
  // As JSZip: bytes before the archive (a self-extractor stub) shift every offset.
  const extra = eocd - expectedEnd;
  if (extra < 0) return 'corrupt';
  const zero = extra;
  const entries: ZipEntry[] = [];
  // As JSZip: every consecutive central header counts, whatever the record count says.
  let p = zero + cdOffset;
  while (p + 4 <= buf.length && buf.readUInt32LE(p) === SIG_CENTRAL) {
    if (p + 46 > buf.length) return 'corrupt';
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen + commentLen > buf.length) return 'corrupt';
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extended information: the fields that overflowed, in this order.
    for (let x = p + 46 + nameLen, end = x + extraLen; x + 4 <= end; ) {
      const id = buf.readUInt16LE(x);
      const size = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (uncompressedSize === MAX32) (uncompressedSize = u64(buf, q)), (q += 8);
        if (compressedSize === MAX32) (compressedSize = u64(buf, q)), (q += 8);
        if (localOffset === MAX32) localOffset = u64(buf, q);
        break;
      }
      x += 4 + size;
    }
    const local = zero + localOffset;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== SIG_LOCAL) return 'corrupt';
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (dataStart + compressedSize > buf.length) return 'corrupt';
    entries.push({ name, flags, method, compressedSize, uncompressedSize, dataStart });
    if (entries.length > MAX_ZIP_ENTRIES) break; // enough to refuse; do not walk a huge directory
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (entries.length === 0 && records > 0) return 'corrupt';
  return entries;
}

/** The limits that need no inflating: entry count, total declared size, each large entry's ratio. */
export function declaredProblem(entries: ZipEntry[]): ZipProblem | undefined {
  if (entries.length > MAX_ZIP_ENTRIES) return { kind: 'too-many-entries', count: entries.length };
  let total = 0;
  for (const e of entries) total += e.uncompressedSize;
  if (total > MAX_UNCOMPRESSED_BYTES) return { kind: 'too-large', total };
  for (const e of entries) {
    if (e.uncompressedSize < RATIO_CHECK_MIN_BYTES) continue;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (ratio > MAX_COMPRESSION_RATIO) return { kind: 'ratio', name: e.name, ratio };
  }
  return undefined;
}

const METHOD_DEFLATE = 8;

/**
 * Inflates every deflated entry as a stream, keeping nothing, and stops at the first whose output
 * passes its declared size ('lying-size') or whose data is not valid deflate ('corrupt'). Entries
 * JSZip will not inflate (stored, unknown methods, encrypted) are left for it to report, and those
 * in `checked` were inflated within their size already (by the package reader).
 */
export async function inflationProblem(buf: Buffer, entries: ZipEntry[], checked?: ReadonlySet<string>): Promise<ZipProblem | undefined> {
  for (const e of entries) {
    if (e.method !== METHOD_DEFLATE || (e.flags & 1) === 1 || checked?.has(e.name)) continue;
    const r = await inflatedWithin(buf.subarray(e.dataStart, e.dataStart + e.compressedSize), e.uncompressedSize);
    if (r === 'over') return { kind: 'lying-size', name: e.name, declared: e.uncompressedSize };
    if (r === 'bad') return { kind: 'corrupt' };
  }
  return undefined;
}

function inflatedWithin(data: Buffer, limit: number): Promise<'ok' | 'over' | 'bad'> {
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let n = 0;
    let settled = false;
    const done = (r: 'ok' | 'over' | 'bad') => {
      if (settled) return;
      settled = true;
      if (r !== 'ok') z.destroy();
      resolve(r);
    };
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n > limit) done('over');
    });
    z.on('error', () => done('bad'));
    z.on('end', () => done('ok'));
    z.end(data);
  });
}
