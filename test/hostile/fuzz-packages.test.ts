// Fuzz: structured mutations of real packages (../shared/samples and test/fixtures/producers): a part
// cut short, an element duplicated, an empty element unclosed, two siblings swapped, an end tag
// dropped, in the shared strings, a worksheet, workbook.xml, styles.xml, the relationships or the
// content types. Each mutated file goes through the built CLI in a child process (`check --json`
// and `recalc -o`), bounded in time and heap: it must end in time, exit 0, 1 or 2, say why in one
// Chinese sentence when it exits 2 (never a stack trace), write nothing then, and write a file that
// reads back when it exits 0 or 1.
//   FC_RUNS=500 npx jest test/hostile/fuzz-packages   (default 16 runs: ~20 s on 2 cores)
//   FC_SEED=… FC_PATH=… replays a failure fast-check reported.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { loadXlsxBuffer } from '../../src/hosts/xlsx/read';
import { entriesOf, withParts } from '../hosts/xlsx/package-builder';
import { ensureBuilt, isChineseSentence, isNothingRecognised, pooled, ROOT, runChild, type ChildRun } from './child-cli';
import { listing, tempDir } from './helpers';
import { MUTATIONS, mutate } from './mutate';

const NUM_RUNS = Number(process.env.FC_RUNS ?? 16);
/** Per CLI run: a hang or a runaway loop is cut off here (the slowest genuine run takes ~1 s). */
const TIMEOUT_MS = 30_000;
const HEAP_MB = 512;

const SAMPLES = join(ROOT, '../shared/samples');
const PRODUCERS = join(ROOT, 'test/fixtures/producers');
const FILES = [
  ...(existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.xlsx')).map((f) => join(SAMPLES, f)) : []),
  ...(existsSync(PRODUCERS) ? readdirSync(PRODUCERS).filter((f) => /\.xls[xm]$/.test(f)).map((f) => join(PRODUCERS, f)) : []),
].sort();

const KINDS = ['sharedStrings', 'worksheet', 'workbook', 'styles', 'rels', 'contentTypes'] as const;
const KIND_OF: Record<(typeof KINDS)[number], RegExp> = {
  sharedStrings: /(^|\/)sharedStrings\.xml$/i,
  worksheet: /(^|\/)worksheets\/[^/]+\.xml$/i,
  workbook: /(^|\/)workbook\.xml$/i,
  styles: /(^|\/)styles\.xml$/i,
  rels: /\.rels$/i,
  contentTypes: /^\[Content_Types\]\.xml$/,
};

const t = tempDir('fuzz');
beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => t.cleanup());

const worst = { ms: 0, rssMb: 0, what: '' };
const exits: Record<string, number> = {};
let runs = 0;

function note(command: string, mutation: string, label: string, r: ChildRun): void {
  if (r.ms > worst.ms) Object.assign(worst, { ms: r.ms, what: `${command} ${label}` });
  if (r.maxRssMb > worst.rssMb) worst.rssMb = r.maxRssMb;
  const key = `${command} ${mutation} → ${r.code ?? r.signal}`;
  exits[key] = (exits[key] ?? 0) + 1;
}

afterAll(() => {
  // The figures a big run reports (docs/HOSTILE-INPUT.md).
  console.log(`fuzz: ${runs} mutated files × (check, recalc); worst ${Math.round(worst.ms)} ms (${worst.what}), worst peak RSS ${Math.round(worst.rssMb)} MB; exits ${JSON.stringify(Object.fromEntries(Object.entries(exits).sort()))}`);
});

test('the corpus: samples and producers', () => {
  expect(FILES.length).toBeGreaterThanOrEqual(2);
});

test('mutated packages: every run ends in time with exit 0, 1 or 2, a Chinese sentence (or the nothing-recognised explanation) when 2, and no output then', async () => {
  const originals = new Map(FILES.map((f) => [f, readFileSync(f)]));
  const partsOf = new Map(FILES.map((f) => [f, [...entriesOf(originals.get(f)!).keys()]]));
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.nat(FILES.length - 1),
      fc.constantFrom(...KINDS),
      fc.nat(),
      fc.constantFrom(...MUTATIONS),
      fc.nat(),
      fc.nat(),
      async (fileIndex, kind, partPick, mutation, a, b) => {
        const file = FILES[fileIndex];
        const names = partsOf.get(file)!;
        const candidates = names.filter((p) => KIND_OF[kind].test(p));
        const part = (candidates.length ? candidates : names.filter((p) => KIND_OF.worksheet.test(p)))[partPick % Math.max(1, candidates.length || 1)];
        let what = '';
        const buf = await withParts(originals.get(file)!, {
          [part]: (xml) => {
            const m = mutate(xml, mutation, a, b);
            what = m.what;
            return m.xml;
          },
        });
        const dir = join(t.dir, String(n++));
        mkdirSync(join(dir, 'out'), { recursive: true });
        const input = join(dir, 'in.xlsx');
        writeFileSync(input, buf);
        const output = join(dir, 'out', 'out.xlsx');
        const label = `${basename(file)} ${part} ${mutation}: ${what}`;
        const [check, recalc] = await pooled(
          [
            () => runChild(['check', input, '--json'], { timeoutMs: TIMEOUT_MS, heapMb: HEAP_MB }),
            () => runChild(['recalc', input, '-o', output], { timeoutMs: TIMEOUT_MS, heapMb: HEAP_MB }),
          ],
          2,
        );
        runs++;
        note('check', mutation, label, check);
        note('recalc', mutation, label, recalc);
        for (const [name, r] of [['check', check], ['recalc', recalc]] as const) {
          const seen = { run: `${name} ${label}`, timedOut: r.timedOut, exit: r.code, signal: r.signal, stderr: r.stderr.slice(0, 400) };
          expect({ ...seen, ok: !r.timedOut && (r.code === 0 || r.code === 1 || r.code === 2) }).toEqual({ ...seen, ok: true });
          // Never a stack trace or a library's English text, whatever the exit.
          expect({ ...seen, trace: /\bat \S+ \(|\bat node:|TypeError|RangeError|FATAL ERROR/.test(r.stderr) }).toEqual({ ...seen, trace: false });
          // A mutation that leaves a readable workbook without tables gets SPEC §5's explanation instead.
          if (r.code === 2) expect({ ...seen, sentence: isChineseSentence(r.stderr) || isNothingRecognised(r.stderr) }).toEqual({ ...seen, sentence: true });
        }
        const written = listing(join(dir, 'out'));
        if (recalc.code === 2) {
          expect({ run: label, written }).toEqual({ run: label, written: [] });
        } else {
          expect({ run: label, written }).toEqual({ run: label, written: ['out.xlsx'] });
          // What recalc wrote reads back (never a damaged file).
          await expect(loadXlsxBuffer(readFileSync(output)).then(() => 'read')).resolves.toBe('read');
        }
      },
    ),
    {
      numRuns: NUM_RUNS,
      seed: process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED),
      path: process.env.FC_PATH,
      endOnFailure: true,
    },
  );
}, Math.max(60_000, NUM_RUNS * 2 * TIMEOUT_MS));
