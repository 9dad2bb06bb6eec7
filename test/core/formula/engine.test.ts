// recalc and the user's formulas: a kept 总分 formula gets its new result (reason `formula`), formulas
// it cannot evaluate are listed as stale, rounds of formulas and computed fields settle, and a second
// recalculation writes nothing.
import { analyze, recalc } from '../../../src/core/engine';
import type { Cell, Scalar, Workbook } from '../../../src/core/grid/types';
import { sheetFromRows } from '../../../src/core/grid/sheet';
import { projectSheet, type IndRow } from '../template';

const f = (formula: string, v: Scalar, fmt?: string): Cell => (fmt ? { v, f: formula, fmt } : { v, f: formula });

// Eight indicator rows (H9:H16) adding up to 90 with the 执行率 weight of 10; 培训人次 80 of ≥100 scores 8,
// not the 10 stated.
const INDICATORS: IndRow[] = [
  { l1: '产出指标（50分）', l2: '数量指标', l3: '召开会议', target: '≥2次', actual: '2次', weight: 10, score: 10 },
  { l2: '数量指标', l3: '培训人次', target: '≥100人次', actual: '80人次', weight: 10, score: 10 },
  { l2: '质量指标', l3: '完成率', target: '≥95%', actual: '100%', weight: 10, score: 10 },
  { l2: '时效指标', l3: '完成时间', target: '12月31日前', actual: '按时', weight: 10, score: 10 },
  { l2: '成本指标', l3: '会议成本', target: '≤10万元', actual: '9.5万元', weight: 10, score: 10 },
  { l1: '效益指标（30分）', l2: '社会效益指标', l3: '履职能力', target: '明显提升', actual: '有效提升', weight: 20, score: 18, reason: '部分代表未参训' },
  { l2: '可持续影响指标', l3: '制度建设', target: '完善', actual: '完善', weight: 10, score: 10 },
  { l1: '满意度指标（10分）', l2: '服务对象满意度指标', l3: '代表满意度', target: '≥90%', actual: '95%', weight: 10, score: 10 },
];

/** 附件3 with the total row's 得分 (H17) a kept =SUM(H4,H9:H16); 汇总 holds other formulas over it. */
function book(): Workbook {
  const s = projectSheet({ indicators: INDICATORS, total: { score: f('SUM(H4,H9:H16)', 95.5, '0.00'), grade: '优' } });
  const other = sheetFromRows('汇总', [
    ['指标得分', f('SUM(附件3!H9:H16)', 88)],
    ['总分', f('附件3!H17', 95.5)],
    ['百分制', f('ROUND(B1/90*100,2)', 97.78)],
    ['查找', f('VLOOKUP("培训人次",附件3!D9:H16,5,FALSE)', 10)],
    ['查找加一', f('B4+1', 11)],
    ['分值', f('SUM(附件3!G9:G16)', 90)],
    ['等级', f('附件3!J17', '优')],
  ]);
  return { sheets: [s, other] };
}

