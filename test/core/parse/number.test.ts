import { labelledFigure, parseScalar } from '../../../src/core/parse/number';
import { headerInfo, isPlaceholder } from '../../../src/core/parse/text';

describe('§2 cell values', () => {
  test.each<[unknown, string | undefined, Record<string, unknown>]>([
    [35.65, undefined, { kind: 'number', value: 35.65, percent: false, decimals: 2 }],
    ['35.65万元', undefined, { kind: 'number', value: 35.65, money: '万元', decimals: 2 }],
    ['1,913,200.00', undefined, { kind: 'number', value: 1913200, decimals: 2 }],
    ['89.12%', undefined, { kind: 'number', value: 0.8912, percent: true, decimals: 2 }],
    ['８９．１２％', undefined, { kind: 'number', value: 0.8912, percent: true, decimals: 2 }],
    [' 12 ', undefined, { kind: 'number', value: 12 }],
    ['¥1,200.5元', undefined, { kind: 'number', value: 1200.5, money: '元' }],
    [0.9996, '0.00%', { kind: 'number', value: 0.9996, percent: true, decimals: 2 }],
    [0.6, '0%', { kind: 'number', value: 0.6, percent: true, decimals: 0 }],
    [98, undefined, { kind: 'number', value: 98, decimals: 0 }],
    [19.5, '0.00', { kind: 'number', value: 19.5, decimals: 2 }],
    ['-3.5', undefined, { kind: 'number', value: -3.5 }],
    ['约三十', undefined, { kind: 'invalid', shown: '约三十' }],
    [{ error: '#DIV/0!' }, undefined, { kind: 'invalid', shown: '#DIV/0!' }],
    [{ error: '#REF!' }, undefined, { kind: 'invalid', shown: '#REF!' }],
    [true, undefined, { kind: 'invalid' }],
    [null, undefined, { kind: 'blank' }],
    ['', undefined, { kind: 'blank' }],
    ['   ', undefined, { kind: 'blank' }],
    ['/', undefined, { kind: 'na' }],
    ['——', undefined, { kind: 'na' }],
    ['无', undefined, { kind: 'na' }],
    ['*', undefined, { kind: 'na' }],
    ['12.3.4', undefined, { kind: 'invalid' }],
    ['1,23', undefined, { kind: 'invalid' }],
  ])('%p (fmt %p)', (v, fmt, want) => {
    expect(parseScalar(v as never, fmt)).toMatchObject(want);
  });
});

describe('labelled figures in breakdown rows', () => {
  test.each([
    ['项目支出：70.66', 70.66],
    ['按收入性质分：982.60', 982.6],
    ['其中：基本支出：911.94', 911.94],
    ['政府性基金拨款：', null],
    ['其他资金', null],
    [12, 12],
  ])('%p → %p', (v, want) => expect(labelledFigure(v)).toBe(want));
});

describe('header normalisation', () => {
  test.each([
    ['年度指标值(A)', '年度指标值', false, undefined],
    ['实际完成值（B）', '实际完成值', false, undefined],
    ['执行率（B/A）', '执行率', false, undefined],
    ['全年预算数（万元）', '全年预算数', false, '万元'],
    ['执行率(%)', '执行率', true, undefined],
    ['完成率%', '完成率', true, undefined],
    ['年初预算数\n', '年初预算数', false, undefined],
    ['分 值：', '分值', false, undefined],
    ['金额（元）', '金额', false, '元'],
    ['ＡＢＣ', 'ABC', false, undefined],
  ])('%p → %p', (raw, key, percent, money) => {
    const h = headerInfo(raw);
    expect(h.key).toBe(key);
    expect(h.percent).toBe(percent);
    expect(h.money).toBe(money);
  });
  test.each([['', true], ['/', true], ['—', true], ['——', true], ['---', true], ['无', true], ['*', true], ['无直接经济效益', false], [0, false]])(
    'placeholder %p → %p',
    (v, want) => expect(isPlaceholder(v)).toBe(want),
  );
});
