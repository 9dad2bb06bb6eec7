// Property tests: parsers and the engine never throw on arbitrary cell contents and grids,
// and recalculation is idempotent on them.
import fc from 'fast-check';
import { analyze, recalc } from '../../src/core/engine';
import type { Cell, Rect, Sheet, Workbook } from '../../src/core/grid/types';
import { parseScalar } from '../../src/core/parse/number';
import { headerInfo } from '../../src/core/parse/text';
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
    }),
    { numRuns: NUM_RUNS },
  );
});
