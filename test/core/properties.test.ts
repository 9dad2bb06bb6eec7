// Property tests: parsers and the engine never throw on arbitrary cell contents and grids,
// and recalculation is idempotent on them.
import fc from 'fast-check';
import { analyze, recalc, type Analysis, type RecalcResult } from '../../src/core/engine';
import { cloneWorkbook, sheetFromRows } from '../../src/core/grid/sheet';
import type { Cell, Rect, Scalar, Sheet, Workbook } from '../../src/core/grid/types';
import { normaliseGrade } from '../../src/core/compute/grade';
import { parseScalar } from '../../src/core/parse/number';
import { headerInfo } from '../../src/core/parse/text';
import { RULES, runRules } from '../../src/core/rules';
import { selfEvals } from '../../src/core/rules/rule';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../src/core/settings';
import { loadXlsxBuffer } from '../../src/hosts/xlsx/read';
import { VARIANTS, demoWorkbook } from '../fixtures/workbooks';
import { projectSheet } from './template';

const WORDS = [
  '项目支出绩效自评表', '部门（单位）整体支出绩效自评表', '项目名称', '年初预算数', '全年预算数', '全年执行数', '分值', '权重', '执行率', '得分',
  '年度资金总额', '一级指标', '二级指标', '三级指标', '年度指标值(A)', '实际完成值（B）', '偏差原因分析及改进措施', '总分', '自评等级',
  '产出指标（40分）', '数量指标', '成本指标', '≥95%', '≤812.38万元', '34次', '不少于30次', '1、a≥2次\n2、b≥3次', '按时', '/', '——',
  '财政供养人员情况', '编制数', '实际在职人数', '控制率', '经费控制情况（万元）', '三公经费', '1、公务用车', '其中：办公经费', '……',
  '楼堂馆所控制情况', '批复规模', '实际规模', '规模控制率', '预算项目', '年初预算指标', '已用指标', '剩余指标', '预算执行率', '小计',
  '名称', '当年预算数', '自评结论', '优', '良', '35.65万元', '８９．１２％', '约三十', '1,913,200.00', '',
];

const scalar = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.double({ noNaN: false }),
  fc.integer({ min: -1000, max: 100000 }),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constantFrom({ error: '#DIV/0!' }, { error: '#REF!' }, { error: '#N/A' }),
  fc.constant(null),
);

const cell: fc.Arbitrary<Cell | undefined> = fc.option(
  fc.record({ v: scalar, fmt: fc.option(fc.constantFrom('0.00%', '0%', '0.00', '@', 'General'), { nil: undefined }), f: fc.option(fc.constant('A1*2'), { nil: undefined }) }, { requiredKeys: ['v'] }),
  { nil: undefined, freq: 3 },
);

const rect: fc.Arbitrary<Rect> = fc
  .tuple(fc.nat(25), fc.nat(10), fc.nat(4), fc.nat(3))
  .map(([r0, c0, h, w]) => ({ r0, c0, r1: r0 + h, c1: c0 + w }));

const sheet = (name: string): fc.Arbitrary<Sheet> =>
  fc.record({
    name: fc.constant(name),
    rows: fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 }),
    merges: fc.array(rect, { maxLength: 4 }),
  });

const workbookArb: fc.Arbitrary<Workbook> = fc.array(fc.nat(), { minLength: 1, maxLength: 3 }).chain((ids) =>
  fc.tuple(...ids.map((_, i) => sheet(`S${i}`))).map((sheets) => ({ sheets })),
);

/** The clean template with random cells replaced: detection still finds a table, values go wild. */
const mutatedTemplate: fc.Arbitrary<Workbook> = fc
  .array(fc.tuple(fc.nat(16), fc.nat(10), cell), { maxLength: 12 })
  .map((edits) => {
    const s = projectSheet();
    for (const [r, c, v] of edits) {
      while (s.rows.length <= r) s.rows.push([]);
      s.rows[r][c] = v;
    }
    return { sheets: [s] };
  });

const NUM_RUNS = Number(process.env.FC_RUNS ?? 300);

test('cell value parsing never throws', () => {
  fc.assert(
    fc.property(scalar, fc.option(fc.string(), { nil: undefined }), (v, fmt) => {
      const r = parseScalar(v as never, fmt);
      expect(['number', 'blank', 'na', 'invalid']).toContain(r.kind);
      if (r.kind === 'number') expect(Number.isFinite(r.value)).toBe(true);
      headerInfo(v);
    }),
    { numRuns: 2000 },
  );
});

