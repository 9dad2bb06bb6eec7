// ROUND and TRUNC as Excel computes them, checked against big.js (exact decimal arithmetic) as the oracle:
// Excel rounds the value's 15-significant-digit decimal form, half away from zero (ROUND(1.005, 2) = 1.01).
import Big from 'big.js';
import fc from 'fast-check';
import { round, trunc } from '../../../src/core/num/decimal';

const RUNS = Number(process.env.FC_RUNS ?? 2000);
const ROUND_HALF_UP = 1; // big.js: to nearest, ties away from zero
const ROUND_DOWN = 0; // big.js: towards zero

function oracle(x: number, n: number, rm: 0 | 1): number {
  const v = Number(Big(x.toPrecision(15)).round(n, rm).toString());
  return v === 0 ? 0 : v; // -0 is 0 in a cell
}

/** Decimals as people type them: m / 10ᵏ, with the halves that binary floating point gets wrong. */
const typed = fc.tuple(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 8 })).map(([m, k]) => m / 10 ** k);
const halves = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 6 })).map(([m, k]) => (m * 10 + 5) / 10 ** (k + 1));
const doubles = fc.double({ min: -1e13, max: 1e13, noNaN: true, noDefaultInfinity: true });
const values = fc.oneof(typed, halves, doubles);
const places = fc.integer({ min: -3, max: 8 });

describe('decimal ROUND / TRUNC against big.js', () => {
  test.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-1.005, 2, -1.01],
    [0.285, 2, 0.29],
    [1234.5, 0, 1235],
    [-2.5, 0, -3],
    [15, -1, 20],
    [8.9125, 2, 8.91],
  ])('ROUND(%s, %s) = %s', (x, n, r) => {
    expect(round(x, n)).toBe(r);
    expect(oracle(x, n, ROUND_HALF_UP)).toBe(r);
  });

  test('ROUND agrees with the oracle', () => {
    fc.assert(fc.property(values, places, (x, n) => round(x, n) === oracle(x, n, ROUND_HALF_UP)), { numRuns: RUNS });
  });

  test('TRUNC agrees with the oracle', () => {
    fc.assert(fc.property(values, places, (x, n) => trunc(x, n) === oracle(x, n, ROUND_DOWN)), { numRuns: RUNS });
  });
});
