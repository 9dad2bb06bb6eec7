#!/usr/bin/env node
// jixiao: check and recalculate 预算绩效自评 workbooks from the command line.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { toMarkdown } from '../core/report/markdown';
import { checkNarrative } from '../core/report/narrative';
import { DocxReadError } from '../outputs/docx-read';
import { docxFileText } from '../outputs/docx-read-node';
import { reportsToDocx } from '../outputs/docx';
import { OutputError, writeFileAtomic } from './files';
import { analyze, checkWorkbook, recalc, summarize } from '../core/engine';
import { reportBasis, reportWarning } from '../core/report-basis';
import { nothingRecognised } from '../core/recognition';
import { parseSettings, withProfile, type Settings, DEFAULT_SETTINGS } from '../core/settings';
import { listProfiles, parseProfile, shippedProfile, type ProfileRef } from '../core/profiles';
import { MAX_FILE_BYTES } from '../hosts/xlsx/limits';
import { READ_MESSAGES, WorkbookReadError } from '../hosts/xlsx/read';
import { WorkbookWriteError } from '../hosts/xlsx/write';
import { XlsxHost } from '../hosts/xlsx/xlsx-host';
import { parseArgs, UsageError, USAGE } from './args';
import { BatchError, progressBar, runBatch, summaryTable } from './batch';
import { jsonFinding, printChanges, printFindings, printStaleFormulas, printTables } from './print';

