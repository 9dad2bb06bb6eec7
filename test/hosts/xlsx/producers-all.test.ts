// Every workbook in test/fixtures/producers (LibreOffice, openpyxl, and the public test files of
// Excel, WPS, Google Sheets, Numbers and other writers under public/) through the built CLI, each in a
// forked worker with a heap limit and a time limit (producers-child.cjs): `check`, `recalc -o` and
// `check` of the output end with exit 0 or 1, or exit 2 with one Chinese sentence and no file. The
// public files hold no 自评表: for them check and recalc exit 2 with SPEC §5's nothing-recognised
// explanation (未识别到自评表, a line per sheet, the header words looked for) and recalc writes nothing;
// a check that exits 0 or 1 must have found a table. Where a file is written, every zip entry recalc
// had no reason to edit is byte-for-byte the input's entry and every edited XML part is well-formed,
// with its top-level elements in ECMA-376 order. The worker also writes a few cells of its own through
// the same editor (recalc itself has nothing to write in the public files): the same checks, the
// written values read back, and a check of the written file that reads it (a nothing-recognised
// refusal naming the same sheets as the input's is a read, not a refusal).
import { execFileSync, fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { SaxesParser } from 'saxes';
import { readZip, type ZipArchive, type ZipItem } from '../../../src/hosts/xlsx/package/zip';

const ROOT = join(__dirname, '../../..');
const DIST = join(ROOT, 'dist');
const DIR = join(ROOT, 'test/fixtures/producers');
const CHILD = join(__dirname, 'producers-child.cjs');
/** Per file: the three CLI runs and the written change set together. */
const FILE_TIMEOUT_MS = Number(process.env.JIXIAO_PRODUCERS_TIMEOUT_MS ?? 60_000);
const WORKERS = Math.max(1, Math.min(availableParallelism(), 4));

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => /\.xls[xm]$/i.test(f));
}
const FILES = walk(DIR).map((f) => relative(DIR, f).split('\\').join('/')).sort();

interface Run {
  code: number | 'threw';
  ms: number;
  out: string;
  err: string;
}
interface Edit {
  opened: boolean;
  error?: string;
  skipped?: string;
  sheet?: string;
  changes?: { sheet: string; cell: string }[];
  notes?: string[];
  written?: boolean;
  readBack?: string[];
  check?: Run;
}
interface Result {
  file: string;
  recalcOut: string;
  editOut: string;
  check: Run;
  recalc: Run;
  recalcWritten: boolean;
  recheck?: Run;
  edit: Edit;
}
/** A file the worker did not finish: timed out, or the worker died (out of memory, a crash). */
interface Lost {
  file: string;
  lost: string;
}

const results = new Map<string, Result | Lost>();
let outDir = '';

/** The built CLI, rebuilt (`npm run build`) when a source file is newer than it. */
function ensureBuilt(): void {
  const main = join(DIST, 'cli/main.js');
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  if (existsSync(main) && statSync(main).mtimeMs >= newest(join(ROOT, 'src'))) return;
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** Runs every file through a pool of forked workers; a worker past the time limit is killed and replaced. */
async function runAll(files: string[]): Promise<void> {
  const queue = files.map((file, i) => ({ id: String(i), file }));
  const worker = async (): Promise<void> => {
    let child: ChildProcess | undefined;
    const start = (): Promise<ChildProcess> =>
      new Promise((resolve) => {
        const c = fork(CHILD, [], { execArgv: ['--max-old-space-size=1536'], env: { ...process.env, JIXIAO_DIST: DIST }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
        c.stderr!.resume();
        c.once('message', () => resolve(c));
      });
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { id, file } = job;
      if (!child) child = await start();
      const c = child;
      const outcome = await new Promise<Result | Lost>((resolve) => {
        const timer = setTimeout(() => {
          c.kill('SIGKILL');
          resolve({ file, lost: `no answer within ${FILE_TIMEOUT_MS / 1000} s (killed)` });
        }, FILE_TIMEOUT_MS);
        const onExit = (code: number | null, signal: string | null) => {
          clearTimeout(timer);
          resolve({ file, lost: `worker died (exit ${code}, signal ${signal})` });
        };
        c.once('exit', onExit);
        c.once('message', (m: Result) => {
          clearTimeout(timer);
          c.off('exit', onExit);
          resolve({ ...m, file });
        });
        c.send({ id, file: join(DIR, file), outDir });
      });
      if ('lost' in outcome) {
        c.kill('SIGKILL');
        child = undefined;
      }
      results.set(file, outcome);
    }
    child?.kill();
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, files.length) }, worker));
}

