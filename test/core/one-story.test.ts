// 检查, 重算 and 报告 tell one story (issue 11): a finding 重算 resolves says so and what it writes; a
// cross-table finding names both cells, the one recalculation corrects first; messages quote the sheet;
// the report is written from the recalculated figures and the face is told what is left to do.
import { analyze, checkWorkbook } from '../../src/core/engine';
import { checkNarrative } from '../../src/core/report/narrative';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { showCell } from '../../src/core/format';
import { sheetFromRows } from '../../src/core/grid/sheet';
import { reportBasis, reportWarning } from '../../src/core/report-basis';
import { toMarkdown } from '../../src/core/report/markdown';
import { at, GOOD_INDICATORS, projectSheet, workbook } from './template';

function summary(rows: (string | number | null)[][]) {
  return sheetFromRows('汇总', [
    ['2023年项目绩效自评表'],
    ['序号', '名称', '年初预算数', '当年预算数', '全年执行数', '预算执行率', '得分', '自评结论'],
    ...rows,
  ]);
}

describe('findings that 重算 resolves', () => {
  test.each([
    ['a wrong indicator score', { indicators: GOOD_INDICATORS.map((r, i) => (i === 0 ? { ...r, score: 15 } : r)), total: { score: 90.5 } }, 'SCORE_MISMATCH', at('H', 0), '20', 'fix'],
    ['a blank 执行率 score', { score: null }, 'MISSING_VALUE', 'H4', '7.5', 'fill'],
    ['a wrong rate', { rate: { v: 0.7, fmt: '0.00%' } }, 'RATE_MISMATCH', 'G4', '75.00%', 'fix'],
  ])('%s', (_name, opts, code, cell, shown, reason) => {
    const o = checkWorkbook(workbook(projectSheet(opts)));
    const f = o.findings.find((x) => x.code === code && x.cell === cell);
    expect(f?.recalc?.writes).toEqual({ sheet: '附件3', cell, shown, reason });
  });

  test('a finding a person must fix is not marked', () => {
    // The weights add up to 110: WEIGHT_SUM stays after 重算.
    const ind = GOOD_INDICATORS.map((r, i) => (i === 0 ? { ...r, weight: 30, score: 30 } : r));
    const o = checkWorkbook(workbook(projectSheet({ indicators: ind, total: { weight: 110, score: 105.5 } })));
    const f = o.findings.find((x) => x.code === 'WEIGHT_SUM');
    expect(f).toBeDefined();
    expect(f!.recalc).toBeUndefined();
  });

  test('a summary score taken from its project: both cells named, the summary first, resolved by 重算', () => {
    // The summary is read first, so the finding's cell is the project table's (SPEC §5) ...
    const wb = workbook(summary([[1, '人代会议', 50, 48, 36, 0.75, 90, '优']]), projectSheet({ name: '人代会议' }));
    const o = checkWorkbook(wb);
    const f = o.findings.find((x) => x.code === 'CROSS_SHEET_MISMATCH')!;
    expect(`${f.sheet}!${f.cell}`).toBe('附件3!H15');
    expect(f.related).toEqual([{ sheet: '汇总', cell: 'G3' }]);
    // ... but the message names the summary's cell first, since that is the one 重算 corrects.
    expect(f.message.indexOf('汇总!G3')).toBeGreaterThan(-1);
    expect(f.message.indexOf('汇总!G3')).toBeLessThan(f.message.indexOf('附件3!H15'));
    expect(f.message).toContain('重算将按自评表同步汇总表');
    expect(f.recalc?.writes).toMatchObject({ sheet: '汇总', cell: 'G3', shown: '95.5', reason: 'sync' });
    // After 重算, 检查 has nothing left to say about it, and a second 重算 writes nothing.
    expect(o.recalc.findings.filter((x) => x.code === 'CROSS_SHEET_MISMATCH')).toEqual([]);
    expect(checkWorkbook(o.recalc.result).recalc.changes.changes).toEqual([]);
  });

  test('two amounts that differ: neither is corrected, the message says to check both', () => {
    const wb = workbook(summary([[1, '人代会议', 50, 48, 30, 0.625, 95.5, '优']]), projectSheet({ name: '人代会议' }));
    const f = checkWorkbook(wb).findings.find((x) => x.code === 'CROSS_SHEET_MISMATCH')!;
    expect(f.message).toContain('请核对两表');
    expect(f.recalc).toBeUndefined();
  });
});

test('a deviation warning quotes the score as the sheet shows it and what 重算 writes', () => {
  // Stated 10 for 会议成本 against a computed 8.9 (≤10万元 target, 10.1 actual).
  const ind = GOOD_INDICATORS.map((r, i) => (i === 3 ? { ...r, actual: '11万元' } : r));
  const o = checkWorkbook(workbook(projectSheet({ indicators: ind })));
  const f = o.findings.find((x) => x.code === 'DEVIATION_REASON_MISSING')!;
  expect(f.message).toMatch(/得分表中为 10（重算将写入 9）/);
});

describe('the report is written from the recalculated figures', () => {
  test('the summary and the project section agree, and the face is warned first', () => {
    const wb = workbook(summary([[1, '人代会议', 50, 48, 36, 0.75, 100, '优']]), projectSheet({ name: '人代会议' }));
    const b = reportBasis(wb);
    const md = toMarkdown(b.reports);
    expect(md).not.toMatch(/\|\s*100\s*\|/);
    expect(md).toContain('95.5');
    expect(b.errors).toBeGreaterThan(0);
    expect(b.pending).toBeGreaterThan(0);
    expect(reportWarning(b)).toMatch(/^工作簿中还有 \d+ 个错误，\d+ 处计算值尚未重算写入。/);
  });
  test('a workbook with nothing left to do gets no warning', () => {
    const wb = workbook(projectSheet({ name: '人代会议' }));
    const b = reportBasis(wb);
    expect(b.pending).toBe(0);
    expect(reportWarning(b)).toBeNull();
  });
});

test.each([
  [null, undefined, '（空）'],
  ['92.5%', undefined, '「92.5%」'],
  [0.925, '0.00%', '92.50%'],
  [0.925, '0%', '93%'],
  [19.375, '0.00', '19.38'],
  [19.375, undefined, '19.375'],
  [1234.5, '#,##0.00', '1234.50'],
  [0.5, '0.0%;[Red]-0.0%', '50.0%'],
])('showCell(%p, %p) = %p', (v, fmt, shown) => {
  expect(showCell(v, fmt)).toBe(shown);
});

test('核对已写好的报告 quotes the total the sheet shows and the one 重算 writes', () => {
  const wb = workbook(projectSheet({ name: '人代会议', total: { score: 100 } }));
  const [f] = checkNarrative('人代会议项目自评得分为100分。', analyze(wb), DEFAULT_SETTINGS);
  expect(f?.message).toContain('表中为100分，重算后为95.5分');
});