/** A failure the user can act on: printed as one sentence, exit code 2. */
class InputError extends Error {}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new Error();
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`无法读取${what}：${path}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError(`${what}不是有效的 JSON：${path}`);
  }
}

/** `--profile`: a shipped profile's id, or a user's own profile as a JSON file (SPEC §8). */
function loadProfile(arg: string): ProfileRef {
  if (shippedProfile(arg)) return arg;
  if (/\.json$/i.test(arg) || /[\\/]/.test(arg) || existsSync(arg)) {
    const r = parseProfile(readJson(arg, '评分规则文件'));
    if (!r.ok) throw new InputError(`${r.message}（${arg}）`);
    return r.profile;
  }
  const ids = listProfiles().map((p) => `${p.id}（${p.name}）`).join('、');
  throw new InputError(`未知的评分规则「${arg}」。内置规则有：${ids}；自定义规则请给出 .json 文件的路径。`);
}

function loadSettings(path: string | undefined, profile: string | undefined): Settings {
  if (!path && !profile) return DEFAULT_SETTINGS;
  const json = path ? readJson(path, '设置文件') : {};
  // --profile chooses the profile over the settings file's; the file's explicit values still count.
  const input = profile !== undefined && json !== null && typeof json === 'object' && !Array.isArray(json) ? withProfile(json as Record<string, unknown>, loadProfile(profile)) : json;
  const r = parseSettings(input);
  if (!r.ok) throw new InputError(r.message);
  return r.settings;
}

/**
 * The text of a report already written: .docx, or plain text / Markdown in UTF-8. Read only from a
 * regular file within the workbook size limit (a device such as /dev/zero would be read without end).
 */
async function readNarrative(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new InputError(`报告「${path}」不是普通文件（可能是设备或管道），无法读取。`);
    if (st.size > MAX_FILE_BYTES) throw new InputError(`无法读取报告「${path}」：文件过大（${Math.ceil(st.size / 2 ** 20)} MB，上限为 ${MAX_FILE_BYTES / 2 ** 20} MB），不像是报告文件，请确认是否选错了文件。`);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`找不到报告文件：${path}`);
  }
  if (extname(path).toLowerCase() === '.docx' || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    try {
      return await docxFileText(bytes);
    } catch (e) {
      if (e instanceof DocxReadError) throw new InputError(`无法读取报告「${path}」：${e.message}。`);
      throw e;
    }
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD')) throw new InputError(`报告「${path}」不是 UTF-8 文本，请另存为 UTF-8 编码的 .txt 或 .docx 后再试。`);
  return text;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
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
    const settings = loadSettings(opts.config, opts.profile);
    if (opts.command !== 'report' && isDirectory(opts.file)) {
      const results = await runBatch({
        dir: opts.file,
        mode: opts.command,
        outDir: opts.command === 'recalc' ? opts.out : undefined,
        settings,
        workers: opts.workers,
        progress: process.stderr.isTTY && !opts.json ? progressBar((s) => err(s)) : undefined,
      });
      if (opts.json) out(JSON.stringify({ files: results }, null, 1) + '\n');
      else out(summaryTable(results, opts.command));
      return results.some((r) => !r.ok || r.errors > 0) ? 1 : 0;
    }
    const host = await openWorkbook(opts.file);
    // What the reader repaired (e.g. overlapping merged areas): said on stderr, never in the output.
    for (const note of host.notes) err(`注意：${note}。\n`);
    // recalc refuses such a package with its own reason; check and report say how it was read.
    if (host.readByExcelJs && opts.command !== 'recalc') err(`注意：${READ_MESSAGES.readByExcelJs}。\n`);
    const wb = await host.readWorkbook();
    // A workbook in which no table is recognised is not free of errors (SPEC §5): its explanation on
    // stderr, exit 2, nothing on stdout and no output file, whatever the command.
    const refuseIfNothingRecognised = (a: Parameters<typeof nothingRecognised>[1]) => {
      const none = nothingRecognised(wb, a);
      if (none) throw new InputError(none.message);
    };
    if (opts.command === 'check') {
      // With what 重算 would do, so each finding it resolves says so (one story with recalc).
      const o = checkWorkbook(wb, settings);
      refuseIfNothingRecognised(o.analysis);
      const tables = o.analysis.tables.map(summarize);
      if (opts.json) out(JSON.stringify({ tables, findings: o.findings.map(jsonFinding) }, null, 1) + '\n');
      else out(printTables(tables) + printFindings(o.findings, { explain: opts.explain }));
      return o.findings.some((f) => f.severity === 'error') ? 1 : 0;
    }
    if (opts.command === 'report') {
      const outcome = checkWorkbook(wb, settings);
      const a = outcome.analysis;
      refuseIfNothingRecognised(a);
      if (opts.checkNarrative) {
        const text = await readNarrative(opts.checkNarrative);
        const findings = checkNarrative(text, a, settings);
        if (opts.json) out(JSON.stringify({ findings: findings.map(jsonFinding) }, null, 1) + '\n');
        else out(findings.length ? printFindings(findings) : '报告中的金额、比率和得分与表格一致。\n');
        return findings.some((f) => f.severity === 'error') ? 1 : 0;
      }
      // Written from the figures as recalculation leaves them; what is still to do said first (SPEC §6).
      const basis = reportBasis(wb, settings, outcome);
      const warning = reportWarning(basis);
      if (warning) err(`注意：${warning}\n${basis.pending ? `可先重算：jixiao recalc "${opts.file}" -o 重算后.xlsx\n` : ''}`);
      const reports = basis.reports;
      if (!reports.length) throw new InputError(`「${opts.file}」中没有自评表或汇总表，无法生成报告。`);
      const md = toMarkdown(reports);
      if (opts.docx) await writeFileAtomic(opts.docx, await reportsToDocx(reports), opts.file);
      if (opts.md) await writeFileAtomic(opts.md, Buffer.from(md, 'utf8'), opts.file);
      if (!opts.docx && !opts.md) out(md);
      else out(`已生成 ${reports.length} 份报告：${reports.map((r) => r.title).join('、')}\n${[opts.docx, opts.md].filter(Boolean).map((f) => `已写入：${f}`).join('\n')}\n`);
      return 0;
    }
    const r = recalc(wb, settings);
    refuseIfNothingRecognised(r);
    await host.applyChanges(r.changes);
    const noted = host.notes.length;
    try {
      await host.save(opts.out);
    } catch (e) {
      if (e instanceof WorkbookWriteError) throw new InputError(e.message);
      throw e;
    }
    for (const note of host.notes.slice(noted)) err(`注意：${note}。\n`);
    const changes = r.changes.changes.map((c) => ({ sheet: c.sheet, cell: c.cell, field: c.field, before: c.before.v, after: c.after.v, numFmt: c.after.fmt ?? null, reason: c.reason, ...(c.explain ? { explain: c.explain } : {}) }));
    if (opts.json) out(JSON.stringify({ changes, staleFormulas: r.staleFormulas, findings: r.findings.map(jsonFinding) }, null, 1) + '\n');
    else out(printChanges(r.changes.changes, { explain: opts.explain }) + printStaleFormulas(r.staleFormulas) + `已写入：${opts.out}\n\n重算后的检查结果：\n` + printFindings(r.findings, { explain: opts.explain }));
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError || e instanceof OutputError || e instanceof BatchError) {
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
