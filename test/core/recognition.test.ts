// nothingRecognised (SPEC §5, last paragraph): a workbook with no recognised table is explained, not passed.
import { analyze } from '../../src/core/engine';
import { sheetFromRows } from '../../src/core/grid/sheet';
import type { Cell, Scalar, Sheet, Workbook } from '../../src/core/grid/types';
import { EXPECTED_HEADERS, NOTHING_RECOGNISED, nothingRecognised } from '../../src/core/recognition';
import { projectSheet, workbook } from './template';

type Rows = (Scalar | Cell | undefined)[][];
const sheet = (name: string, rows: Rows, extra: Partial<Sheet> = {}): Sheet => ({ ...sheetFromRows(name, rows), ...extra });

/** A 12 × 5 list of amounts: a title row, a header row, ten data rows. */
const LIST: Rows = [
  ['2023年各单位经费明细'],
  ['序号', '单位', '金额', '备注', '经办人'],
  ...Array.from({ length: 10 }, (_, i) => [i + 1, `单位${i + 1}`, 1000 + i * 0.1, '', '张三']),
];

interface Case {
  name: string;
  wb: Workbook;
  /** Expected: null, or the headline's words, the sheets and the per-sheet lines. */
  want:
    | null
    | {
        headline: RegExp;
        sheets: { name: string; rows: number; cols: number; sample: string }[];
        lines: string[];
      };
}