test.each([
  ['arbitrary grids', workbookArb],
  ['mutated self-evaluation tables', mutatedTemplate],
])('the engine never throws on %s and recalc is idempotent', (_name, arb) => {
  fc.assert(
    fc.property(arb, (wb) => {
      const a = analyze(wb);
      for (const f of a.findings) {
        expect(f.cell).toMatch(/^[A-Z]+\d+$/);
        expect(f.message.length).toBeGreaterThan(0);
      }
      const r1 = recalc(wb);
      for (const c of r1.changes.changes) {
        if (typeof c.after.v === 'number') expect(Number.isFinite(c.after.v)).toBe(true);
      }
      const r2 = recalc(r1.result);
      expect(r2.changes.changes.map((c) => `${c.sheet}!${c.cell}=${String(c.after.v)}`)).toEqual([]);
      expectRecalcConsistent(wb, DEFAULT_SETTINGS, r1, a);
    }),
    { numRuns: NUM_RUNS },
  );
});

/**
 * recalc's findings and tables are those of analysing the recalculated copy, and the same with or
 * without a check's analysis to reuse. The rules over indicator rows run in one pass (runRules): the
 * same findings as running RULES one by one.
 */
function expectRecalcConsistent(wb: Workbook, settings: Settings, r: RecalcResult, checked: Analysis): void {
  expectOnlyCertainWrites(settings, r);
  const fresh = analyze(r.result, settings);
  expect(r.findings).toEqual(fresh.findings);
  expect(r.tables).toEqual(fresh.tables);
  const reused = recalc(wb, settings, checked);
  expect(reused.changes).toEqual(r.changes);
  expect(reused.findings).toEqual(r.findings);
  expect(reused.tables).toEqual(r.tables);
  expect(reused.result).toEqual(r.result);
  const ctx = { tables: fresh.tables, evals: fresh.evals, unrecognized: [], settings };
  expect(runRules({ ...ctx, selfEvals: selfEvals(ctx) })).toEqual(RULES.flatMap((rule) => rule(ctx)));
}

/**
 * SPEC §4 "Write only what is certain": no 总分 above the full score, no free text overwritten, and a
 * reason on every write; a formula's new result keeps the formula and its format.
 */
function expectOnlyCertainWrites(settings: Settings, r: RecalcResult): void {
  for (const c of r.changes.changes) {
    const at = `${c.sheet}!${c.cell} ${c.field}`;
    if (c.reason === 'formula') {
      expect({ at, f: c.after.f, fmt: c.after.fmt }).toEqual({ at, f: c.before.f, fmt: c.before.fmt });
      expect(c.after.f).toBeDefined();
      continue;
    }
    expect({ at, reason: c.reason }).toEqual({ at, reason: expect.stringMatching(/^(fix|fill|precision|type|sync)$/) });
    const v = c.before.v;
    const text = typeof v === 'string' && v.trim() !== '';
    const spelling = text && (parseScalar(v).kind === 'number' || normaliseGrade(v) !== null);
    expect({ at, overwrites: text && !spelling ? v : null }).toEqual({ at, overwrites: null });
    const total = c.field === '总得分' || c.field === '分值合计' || c.reason === 'sync';
    if (total && typeof c.after.v === 'number') expect({ at, above: c.after.v > settings.totalWeight ? c.after.v : null }).toEqual({ at, above: null });
  }
}

/**
 * Self-evaluation tables with the indicator columns in any order, texts in numeric columns (a 总分 or
 * 填表人 label where a score goes…), merged areas over them, and blank rows: the layouts where a
 * recalculation's writes can change what detection reads, so the copy must be read again.
 */
