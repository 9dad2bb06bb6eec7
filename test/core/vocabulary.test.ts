// One place for the domain's words (src/core/vocabulary.ts): a vocabulary extended with a profile's
// column names finds tables the default does not, and one footer pattern ends a table in every reader.
import { sheetFromRows } from '../../src/core/grid/sheet';
import type { Cell, Scalar, Sheet } from '../../src/core/grid/types';
import { captionsOf } from '../../src/core/tables/captions';
import { detectTables } from '../../src/core/tables/detect';
import type { BasicDataTable, ExecutionTable, NumField, SelfEvalTable, SummaryTable, Table } from '../../src/core/tables/model';
import { normaliseGrade } from '../../src/core/compute/grade';
import { DEFAULT_VOCABULARY, extendVocabulary, FOOTER, GRADES, GRADE_SYNONYMS, isCostIndicator, type CaptionExtra, type Vocabulary } from '../../src/core/vocabulary';
import { GOOD_INDICATORS, projectSheet, workbook, type IndRow } from './template';

type R = (Scalar | Cell)[];

const tables = (sheet: Sheet, v?: Vocabulary): Table[] => detectTables(workbook(sheet), v).tables;
const num = (f: NumField | null | undefined) => (f && f.parse.kind === 'number' ? f.parse.value : null);
const only = <T extends Table>(ts: Table[], kind: Table['kind']): T | undefined => ts.find((t) => t.kind === kind) as T | undefined;

/** A self-evaluation table whose header row holds other captions. */
function projectWith(budgetHeader: R, indicatorHeader: R): Sheet {
  const s = projectSheet();
  s.rows[2] = budgetHeader.map((v) => (v === null ? undefined : { v: v as Scalar })) as Sheet['rows'][number];
  s.rows[7] = indicatorHeader.map((v) => (v === null ? undefined : { v: v as Scalar })) as Sheet['rows'][number];
  return s;
}
const BUDGET_HEADER: R = ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'];
const INDICATOR_HEADER: R = ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const withCaption = (row: R, i: number, caption: string): R => row.map((v, j) => (j === i ? caption : v));

function basicData(staffHeader: R = ['财政供养人员情况（人）', '编制数', '实际在职人数', '控制率'], rows: R[] = [['三公经费', 3, 3, 3]]): Sheet {
  return sheetFromRows('附件2', [['2023年度部门（单位）整体支出绩效评价基础数据表'], staffHeader, [null, 21, 35, 1.6667], ['经费控制情况（万元）', '2022年决算数', '2023年预算数', '2023年决算数'], ...rows]);
}
function execution(header: R = ['预算项目', '年初预算指标', '已用指标', '剩余指标', '预算执行率'], rows: R[] = [['人代会议', 48, 34, 14, 0.7083]]): Sheet {
  return sheetFromRows('执行情况', [['绩效项目预算指标年度执行情况'], header, ...rows]);
}
function summary(header: R = ['序号', '名称', '年初预算数', '当年预算数', '全年执行数', '预算执行率', '得分', '自评结论'], rows: R[] = [[1, '人代会议', 48, 34, 34, 1, 100, '优']]): Sheet {
  return sheetFromRows('汇总', [['2023年项目绩效自评表'], header, ...rows]);
}

