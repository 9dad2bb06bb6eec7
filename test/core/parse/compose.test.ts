import fc from 'fast-check';
import {
  composeIndicator,
  isNatureWord,
  parseIndicator,
  withUnit,
  type IndicatorCell,
  type IndicatorKind,
  type IndicatorValue,
} from '../../../src/core/parse/indicator';

// SPEC §1.2 split target columns: 指标性质 · 指标值 · 度量单位.
type Expect = Partial<IndicatorValue>;
const NUM = (op: IndicatorValue['op'], value: number, unit: string, text: string, extra: Expect = {}): Expect => ({
  kind: 'number', op, value, unit, text, ...extra,
});
const K = (kind: IndicatorKind, text?: string): Expect => (text === undefined ? { kind } : { kind, text });
const cell = (v: unknown, fmt?: string): IndicatorCell | undefined => (v === undefined ? undefined : fmt ? { v, fmt } : { v });

// [nature, value, unit, isCost, expected subset]; a value [v, fmt] is a formatted number.
const rows: [unknown, unknown, unknown, boolean, Expect][] = [
  // nature words
  ['正向', 100, '%', false, NUM('>=', 100, '%', '≥100%', { explicitOp: true })],
  ['正向', '100', '%', false, NUM('>=', 100, '%', '≥100%')],
  ['反向', '1,200', '元', false, NUM('<=', 1200, '元', '≤1,200元', { explicitOp: true })],
  ['反向', 5, '%', false, NUM('<=', 5, '%', '≤5%')],
  ['等于', 0, '次', false, NUM('=', 0, '次', '=0次')],
  ['正向指标', 3, '个', false, NUM('>=', 3, '个', '≥3个')],
  [' 反向 ', 3, '天', false, NUM('<=', 3, '天', '≤3天')],
  // 定量 and blank: no operator stated (§3 default: >=, or <= under 成本 for money and %)
  ['定量', 95, '%', false, NUM('>=', 95, '%', '95%', { explicitOp: false })],
  ['定量', 50, '万元', true, NUM('<=', 50, '万元', '50万元', { explicitOp: false })],
  ['', 50, '万元', true, NUM('<=', 50, '万元', '50万元')],
  [undefined, 50, '万元', true, NUM('<=', 50, '万元', '50万元')],
  [undefined, 30, '次', true, NUM('>=', 30, '次', '30次')],
  [undefined, 95, undefined, false, NUM('>=', 95, '', '95')],
  ['中性', 5, '次', false, NUM('>=', 5, '次', '5次', { explicitOp: false })], // unknown nature: no operator
  // operator symbols, look-alikes and words
  ['≥', 95, '%', false, NUM('>=', 95, '%', '≥95%', { explicitOp: true })],
  [' ≥ ', '95', '%', false, NUM('>=', 95, '%', '≥95%')],
  ['≧', 95, '%', false, NUM('>=', 95, '%', '≥95%')],
  ['>=', 95, '%', false, NUM('>=', 95, '%', '≥95%')],
  ['＞＝', 95, '%', false, NUM('>=', 95, '%', '≥95%')],
  ['＞', 0, '', false, NUM('>', 0, '', '>0')],
  ['>', 0, '', false, NUM('>', 0, '', '>0')],
  ['≤', 10, '万元', false, NUM('<=', 10, '万元', '≤10万元')],
  ['≦', 10, '万元', false, NUM('<=', 10, '万元', '≤10万元')],
  ['<=', 10, '万元', false, NUM('<=', 10, '万元', '≤10万元')],
  ['＜', 5, '%', false, NUM('<', 5, '%', '<5%')],
  ['<', 5, '%', false, NUM('<', 5, '%', '<5%')],
  ['＝', 100, '%', false, NUM('=', 100, '%', '=100%')],
  ['=', 100, '%', false, NUM('=', 100, '%', '=100%')],
  ['═', 100, '%', false, NUM('=', 100, '%', '=100%')],
  ['﹦', 0, '起', false, NUM('=', 0, '', '=0起')], // unknown unit: none, as '90分' reads; the text keeps it
  ['大于等于', 3, '次', false, NUM('>=', 3, '次', '≥3次')],
  ['不低于', 90, '%', false, NUM('>=', 90, '%', '≥90%')],
  ['小于等于', 5, '万元', true, NUM('<=', 5, '万元', '≤5万元')],
  ['不超过', 5, '万元', false, NUM('<=', 5, '万元', '≤5万元')],
  ['≤', 95, '%', true, NUM('<=', 95, '%', '≤95%')],
  ['≥', 95, '%', true, NUM('>=', 95, '%', '≥95%')], // a stated operator beats the 成本 default
  // value cells: %-formatted numbers, text with its own unit or operator, ranges
  ['≥', [0.95, '0%'], '%', false, NUM('>=', 95, '%', '≥95%')],
  ['≥', [0.95, '0.00%'], '', false, NUM('>=', 95, '%', '≥95%')],
  ['≥', '95%', '%', false, NUM('>=', 95, '%', '≥95%')],
  ['≥', '９５％', '%', false, NUM('>=', 95, '%', '≥９５％')],
  ['≥', '6个单位', '个', false, NUM('>=', 6, '个', '≥6个单位')],
  ['≥', '5次', '个', false, NUM('>=', 5, '次', '≥5次')], // the value's own unit wins
  ['≥', '≥95', '%', false, NUM('>=', 95, '%', '≥95%')],
  ['≤', '≥95', '%', false, NUM('>=', 95, '%', '≥95%')], // the value's own operator wins
  ['≥', '95以上', '%', false, NUM('>=', 95, '%', '95%以上')],
  ['≥', '95及以上', '%', false, NUM('>=', 95, '%', '95%及以上')],
  [undefined, '10内', '天', false, NUM('<=', 10, '天', '10天内')],
  ['≥', '1,200', '元', false, NUM('>=', 1200, '元', '≥1,200元')],
  ['≥', '1200.50', '元', false, NUM('>=', 1200.5, '元', '≥1200.50元', { decimals: 2 })],
  ['≥', 1200.5, '元', false, NUM('>=', 1200.5, '元', '≥1200.5元', { decimals: 1 })],
  ['≥', -5, '', false, NUM('>=', -5, '', '≥-5')],
  ['≥', '90-95', '%', false, { kind: 'range', op: '=', value: 90, hi: 95, unit: '%', explicitOp: true, text: '≥90-95%' }],
  [undefined, '5～10', '次', false, { kind: 'range', value: 5, hi: 10, unit: '次' }],
  // unit cells
  ['≥', 100, '平方米', false, NUM('>=', 100, '㎡', '≥100平方米')],
  ['≥', 100, '％', false, NUM('>=', 100, '%', '≥100％')],
  ['≥', 95, '百分比', false, NUM('>=', 95, '%', '≥95百分比')],
  ['≥', 200, '人次', false, NUM('>=', 200, '人次', '≥200人次')],
  ['≤', 100, '元/人', true, NUM('<=', 100, '元', '≤100元/人')],
  ['≥', 100, '人次/年度考核口径说明', false, NUM('>=', 100, '人次', '≥100人次/年度考核口径说明')],
  ['≥', 3, 'km', false, NUM('>=', 3, '', '≥3km')],
  ['≥', 95, '/', false, NUM('>=', 95, '', '≥95')], // a placeholder unit is none
  ['≥', 95, ' % ', false, NUM('>=', 95, '%', '≥95%')],
  // 万 + unit: the value stays as stated, the unit keeps its 万 (see withUnit)
  ['≥', 1.5, '万人次', false, NUM('>=', 1.5, '万人次', '≥1.5万人次')],
  ['≥', 2, '万亩', false, NUM('>=', 2, '万亩', '≥2万亩')],
  ['≤', 1.2, '万元', true, NUM('<=', 1.2, '万元', '≤1.2万元')],
  // 定性 makes the value qualitative whatever it says
  ['定性', '好评如潮', undefined, false, K('qualitative', '好评如潮')],
  ['定性', '≥90', '%', false, K('qualitative', '≥90%')],
  ['定性', 100, '%', false, K('qualitative', '100%')],
  ['定性指标', '按时完成', '', false, K('qualitative', '按时完成')],
  // a qualitative value stays qualitative
  ['＝', '是', '', false, K('qualitative', '是')],
  ['正向', '否', undefined, false, K('qualitative', '否')],
  ['≥', '好', '', false, K('qualitative', '好')],
  ['≥', '约30', '%', false, K('qualitative', '约30%')],
  ['≥', '三个部门', '个', false, K('qualitative')],
  // a time stays a time; a number the unit makes a time is one
  ['≥', '按时完成', '', false, K('time', '按时完成')],
  ['≤', '2024年12月31日前', undefined, false, K('time', '2024年12月31日前')],
  ['≤', 10, '个工作日', false, K('time', '≤10个工作日')],
  ['≤', 3, '个月', false, K('time', '≤3个月')],
  [undefined, new Date(Date.UTC(2024, 11, 31)), undefined, false, K('time', '2024-12-31')],
  // blank or placeholder value: not applicable, whatever the nature
  ['≥', undefined, '%', false, K('na')],
  ['≥', null, '%', false, K('na')],
  ['定性', '', '', false, K('na')],
  ['≥', '/', '%', false, K('na')],
  // several indicators in the value cell
  ['≥', '1、1.2\n2、1.3', '万元', false, K('multi')],
  // odd cells
  ['≥', { error: '#N/A' }, '%', false, K('qualitative', '#N/A')],
  ['≥', Number.NaN, '%', false, K('qualitative')],
  [95, 95, '%', false, NUM('>=', 95, '%', '95%', { explicitOp: false })], // a number is no nature
];

