// Malformed XML never hangs the tool: the unclosed <si> of issue 10 (check, recalc and report looped
// until V8 ran out of memory) is refused at once, and every scan of the reader and editor ends on
// malformed parts even with the well-formedness check switched off. Both run in child processes
// (dist/), bounded in time and heap, since a loop would hang jest itself.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { withParts } from '../hosts/xlsx/package-builder';
import { CLI, ensureBuilt, isChineseSentence, ROOT, runChild } from './child-cli';
import { listing, tempDir } from './helpers';

const SAMPLE = join(ROOT, '../shared/samples/lusong-2023.xlsx');
const PRODUCERS = join(ROOT, 'test/fixtures/producers');
const t = tempDir('malformed');
beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => t.cleanup());

describe('the unclosed <si> (issue 10: a scan restarted at 0 and ran out of memory)', () => {
  let file: string;
  beforeAll(async () => {
    const buf = await withParts(readFileSync(SAMPLE), {
      'xl/sharedStrings.xml': (x) => {
        const i = x.lastIndexOf('</si>');
        return x.slice(0, i) + x.slice(i + '</si>'.length);
      },
    });
    file = join(t.dir, '未闭合.xlsx');
    writeFileSync(file, buf);
  });

  test.each([
    ['check', ['--json']],
    ['recalc', ['-o', 'OUT/重算.xlsx']],
    ['report', ['--md', 'OUT/报告.md', '--docx', 'OUT/报告.docx']],
  ])('%s ends at once with exit 2, a message naming the part, and no output', async (command, extra) => {
    const out = join(t.dir, `out-${command}`);
    mkdirSync(out);
    const r = await runChild([command, file, ...extra.map((a) => a.replace('OUT', out))], { timeoutMs: 20_000, heapMb: 512 });
    expect({ timedOut: r.timedOut, code: r.code }).toEqual({ timedOut: false, code: 2 });
    expect(r.stdout).toBe('');
    expect(isChineseSentence(r.stderr)).toBe(true);
    expect(r.stderr).toContain('部件「xl/sharedStrings.xml」不是完整的 XML');
    expect(listing(out)).toEqual([]);
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe('every scan ends on malformed parts, without the well-formedness check', () => {
  // The sample and the first file of each producer.
  const producers = existsSync(PRODUCERS) ? readdirSync(PRODUCERS).filter((f) => f.endsWith('.xlsx')).sort() : [];
  const firsts = producers.filter((f, i) => producers.findIndex((g) => g.split('-')[0] === f.split('-')[0]) === i);
  const files = [SAMPLE, ...firsts.map((f) => join(PRODUCERS, f))];
  test.each(files.map((f) => [basename(f), f]))('%s: parts cut short, end tags dropped, empty elements unclosed, start tags doubled', async (_, file) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=512', join(__dirname, 'scan-malformed.cjs'), join(CLI, '../..'), file, '40'], {
      timeout: 60_000,
      encoding: 'utf8',
    });
    const r = JSON.parse(stdout) as { runs: number; worstMs: number; outcomes: Record<string, number> };
    expect(r.runs).toBeGreaterThan(100);
    // A scan gives up on what it does not follow, or reads on: never anything but the reader's own errors.
    expect(Object.keys(r.outcomes).filter((k) => !['ok', 'PatchUnsupportedError', 'DamagedPartError', 'ExcelGuardError', 'NoWorkbookPartError'].includes(k))).toEqual([]);
    expect(r.worstMs).toBeLessThan(5_000);
  }, 90_000);
});