describe('an extended vocabulary recognises a profile’s column names; the default does not', () => {
  // [what, sheet, extra, what the detection read (null: not recognised)]
  const cases: [string, Sheet, CaptionExtra, (ts: Table[]) => unknown][] = [
    [
      '全年执行数 captioned 资金支出数 (self-evaluation budget block)',
      projectWith(withCaption(BUDGET_HEADER, 4, '资金支出数'), INDICATOR_HEADER),
      { budget: { executed: ['资金支出数'] } },
      (ts) => num(only<SelfEvalTable>(ts, 'project-self-eval')?.budget?.executed) ?? null,
    ],
    [
      '年度指标值 captioned 绩效目标值 (indicator block)',
      projectWith(BUDGET_HEADER, withCaption(INDICATOR_HEADER, 4, '绩效目标值')),
      { indicator: { target: ['绩效目标值'] } },
      (ts) => only<SelfEvalTable>(ts, 'project-self-eval')?.indicators.map((i) => i.targetCol).join() || null,
    ],
    [
      'a caption written with full-width brackets and spaces, normalised as header cells are',
      projectWith(BUDGET_HEADER, withCaption(INDICATOR_HEADER, 4, '绩效 目标值（A）')),
      { indicator: { target: ['绩效目标值（A）'] } },
      (ts) => only<SelfEvalTable>(ts, 'project-self-eval')?.indicators.length || null,
    ],
    [
      '全年执行数 captioned 资金支出数 (summary table)',
      summary(['序号', '名称', '年初预算数', '当年预算数', '资金支出数', '预算执行率', '得分', '自评结论']),
      { summary: { executed: ['资金支出数'] } },
      (ts) => num(only<SummaryTable>(ts, 'project-summary')?.rows[0].executed) ?? null,
    ],
    [
      '已用指标 captioned 已拨付数 (execution table)',
      execution(['预算项目', '年初预算指标', '已拨付数', '剩余指标', '预算执行率']),
      { execution: { used: ['已拨付数'] } },
      (ts) => num(only<ExecutionTable>(ts, 'budget-execution')?.rows[0].used) ?? null,
    ],
    [
      '编制数 captioned 核定编制 (basic-data staff)',
      basicData(['财政供养人员情况（人）', '核定编制', '实际在职人数', '控制率']),
      { staff: { quota: ['核定编制'] } },
      (ts) => num(only<BasicDataTable>(ts, 'basic-data')?.staff?.quota) ?? null,
    ],
  ];

  test.each(cases)('%s', (_what, sheet, extra, read) => {
    expect(read(tables(sheet))).toBeNull();
    expect(read(tables(sheet, extendVocabulary(DEFAULT_VOCABULARY, extra)))).not.toBeNull();
  });

  test('the table read with the extension is the one the default reads with the usual caption', () => {
    const usual = only<SelfEvalTable>(tables(projectSheet()), 'project-self-eval')!;
    const v = extendVocabulary(DEFAULT_VOCABULARY, { budget: { executed: ['资金支出数'] }, indicator: { target: ['绩效目标值'] } });
    const other = only<SelfEvalTable>(tables(projectWith(withCaption(BUDGET_HEADER, 4, '资金支出数'), withCaption(INDICATOR_HEADER, 4, '绩效目标值')), v), 'project-self-eval')!;
    expect({ ...other, sheet: null }).toEqual({ ...usual, sheet: null });
  });
});

describe('extendVocabulary', () => {
  test('adds to a copy: the base and the default stay as they were', () => {
    const a = extendVocabulary(DEFAULT_VOCABULARY, { budget: { executed: ['资金支出数'] } });
    const b = extendVocabulary(a, { budget: { executed: ['支出金额', '资金支出数'] }, indicator: { target: ['绩效目标值'] } });
    expect(DEFAULT_VOCABULARY.extra).toEqual({});
    expect(a.extra).toEqual({ budget: { executed: ['资金支出数'] } });
    expect(b.extra).toEqual({ budget: { executed: ['资金支出数', '支出金额'] }, indicator: { target: ['绩效目标值'] } });
    expect(b.patterns).toBe(DEFAULT_VOCABULARY.patterns);
  });

  test('a caption is an exact alternative: its characters are not a pattern', () => {
    const c = captionsOf(extendVocabulary(DEFAULT_VOCABULARY, { indicator: { target: ['目标值+'] } }));
    expect(c.indicator.target.test('目标值+')).toBe(true);
    expect(c.indicator.target.test('目标值值')).toBe(false);
    expect(c.indicator.target.test('绩效目标值+')).toBe(false);
    expect(c.indicator.target.test('年度指标值')).toBe(true);
  });

  test('each vocabulary is compiled once; the default keeps its own patterns', () => {
    const v = extendVocabulary(DEFAULT_VOCABULARY, { budget: { executed: ['资金支出数'] } });
    expect(captionsOf(v)).toBe(captionsOf(v));
    expect(captionsOf()).toBe(captionsOf(DEFAULT_VOCABULARY));
    expect(captionsOf().budget).toBe(DEFAULT_VOCABULARY.patterns.budget);
    // Only the extended kind is rebuilt.
    expect(captionsOf(v).indicator).toBe(DEFAULT_VOCABULARY.patterns.indicator);
    expect(captionsOf(v).budget).not.toBe(DEFAULT_VOCABULARY.patterns.budget);
  });
});