const CASES: Case[] = [
  { name: 'a self-evaluation table', wb: workbook(projectSheet()), want: null },
  { name: 'a self-evaluation table beside a sheet of notes', wb: workbook(sheet('说明', [['填表说明']]), projectSheet()), want: null },
  {
    name: 'one sheet of something else: its size and its header-like row (after a title)',
    wb: { sheets: [sheet('Sheet1', LIST)] },
    want: {
      headline: /没有识别到.*自评表.*汇总表.*基础数据表.*不表示表格没有问题/,
      sheets: [{ name: 'Sheet1', rows: 12, cols: 5, sample: '序号、单位、金额、备注、经办人' }],
      lines: ['工作表「Sheet1」：12 行 × 5 列，第 2 行为「序号、单位、金额、备注、经办人」'],
    },
  },
  {
    name: 'a header in the first row: 首行, and more than six cells end in …',
    wb: { sheets: [sheet('数据', [['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], [1, 2, 3, 4, 5, 6, 7, 8]])] },
    want: {
      headline: /没有识别到/,
      sheets: [{ name: '数据', rows: 2, cols: 8, sample: 'A、B、C、D、E、F…' }],
      lines: ['工作表「数据」：2 行 × 8 列，首行为「A、B、C、D、E、F…」'],
    },
  },
  {
    name: 'size counts from the first filled cell, not from A1; long and multi-line cells are shortened to one line',
    wb: { sheets: [sheet('Sheet1', [[], [], [undefined, undefined, '第一列的标题写得非常非常非常长超过十六个字', '第二\n列\u001b[31m'], [undefined, undefined, 0.1 + 0.2, true]])] },
    want: {
      headline: /没有识别到/,
      sheets: [{ name: 'Sheet1', rows: 2, cols: 2, sample: '第一列的标题写得非常非常非常长超…、第二 列 [31m' }],
      lines: ['工作表「Sheet1」：2 行 × 2 列，首行为「第一列的标题写得非常非常非常长超…、第二 列 [31m」'],
    },
  },
  {
    name: 'a single text cell: that cell',
    wb: { sheets: [sheet('封面', [[null], [null, '2023年度部门决算']])] },
    want: {
      headline: /没有识别到/,
      sheets: [{ name: '封面', rows: 1, cols: 1, sample: '2023年度部门决算' }],
      lines: ['工作表「封面」：1 行 × 1 列，首行为「2023年度部门决算」'],
    },
  },
  {
    name: 'an error value and numbers only',
    wb: { sheets: [sheet('计算', [[{ v: { error: '#REF!' } }, 12.5]])] },
    want: {
      headline: /没有识别到/,
      sheets: [{ name: '计算', rows: 1, cols: 2, sample: '#REF!、12.5' }],
      lines: ['工作表「计算」：1 行 × 2 列，首行为「#REF!、12.5」'],
    },
  },
  {
    name: 'several sheets: empty ones said empty, a hidden one said hidden',
    wb: { sheets: [sheet('Sheet1', LIST), sheet('Sheet2', []), sheet('底稿', [['x', 'y']], { hidden: true })] },
    want: {
      headline: /没有识别到/,
      sheets: [
        { name: 'Sheet1', rows: 12, cols: 5, sample: '序号、单位、金额、备注、经办人' },
        { name: 'Sheet2', rows: 0, cols: 0, sample: '' },
        { name: '底稿', rows: 1, cols: 2, sample: 'x、y' },
      ],
      lines: ['工作表「Sheet1」：12 行 × 5 列，第 2 行为「序号、单位、金额、备注、经办人」', '工作表「Sheet2」：空', '工作表「底稿」（隐藏）：1 行 × 2 列，首行为「x、y」'],
    },
  },
  {
    name: 'cells holding only blanks count as empty',
    wb: { sheets: [sheet('Sheet1', [['  ', { v: '' }], [null, { v: null, fmt: '0.00%' }]])] },
    want: { headline: /^未识别到自评表：工作簿的工作表是空的/, sheets: [{ name: 'Sheet1', rows: 0, cols: 0, sample: '' }], lines: ['工作表「Sheet1」：空'] },
  },
  {
    name: 'an empty workbook of three sheets',
    wb: { sheets: [sheet('Sheet1', []), sheet('Sheet2', []), sheet('Sheet3', [])] },
    want: {
      headline: /^未识别到自评表：工作簿的 3 张工作表都是空的/,
      sheets: ['Sheet1', 'Sheet2', 'Sheet3'].map((name) => ({ name, rows: 0, cols: 0, sample: '' })),
      lines: ['工作表「Sheet1」：空', '工作表「Sheet2」：空', '工作表「Sheet3」：空'],
    },
  },
  { name: 'no sheets at all', wb: { sheets: [] }, want: { headline: /^未识别到自评表：工作簿中没有工作表/, sheets: [], lines: [] } },
  {
    name: 'a 绩效目标申报表 (targets and weights, nothing achieved) is not a self-evaluation',
    wb: {
      sheets: [
        sheet('申报表', [
          ['项目支出绩效目标申报表'],
          ['项目名称', '会议费'],
          ['一级指标', '二级指标', '三级指标', '指标值'],
          ['产出指标', '数量指标', '召开会议', '≥2次'],
        ]),
      ],
    },
    want: {
      headline: /没有识别到/,
      sheets: [{ name: '申报表', rows: 4, cols: 4, sample: '项目名称、会议费' }],
      lines: ['工作表「申报表」：4 行 × 4 列，第 2 行为「项目名称、会议费」'],
    },
  },
];

describe.each(CASES)('$name', ({ wb, want }) => {
  const got = nothingRecognised(wb, analyze(wb));
  if (want === null) {
    test('null', () => expect(got).toBeNull());
    return;
  }
  test('the sheets and what each seemed to hold', () => {
    expect(got?.sheets).toEqual(want.sheets);
    expect(got?.reason).toBe(want.lines.join('；') || '工作簿中没有工作表');
  });
  test('the message: a headline, one line per sheet, what the product looks for', () => {
    const lines = got!.message.split('\n');
    expect(lines[0].startsWith(`${NOTHING_RECOGNISED}：`)).toBe(true);
    expect(lines[0]).toMatch(want.headline);
    expect(lines.slice(1, -1)).toEqual(want.lines.map((l) => `  · ${l}`));
    expect(lines[lines.length - 1]).toBe(EXPECTED_HEADERS);
  });
});

test('what the product looks for names the header words of each kind of table', () => {
  for (const w of ['年初预算数', '全年执行数', '一级指标', '年度指标值', '实际完成值', '编制数', '实际在职人数', '项目名称', '预算执行率', '预算项目', '已用指标']) expect(EXPECTED_HEADERS).toContain(w);
});

test('only the tables of the analysis count: findings alone (TABLE_NOT_RECOGNIZED) do not', () => {
  const wb: Workbook = { sheets: [sheet('Sheet1', LIST)] };
  const a = analyze(wb);
  expect(a.findings.map((f) => f.code)).toEqual(['TABLE_NOT_RECOGNIZED']);
  expect(nothingRecognised(wb, a)).not.toBeNull();
  expect(nothingRecognised(wb, { tables: analyze(workbook(projectSheet())).tables })).toBeNull();
});

test('a workbook of many sheets lists the first 19 and says how many more (the sheets list holds them all)', () => {
  const wb: Workbook = { sheets: Array.from({ length: 25 }, (_, i) => sheet(`表${i + 1}`, [['a', 'b']])) };
  const got = nothingRecognised(wb, analyze(wb))!;
  const lines = got.message.split('\n');
  expect(lines).toHaveLength(1 + 20 + 1);
  expect(lines[19]).toBe('  · 工作表「表19」：1 行 × 2 列，首行为「a、b」');
  expect(lines[20]).toBe('  · ……另有 6 张工作表');
  expect(got.sheets).toHaveLength(25);
  expect(got.reason.split('；')).toHaveLength(25);
});
