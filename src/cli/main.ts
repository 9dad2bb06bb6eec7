#!/usr/bin/env node
// jixiao: check and recalculate 预算绩效自评 workbooks from the command line.
import { readFileSync } from 'node:fs';
import { analyze, recalc, summarize } from '../core/engine';
import { parseSettings, type Settings, DEFAULT_SETTINGS } from '../core/settings';
import { WorkbookReadError } from '../hosts/xlsx/read';
import { WorkbookWriteError } from '../hosts/xlsx/write';
import { XlsxHost } from '../hosts/xlsx/xlsx-host';
import { parseArgs, UsageError, USAGE } from './args';
import { printChanges, printFindings, printTables } from './print';

/** A failure the user can act on: printed as one sentence, exit code 2. */
class InputError extends Error {}

function loadSettings(path: string | undefined): Settings {
  if (!path) return DEFAULT_SETTINGS;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`无法读取设置文件：${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(`设置文件不是有效的 JSON：${path}`);
  }
  const r = parseSettings(json);
  if (!r.ok) throw new InputError(r.message);
  return r.settings;
}

async function openWorkbook(file: string): Promise<XlsxHost> {
  try {
    return await XlsxHost.open(file);
  } catch (e) {
    if (e instanceof WorkbookReadError) throw new InputError(e.message.includes(file) ? e.message : `无法读取「${file}」：${e.message}`);
    throw e;
  }
}

export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  try {
    const opts = parseArgs(argv);
    if (opts.command === 'help') {
      out(USAGE + '\n');
      return 0;
    }
    const settings = loadSettings(opts.config);
    const host = await openWorkbook(opts.file);
    const wb = await host.readWorkbook();
    if (opts.command === 'check') {
      const a = analyze(wb, settings);
      const tables = a.tables.map(summarize);
      if (opts.json) out(JSON.stringify({ tables, findings: a.findings }, null, 1) + '\n');
      else out(printTables(tables) + printFindings(a.findings));
      return a.findings.some((f) => f.severity === 'error') ? 1 : 0;
    }
    const r = recalc(wb, settings);
    await host.applyChanges(r.changes);
    try {
      await host.save(opts.out);
    } catch (e) {
      if (e instanceof WorkbookWriteError) throw new InputError(e.message);
      throw e;
    }
    const changes = r.changes.changes.map((c) => ({ sheet: c.sheet, cell: c.cell, field: c.field, before: c.before.v, after: c.after.v, numFmt: c.after.fmt ?? null }));
    if (opts.json) out(JSON.stringify({ changes, findings: r.findings }, null, 1) + '\n');
    else out(printChanges(r.changes.changes) + `已写入：${opts.out}\n\n重算后的检查结果：\n` + printFindings(r.findings));
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      err(e.message + '\n');
      return 2;
    }
    err(`处理失败：${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
