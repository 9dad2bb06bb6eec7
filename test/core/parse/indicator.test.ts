import fc from 'fast-check';
import {
  chineseNumeral,
  parseIndicator,
  toBaseUnit,
  unitsCompatible,
  type IndicatorKind,
  type IndicatorValue,
} from '../../../src/core/parse/indicator';

type Expect = Partial<Omit<IndicatorValue, 'text'>>;
const NUM = (op: IndicatorValue['op'], value: number, unit = '', extra: Expect = {}): Expect => ({
  kind: 'number', op, value, unit, ...extra,
});
const RANGE = (value: number, hi: number, unit = '', extra: Expect = {}): Expect => ({
  kind: 'range', op: '=', value, hi, unit, ...extra,
});
const K = (kind: IndicatorKind): Expect => ({ kind });

// [input, isCost, expected subset]
const rows: [unknown, boolean, Expect][] = [
  // numbers with units, default operator
  ['67人', false, NUM('>=', 67, '人', { explicitOp: false, decimals: 0 })],
  ['1次', false, NUM('>=', 1, '次')],
  ['34次', false, NUM('>=', 34, '次')],
  ['100%', false, NUM('>=', 100, '%', { explicitOp: false })],
  ['837.48万元', false, NUM('>=', 837.48, '万元', { decimals: 2 })],
  ['837.48万元', true, NUM('<=', 837.48, '万元', { explicitOp: false })],
  ['50元', true, NUM('<=', 50, '元')],
  ['95%', true, NUM('<=', 95, '%')],
  ['100', true, NUM('<=', 100, '')],
  ['30次', true, NUM('>=', 30, '次')], // 成本 only flips money and %
  ['1,913,200.00元', false, NUM('>=', 1913200, '元', { decimals: 2 })],
  ['12,000', false, NUM('>=', 12000, '')],
  ['3.5', false, NUM('>=', 3.5, '', { decimals: 1 })],
  ['0.95', false, NUM('>=', 0.95, '', { decimals: 2 })],
  ['-5', false, NUM('>=', -5, '')],
  ['6个单位', false, NUM('>=', 6, '个')],
  ['200人次', false, NUM('>=', 200, '人次')],
  ['12份', false, NUM('>=', 12, '份')],
  ['8条', false, NUM('>=', 8, '条')],
  ['3篇', false, NUM('>=', 3, '篇')],
  ['5件', false, NUM('>=', 5, '件')],
  ['2场', false, NUM('>=', 2, '场')],
  ['4项', false, NUM('>=', 4, '项')],
  ['120户', false, NUM('>=', 120, '户')],
  ['3家', false, NUM('>=', 3, '家')],
  ['2所', false, NUM('>=', 2, '所')],
  ['500㎡', false, NUM('>=', 500, '㎡')],
  ['100平方米', false, NUM('>=', 100, '㎡')],
  ['24小时', false, NUM('>=', 24, '小时')],
  ['30天', false, NUM('>=', 30, '天')],
  ['1.5万人次', false, NUM('>=', 15000, '人次', { decimals: 0 })],
  ['90分', false, NUM('>=', 90, '')], // unknown unit: a number without unit
  // Chinese numerals
  ['两次', false, NUM('>=', 2, '次')],
  ['一次', false, NUM('>=', 1, '次')],
  ['十个', false, NUM('>=', 10, '个')],
  ['十二场', false, NUM('>=', 12, '场')],
  ['五万元', false, NUM('>=', 5, '万元')],
  ['不少于两次', false, NUM('>=', 2, '次', { explicitOp: true })],
  // prefix operators
  ['不少于30次', false, NUM('>=', 30, '次', { explicitOp: true })],
  ['≥95%', false, NUM('>=', 95, '%', { explicitOp: true })],
  ['≥98%', false, NUM('>=', 98, '%')],
  ['>=90%', false, NUM('>=', 90, '%')],
  ['≧80%', false, NUM('>=', 80, '%')],
  ['不低于90%', false, NUM('>=', 90, '%')],
  ['至少3次', false, NUM('>=', 3, '次')],
  ['大于等于90%', false, NUM('>=', 90, '%', { explicitOp: true })],
  ['达到100%', false, NUM('>=', 100, '%', { explicitOp: true })],
  ['>0', false, NUM('>', 0, '')],
  ['大于80%', false, NUM('>', 80, '%')],
  ['高于85%', false, NUM('>', 85, '%')],
  ['≤812.38万元', false, NUM('<=', 812.38, '万元', { explicitOp: true, decimals: 2 })],
  ['<=5万元', false, NUM('<=', 5, '万元')],
  ['≦3%', false, NUM('<=', 3, '%')],
  ['不超过100万元', false, NUM('<=', 100, '万元')],
  ['不高于5%', false, NUM('<=', 5, '%')],
  ['不多于3次', false, NUM('<=', 3, '次')],
  ['小于等于5万元', false, NUM('<=', 5, '万元')],
  ['控制在50万元', false, NUM('<=', 50, '万元', { explicitOp: true })],
  ['<5%', false, NUM('<', 5, '%')],
  ['小于1%', false, NUM('<', 1, '%')],
  ['低于2%', false, NUM('<', 2, '%')],
  ['=100%', false, NUM('=', 100, '%')],
  ['等于100%', false, NUM('=', 100, '%')],
  ['≥95%', true, NUM('>=', 95, '%')], // explicit beats the 成本 default
  // suffix operators
  ['10天以内', false, NUM('<=', 10, '天', { explicitOp: true })],
  ['95%以上', false, NUM('>=', 95, '%', { explicitOp: true })],
  ['3小时以下', false, NUM('<=', 3, '小时')],
  ['95%及以上', false, NUM('>=', 95, '%')],
  ['95%（含）以上', false, NUM('>=', 95, '%')],
  ['3天内', false, NUM('<=', 3, '天')],
  ['满意度95%以上', false, NUM('>=', 95, '%')],
  // labels before the operator
  ['满意度≥90%', false, NUM('>=', 90, '%', { explicitOp: true })],
  ['资金拨付及时率≥95%', false, NUM('>=', 95, '%')],
  ['满意度：≥90%', false, NUM('>=', 90, '%')],
  ['1、满意度≥90%', false, NUM('>=', 90, '%')],
  // percent forms
  ['百分比95', false, NUM('>=', 95, '%')],
  ['95百分比', false, NUM('>=', 95, '%')],
  ['95％', false, NUM('>=', 95, '%')],
  // full-width and whitespace
  ['８９．１２％', false, NUM('>=', 89.12, '%', { decimals: 2 })],
  ['≥９５％', false, NUM('>=', 95, '%')],
  ['＞＝９０％', false, NUM('>=', 90, '%')],
  ['\u3000 ≥ 95 % \n', false, NUM('>=', 95, '%')],
  ['满意度\n≥90%', false, NUM('>=', 90, '%')],
  ['100%。', false, NUM('>=', 100, '%')],
  // JS values from cells
  [100, false, NUM('>=', 100, '', { explicitOp: false, decimals: 0 })],
  [0.95, false, NUM('>=', 0.95, '', { decimals: 2 })],
  [0.95, true, NUM('<=', 0.95, '')],
  [-3, false, NUM('>=', -3, '')],
  [NaN, false, K('qualitative')],
  [Infinity, false, K('qualitative')],
  [null, false, K('na')],
  [undefined, false, K('na')],
  [true, false, K('qualitative')],
  [{ error: '#N/A' }, false, K('qualitative')],
  [{}, false, K('qualitative')],
  [new Date(2024, 11, 31), false, K('time')],
  // ranges
  ['90%-95%', false, RANGE(90, 95, '%')],
  ['90-95%', false, RANGE(90, 95, '%')],
  ['5~10次', false, RANGE(5, 10, '次')],
  ['5～10次', false, RANGE(5, 10, '次')],
  ['5至10次', false, RANGE(5, 10, '次')],
  ['90%—95%', false, RANGE(90, 95, '%')],
  ['1.5-2.25万元', false, RANGE(1.5, 2.25, '万元', { decimals: 2 })],
  ['10-5', false, RANGE(5, 10, '')],
  ['5元-10万元', false, K('qualitative')], // units disagree
  // time
  ['2023年全年', false, K('time')],
  ['全年', false, K('time')],
  ['在12月底', false, K('time')],
  ['12月31日前', false, K('time')],
  ['2024年年底前', false, K('time')],
  ['5年内', false, K('time')],
  ['按季度发布', false, K('time')],
  ['按时', false, K('time')],
  ['及时', false, K('time')],
  ['2023年', false, K('time')],
  ['2024年12月31日前完成', false, K('time')],
  ['2024-06-30', false, K('time')],
  ['2024/6/30前', false, K('time')],
  ['3个月', false, K('time')],
  ['≤10个工作日', false, K('time')],
  ['上半年', false, K('time')],
  ['每月', false, K('time')],
  ['如期完成', false, K('time')],
  ['2023.12.31', false, K('time')],
  ['2023.12', false, NUM('>=', 2023.12, '')], // one dot: a decimal, not a date
  // qualitative
  ['无直接经济效益', false, K('qualitative')],
  ['宏观推动发展', false, K('qualitative')],
  ['保证基本支出，开展人大履职活动', false, K('qualitative')],
  ['对区管委5个职能部门开展了工作评议', false, K('qualitative')],
  ['召开区六届人大三次会议', false, K('qualitative')],
  ['长期坚持', false, K('qualitative')],
  ['三个部门', false, K('qualitative')], // a Chinese numeral must stand alone
  ['确保项目达到验收标准', false, K('qualitative')],
  ['培训2次', false, K('qualitative')], // no operator: no label allowed
  ['2023年完成5个项目', false, K('qualitative')],
  ['按时完成率100%', false, K('qualitative')],
  ['保证资金及时拨付到位，确保项目顺利实施', false, K('qualitative')],
  ['提高', false, K('qualitative')],
  ['≥', false, K('qualitative')],
  ['有效', false, K('qualitative')],
  ['9'.repeat(400), false, K('qualitative')], // overflows to Infinity
  // not applicable
  ['/', false, K('na')],
  ['-', false, K('na')],
  ['—', false, K('na')],
  ['——', false, K('na')],
  ['---', false, K('na')],
  ['无', false, K('na')],
  ['*', false, K('na')],
  ['', false, K('na')],
  ['   ', false, K('na')],
  ['\u3000／\u3000', false, K('na')],
  ['－', false, K('na')],
  // several indicators
  ['1、培训≥2次\n2、调研≥5次', false, K('multi')],
  ['≥2次；≥5次', false, K('multi')],
  ['≥2次;≥5次', false, K('multi')],
  ['1.培训2次\n2.调研5次', false, K('multi')],
  ['(1)培训2次(2)调研5次', false, K('multi')],
  ['①培训 ②调研', false, K('multi')],
  ['培训≥2次，调研5次以上', false, K('multi')],
  ['满意度≥90%\n合格率≥95%', false, K('multi')],
  ['不少于两次；不少于三次', false, K('multi')],
];