const INDICATOR_HEADERS = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const ANY_VALUE: (Scalar | Cell)[] = [
  null, '', '合计', '总分', '填表人：张三', '说明：', '满分', '自评等级', '优', '良', '/', '≥2次', '2次', '≥95%', '100%', '明显提升', '按时',
  '产出指标（50分）', '数量指标', '成本指标', '召开会议', '项目名称', '会议自评表', 0, 1, 5, 10, 20, 19.38, { v: 0.9, fmt: '0.00%' },
  { v: 3, f: 'A1*2' },
];
const scrambledTable: fc.Arbitrary<Workbook> = fc
  .record({
    order: fc.shuffledSubarray(INDICATOR_HEADERS.map((_, i) => i), { minLength: INDICATOR_HEADERS.length, maxLength: INDICATOR_HEADERS.length }),
    // Headers left out (三级指标 and 年度指标值 stay, and 分值 or 得分).
    drop: fc.subarray([0, 1, 4, 5, 6, 7]),
    gap: fc.nat(INDICATOR_HEADERS.length),
    budget: fc.array(fc.constantFrom(...ANY_VALUE, '预期目标', '实际完成情况', '年度总体目标'), { minLength: 3, maxLength: 3 }),
    goals: fc.boolean(),
    rows: fc.array(fc.array(fc.constantFrom(...ANY_VALUE), { minLength: 9, maxLength: 9 }), { minLength: 2, maxLength: 8 }),
    total: fc.array(fc.constantFrom(...ANY_VALUE), { minLength: 10, maxLength: 10 }),
    gradeRow: fc.option(fc.tuple(fc.nat(6), fc.constantFrom(...ANY_VALUE)), { nil: undefined }),
    merges: fc.array(fc.tuple(fc.nat(24), fc.nat(9), fc.nat(3), fc.nat(2)), { maxLength: 8 }),
    tail: fc.array(fc.array(fc.constantFrom(...ANY_VALUE), { maxLength: 6 }), { maxLength: 3 }),
    twice: fc.boolean(),
    title: fc.boolean(),
    nameAt: fc.integer({ min: 1, max: 8 }),
  })
  .map(({ order, drop, gap, budget, goals, rows, total, gradeRow, merges, tail, twice, title, nameAt }) => {
    const dropped = new Set(drop.includes(5) && drop.includes(6) ? drop.filter((d) => d !== 6) : drop);
    // Indicator columns in the shuffled order, a blank column at `gap`.
    const colOf = (field: number) => {
      const pos = order.indexOf(field);
      return pos < gap ? pos : pos + 1;
    };
    const header: (Scalar | Cell)[] = [];
    INDICATOR_HEADERS.forEach((h, i) => (header[colOf(i)] = dropped.has(i) ? null : h));
    const grade: (Scalar | Cell)[] = [];
    if (gradeRow) {
      grade[gradeRow[0]] = '自评等级';
      grade[gradeRow[0] + 1] = gradeRow[1];
    }
    const table = (): (Scalar | Cell)[][] => [
      ...(title ? [['项目支出绩效自评表']] : []),
      Object.assign(['项目名称'], { [nameAt]: '人代会议' }),
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      [null, '年度资金总额', 50, 48, 36, ...budget],
      ...(goals ? [['年度总体目标', '预期目标', null, null, null, '实际完成情况'], [null, '保障会议召开', null, null, null, '圆满召开']] : []),
      header,
      ...rows.map((r) => {
        const out: (Scalar | Cell)[] = [];
        r.forEach((v, i) => (out[i < INDICATOR_HEADERS.length ? colOf(i) : 9] = v));
        return out;
      }),
      total,
      ...(gradeRow ? [grade] : []),
      ...tail,
    ];
    const grid = twice ? [...table(), ...table()] : table();
    const sheet = sheetFromRows(
      'S',
      grid.map((r) => Array.from(r, (v) => (v === undefined ? null : v)) as (Scalar | Cell)[]),
      merges.map(([r0, c0, h, w]) => ({ r0, c0, r1: r0 + h, c1: c0 + w })),
    );
    return { sheets: [sheet] };
  });

test('recalculation of scrambled tables is consistent with a fresh analysis of its copy', () => {
  fc.assert(
    fc.property(scrambledTable, (wb) => {
      expectRecalcConsistent(wb, DEFAULT_SETTINGS, recalc(wb), analyze(wb));
    }),
    { numRuns: NUM_RUNS * 3 },
  );
});

test('a score merged into its weight cell: the copy reads the written weight', () => {
  const sheet = projectSheet();
  const r = 8; // the first indicator row: ≥2次, 2次, weight 20 (G), score 20 (H)
  sheet.rows[r][5] = { v: '1次' };
  sheet.rows[r][7] = undefined;
  sheet.merges.push({ r0: r, c0: 6, r1: r, c1: 7 });
  const wb = { sheets: [sheet] };
  const r1 = recalc(wb);
  expect(r1.changes.changes.map((c) => [c.cell, c.after.v])).toContainEqual(['G9', 10]);
  expectRecalcConsistent(wb, DEFAULT_SETTINGS, r1, analyze(wb));
});