beforeAll(async () => {
  ensureBuilt();
  outDir = mkdtempSync(join(tmpdir(), 'jixiao-producers-'));
  await runAll(FILES);
}, 30 * 60_000);
afterAll(() => {
  // JIXIAO_PRODUCERS_REPORT=file.json: what each file did and what is wrong with it, for issue notes.
  const report = process.env.JIXIAO_PRODUCERS_REPORT;
  if (report) {
    const rows = FILES.map((file) => {
      const r = results.get(file);
      if (!r) return { file, lost: 'not run' };
      if ('lost' in r) return r;
      const edited = r.edit.written ? changedEntries(readFileSync(join(DIR, file)), readFileSync(r.editOut)) : [];
      return {
        file,
        check: { code: r.check.code, ms: r.check.ms, err: r.check.err.trim() },
        recalc: { code: r.recalc.code, ms: r.recalc.ms, written: r.recalcWritten, err: r.recalc.err.trim() },
        recheck: r.recheck && { code: r.recheck.code, err: r.recheck.err.trim() },
        edit: { ...r.edit, check: r.edit.check && { code: r.edit.check.code, err: r.edit.check.err.trim() }, edited },
        problems: { cli: cliProblems(r), edit: editProblems(r) },
      };
    });
    writeFileSync(report, JSON.stringify(rows, null, 1));
  }
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Names of the entries that differ between two packages (for the report). */
function changedEntries(input: Buffer, output: Buffer): string[] {
  try {
    const before = readZip(input);
    const after = readZip(output);
    const a = entries(before);
    const b = entries(after);
    return [...new Set([...a.keys(), ...b.keys()])].filter((k) => {
      const x = a.get(k);
      const y = b.get(k);
      return !x || !y || x.method !== y.method || !raw(before, x).equals(raw(after, y));
    });
  } catch (e) {
    return [`(unreadable: ${(e as Error).message})`];
  }
}

// ---- The package: its entries, relationships and the parts an edit may touch ----

const entryKey = (name: string) => name.toLowerCase();

function entries(zip: ZipArchive): Map<string, ZipItem> {
  return new Map(zip.items.map((i) => [entryKey(i.name), i]));
}

function raw(zip: ZipArchive, item: ZipItem): Buffer {
  return Buffer.from(zip.buf.subarray(item.dataStart, item.dataStart + item.compressedSize));
}

function inflated(zip: ZipArchive, item: ZipItem): Buffer {
  return item.method === 0 ? raw(zip, item) : inflateRawSync(raw(zip, item));
}

function xmlText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  // UTF-16 without a byte-order mark: `<` spelt in two bytes (XML 1.0, appendix F).
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return Buffer.from(bytes).swap16().toString('utf16le');
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return bytes.toString('utf16le');
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

const unescape = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()],
  );

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescape(m[2] ?? m[3]) : undefined;
}

/** Part name of a relationship target, relative to the part whose .rels it is in. */
function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return posix.normalize(target.slice(1));
  return posix.normalize(posix.join(posix.dirname(source), target));
}

function relsOf(zip: ZipArchive, byName: Map<string, ZipItem>, part: string): { id: string; type: string; path: string }[] {
  const relsPath = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
  const item = byName.get(entryKey(relsPath));
  if (!item) return [];
  const xml = xmlText(inflated(zip, item));
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)]
    .filter((m) => attr(m[0], 'TargetMode') !== 'External')
    .map((m) => ({ id: attr(m[0], 'Id') ?? '', type: attr(m[0], 'Type') ?? '', path: resolveTarget(part, attr(m[0], 'Target') ?? '') }));
}