// Numbered lines each holding an amount (issue 9): multi, never qualitative. '1.2' after '1、' or
// '1.' is the item's value, not part of the list mark.
const numbered: [string, Expect][] = [
  ['1、1.2万元\n2、1.3万元\n3、2.4万元', K('multi')],
  ['1、12万元\n2、13万元', K('multi')],
  ['1、95%\n2、100%', K('multi')],
  ['1.1.2万元\n2.1.3万元', K('multi')],
  ['1. 1.2万元\n2. 1.3万元', K('multi')],
  ['(1)1.2万元\n(2)1.3万元', K('multi')],
  ['（1）1.2万元\n（2）1.3万元', K('multi')],
  ['①1.2万元\n②1.3万元', K('multi')],
  ['⑴1.2万元\n⑵1.3万元', K('multi')],
  ['⒈1.2万元\n⒉1.3万元', K('multi')],
  ['１、１．２万元\n２、１．３万元', K('multi')], // full-width digits and point
  ['１．１．２万元\n２．１．３万元', K('multi')],
  ['1、1.2万元；2、1.3万元', K('multi')],
  ['1、1.2万元;2、1.3万元', K('multi')],
  ['1、1.2万元；\n2、1.3万元；', K('multi')],
  ['1、1.2万元 2、1.3万元', K('multi')],
  ['1、1.2万元，2、1.3万元', K('multi')],
  ['1､1.2万元\n2､1.3万元', K('multi')], // half-width ideographic comma
  // lines each holding a value of their own, unnumbered
  ['1.12万元\n2.13万元', K('multi')],
  ['12万元；13万元', K('multi')],
  ['满意度90%\n合格率95%', K('multi')],
  ['培训2次\n调研5次', K('multi')],
  // one numbered line: one value
  ['1、≥95%', NUM('>=', 95, '%', { explicitOp: true })],
  ['1、1.2万元', NUM('>=', 1.2, '万元', { decimals: 1 })],
  ['1、100%', NUM('>=', 100, '%')],
  ['1.1.2万元', NUM('>=', 1.2, '万元')],
  ['1. 1.2万元', NUM('>=', 1.2, '万元')],
  ['(1)1.2万元', NUM('>=', 1.2, '万元')],
  ['①≥95%', NUM('>=', 95, '%')],
  ['１、１．２万元', NUM('>=', 1.2, '万元')],
  ['1、1.2万元；', NUM('>=', 1.2, '万元')],
  ['1.2万元', NUM('>=', 1.2, '万元', { decimals: 1 })], // a decimal, not item 1
  ['12.5%', NUM('>=', 12.5, '%')],
  ['1200\n万元', NUM('>=', 1200, '万元')], // the unit wrapped onto its own line
  ['满意度\n≥90%', NUM('>=', 90, '%')],
  // sentences with numerals stay qualitative, numbered or not
  ['对区管委5个职能部门开展了工作评议', K('qualitative')],
  ['1、对区管委5个职能部门开展了工作评议', K('qualitative')],
  ['对区管委5个职能部门开展了工作评议\n召开区六届人大三次会议', K('qualitative')],
  ['保障2个单位正常运转\n提高服务水平', K('qualitative')],
  // times on several lines stay a time
  ['2023年\n12月31日前', K('time')],
  ['1、2月', K('time')],
];