test('overlapping merged areas: a write to the top-left cell of one area that lies inside another area', () => {
  // The 分值/执行率 cells of the budget row merge up into the name row, at a cell that a second area
  // (on the name row) covers: the rate written there is the budget row's weight in the copy.
  const sheet = sheetFromRows(
    'S',
    [
      ['项目支出绩效自评表'],
      ['项目名称', '人代会议'],
      ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
      [null, '年度资金总额', 50, 48, 36, null, null, null],
      [null, '年度指标值', '偏差原因分析及改进措施', '实际完成值', '二级指标', '一级指标', '分值', '得分', '三级指标'],
      [],
    ],
    [
      { r0: 1, c0: 5, r1: 3, c1: 6 },
      { r0: 1, c0: 3, r1: 1, c1: 5 },
    ],
  );
  const wb = { sheets: [sheet] };
  // Excel's view: the captions 分值 and 执行率 lie under the area and do not show, so the block has no
  // weight or rate column; whatever is read, the copy reads as a fresh analysis does.
  const r = recalc(wb);
  expectRecalcConsistent(wb, DEFAULT_SETTINGS, r, analyze(wb));
});

describe('the variant workbooks, as written and with random edits', () => {
  const grids: [string, Workbook][] = [];
  beforeAll(async () => {
    for (const v of VARIANTS) grids.push([v.name, (await loadXlsxBuffer(Buffer.from(await v.build().xlsx.writeBuffer()))).workbook]);
    grids.push(['demo', (await loadXlsxBuffer(Buffer.from(await demoWorkbook().xlsx.writeBuffer()))).workbook]);
  });

  const SETTINGS: Settings[] = [
    DEFAULT_SETTINGS,
    SettingsSchema.parse({ precision: 0, reverseScoring: 'ratio', gradeBands: [95, 85, 70] }),
    SettingsSchema.parse({ precision: 4, moneyUnit: '元', totalWeight: 90 }),
  ];

  test('recalculation is consistent with a fresh analysis of its copy, with or without a check to reuse', () => {
    expect(grids.length).toBeGreaterThan(5);
    for (const [name, wb] of grids) {
      for (const settings of SETTINGS) {
        const a = analyze(wb, settings);
        const r = recalc(wb, settings);
        try {
          expectRecalcConsistent(wb, settings, r, a);
        } catch (e) {
          throw new Error(`${name}: ${(e as Error).message}`);
        }
      }
    }
  });

  // Edits near the tables' own cells: values a table may hold (numbers, percent and money text,
  // placeholders, grades, labels that make or unmake headers and totals), number formats, formulas, blanks.
  const POOL: (Cell['v'] | undefined)[] = [
    undefined, '', ' ', 0, 1, 5, 10, 19.38, 100, 0.8912, 1.5, -3, 250000, '35.65万元', '89.12%', '８９．１２％', '约三十', '#DIV/0!',
    { error: '#REF!' }, '优', '良', '中', '差', '优秀', '/', '——', '无', '≥95%', '≤812.38万元', '34次', '不少于30次', '1、a≥2次\n2、b≥3次', '按时',
    '合计', '总分', '小计', '自评等级', '得分', '分值', '执行率', '三级指标', '年度指标值', '全年执行数', '项目名称', '1,913,200.00', '8万元',
    '(元)', '单位：元', '其中：办公经费', '项目支出：70.66', '产出指标（40分）', '成本指标', '数量指标', '填表人：张三', true,
  ];
  const edit = fc.record({
    sheet: fc.nat(),
    row: fc.nat(),
    col: fc.nat(12),
    v: fc.constantFrom(...POOL),
    fmt: fc.option(fc.constantFrom('0.00%', '0%', '0.00', '@', 'General'), { nil: undefined }),
    formula: fc.boolean(),
  });

  test('and with random edits', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(edit, { minLength: 1, maxLength: 12 }), fc.nat(SETTINGS.length - 1), (which, edits, si) => {
        const [, original] = grids[which % grids.length];
        const wb = cloneWorkbook(original);
        for (const e of edits) {
          const s = wb.sheets[e.sheet % wb.sheets.length];
          if (!s.rows.length) continue;
          const r = e.row % (s.rows.length + 1);
          while (s.rows.length <= r) s.rows.push([]);
          const cell: Cell | undefined = e.v === undefined ? undefined : { v: e.v, ...(e.fmt ? { fmt: e.fmt } : {}), ...(e.formula ? { f: 'A1*2' } : {}) };
          s.rows[r][e.col] = cell;
        }
        const settings = SETTINGS[si];
        expectRecalcConsistent(wb, settings, recalc(wb, settings), analyze(wb, settings));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