describe('recalc: formulas that depend on written cells', () => {
  test('a kept =SUM total gets its new result, with reason formula; so do formulas over it, across sheets', () => {
    const wb = book();
    const r = recalc(wb);
    expect(r.changes.changes.map((c) => [`${c.sheet}!${c.cell}`, c.field, c.before, c.after, c.reason])).toEqual([
      ['附件3!H10', '「培训人次」得分', { v: 10 }, { v: 8 }, 'fix'],
      ['附件3!H17', '公式结果（=SUM(H4,H9:H16)）', { v: 95.5, f: 'SUM(H4,H9:H16)', fmt: '0.00' }, { v: 93.5, f: 'SUM(H4,H9:H16)', fmt: '0.00' }, 'formula'],
      ['汇总!B1', '公式结果（=SUM(附件3!H9:H16)）', { v: 88, f: 'SUM(附件3!H9:H16)' }, { v: 86, f: 'SUM(附件3!H9:H16)' }, 'formula'],
      ['汇总!B2', '公式结果（=附件3!H17）', { v: 95.5, f: '附件3!H17' }, { v: 93.5, f: '附件3!H17' }, 'formula'],
      ['汇总!B3', '公式结果（=ROUND(B1/90*100,2)）', { v: 97.78, f: 'ROUND(B1/90*100,2)' }, { v: 95.56, f: 'ROUND(B1/90*100,2)' }, 'formula'],
    ]);
    // VLOOKUP reads a written cell and cannot be evaluated: listed, with what reads it; 分值 and 等级 are not reached.
    expect(r.staleFormulas).toEqual([
      { sheet: '汇总', cell: 'B4', formula: '=VLOOKUP("培训人次",附件3!D9:H16,5,FALSE)' },
      { sheet: '汇总', cell: 'B5', formula: '=B4+1' },
    ]);
    // The copy holds the new results, its analysis sees them (no mismatch on the total), and the input is untouched.
    expect(r.result.sheets[0].rows[16][7]).toEqual({ v: 93.5, f: 'SUM(H4,H9:H16)', fmt: '0.00' });
    expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(r.findings.map((x) => x.code)).not.toContain('FORMULA_KEPT');
    expect(wb.sheets[0].rows[16][7]).toEqual({ v: 95.5, f: 'SUM(H4,H9:H16)', fmt: '0.00' });
    // Before: the kept total disagrees with the fixed score.
    expect(analyze(wb).findings.map((x) => `${x.code} ${x.cell}`)).toContain('SCORE_MISMATCH H10');
  });

  test('recalculation is idempotent: a second run writes nothing and lists nothing', () => {
    const r1 = recalc(book());
    const r2 = recalc(r1.result);
    expect(r2.changes.changes).toEqual([]);
    expect(r2.staleFormulas).toEqual([]);
  });

  test('nothing written: no formula is recalculated or listed', () => {
    const clean = projectSheet({ total: { score: f('SUM(H4,H9:H14)', 95.5) } });
    expect(recalc({ sheets: [clean] })).toMatchObject({ changes: { changes: [] }, staleFormulas: [] });
  });

  test('a kept score formula over a written rate: its new result feeds the total, written in a second round', () => {
    // G4 (执行率) states 0.5 for 36/48 = 0.75; H4 = ROUND(F4*G4,2) is the user's; the total H15 is a plain 93 (5 + 88).
    const wb: Workbook = { sheets: [projectSheet({ rate: { v: 0.5, fmt: '0.00%' }, score: f('ROUND(F4*G4,2)', 5), total: { score: 93, grade: '优' } })] };
    const r = recalc(wb);
    expect(r.changes.changes.map((c) => [c.cell, c.before.v, c.after.v, c.reason])).toEqual([
      ['G4', 0.5, 0.75, 'fix'],
      ['H4', 5, 7.5, 'formula'],
      ['H15', 93, 95.5, 'fix'],
    ]);
    expect(r.findings.filter((x) => x.severity === 'error')).toEqual([]);
    expect(recalc(r.result).changes.changes).toEqual([]);
  });

  test('a result computed in one round from a formula found stale in the next is taken back and listed', () => {
    // 汇总!B2 = 附件3!H4 + B1 is evaluated in the first round (H4's new result, B1's cached one); the
    // second round writes the total H15, which B1 (MAX: not evaluated) reads: B1 is stale, so B2 is too.
    const sheet = projectSheet({ rate: { v: 0.5, fmt: '0.00%' }, score: f('ROUND(F4*G4,2)', 5), total: { score: 93, grade: '优' } });
    const other = sheetFromRows('汇总', [
      ['总分', f('MAX(附件3!H15,0)', 93)],
      ['合计', f('附件3!H4+B1', 98)],
    ]);
    const r = recalc({ sheets: [sheet, other] });
    expect(r.changes.changes.map((c) => [c.sheet, c.cell, c.after.v, c.reason])).toEqual([
      ['附件3', 'G4', 0.75, 'fix'],
      ['附件3', 'H4', 7.5, 'formula'],
      ['附件3', 'H15', 95.5, 'fix'],
    ]);
    expect(r.staleFormulas.map((x) => `${x.sheet}!${x.cell}`)).toEqual(['汇总!B1', '汇总!B2']);
    expect(r.result.sheets[1].rows[1][1]).toEqual(f('附件3!H4+B1', 98));
    expect(recalc(r.result).changes.changes).toEqual([]);
  });

  test('a kept score formula that cannot be evaluated stays as it is and is listed', () => {
    const wb: Workbook = { sheets: [projectSheet({ rate: { v: 0.5, fmt: '0.00%' }, score: f('MIN(F4,F4*G4)', 5), total: { score: 93 } })] };
    const r = recalc(wb);
    expect(r.changes.changes.map((c) => c.cell)).toEqual(['G4']);
    expect(r.staleFormulas).toEqual([{ sheet: '附件3', cell: 'H4', formula: '=MIN(F4,F4*G4)' }]);
  });
});