/** The parts recalc may edit when it writes cells of `sheets`: those sheets, the workbook, its relationships, styles, shared strings, calculation chain, content types. */
function editableParts(zip: ZipArchive, sheets: ReadonlySet<string>): Set<string> {
  const byName = entries(zip);
  const allowed = new Set(['[content_types].xml']);
  const doc = relsOf(zip, byName, '').find((r) => /\/officeDocument$/.test(r.type));
  if (!doc) return allowed;
  const workbookPath = doc.path;
  allowed.add(entryKey(workbookPath));
  allowed.add(entryKey(posix.join(posix.dirname(workbookPath), '_rels', `${posix.basename(workbookPath)}.rels`)));
  const rels = relsOf(zip, byName, workbookPath);
  for (const r of rels) if (/\/(styles|sharedStrings|calcChain)$/.test(r.type)) allowed.add(entryKey(r.path));
  // A new styles part goes where Excel puts it.
  allowed.add(entryKey(posix.join(posix.dirname(workbookPath), 'styles.xml')));
  const wbItem = byName.get(entryKey(workbookPath));
  const workbook = wbItem ? xmlText(inflated(zip, wbItem)) : '';
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const id = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const rel = rels.find((r) => r.id === id);
    if (name !== undefined && rel && sheets.has(name)) allowed.add(entryKey(rel.path));
  }
  return allowed;
}

// ---- Well-formed, and in schema order ----

const MAIN_NS = new Set(['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main']);
/** ECMA-376 Part 1, the sequences of CT_Worksheet, CT_Workbook and CT_Stylesheet (transitional). */
const ORDER: Record<string, string[]> = {
  worksheet: ['sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'],
  workbook: ['fileVersion', 'fileSharing', 'workbookPr', 'workbookProtection', 'bookViews', 'sheets', 'functionGroups', 'externalReferences', 'definedNames', 'calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'],
  styleSheet: ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'],
};

/** Problems of one XML part: not well-formed (a strict parser, namespaces checked), or its root's SpreadsheetML children out of order. */
function xmlProblems(name: string, text: string): string[] {
  const problems: string[] = [];
  const p = new SaxesParser({ xmlns: true });
  let depth = 0;
  let order: string[] | undefined;
  let last = -1;
  let lastName = '';
  p.on('error', (e) => {
    throw e;
  });
  p.on('opentag', (t) => {
    depth++;
    if (depth === 1) order = MAIN_NS.has(t.uri) ? ORDER[t.local] : undefined;
    if (depth !== 2 || !order || !MAIN_NS.has(t.uri)) return;
    const at = order.indexOf(t.local);
    if (at < 0) problems.push(`${name}: unknown element <${t.name}>`);
    else if (at < last) problems.push(`${name}: <${t.name}> after <${lastName}>`);
    else [last, lastName] = [at, t.name];
  });
  p.on('closetag', () => depth--);
  try {
    p.write(text).close();
  } catch (e) {
    problems.push(`${name}: not well-formed: ${(e as Error).message.split('\n')[0]}`);
  }
  return problems;
}

const XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

/** xmllint's verdict on the parts (when it is installed): file name, then its first complaint. */
function xmllintProblems(parts: { name: string; text: string }[]): string[] {
  if (!XMLLINT || !parts.length) return [];
  const dir = mkdtempSync(join(outDir, 'xml-'));
  const files = parts.map((p, i) => {
    const f = join(dir, `${i}.xml`);
    // Written in UTF-8: a part decoded from UTF-16 no longer says so.
    writeFileSync(f, p.text.replace(/^(<\?xml[^?]*?)\s+encoding\s*=\s*["'][^"']*["']/, '$1'));
    return f;
  });
  const r = spawnSync('xmllint', ['--noout', '--nonet', ...files], { encoding: 'utf8' });
  if (r.status === 0) return [];
  return parts.flatMap((p, i) => {
    const first = r.stderr.split('\n').find((l) => l.startsWith(files[i] + ':'));
    return first ? [`${p.name}: xmllint: ${first.slice(files[i].length + 1).trim()}`] : [];
  });
}