describe('one footer pattern ends a table in every reader', () => {
  const FOOTERS = [
    '填表人：张三',
    '填 表 人：张三',
    '填报人：李四',
    '单位负责人：王五',
    '财务负责人：赵敏',
    '审核人：钱七',
    '联系电话：0791-86123456',
    '填表日期：2024年3月15日',
    '填报日期：2024年3月15日',
    '说明：本表金额单位为万元。',
    '说明',
    '说明：',
    '注：本表由项目单位填报。',
    '注：',
  ];
  /** Names of rows that are data, though they start like a footer's 说明 or 注. */
  const NOT_FOOTERS = ['说明书印制', '注册企业数'];

  // Each reader: a table with `row` after its data (a footer, or a data row named so), then one more data row; what it read.
  const READERS: [string, (row: string) => Sheet, (ts: Table[]) => number][] = [
    [
      'self-evaluation (indicator block)',
      (row) => {
        const ind: IndRow[] = [...GOOD_INDICATORS, { l3: row, target: '≥1次', actual: '1次', weight: 5, score: 5 }, { l3: '其他事项', target: '≥1次', actual: '1次', weight: 5, score: 5 }];
        const s = projectSheet({ indicators: ind, total: null });
        // A footer stands in the first column, like the block labels (绩效指标).
        if (FOOTER.test(row.replace(/\s+/g, ''))) s.rows[8 + GOOD_INDICATORS.length] = [{ v: row }];
        return s;
      },
      (ts) => only<SelfEvalTable>(ts, 'project-self-eval')!.indicators.length,
    ],
    ['basic data (经费控制情况)', (row) => basicData(undefined, [['三公经费', 3, 3, 3], ['1、公务用车', 1, 1, 1], [row, 1, 1, 1], ['2、出国经费', 2, 2, 2]]), (ts) => only<BasicDataTable>(ts, 'basic-data')!.rows.length],
    [
      'basic data (楼堂馆所)',
      (row) =>
        sheetFromRows('附件2', [
          ['财政供养人员情况', '编制数', '实际在职人数', '控制率'],
          [null, 10, 9, 0.9],
          ['楼堂馆所控制情况', '批复规模（㎡）', '实际规模（㎡）', '规模控制率', '预算投资（万元）', '实际投资（万元）', '投资概算控制率'],
          [null, 1000, 1100, 1.1, 500, 450, 0.9],
          [row, 1000, 1100, 1.1, 500, 450, 0.9],
          [null, 2000, 2100, 1.05, 500, 450, 0.9],
        ]),
      (ts) => only<BasicDataTable>(ts, 'basic-data')!.buildings.length,
    ],
    ['execution table', (row) => execution(undefined, [['人代会议', 48, 34, 14, 0.7083], [row, 10, 5, 5, 0.5], ['宣传经费', 25, 17, 8, 0.68]]), (ts) => only<ExecutionTable>(ts, 'budget-execution')!.rows.length],
    ['summary table', (row) => summary(undefined, [[1, '人代会议', 48, 34, 34, 1, 100, '优'], [row, null, null, null, null, null, null, null], [2, '宣传经费', 25, 17, 17, 1, 100, '优']]), (ts) => only<SummaryTable>(ts, 'project-summary')!.rows.length],
  ];
  // How many data rows each reader reads before the extra row: the footer ends it there.
  const BEFORE: Record<string, number> = {
    'self-evaluation (indicator block)': GOOD_INDICATORS.length,
    'basic data (经费控制情况)': 2,
    'basic data (楼堂馆所)': 1,
    'execution table': 1,
    'summary table': 1,
  };

  describe.each(READERS)('%s', (reader, make, count) => {
    test.each(FOOTERS)('%s ends it', (footer) => {
      expect(count(tables(make(footer)))).toBe(BEFORE[reader]);
    });
    test.each(NOT_FOOTERS)('a row named %s is data', (name) => {
      // The summary reader skips a row with a name and nothing else; the others read it.
      const extra = reader === 'summary table' ? 1 : 2;
      expect(count(tables(make(name)))).toBe(BEFORE[reader] + extra);
    });
  });
});

describe('grades and 成本', () => {
  test('the four grades, and every synonym names one of them', () => {
    expect(GRADES).toEqual(['优', '良', '中', '差']);
    for (const [word, grade] of Object.entries(GRADE_SYNONYMS)) {
      expect(GRADES).toContain(grade);
      expect(normaliseGrade(word)).toBe(grade);
    }
    expect(normaliseGrade('优秀（95分）')).toBe('优');
    // Not a grade, though an object's prototype has such a key.
    expect(normaliseGrade('constructor')).toBeNull();
  });

  test.each([
    ['产出指标', '成本指标', true],
    ['成本指标', '经济成本指标', true],
    ['产出指标', '数量指标', false],
    ['效益指标', '社会效益指标', false],
  ] as const)('%s › %s: 成本 %s', (l1, l2, cost) => {
    expect(isCostIndicator(l1, l2)).toBe(cost);
  });
});