// SPEC §3 operators, look-alike characters and words included. [operator, op]
const operators: [string, IndicatorValue['op']][] = [
  ['≥', '>='], ['>=', '>='], ['≧', '>='], ['⩾', '>='], ['≮', '>='], ['＞＝', '>='], ['=>', '>='],
  ['不少于', '>='], ['不低于', '>='], ['不小于', '>='], ['至少', '>='], ['大于等于', '>='], ['大于或等于', '>='], ['达到', '>='],
  ['>', '>'], ['＞', '>'], ['﹥', '>'], ['大于', '>'], ['高于', '>'], ['超过', '>'],
  ['≤', '<='], ['<=', '<='], ['≦', '<='], ['⩽', '<='], ['≯', '<='], ['＜＝', '<='], ['=<', '<='],
  ['不超过', '<='], ['不高于', '<='], ['不多于', '<='], ['不大于', '<='], ['小于等于', '<='], ['小于或等于', '<='], ['控制在', '<='],
  ['<', '<'], ['＜', '<'], ['﹤', '<'], ['小于', '<'], ['低于', '<'],
  ['=', '='], ['＝', '='], ['﹦', '='], ['═', '='], ['等于', '='],
];

describe('parseIndicator', () => {
  test.each(rows)('%p (isCost=%p)', (input, isCost, expected) => {
    const r = parseIndicator(input, { isCost });
    expect(r).toMatchObject(expected);
    if (r.kind !== 'number' && r.kind !== 'range') expect(r.value).toBeNaN();
    if (r.kind !== 'range') expect(r).not.toHaveProperty('hi');
  });

  test.each(numbered)('numbered amounts: %p', (input, expected) => {
    expect(parseIndicator(input)).toMatchObject(expected);
  });

  test.each(operators)('operator %p reads %p', (sym, op) => {
    expect(parseIndicator(`${sym}5%`)).toMatchObject(NUM(op, 5, '%', { explicitOp: true }));
    expect(parseIndicator(`${sym} 5 %`)).toMatchObject(NUM(op, 5, '%', { explicitOp: true }));
    expect(parseIndicator(`合格率${sym}5%`)).toMatchObject(NUM(op, 5, '%', { explicitOp: true }));
    expect(parseIndicator(`${sym}5万元`, { isCost: true })).toMatchObject(NUM(op, 5, '万元', { explicitOp: true }));
    expect(parseIndicator(`${sym}5次；${sym}6次`).kind).toBe('multi');
  });

  test.each(['═══', '﹦', '≮', '＝＝'])('an operator alone is no value: %p', (s) => {
    expect(parseIndicator(s).kind).toBe('qualitative');
  });

  test('keeps the original text, trimmed', () => {
    expect(parseIndicator('  ≥９５％\n').text).toBe('≥９５％');
    expect(parseIndicator(34).text).toBe('34');
    expect(parseIndicator({ error: '#N/A' }).text).toBe('#N/A');
  });

  test('options are optional', () => {
    expect(parseIndicator('837.48万元')).toMatchObject({ op: '>=' });
  });
});