/** What is wrong with `output` as an edit of `input` that may touch `sheets`' parts and the shared ones. */
function packageProblems(input: Buffer, output: Buffer, sheets: ReadonlySet<string>): string[] {
  let before: ZipArchive;
  let after: ZipArchive;
  try {
    before = readZip(input);
  } catch (e) {
    return [`input zip unreadable by zip.ts: ${(e as Error).message}`];
  }
  try {
    after = readZip(output);
  } catch (e) {
    return [`output zip unreadable by zip.ts: ${(e as Error).message}`];
  }
  const allowed = editableParts(before, sheets);
  const a = entries(before);
  const b = entries(after);
  const problems: string[] = [];
  const edited: { name: string; text: string }[] = [];
  for (const [key, item] of a) {
    const out = b.get(key);
    if (!out) {
      if (!allowed.has(key) || !/calcchain/i.test(key)) problems.push(`${item.name}: removed`);
      continue;
    }
    if (item.method === out.method && raw(before, item).equals(raw(after, out))) continue;
    if (!allowed.has(key)) problems.push(`${item.name}: changed`);
    else if (!item.name.endsWith('/')) edited.push({ name: out.name, text: xmlText(inflated(after, out)) });
  }
  for (const [key, item] of b) {
    if (a.has(key)) continue;
    if (!allowed.has(key)) problems.push(`${item.name}: added`);
    else edited.push({ name: item.name, text: xmlText(inflated(after, item)) });
  }
  for (const part of edited) problems.push(...xmlProblems(part.name, part.text));
  problems.push(...xmllintProblems(edited));
  return problems;
}

// ---- The assertions, one line per problem ----

const CJK = /[\u4e00-\u9fff]/;

/**
 * SPEC §5's explanation of a workbook in which no table was recognised, as the CLI prints it on stderr
 * (after any 注意 notes): 未识别到自评表：…, one `  · 工作表「…」…` line per sheet (the last may say how
 * many more), the header words looked for. The sheets it names, or null when `err` is not that.
 */
function nothingRecognisedSheets(err: string): string[] | null {
  const lines = err.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('注意：'));
  if (lines.length < 2 || !/^未识别到自评表：[^\n]*[\u4e00-\u9fff]/.test(lines[0]) || !/^本工具按表头文字识别表格.*年初预算数/.test(lines[lines.length - 1])) return null;
  const sheets = lines.slice(1, -1);
  if (!sheets.every((l) => /^ {2}· (工作表「[^」]*」|……另有 \d+ 张工作表$)/.test(l))) return null;
  return sheets.map((l) => /工作表「([^」]*)」/.exec(l)?.[1] ?? l.trim());
}

/**
 * Exit 0 or 1 with JSON on stdout (a check's JSON with at least one table: SPEC §5), or exit 2 with one
 * Chinese sentence (after any 注意 notes) or the nothing-recognised explanation, nothing on stdout and
 * no stack trace.
 */
function runProblems(what: string, r: Run | undefined): string[] {
  if (!r) return [`${what}: not run`];
  const lines = r.err.split('\n').filter((l) => l.trim() !== '');
  if (r.err.includes('\n    at ')) return [`${what}: stack trace on stderr: ${lines[0]}`];
  if (r.code === 0 || r.code === 1) {
    let json: { tables?: unknown[] };
    try {
      json = JSON.parse(r.out);
    } catch {
      return [`${what}: exit ${r.code} without JSON on stdout`];
    }
    if (Array.isArray(json.tables) && json.tables.length === 0) return [`${what}: exit ${r.code} with no table recognised (SPEC §5: exit 2)`];
    return [];
  }
  if (r.code !== 2) return [`${what}: exit ${r.code}: ${lines.join(' / ').slice(0, 300)}`];
  if (r.out !== '') return [`${what}: exit 2 with output on stdout: ${JSON.stringify(r.out.slice(0, 100))}`];
  if (nothingRecognisedSheets(r.err)) return [];
  const message = lines.filter((l) => !l.startsWith('注意：'));
  if (message.length !== 1 || !CJK.test(message[0])) return [`${what}: exit 2 without one Chinese sentence: ${JSON.stringify(r.err.slice(0, 300))}`];
  return [];
}

/** A check that refused the file for another reason than SPEC §5's nothing recognised. */
const refused = (r: Run | undefined) => r?.code === 2 && !nothingRecognisedSheets(r.err);

/**
 * What a check of a written file says about its input's check: the file was read (exit 0/1, or exit 2
 * with nothing recognised where the input had nothing recognised either, naming the same sheets).
 */
function readBackProblems(what: string, input: Run, written: Run | undefined): string[] {
  if (!written || written.code !== 2) return [];
  if (refused(written)) return [`${what}: refused`];
  const before = nothingRecognisedSheets(input.err);
  const after = nothingRecognisedSheets(written.err);
  if (!before) return [`${what}: nothing recognised, where the input's check found tables`];
  if (JSON.stringify(before) !== JSON.stringify(after)) return [`${what}: nothing recognised in sheets ${JSON.stringify(after)}, the input's were ${JSON.stringify(before)}`];
  return [];
}

