// A zip entry inflated with the platform's DecompressionStream (browsers; Node has one too), never past
// the size it declares: shared by the workbench's workbook reader and the .docx reader.
import { METHOD_DEFLATE, METHOD_STORE, storedData, type ZipArchive, type ZipItem } from './zip';

export interface InflateRefusals {
  /** A compression method other than store and deflate. */
  unsupported(method: number): Error;
  /** The entry inflates past the size it declares (a zip bomb, or damage). */
  tooLarge(item: ZipItem): Error;
}

export async function inflateWithin(zip: ZipArchive, item: ZipItem, refuse: InflateRefusals): Promise<Uint8Array> {
  const stored = storedData(zip, item);
  if (item.method === METHOD_STORE) return stored;
  if (item.method !== METHOD_DEFLATE) throw refuse.unsupported(item.method);
  const stream = new Blob([stored as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const out = new Uint8Array(item.uncompressedSize);
  let n = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (n + value.length > out.length) {
      await reader.cancel().catch(() => undefined);
      throw refuse.tooLarge(item);
    }
    out.set(value, n);
    n += value.length;
  }
  return n === out.length ? out : out.subarray(0, n);
}