describe('chineseNumeral', () => {
  test.each([
    ['一', 1], ['两', 2], ['十', 10], ['十二', 12], ['二十', 20], ['二十五', 25], ['一百', 100],
    ['一百零五', 105], ['三千', 3000], ['一万', 10000], ['万', 10000], ['三万五千', 35000], ['零', 0],
  ])('%s → %d', (s, n) => expect(chineseNumeral(s)).toBe(n));

  test.each(['', '一二', '十百', '万万', 'abc', '五个'])('%p → null', (s) => expect(chineseNumeral(s)).toBeNull());
});

describe('units', () => {
  test.each([
    ['元', '万元', true], ['万元', '元', true], ['%', '%', true], ['', '次', true], ['次', '', true],
    ['次', '人次', false], ['%', '元', false], ['人', '个', false],
    ['万人次', '人次', true], ['人次', '万人次', true], ['万亩', '', true], ['万人次', '次', false], ['万人次', '万元', false],
  ])('unitsCompatible(%p, %p) = %p', (a, b, ok) => expect(unitsCompatible(a, b)).toBe(ok));

  test('toBaseUnit', () => {
    expect(toBaseUnit(1.5, '万元')).toBe(15000);
    expect(toBaseUnit(15000, '元')).toBe(15000);
    expect(toBaseUnit(95, '%')).toBe(95);
    expect(toBaseUnit(1.5, '万人次')).toBe(15000);
    expect(toBaseUnit(2, '万亩')).toBe(20000);
  });
});