/** The sheets a recalc changed, from its --json, and those its notes say it repaired. */
function touchedSheets(r: Run): Set<string> {
  const sheets = new Set<string>();
  try {
    for (const c of (JSON.parse(r.out) as { changes: { sheet: string }[] }).changes) sheets.add(c.sheet);
  } catch {
    /* no JSON: reported by runProblems */
  }
  for (const m of r.err.matchAll(/工作表「([^」]*)」/g)) sheets.add(m[1]);
  return sheets;
}

function cliProblems(r: Result | Lost): string[] {
  if ('lost' in r) return [r.lost];
  const problems = [...runProblems('check', r.check), ...runProblems('recalc', r.recalc)];
  if (r.recalc.code === 2 && r.recalcWritten) problems.push('recalc: exit 2 but the output was written');
  // Nothing recognised by check is nothing recognised by recalc, in the same sheets (and nothing written).
  const none = nothingRecognisedSheets(r.check.err);
  if (none && JSON.stringify(nothingRecognisedSheets(r.recalc.err)) !== JSON.stringify(none)) problems.push(`recalc: exit ${r.recalc.code} where check had nothing recognised`);
  if ((r.recalc.code === 0 || r.recalc.code === 1) && !r.recalcWritten) problems.push(`recalc: exit ${r.recalc.code} but no output`);
  if (r.recalcWritten) {
    problems.push(...packageProblems(readFileSync(join(DIR, r.file)), readFileSync(r.recalcOut), touchedSheets(r.recalc)).map((p) => `recalc output: ${p}`));
    problems.push(...runProblems('check of the output', r.recheck));
    problems.push(...readBackProblems('check of the output', r.check, r.recheck));
  }
  return problems;
}

function editProblems(r: Result | Lost): string[] {
  if ('lost' in r) return [r.lost];
  const e = r.edit;
  if (!e.opened || e.skipped) return [];
  if (e.error) return [`write: ${e.error}`];
  const problems: string[] = [];
  if (!e.written) problems.push('write: no output');
  for (const n of e.notes ?? []) if (/重新生成/.test(n)) problems.push(`write: rewritten whole by the ExcelJS fallback (${n})`);
  problems.push(...(e.readBack ?? []).map((m) => `read back: ${m}`));
  if (e.written) problems.push(...packageProblems(readFileSync(join(DIR, r.file)), readFileSync(r.editOut), new Set([e.sheet!, ...[...(e.notes ?? []).join('\n').matchAll(/工作表「([^」]*)」/g)].map((m) => m[1])])));
  problems.push(...runProblems('check of the written file', e.check));
  problems.push(...readBackProblems('check of the written file', r.check, e.check));
  return problems;
}

test('the folder holds files from many producers, with macros', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(40);
  expect(FILES.filter((f) => f.endsWith('.xlsm')).length).toBeGreaterThanOrEqual(3);
  const producers = ['excel', 'wps', 'google-sheets', 'numbers', 'libreoffice', 'openpyxl'];
  expect(producers.filter((p) => !FILES.some((f) => posix.basename(f).startsWith(`${p}-`)))).toEqual([]);
});

test('the workers answer as `node dist/cli/main.js` does', () => {
  for (const file of FILES.filter((f) => /^public\/(excel-vba\.xlsm|root-workbook\.xlsx)$/.test(f))) {
    const r = spawnSync(process.execPath, [join(DIST, 'cli/main.js'), 'check', join(DIR, file), '--json'], { encoding: 'utf8' });
    const w = results.get(file) as Result;
    expect({ file, code: r.status, out: r.stdout, err: r.stderr }).toEqual({ file, code: w.check.code, out: w.check.out, err: w.check.err });
  }
});

describe.each(FILES)('%s', (file) => {
  test('check, recalc and check of the output: exit 0/1 or a refusal, untouched parts byte-identical', () => {
    expect(cliProblems(results.get(file)!)).toEqual([]);
  });

  test('a written change set: untouched parts byte-identical, edited parts well-formed and in order, values read back', () => {
    expect(editProblems(results.get(file)!)).toEqual([]);
  });
});
