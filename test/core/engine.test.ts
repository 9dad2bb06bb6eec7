import { analyze, recalc } from '../../src/core/engine';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../src/core/settings';
import { sheetFromRows } from '../../src/core/grid/sheet';
import { GOOD_INDICATORS, projectSheet, workbook } from './template';

test('the template is detected as one clean project table', () => {
  const a = analyze(workbook(projectSheet()));
  expect(a.tables.map((t) => [t.kind, t.sheet.name])).toEqual([['project-self-eval', '附件3']]);
  const se = a.evals[0].selfEval!;
  expect(se.weightSum).toBe(100);
  expect(se.indicators).toHaveLength(6);
  expect(a.findings.filter((f) => f.severity !== 'info')).toEqual([]);
});

test('recalc is idempotent and fixes what it computes', () => {
  const wb = workbook(projectSheet({ rate: 0.5, score: 9 }));
  const r1 = recalc(wb);
  expect(r1.changes.changes.map((c) => c.cell).sort()).toEqual(['G4', 'H4']);
  const r2 = recalc(r1.result);
  expect(r2.changes.changes).toEqual([]);
});

test('recalc reuses a check only when it was made under the same settings (issue 9, item 9)', () => {
  // 代表满意度: 95% against ≥90% scores 10; the 会议成本 row gets 9.5万元 ≤ 10万元 → 10. A row whose
  // score depends on precision: 7 of ≥9次 with weight 10 → 7.777… (7.78 at 2 decimals, 8 at 0).
  const indicators = [...GOOD_INDICATORS.slice(0, 5), { l1: '满意度指标（10分）', l2: '服务对象满意度指标', l3: '回访次数', target: '≥9次', actual: '7次', weight: 10, score: 7 }];
  const wb = workbook(projectSheet({ indicators }));
  const checkedAt2 = analyze(wb, DEFAULT_SETTINGS);
  const precision0 = SettingsSchema.parse({ precision: 0 });
  const r = recalc(wb, precision0, checkedAt2);
  const written = r.changes.changes.find((c) => c.cell === 'H14');
  expect(written?.after.v).toBe(8);
  expect(r.changes).toEqual(recalc(wb, precision0).changes);
  // Under the same settings the check is reused and gives the same change set.
  expect(recalc(wb, DEFAULT_SETTINGS, checkedAt2).changes).toEqual(recalc(wb).changes);
});

test('a titled budget block without its indicator block is read in part: TABLE_INCOMPLETE, the rate still checked and written', () => {
  const sheet = sheetFromRows('S', [
    ['2023年度项目支出绩效自评表'],
    ['项目名称', '人代会议'],
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 50, 48, 36, 10, { v: 0.5, fmt: '0.00%' }, 7.5],
  ]);
  const a = analyze(workbook(sheet));
  expect(a.tables.map((t) => [t.kind, t.range])).toEqual([['project-self-eval', { r0: 0, c0: 0, r1: 3, c1: 7 }]]);
  expect(a.findings.map((f) => `${f.code} ${f.cell}`)).toEqual(['RATE_MISMATCH G4', 'TABLE_INCOMPLETE A3']);
  expect(a.findings[1].message).toContain('未能识别绩效指标部分');
  expect(recalc(workbook(sheet)).changes.changes.map((c) => [c.cell, c.after.v, c.reason])).toEqual([['G4', 0.75, 'fix']]);
});

test('an untitled budget-like block alone is not a self-evaluation table', () => {
  const sheet = sheetFromRows('S', [
    ['项目资金（万元）', null, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, '年度资金总额', 50, 48, 36, 10, { v: 0.75, fmt: '0.00%' }, 7.5],
  ]);
  expect(analyze(workbook(sheet)).tables).toEqual([]);
});

test('a 汇总表 with a two-row header is read, and its row takes the project table total', () => {
  const summary = sheetFromRows(
    '汇总',
    [
      ['2023年度项目绩效自评汇总表'],
      ['序号', '项目名称', '预算资金（万元）', null, null, '预算执行率', '自评得分', '自评结论'],
      [null, null, '年初预算数', '全年预算数', '全年执行数', null, null, null],
      [1, '人代会议', 50, 48, 36, { v: 0.75, fmt: '0.00%' }, 90, '优'],
    ],
    [
      { r0: 1, c0: 2, r1: 1, c1: 4 },
      { r0: 1, c0: 0, r1: 2, c1: 0 },
      { r0: 1, c0: 1, r1: 2, c1: 1 },
      { r0: 1, c0: 5, r1: 2, c1: 5 },
      { r0: 1, c0: 6, r1: 2, c1: 6 },
      { r0: 1, c0: 7, r1: 2, c1: 7 },
    ],
  );
  const wb = workbook(summary, projectSheet());
  const a = analyze(wb);
  expect(a.tables.map((t) => [t.kind, t.sheet.name])).toEqual([
    ['project-summary', '汇总'],
    ['project-self-eval', '附件3'],
  ]);
  // The project table's total is 95.5 (its stated scores all agree), its grade 优.
  expect(recalc(wb).changes.changes.map((c) => [c.sheet, c.cell, c.after.v, c.reason])).toEqual([['汇总', 'G4', 95.5, 'sync']]);
});
