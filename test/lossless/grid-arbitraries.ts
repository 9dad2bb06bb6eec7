// Random workbooks as grid models, in the shape hosts read them: a blank cell is absent unless it
// has a number format ({ v: null, fmt }), "General" is never stored. Self-evaluation tables with
// wrong stated values (so recalculation writes), beside arbitrary sheets, hidden or not, merged.
import fc from 'fast-check';
import { setCell } from '../../src/core/grid/sheet';
import type { Cell, Rect, Scalar, Sheet, Workbook } from '../../src/core/grid/types';
import { SettingsSchema, type Settings } from '../../src/core/settings';
import { GOOD_INDICATORS, projectSheet, type IndRow, type V } from '../core/template';

const WORDS = [
  '项目支出绩效自评表', '项目名称', '全年预算数', '全年执行数', '分值', '执行率', '得分', '一级指标', '三级指标', '总分', '自评等级',
  '产出指标（40分）', '≥95%', '≤812.38万元', '34次', '按时', '/', '——', '优', '良', '35.65万元', '８９．１２％', '约三十', '1,913,200.00',
];

export const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom(...WORDS),
  // Excel has no -0 (it reads back as 0): no host reads one. Magnitudes up to 1e15: a score near
  // 1.8e308 makes the engine compute an infinite total (a separate bug, not a loss).
  fc.double({ noNaN: true, min: -1e15, max: 1e15 }).map((x) => (x === 0 ? 0 : x)),
  fc.integer({ min: -1000, max: 100000 }),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.boolean(),
  fc.constantFrom({ error: '#DIV/0!' }, { error: '#REF!' }, { error: '#N/A' }),
);

export const numFmt = fc.constantFrom('0.00%', '0%', '0.0%', '0.00', '#,##0.00', '@', 'yyyy/m/d');

/** A cell as a host reads it: a value, maybe a formula (whose cached result may be blank), maybe a format. */
export const cell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ v: scalar, fmt: numFmt }, { requiredKeys: ['v'] }) },
  { weight: 1, arbitrary: fc.record({ v: fc.option(scalar, { nil: null }), f: fc.constantFrom('A1*2', 'SUM(B2:B9)', 'F4/E4'), fmt: numFmt }, { requiredKeys: ['v', 'f'] }) },
  { weight: 1, arbitrary: numFmt.map((fmt): Cell => ({ v: null, fmt })) },
);

const rect: fc.Arbitrary<Rect> = fc
  .tuple(fc.nat(25), fc.nat(10), fc.nat(4), fc.nat(3))
  .map(([r0, c0, h, w]) => ({ r0, c0, r1: r0 + h, c1: c0 + w }));

/** Values a stated cell of the template may hold: right, wrong, text, blank, with formats. */
export const stated: fc.Arbitrary<V> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 120 }),
  fc.double({ min: 0, max: 120, noNaN: true }).map((x) => Math.round(x * 1000) / 1000),
  fc.constantFrom('7.5', '95%', '约十分', '/', '９.５'),
  // Text Excel would turn into something else if typed in: a write must keep it text.
  fc.constantFrom('(12.5)', ' TRUE', 'false', '#n/a', ' #N/A', '2024-01-05', ' 2024-01-05', '2024/1/5', '1/2', '12:30', '=A1', "'7", '@x', '+5', '-', '1e3', ' 35 ', '1,234', '¥35', '50 %'),
  fc.tuple(fc.double({ min: 0, max: 2, noNaN: true }), numFmt).map(([v, fmt]): Cell => ({ v: Math.round(v * 1e4) / 1e4, fmt })),
  numFmt.map((fmt): Cell => ({ v: null, fmt })),
);

/** Drops what hosts never store: blank cells without a format, "General". */
function canonical(x: V): V {
  if (x === null || typeof x !== 'object' || !('v' in x)) return x;
  const c = x as Cell;
  if (c.fmt === 'General') {
    const { fmt: _drop, ...rest } = c;
    return canonical(rest);
  }
  return c.v === null && c.f === undefined && c.fmt === undefined ? null : c;
}

/** The template table with random stated values: detection finds it, recalculation rewrites some. */
export const templateSheet = (name: string): fc.Arbitrary<Sheet> =>
  fc
    .record({
      annual: fc.integer({ min: 1, max: 500 }),
      executed: fc.integer({ min: 0, max: 600 }),
      rate: stated,
      score: stated,
      scores: fc.array(stated, { minLength: GOOD_INDICATORS.length, maxLength: GOOD_INDICATORS.length }),
      total: stated,
      grade: fc.constantFrom<V>('优', '良', '差', null, { v: null, fmt: '@' }),
      edits: fc.array(fc.tuple(fc.nat(16), fc.nat(10), cell), { maxLength: 4 }),
    })
    .map((o) => {
      const indicators: IndRow[] = GOOD_INDICATORS.map((r, i) => ({ ...r, score: canonical(o.scores[i]) }));
      const s = projectSheet({
        sheetName: name,
        annual: o.annual,
        executed: o.executed,
        rate: canonical(o.rate),
        score: canonical(o.score),
        indicators,
        total: { score: canonical(o.total), grade: canonical(o.grade) },
      });
      for (const [r, c, v] of o.edits) setCell(s, r, c, v);
      return s;
    });

/** Any grid: rows of random cells (holes where blank), random merges. */
export const arbitrarySheet = (name: string): fc.Arbitrary<Sheet> =>
  fc.record({
    name: fc.constant(name),
    rows: fc.array(fc.array(fc.option(cell, { nil: undefined, freq: 3 }), { maxLength: 12 }), { maxLength: 30 }),
    merges: fc.array(rect, { maxLength: 4 }),
  });

/** A deep copy of plain data, every object a plain one (fast-check builds records otherwise); holes stay holes. */
export function deepClone<T>(x: T): T {
  if (Array.isArray(x)) return x.map((e) => deepClone(e)) as T;
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, deepClone(v)])) as T;
  return x;
}

/** One to four sheets, at least one a self-evaluation table, in random order, some hidden. */
export const gridWorkbook: fc.Arbitrary<Workbook> = fc
  .array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 4 })
  .chain((kinds) =>
    fc.tuple(
      ...kinds.map(([table, hidden], i) =>
        (table || i === 0 ? templateSheet(`附件${i + 1}`) : arbitrarySheet(`Sheet ${i + 1}`)).map((s): Sheet => (hidden && i > 0 ? { ...s, hidden: true } : s)),
      ),
    ),
  )
  .map((sheets) => hostShaped(deepClone({ sheets })));

/** As hosts read a sheet: no rows or cells after the last cell (a blank row is an empty array). */
export function hostShaped(wb: Workbook): Workbook {
  for (const s of wb.sheets) {
    s.rows = Array.from(s.rows, (r) => {
      const row = Array.from(r ?? [], (c) => c);
      while (row.length && row[row.length - 1] === undefined) row.pop();
      return row;
    });
    while (s.rows.length && s.rows[s.rows.length - 1].length === 0) s.rows.pop();
  }
  return wb;
}

/** Settings as a user may store them: precision, reverse scoring, money unit, grade bands. */
export const settingsArb: fc.Arbitrary<Settings> = fc
  .record(
    {
      precision: fc.integer({ min: 0, max: 4 }),
      reverseScoring: fc.constantFrom('linear' as const, 'ratio' as const),
      moneyUnit: fc.constantFrom('万元' as const, '元' as const),
      gradeBands: fc.constantFrom([90, 80, 60], [85, 75, 60]),
    },
    { requiredKeys: [] },
  )
  .map((s) => SettingsSchema.parse(deepClone(s)));
