// Writing an output file: a temporary file beside it, then a rename; never over the input.
import { promises as fsp } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export class OutputError extends Error {}

export async function writeFileAtomic(path: string, data: Uint8Array, inputPath?: string): Promise<void> {
  const target = resolve(path);
  if (inputPath && target === resolve(inputPath)) throw new OutputError(`输出文件不能与输入文件相同，请另选一个文件名：${path}`);
  const dir = dirname(target);
  try {
    if (!(await fsp.stat(dir)).isDirectory()) throw new Error();
  } catch {
    throw new OutputError(`输出文件夹不存在：${dir}`);
  }
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await fsp.writeFile(tmp, data, { flag: 'wx' });
    await fsp.rename(tmp, target);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new OutputError(code === 'EISDIR' ? `输出路径是一个文件夹，请指定文件名：${path}` : code === 'EACCES' || code === 'EPERM' ? `没有写入权限，或文件正被其他程序打开：${path}` : `无法写入文件：${path}`);
  }
}