const valueCell = (v: unknown): IndicatorCell | undefined =>
  Array.isArray(v) ? cell(v[0], v[1] as string) : cell(v);

describe('composeIndicator', () => {
  test.each(rows)('%p · %p · %p (isCost=%p)', (nature, value, unit, isCost, expected) => {
    const r = composeIndicator(cell(nature), valueCell(value), cell(unit), isCost);
    expect(r).toMatchObject(expected);
    if (r.kind !== 'number' && r.kind !== 'range') expect(r.value).toBeNaN();
    if (r.kind !== 'range') expect(r).not.toHaveProperty('hi');
    expect(Object.isFrozen(r)).toBe(true);
  });

  test('agrees with the single-cell parser on the composed text', () => {
    for (const [n, v, u, text] of [
      ['≥', 95, '%', '≥95%'], ['≤', 812.38, '万元', '≤812.38万元'], ['正向', 735, '人次', '≥735人次'],
      [undefined, 30, '次', '30次'], ['＞', 0, '', '>0'],
    ] as const) {
      for (const isCost of [false, true]) {
        const { text: _t, ...a } = composeIndicator(cell(n), cell(v), cell(u), isCost);
        const { text: _p, ...b } = parseIndicator(text, { isCost });
        expect(a).toEqual(b);
      }
    }
  });

  test('remembers results: the same cells give the same object', () => {
    const a = composeIndicator({ v: '≥' }, { v: 95 }, { v: '%' }, false);
    expect(composeIndicator({ v: '≥' }, { v: 95 }, { v: '%' }, false)).toBe(a);
    expect(composeIndicator({ v: '≥' }, { v: 95 }, { v: '%' }, true)).not.toBe(a);
    expect(composeIndicator({ v: '≥' }, { v: 95 }, { v: '次' }, false)).toMatchObject({ unit: '次' });
    expect(composeIndicator({ v: '≥' }, { v: 0.95, fmt: '0%' }, { v: '%' }, false)).toMatchObject({ value: 95 });
    expect(composeIndicator({ v: '≥' }, { v: 0.95 }, { v: '%' }, false)).toMatchObject({ value: 0.95 });
    expect(composeIndicator({ v: '≥' }, { v: '95' }, { v: '%' }, false)).toMatchObject({ value: 95, unit: '%' });
    // texts of different cells never run together in the key
    expect(composeIndicator({ v: '≥' }, { v: 1 }, { v: '次' }, false)).toMatchObject({ op: '>=', unit: '次' });
    expect(composeIndicator({ v: '≥次' }, { v: 1 }, undefined, false)).toMatchObject({ op: '>=', unit: '' });
  });

  test('never throws, and gives a well-formed value', () => {
    const KINDS = new Set(['number', 'range', 'time', 'qualitative', 'na', 'multi']);
    const text = fc.oneof(
      fc.constantFrom('≥', '＞', '＝', '≤', '＜', '≧', '≦', '﹦', '═', '正向', '反向', '等于', '定性', '定量', '', ' ', '/'),
      fc.string(),
    );
    const unitText = fc.oneof(fc.constantFrom('%', '万元', '元', '人次', '个', '万人次', '元/人', '起', '', '/'), fc.string());
    const value = fc.oneof(fc.string(), fc.double(), fc.constant(null), fc.anything());
    fc.assert(
      fc.property(text, value, unitText, fc.boolean(), fc.boolean(), (n, v, u, pct, isCost) => {
        const r = composeIndicator({ v: n }, { v, fmt: pct ? '0%' : undefined }, { v: u }, isCost);
        expect(KINDS.has(r.kind)).toBe(true);
        expect(typeof r.text).toBe('string');
        if (r.kind === 'number' || r.kind === 'range') expect(Number.isFinite(r.value)).toBe(true);
        if (r.kind === 'range') expect(r.hi! >= r.value).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isNatureWord', () => {
  test.each([
    '≥', '＞', '＝', '≤', '＜', '≧', '≦', '﹦', '═', '>', '<', '=', '>=', '<=', '＞＝', ' ≥ ', '\u3000≤\u3000',
    '正向', '反向', '等于', '定性', '定量', '正向指标', '定性指标', '大于等于', '小于等于', '不低于', '不超过', '不少于',
  ])('%p is a nature', (s) => expect(isNatureWord(s)).toBe(true));

  test.each(['', ' ', '/', '满意度', '95', '≥95%', '中性', '正向的', '项目完成率', '大于等于90'])('%p is not', (s) =>
    expect(isNatureWord(s)).toBe(false));
});

describe('withUnit', () => {
  test.each([
    [95, '%', { kind: 'number', value: 95, unit: '%', text: '95%' }],
    ['95', '%', { value: 95, unit: '%', text: '95%' }],
    [200, '人次', { value: 200, unit: '人次', text: '200人次' }],
    [100, '平方米', { value: 100, unit: '㎡', text: '100平方米' }],
    [1.6, '万人次', { value: 1.6, unit: '万人次', text: '1.6万人次' }],
    ['90-95', '%', { kind: 'range', value: 90, hi: 95, unit: '%', text: '90-95%' }],
  ] as const)('%p + %p', (v, unit, expected) => {
    const r = withUnit(parseIndicator(v), unit);
    expect(r).toMatchObject(expected);
    expect(Object.isFrozen(r)).toBe(true);
  });

  test.each([
    ['95%', '次'], // has its own unit
    ['5次', '%'],
    ['按时完成', '%'], // not a number
    ['好', '%'],
    ['/', '%'],
    ['1、95%\n2、100%', '%'],
    [95, ''], // no unit to give
    [95, '/'],
    [95, '起'], // a unit the parser does not know
  ] as const)('%p + %p: unchanged', (v, unit) => {
    const p = parseIndicator(v);
    expect(withUnit(p, unit)).toBe(p);
  });

  test('a bare actual compares with a 万人次 target in one scale', () => {
    const target = composeIndicator({ v: '≥' }, { v: 1.5 }, { v: '万人次' }, false);
    const actual = withUnit(parseIndicator(1.6), target.unit);
    expect(actual.unit).toBe(target.unit);
    expect(actual.value).toBe(1.6);
  });
});
