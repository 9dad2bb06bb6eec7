import { agrees, clean, decimalsOf, formatDecimals, isPercentFormat, round, sub, trunc } from '../../../src/core/num/decimal';

describe('round equals Excel ROUND (half away from zero, decimal)', () => {
  test.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [1.0049999, 2, 1],
    [-1.005, 2, -1.01],
    [0.99960309, 4, 0.9996],
    [19.382, 2, 19.38],
    [0.125, 2, 0.13],
    [98.375, 2, 98.38],
    [0.5, 0, 1],
    [-0.5, 0, -1],
    [1234.5, -1, 1230],
    [1235, -1, 1240],
    [173470.7, -2, 173500],
    [1e-7, 4, 0],
    [0, 2, 0],
    [79.325, 2, 79.33],
  ])('ROUND(%p, %p) = %p', (x, n, want) => {
    expect(round(x, n)).toBe(want);
  });
});

describe('trunc', () => {
  test.each([
    [0.89125, 4, 0.8912],
    [19.999, 0, 19],
    [-1.239, 2, -1.23],
  ])('TRUNC(%p, %p) = %p', (x, n, want) => expect(trunc(x, n)).toBe(want));
});

test('decimal subtraction has no binary drift', () => {
  expect(250000 - 173470.7).not.toBe(76529.3);
  expect(sub(250000, 173470.7)).toBe(76529.3);
  expect(clean(1.3 * 200)).toBe(260);
});

describe('agrees: rounded or truncated to the stated decimals', () => {
  test.each([
    [19.382, 19, 0, true],
    [89.125, 89.12, 2, true],
    [89.125, 89.13, 2, true],
    [9.25, 9.3, 1, true],
    [8.76, 10, 0, false],
    [166.6667, 60, 2, false],
    [99.960309, 99.96, 2, true],
  ])('computed %p vs stated %p at %p decimals → %p', (c, s, d, want) => expect(agrees(c, s, d)).toBe(want));
});

describe('number formats', () => {
  test.each([
    ['0.00%', 2, true],
    ['0%', 0, true],
    ['#,##0.00', 2, false],
    ['0.0', 1, false],
    ['General', null, false],
    [undefined, null, false],
    ['"¥"#,##0.000;[Red]-#,##0.000', 3, false],
  ])('%p shows %p decimals, percent %p', (fmt, d, pct) => {
    expect(formatDecimals(fmt as string | undefined)).toBe(d);
    expect(isPercentFormat(fmt as string | undefined)).toBe(pct);
  });
  test.each([
    [19.38, 2],
    [19, 0],
    [0.0001, 4],
    [1e-7, 7],
  ])('decimalsOf(%p) = %p', (x, d) => expect(decimalsOf(x)).toBe(d));
});
