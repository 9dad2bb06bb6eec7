// Hostile-input fixtures, all built here: raw zips (bombs, lying sizes, ZIP64), OLE containers,
// random bytes, and workbooks derived from the demo sample. Plus the in-process CLI runner.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { run } from '../../src/cli/main';

export const DEMO = join(__dirname, '../../samples/示例-项目支出自评.xlsx');

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `jixiao-hostile-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
  ms: number;
  /** RSS after the run minus RSS before it, in MB (a bound on what the run kept or grew to). */
  rssMb: number;
  /** The highest RSS growth sampled during the run, in MB. */
  peakMb: number;
}

/** The CLI in-process, with its time and the growth of the process's RSS while it ran. */
export async function cli(...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const code = await run(args, (s) => (out += s), (s) => (err += s));
  const ms = performance.now() - t0;
  clearInterval(sampler);
  const rss1 = process.memoryUsage().rss;
  peak = Math.max(peak, rss1);
  return { code, out, err, ms, rssMb: (rss1 - rss0) / 2 ** 20, peakMb: (peak - rss0) / 2 ** 20 };
}

/** Exit 2, nothing on stdout, one Chinese sentence on stderr, no stack trace or English library text. */
export function expectRefused(r: CliResult, message: RegExp): void {
  expect(r.err).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  const text = r.err.trim();
  expect(text.split('\n')).toHaveLength(1);
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).not.toMatch(/\bat \S+ \(|Error:|TypeError|RangeError|undefined|\[object/);
}

export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Deterministic pseudo-random bytes (xorshift32). */
export function randomBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = x & 0xff;
  }
  return b;
}

/** A minimal OLE compound file: the signature, a header, and a directory naming the given streams. */
export function oleFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  const dir = Buffer.alloc(512);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    dir.write(name, i * 128, 'utf16le');
    dir.writeUInt16LE((name.length + 1) * 2, i * 128 + 64);
  });
  return Buffer.concat([header, Buffer.alloc(512), dir]);
}

export interface RawEntry {
  name: string;
  /** The uncompressed content (its CRC and real size), unless `compressed` is given. */
  data?: Buffer;
  /** Compressed bytes to store as they are (method 8), e.g. a deflate stream made elsewhere. */
  compressed?: Buffer;
  /** 0 stored, 8 deflate (default). */
  method?: 0 | 8;
  /** The uncompressed size to declare, when it should lie or be huge. */
  declaredSize?: number;
  crc?: number;
}

/**
 * A zip written byte by byte, so its central directory can declare anything. With zip64, every
 * size and offset goes into ZIP64 extra fields and the ZIP64 end records (as large archives do).
 */
export function rawZip(entries: RawEntry[], opts: { zip64?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const data = e.data ?? Buffer.alloc(0);
    const body = e.compressed ?? (method === 8 ? deflateRawSync(data) : data);
    const size = e.declaredSize ?? data.length;
    const crc = e.crc ?? (e.data ? crc32(data) : 0);
    const name = Buffer.from(e.name, 'utf8');
    const big = opts.zip64 || size > 0xfffffffe;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(big ? 45 : 20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(Math.min(body.length, 0xffffffff), 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);
    let extra = Buffer.alloc(0);
    if (big) {
      extra = Buffer.alloc(28);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(body.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(big ? 45 : 20, 4);
    c.writeUInt16LE(big ? 45 : 20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(big ? 0xffffffff : body.length, 20);
    c.writeUInt32LE(big ? 0xffffffff : size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(big ? 0xffffffff : offset, 42);
    central.push(c, name, extra);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const tail: Buffer[] = [];
  if (opts.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(entries.length), 24);
    rec.writeBigUInt64LE(BigInt(entries.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 8);
  eocd.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 10);
  eocd.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...parts, cd, ...tail, eocd]);
}

/** The demo workbook's parts, uncompressed, in archive order: the start of every crafted zip. */
export async function demoParts(): Promise<RawEntry[]> {
  const zip = await JSZip.loadAsync(readFileSync(DEMO));
  const out: RawEntry[] = [];
  for (const f of Object.values(zip.files)) if (!f.dir) out.push({ name: f.name, data: await f.async('nodebuffer') });
  return out;
}

/** The demo workbook with some parts rewritten (JSZip, deflated). */
export async function editDemo(edit: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(DEMO));
  await edit(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The path of the worksheet part named `sheet` in a workbook zip. */
export async function sheetPart(zip: JSZip, sheet: string): Promise<string> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const m = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wb);
  if (!m) throw new Error(`no sheet ${sheet}`);
  const t = new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[1]}"`).exec(rels)!;
  return `xl/${(t[1] ?? t[2]).replace(/^\/?xl\//, '')}`;
}

export const BOMB_ZEROS = 50 * 1024 * 1024;

/** The zip bombs and lies, each around the demo workbook's real parts. */
export function bombs(parts: RawEntry[]): { ratio: Buffer; declared: Buffer; declared64: Buffer; lying: Buffer } {
  // 50 MB of zeros deflate to ~50 KB: a ratio of ~1,000 that the central directory states truthfully.
  const zeros = deflateRawSync(Buffer.alloc(BOMB_ZEROS), { level: 9 });
  const tiny = deflateRawSync(Buffer.from('<worksheet/>'));
  return {
    ratio: rawZip([...parts, { name: 'xl/media/zeros.bin', compressed: zeros, declaredSize: BOMB_ZEROS, crc: 0 }]),
    // Declared sizes past the total limit: 4 GB in a plain zip, 1 TB through ZIP64.
    declared: rawZip([...parts, { name: 'xl/worksheets/sheet9.xml', compressed: tiny, declaredSize: 0xfffffffe }]),
    declared64: rawZip([...parts, { name: 'xl/worksheets/sheet9.xml', compressed: tiny, declaredSize: 2 ** 40 }], { zip64: true }),
    // Declares 1,000 bytes, inflates to 50 MB: ratio and total look harmless.
    lying: rawZip([...parts, { name: 'xl/media/image1.png', compressed: zeros, declaredSize: 1000, crc: 0 }]),
  };
}