describe('never throws', () => {
  const KINDS = new Set(['number', 'range', 'time', 'qualitative', 'na', 'multi']);
  const check = (raw: unknown, isCost: boolean): void => {
    const r = parseIndicator(raw, { isCost });
    expect(KINDS.has(r.kind)).toBe(true);
    expect(typeof r.text).toBe('string');
    expect(Number.isInteger(r.decimals) && r.decimals >= 0).toBe(true);
    if (r.kind === 'number' || r.kind === 'range') expect(Number.isFinite(r.value)).toBe(true);
    if (r.kind === 'range') expect(Number.isFinite(r.hi) && r.hi! >= r.value).toBe(true);
  };
  const token = fc.constantFrom(
    '0', '1', '5', '9', '12', '95', '.', ',', '%', '％', '-', '~', '～', '—', '≥', '≤', '>', '<', '=', '>=',
    '不少于', '不超过', '大于等于', '控制在', '以上', '以内', '以下', '内', '万元', '元', '次', '人次', '个', '㎡',
    '平方米', '百分比', '年', '月', '日', '前', '全年', '按时', '及时', '一', '两', '十', '百', '万', '零',
    '、', '(', ')', '（', '）', '含', '\n', ' ', '\u3000', '；', '，', '。', '无', '/', '*', '满意度', '１', '９',
  );
  const mix = fc.array(token, { maxLength: 12 }).map((a) => a.join(''));

  test('fc.string', () => fc.assert(fc.property(fc.string(), fc.boolean(), (s, c) => check(s, c))));
  test('graphemes', () =>
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.boolean(), (s, c) => check(s, c))));
  test('binary strings', () =>
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (s, c) => check(s, c))));
  test('mixes of digits, operators, units and Chinese', () =>
    fc.assert(fc.property(mix, fc.boolean(), (s, c) => check(s, c)), { numRuns: 3000 }));
  test('any value', () => fc.assert(fc.property(fc.anything(), fc.boolean(), (v, c) => check(v, c))));
  test('any double', () => fc.assert(fc.property(fc.double(), fc.boolean(), (v, c) => check(v, c))));
});
